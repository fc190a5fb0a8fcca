/**
 * MODE SENSE(10) (5Ah) vectors. Layout: SPC-4 MODE SENSE(10): byte 1 bit 4 LLBAA, bit 3 DBD; 2 PC|PAGE CODE;
 * 3 SUBPAGE CODE; 4-6 reserved; 7-8 ALLOCATION LENGTH; 9 CONTROL. See docs/scsi-model.md 11.
 */
import { expect } from 'chai';
import { decodeModeSense10Cdb, encodeModeSense10Cdb } from '../../../../scsi/codec/cdb/mode-sense-10.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb MODE SENSE(10)', () => {
  checkVectors(encodeModeSense10Cdb, decodeModeSense10Cdb, [
    {
      // 5Ah; byte 1 = DBD 08h; byte 2 = page 1Fh; 3-6 00; alloc 0100h (256); control 00.
      name: 'device capabilities page, DBD, 256 bytes',
      hex: '5a 08 1f 00 00 00 00 01 00 00',
      fields: {
        llbaa: false,
        dbd: true,
        pageControl: 0,
        pageCode: 0x1f,
        subpageCode: 0,
        allocationLength: 256,
        control: 0,
      },
      input: { dbd: true, pageCode: 0x1f, allocationLength: 256 },
    },
    {
      // byte 1 = LLBAA 10h | DBD 08h = 18h; byte 2 = PC 11b C0h | 1Eh = DEh; subpage 00; alloc FFFFh.
      name: 'LLBAA, saved transport geometry, largest allocation length',
      hex: '5a 18 de 00 00 00 00 ff ff 00',
      fields: {
        llbaa: true,
        dbd: true,
        pageControl: 3,
        pageCode: 0x1e,
        subpageCode: 0,
        allocationLength: 0xffff,
        control: 0,
      },
    },
  ]);

  it('range-checks the 16-bit allocation length', () => {
    expect(() => encodeModeSense10Cdb({ pageCode: 0x1d, allocationLength: 70000 })).to.throw(
      RangeError,
      /allocationLength/,
    );
  });
});
