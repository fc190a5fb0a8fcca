/**
 * MODE SENSE(6) (1Ah) vectors. Layout: SPC-4 MODE SENSE(6) / docs/smc-reference.md 1.2: byte 1 bit 3 DBD; 2 bits
 * 7-6 PC, 5-0 PAGE CODE; 3 SUBPAGE CODE; 4 ALLOCATION LENGTH; 5 CONTROL.
 */
import { expect } from 'chai';
import {
  ModeSensePageControl,
  decodeModeSense6Cdb,
  encodeModeSense6Cdb,
} from '../../../../scsi/codec/cdb/mode-sense-6.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb MODE SENSE(6)', () => {
  checkVectors(encodeModeSense6Cdb, decodeModeSense6Cdb, [
    {
      // mtx: 1Ah; byte 1 = DBD 08h; byte 2 = PC 0 | page 1Dh; subpage 00; alloc 88h (136); control 00.
      name: 'mtx element address assignment request (DBD=1, page 1Dh, 136 bytes)',
      hex: '1a 08 1d 00 88 00',
      fields: { dbd: true, pageControl: 0, pageCode: 0x1d, subpageCode: 0, allocationLength: 136, control: 0 },
      input: { dbd: true, pageCode: 0x1d, allocationLength: 136 },
    },
    {
      // byte 2 = PC 01b (changeable) << 6 = 40h | page 3Fh = 7Fh; subpage FFh (all); alloc FFh.
      name: 'changeable values of all pages and subpages',
      hex: '1a 00 7f ff ff 00',
      fields: {
        dbd: false,
        pageControl: ModeSensePageControl.CHANGEABLE,
        pageCode: 0x3f,
        subpageCode: 0xff,
        allocationLength: 255,
        control: 0,
      },
    },
    {
      // byte 2 = PC 11b (saved) = C0h | page 1Fh = DFh; alloc 18h (24).
      name: 'saved device capabilities page',
      hex: '1a 00 df 00 18 00',
      fields: {
        dbd: false,
        pageControl: ModeSensePageControl.SAVED,
        pageCode: 0x1f,
        subpageCode: 0,
        allocationLength: 24,
        control: 0,
      },
    },
  ]);

  it('range-checks page control, page code and allocation length', () => {
    expect(() => encodeModeSense6Cdb({ pageControl: 4, pageCode: 0x1d, allocationLength: 136 })).to.throw(
      RangeError,
      /pageControl/,
    );
    expect(() => encodeModeSense6Cdb({ pageCode: 0x40, allocationLength: 136 })).to.throw(RangeError, /pageCode/);
    expect(() => encodeModeSense6Cdb({ pageCode: 0x1d, allocationLength: 256 })).to.throw(
      RangeError,
      /allocationLength/,
    );
  });
});
