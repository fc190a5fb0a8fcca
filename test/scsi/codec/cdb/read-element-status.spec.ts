/**
 * READ ELEMENT STATUS (B8h) vectors. Layout: SMC-3 6.10 / docs/smc-reference.md 1.2: byte 1 bit 4 VOLTAG, bits 3-0
 * ELEMENT TYPE CODE; 2-3 STARTING ELEMENT ADDRESS; 4-5 NUMBER OF ELEMENTS; 6 bit 1 CURDATA, bit 0 DVCID;
 * 7-9 ALLOCATION LENGTH; 10 reserved; 11 CONTROL.
 */
import { expect } from 'chai';
import { Asc } from '../../../../scsi/codec/sense-codes.js';
import {
  decodeReadElementStatusCdb,
  encodeReadElementStatusCdb,
} from '../../../../scsi/codec/cdb/read-element-status.js';
import { checkVectors, hex } from './cdb-vectors.js';

describe('scsi/codec/cdb READ ELEMENT STATUS', () => {
  checkVectors(encodeReadElementStatusCdb, decodeReadElementStatusCdb, [
    {
      // mtx-like storage read: B8h; byte 1 VOLTAG 10h | ST 2 = 12h; start 1000h (4096); count 0017h (23);
      // byte 6 = 00; alloc 00FFFFh (65535); byte 10 reserved 00; control 00.
      name: 'mtx-like storage read with barcodes',
      hex: 'b8 12 10 00 00 17 00 00 ff ff 00 00',
      fields: {
        voltag: true,
        elementType: 2,
        startingAddress: 4096,
        numberOfElements: 23,
        curdata: false,
        dvcid: false,
        allocationLength: 65535,
        control: 0,
      },
      input: { voltag: true, elementType: 2, startingAddress: 4096, numberOfElements: 23, allocationLength: 65535 },
    },
    {
      // All types: byte 1 = 00 (VOLTAG 0, type 0); start 0000h; count FFFFh; byte 6 = CURDATA 02h | DVCID 01h = 03h;
      // alloc FFFFFFh (largest 24-bit); control 00.
      name: 'all element types, CURDATA and DVCID, 24-bit allocation length',
      hex: 'b8 00 00 00 ff ff 03 ff ff ff 00 00',
      fields: {
        voltag: false,
        elementType: 0,
        startingAddress: 0,
        numberOfElements: 65535,
        curdata: true,
        dvcid: true,
        allocationLength: 0xffffff,
        control: 0,
      },
    },
    {
      // Drives, size probe: byte 1 = DT 04h; start 0100h (256); count 0002h; byte 6 = DVCID 01h;
      // alloc 000008h (header only, SuperLoader probe); control 80h (vendor bit).
      name: 'data transfer elements with DVCID, header-only allocation, vendor control bit',
      hex: 'b8 04 01 00 00 02 01 00 00 08 00 80',
      fields: {
        voltag: false,
        elementType: 4,
        startingAddress: 256,
        numberOfElements: 2,
        curdata: false,
        dvcid: true,
        allocationLength: 8,
        control: 0x80,
      },
    },
  ]);

  it('accepts a longer buffer and reads CONTROL from byte 11', () => {
    const r = decodeReadElementStatusCdb(hex('b8 13 00 20 00 01 00 00 04 00 00 01  00 00 00 00'));
    expect(r).to.deep.equal({
      ok: true,
      value: {
        voltag: true,
        elementType: 3,
        startingAddress: 32,
        numberOfElements: 1,
        curdata: false,
        dvcid: false,
        allocationLength: 1024,
        control: 1,
      },
    });
  });

  it('rejects element type code 5 at byte 1 bit 3 with INVALID FIELD IN CDB', () => {
    // byte 1 = 15h: VOLTAG 10h | type 5 (reserved).
    const r = decodeReadElementStatusCdb(hex('b8 15 00 00 00 01 00 00 ff ff 00 00'));
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.error.byte).to.equal(1);
      expect(r.error.bit).to.equal(3);
      expect(r.error.sense).to.deep.equal(Asc.INVALID_FIELD_IN_CDB);
      expect(r.error.reason).to.match(/element type code 5/);
    }
  });

  it('rejects element type code 0Fh the same way', () => {
    const r = decodeReadElementStatusCdb(hex('b8 0f 00 00 00 01 00 00 ff ff 00 00'));
    expect(r.ok ? undefined : { byte: r.error.byte, bit: r.error.bit }).to.deep.equal({ byte: 1, bit: 3 });
  });

  it('ignores the SCSI-2 LUN bits 7-5 of byte 1 (reserved, not checked)', () => {
    const r = decodeReadElementStatusCdb(hex('b8 32 00 00 00 01 00 00 ff ff 00 00'));
    expect(r.ok && r.value.elementType).to.equal(2);
  });

  it('range-checks the encoder input', () => {
    const base = { voltag: false, elementType: 0, startingAddress: 0, numberOfElements: 1, allocationLength: 8 };
    expect(() => encodeReadElementStatusCdb({ ...base, elementType: 5 })).to.throw(RangeError, /elementType/);
    expect(() => encodeReadElementStatusCdb({ ...base, startingAddress: 70000 })).to.throw(
      RangeError,
      /startingAddress/,
    );
    expect(() => encodeReadElementStatusCdb({ ...base, numberOfElements: -1 })).to.throw(
      RangeError,
      /numberOfElements/,
    );
    expect(() => encodeReadElementStatusCdb({ ...base, allocationLength: 0x1000000 })).to.throw(
      RangeError,
      /allocationLength/,
    );
    expect(() => encodeReadElementStatusCdb({ ...base, allocationLength: 1.5 })).to.throw(
      RangeError,
      /allocationLength/,
    );
    expect(() => encodeReadElementStatusCdb({ ...base, control: 256 })).to.throw(RangeError, /control/);
    expect(() => encodeReadElementStatusCdb({ ...base, voltag: 1 as unknown as boolean })).to.throw(
      RangeError,
      /voltag/,
    );
  });
});
