/** Result names and numbers, code profiles, toHResult. Spec: docs/rsm-semantics.md 2.1, 2.2, D1, D2. */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  DEFAULT_CODE_PROFILE,
  defineCodeProfile,
  formatHResult,
  PSEUDO_RESULT_NAMES,
  RESOURCE_NOT_PRESENT_PROFILE,
  ResultTable,
  toHResult,
  Win32,
} from '../../../rsm/index.js';

describe('rsm results table', () => {
  it('pins the default numbers of the pseudo-names (per docs/rsm-semantics.md D1)', () => {
    expect(DEFAULT_CODE_PROFILE.codes).to.deep.equal({
      ERROR_NO_SLOT_SET: 4332,
      ERROR_NO_SLOT_RESERVED: 4332,
      ERROR_ALREADY_RESERVED: 4331,
      ERROR_SLOT_FULL: 5006,
      ERROR_SLOT_NOT_PRESENT: 5006,
      ERROR_SLOT_EMPTY: 4306,
      ERROR_INVALID_SLOT: 4312,
    });
  });

  it('keeps the winerror.h numbers of the real names it uses (docs/rsm-semantics.md 2.1)', () => {
    expect([
      Win32.ERROR_INVALID_HANDLE,
      Win32.ERROR_INVALID_PARAMETER,
      Win32.ERROR_NOT_CONNECTED,
      Win32.ERROR_INVALID_LIBRARY,
    ]).to.deep.equal([6, 87, 2250, 4301]);
    expect([
      Win32.ERROR_LIBRARY_OFFLINE,
      Win32.ERROR_RESOURCE_DISABLED,
      Win32.ERROR_RESOURCE_NOT_PRESENT,
      Win32.ERROR_INVALID_OPERATION,
    ]).to.deep.equal([4305, 4309, 4316, 4317]);
    expect([Win32.ERROR_CLEANER_CARTRIDGE_INSTALLED, Win32.ERROR_IEPORT_FULL, Win32.ERROR_TIMEOUT]).to.deep.equal([
      4340, 4341, 1460,
    ]);
  });

  it('resolves names through the profile and back (per docs/rsm-semantics.md D1)', () => {
    const table = new ResultTable(DEFAULT_CODE_PROFILE);
    expect(table.code('ERROR_SLOT_EMPTY')).to.equal(4306);
    expect(table.namesOf(4332)).to.deep.equal([
      'ERROR_CLEANER_SLOT_NOT_SET',
      'ERROR_NO_SLOT_SET',
      'ERROR_NO_SLOT_RESERVED',
    ]);
    expect(table.label(4306)).to.equal('ERROR_EMPTY/ERROR_SLOT_EMPTY (4306)');
    expect(table.label(123456)).to.equal('123456');
  });

  it('switches the numbers with a code profile (per docs/rsm-semantics.md D1)', () => {
    const table = new ResultTable(RESOURCE_NOT_PRESENT_PROFILE);
    expect(table.code('ERROR_SLOT_NOT_PRESENT')).to.equal(4316);
    expect(table.code('ERROR_NO_SLOT_SET')).to.equal(4332);
    const custom = new ResultTable(defineCodeProfile('custom', { ERROR_SLOT_EMPTY: 4340 }));
    expect(custom.code('ERROR_SLOT_EMPTY')).to.equal(4340);
  });

  it('reports name, number, HRESULT and confidence for each pseudo-name (per docs/rsm-semantics.md D1, D2)', () => {
    const rows = new ResultTable(DEFAULT_CODE_PROFILE).pseudoRows();
    expect(rows.map((r) => r.name)).to.deep.equal(PSEUDO_RESULT_NAMES);
    const empty = rows.find((r) => r.name === 'ERROR_SLOT_EMPTY');
    expect(empty).to.deep.equal({
      name: 'ERROR_SLOT_EMPTY',
      code: 4306,
      hex: '0x10D2',
      hresult: '0x800710D2',
      confidence: 'low',
      realName: 'ERROR_EMPTY',
    });
    expect(rows.find((r) => r.name === 'ERROR_NO_SLOT_SET')?.confidence).to.equal('high');
    const changed = new ResultTable(RESOURCE_NOT_PRESENT_PROFILE).describe('ERROR_SLOT_NOT_PRESENT');
    expect(changed.confidence).to.equal('low');
  });

  it('never accepts the winioctl.h value 4 as a result (per docs/rsm-semantics.md D1)', () => {
    expect(() => defineCodeProfile('bad', { ERROR_SLOT_NOT_PRESENT: 4 })).to.throw(RangeError, /winioctl/);
    expect(() => defineCodeProfile('bad', { ERROR_SLOT_EMPTY: -1 })).to.throw(RangeError);
  });

  it('toHResult gives the MS-RSMP form 0x8007xxxx and S_OK for success (per docs/rsm-semantics.md D2)', () => {
    expect(formatHResult(toHResult(Win32.ERROR_LIBRARY_OFFLINE))).to.equal('0x800710D1');
    expect(formatHResult(toHResult(Win32.ERROR_NOT_CONNECTED))).to.equal('0x800708CA');
    expect(toHResult(Win32.ERROR_INVALID_PARAMETER)).to.equal(0x80070057);
    expect(toHResult(0)).to.equal(0);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 0xffff }),
        (code) => toHResult(code) >>> 16 === 0x8007 && (toHResult(code) & 0xffff) === code,
      ),
    );
  });
});
