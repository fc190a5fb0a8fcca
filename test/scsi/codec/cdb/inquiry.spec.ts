/**
 * INQUIRY (12h) vectors. Layout: SPC-4 INQUIRY / docs/smc-reference.md 1.5: byte 1 bit 0 EVPD, 2 PAGE CODE,
 * 3-4 ALLOCATION LENGTH, 5 CONTROL.
 */
import { expect } from 'chai';
import { Asc } from '../../../../scsi/codec/sense-codes.js';
import { decodeInquiryCdb, encodeInquiryCdb } from '../../../../scsi/codec/cdb/inquiry.js';
import { checkVectors, hex } from './cdb-vectors.js';

describe('scsi/codec/cdb INQUIRY', () => {
  checkVectors(encodeInquiryCdb, decodeInquiryCdb, [
    // 12h; byte 1 00; page 00; alloc 0060h (96); control 00.
    {
      name: 'standard data, 96 bytes',
      hex: '12 00 00 00 60 00',
      fields: { evpd: false, pageCode: 0, allocationLength: 96, control: 0 },
      input: { allocationLength: 96 },
    },
    // byte 1 = EVPD 01h; page 80h (unit serial number); alloc 00FFh.
    {
      name: 'VPD page 80h',
      hex: '12 01 80 00 ff 00',
      fields: { evpd: true, pageCode: 0x80, allocationLength: 255, control: 0 },
    },
    // EVPD; page 83h; alloc 0100h (256: the 16-bit field's high byte in use).
    {
      name: 'VPD page 83h with a 16-bit allocation length',
      hex: '12 01 83 01 00 00',
      fields: { evpd: true, pageCode: 0x83, allocationLength: 256, control: 0 },
    },
  ]);

  it('rejects a page code with EVPD=0 at byte 2', () => {
    const r = decodeInquiryCdb(hex('12 00 80 00 ff 00'));
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.error.byte).to.equal(2);
      expect(r.error.bit).to.equal(undefined);
      expect(r.error.sense).to.deep.equal(Asc.INVALID_FIELD_IN_CDB);
    }
  });

  it('refuses to encode a page code without EVPD, and a 17-bit allocation length', () => {
    expect(() => encodeInquiryCdb({ pageCode: 0x80, allocationLength: 255 })).to.throw(RangeError, /pageCode/);
    expect(() => encodeInquiryCdb({ allocationLength: 70000 })).to.throw(RangeError, /allocationLength/);
  });
});
