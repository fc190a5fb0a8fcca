/**
 * PREVENT ALLOW MEDIUM REMOVAL (1Eh) vectors. Layout: SPC-4 PREVENT ALLOW MEDIUM REMOVAL /
 * docs/smc-reference.md 1.2: 1-3 reserved, byte 4 bits 1-0 PREVENT (00b allow, 01b prevent, 10b/11b invalid on a
 * changer), 5 CONTROL.
 */
import { expect } from 'chai';
import { Asc } from '../../../../scsi/codec/sense-codes.js';
import {
  decodePreventAllowMediumRemovalCdb,
  encodePreventAllowMediumRemovalCdb,
} from '../../../../scsi/codec/cdb/prevent-allow-medium-removal.js';
import { checkVectors, hex } from './cdb-vectors.js';

describe('scsi/codec/cdb PREVENT ALLOW MEDIUM REMOVAL', () => {
  checkVectors(encodePreventAllowMediumRemovalCdb, decodePreventAllowMediumRemovalCdb, [
    // 1Eh; 1-3 00; byte 4 = 01h prevent; control 00.
    { name: 'prevent', hex: '1e 00 00 00 01 00', fields: { prevent: 1, control: 0 }, input: { prevent: 1 } },
    // byte 4 = 00h allow.
    { name: 'allow', hex: '1e 00 00 00 00 00', fields: { prevent: 0, control: 0 } },
  ]);

  for (const [value, text] of [
    [2, '02'],
    [3, '03'],
  ] as const) {
    it(`rejects PREVENT ${value} at byte 4 bit 1`, () => {
      const r = decodePreventAllowMediumRemovalCdb(hex(`1e 00 00 00 ${text} 00`));
      expect(r.ok).to.equal(false);
      if (!r.ok) {
        expect({ byte: r.error.byte, bit: r.error.bit }).to.deep.equal({ byte: 4, bit: 1 });
        expect(r.error.sense).to.deep.equal(Asc.INVALID_FIELD_IN_CDB);
      }
    });
  }

  it('refuses to encode PREVENT 2', () => {
    expect(() => encodePreventAllowMediumRemovalCdb({ prevent: 2 })).to.throw(RangeError, /prevent/);
  });
});
