/**
 * MODE SELECT(6) (15h) vectors. Layout: SPC-4 MODE SELECT(6), docs/scsi-model.md 11: byte 1 bit 4 PF, bit 0 SP;
 * 4 PARAMETER LIST LENGTH.
 */
import { expect } from 'chai';
import { decodeModeSelect6Cdb, encodeModeSelect6Cdb } from '../../../../scsi/codec/cdb/mode-select-6.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb MODE SELECT(6)', () => {
  checkVectors(encodeModeSelect6Cdb, decodeModeSelect6Cdb, [
    // 15h; byte 1 = PF 10h; 2-3 00; length 18h (24: 4-byte header + 20-byte page 1Dh); control 00.
    {
      name: 'page format, 24 bytes',
      hex: '15 10 00 00 18 00',
      fields: { pf: true, sp: false, parameterListLength: 24, control: 0 },
      input: { pf: true, parameterListLength: 24 },
    },
    // byte 1 = PF 10h | SP 01h = 11h.
    {
      name: 'page format and save',
      hex: '15 11 00 00 18 00',
      fields: { pf: true, sp: true, parameterListLength: 24, control: 0 },
    },
  ]);

  it('range-checks the 8-bit parameter list length', () => {
    expect(() => encodeModeSelect6Cdb({ pf: true, parameterListLength: 256 })).to.throw(
      RangeError,
      /parameterListLength/,
    );
  });
});
