/**
 * MODE SELECT(10) (55h) vectors. Layout: SPC-4 MODE SELECT(10), docs/scsi-model.md 11: byte 1 bit 4 PF, bit 0 SP;
 * 7-8 PARAMETER LIST LENGTH; 9 CONTROL.
 */
import { expect } from 'chai';
import { decodeModeSelect10Cdb, encodeModeSelect10Cdb } from '../../../../scsi/codec/cdb/mode-select-10.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb MODE SELECT(10)', () => {
  checkVectors(encodeModeSelect10Cdb, decodeModeSelect10Cdb, [
    // 55h; byte 1 = PF 10h; 2-6 00; length 001Ch (28: 8-byte header + 20-byte page); control 00.
    {
      name: 'page format, 28 bytes',
      hex: '55 10 00 00 00 00 00 00 1c 00',
      fields: { pf: true, sp: false, parameterListLength: 28, control: 0 },
    },
    // byte 1 = SP 01h only; length 0104h (260).
    {
      name: 'save without page format, 260 bytes',
      hex: '55 01 00 00 00 00 00 01 04 00',
      fields: { pf: false, sp: true, parameterListLength: 260, control: 0 },
    },
  ]);

  it('range-checks the 16-bit parameter list length', () => {
    expect(() => encodeModeSelect10Cdb({ pf: true, parameterListLength: 70000 })).to.throw(
      RangeError,
      /parameterListLength/,
    );
  });
});
