/**
 * Sense data vectors. Layouts: SPC-4 4.5.3 (fixed: 0 VALID|response code, 2 sense key, 3-6
 * information, 7 additional length, 12 ASC, 13 ASCQ, 15 SKSV|C/D|BPV|bit pointer, 16-17 field pointer) and
 * SPC-4 4.5.2 (descriptor: 0 response code, 1 key, 2 ASC, 3 ASCQ, 7 additional length), 4.5.2.2
 * (information descriptor 00h, length 0Ah, VALID, 8-byte information) and 4.5.2.4 (sense key specific
 * descriptor 02h, length 06h, SKS bytes at 4-6); docs/smc-reference.md 1.5.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  decodeSense,
  describeSense,
  encodeDescriptorSense,
  encodeFixedSense,
  encodeSense,
  isWellFormedSense,
  senseFromFieldError,
  type SenseData,
} from '../../../scsi/codec/sense.js';
import { CodecError } from '../../../scsi/codec/codec-error.js';
import { Asc, SenseKey } from '../../../scsi/codec/sense-codes.js';
import { valueOrCodecError } from './fuzz.js';
import { hex, toHex } from './hex.js';

interface Vector {
  name: string;
  bytes: Buffer;
  fields: SenseData;
  descriptor: boolean;
}

const vectors: Vector[] = [
  {
    // 70h, key 5, ASC/ASCQ 24/00, byte 15 = SKSV 80h | C/D 40h | BPV 08h | bit 1 = C9h, field pointer 0004h.
    name: 'fixed 05/24/00, field pointer CDB byte 4 bit 1',
    bytes: hex('70 00 05 00 00 00 00 0a  00 00 00 00 24 00 00 c9  00 04'),
    fields: { key: 5, asc: 0x24, ascq: 0x00, fieldPointer: { cd: true, byte: 4, bit: 1 }, format: 'fixed' },
    descriptor: false,
  },
  {
    // INVALID ELEMENT ADDRESS on MOVE MEDIUM source (bytes 4-5): SKSV|C/D = C0h, BPV=0, pointer 0004h.
    name: 'fixed 05/21/01, field pointer CDB byte 4 without bit pointer',
    bytes: hex('70 00 05 00 00 00 00 0a  00 00 00 00 21 01 00 c0  00 04'),
    fields: { key: 5, asc: 0x21, ascq: 0x01, fieldPointer: { cd: true, byte: 4 }, format: 'fixed' },
    descriptor: false,
  },
  {
    // Unit attention after power on / reset: no sense key specific data, VALID=0.
    name: 'fixed 06/29/00 unit attention',
    bytes: hex('70 00 06 00 00 00 00 0a  00 00 00 00 29 00 00 00  00 00'),
    fields: { key: 6, asc: 0x29, ascq: 0x00, format: 'fixed' },
    descriptor: false,
  },
  {
    // Deferred (71h) with VALID=1 (byte 0 = F1h) and information 00001000h in bytes 3-6.
    name: 'fixed deferred 04/15/01 with information',
    bytes: hex('f1 00 04 00 00 10 00 0a  00 00 00 00 15 01 00 00  00 00'),
    fields: { key: 4, asc: 0x15, ascq: 0x01, deferred: true, information: 0x1000, format: 'fixed' },
    descriptor: false,
  },
  {
    // Parameter list error (C/D=0), BPV with bit 7: byte 15 = 80h | 08h | 7 = 8Fh, field pointer 0002h.
    name: 'fixed 05/26/00, parameter data pointer byte 2 bit 7',
    bytes: hex('70 00 05 00 00 00 00 0a  00 00 00 00 26 00 00 8f  00 02'),
    fields: { key: 5, asc: 0x26, ascq: 0x00, fieldPointer: { cd: false, byte: 2, bit: 7 }, format: 'fixed' },
    descriptor: false,
  },
  {
    // 72h header (additional length 14h = 12 + 8), information descriptor (00h, 0Ah, VALID, 0000000000001234h),
    // sense key specific descriptor (02h, 06h, rsvd, rsvd, CFh = SKSV|C/D|BPV|bit 7, pointer 0002h, rsvd).
    name: 'descriptor 05/24/00 with information and field pointer byte 2 bit 7',
    bytes: hex(`72 05 24 00 00 00 00 14
                00 0a 80 00 00 00 00 00 00 00 12 34
                02 06 00 00 cf 00 02 00`),
    fields: {
      key: 5,
      asc: 0x24,
      ascq: 0x00,
      information: 0x1234,
      fieldPointer: { cd: true, byte: 2, bit: 7 },
      format: 'descriptor',
    },
    descriptor: true,
  },
  {
    // 72h with no descriptors: additional length 0.
    name: 'descriptor 06/28/01 without descriptors',
    bytes: hex('72 06 28 01 00 00 00 00'),
    fields: { key: 6, asc: 0x28, ascq: 0x01, format: 'descriptor' },
    descriptor: true,
  },
  {
    // NOT READY, becoming ready, progress indication 8000h (50%) in a sense key specific descriptor.
    name: 'descriptor deferred 02/04/01 with progress indication',
    bytes: hex('73 02 04 01 00 00 00 08  02 06 00 00 80 80 00 00'),
    fields: { key: 2, asc: 0x04, ascq: 0x01, deferred: true, senseKeySpecific: 0x8000, format: 'descriptor' },
    descriptor: true,
  },
];

describe('scsi/codec/sense', () => {
  for (const v of vectors) {
    describe(v.name, () => {
      it('decodes to the fields', () => {
        expect(decodeSense(v.bytes)).to.deep.equal(v.fields);
      });
      it('encodes to identical bytes', () => {
        expect(toHex(encodeSense(v.fields, v.descriptor))).to.equal(toHex(v.bytes));
      });
      it('round-trips and is well formed', () => {
        expect(decodeSense(encodeSense(decodeSense(v.bytes), v.descriptor))).to.deep.equal(v.fields);
        expect(isWellFormedSense(v.bytes)).to.equal(true);
      });
    });
  }

  describe('decodeSense on real-world variations', () => {
    it('decodes fixed sense cut to 14 bytes (no sense key specific bytes)', () => {
      const cut = hex('70 00 05 00 00 00 00 0a  00 00 00 00 24 00');
      expect(decodeSense(cut)).to.deep.equal({ key: 5, asc: 0x24, ascq: 0, format: 'fixed' });
    });
    it('ignores bytes past the additional sense length', () => {
      const padded = Buffer.concat([vectors[0]!.bytes, Buffer.alloc(14, 0xff)]);
      expect(decodeSense(padded)).to.deep.equal(vectors[0]!.fields);
    });
    it('decodes a sense key specific field only as a field pointer for ILLEGAL REQUEST', () => {
      const hw = hex('70 00 04 00 00 00 00 0a  00 00 00 00 44 00 00 80  00 03');
      expect(decodeSense(hw)).to.deep.equal({ key: 4, asc: 0x44, ascq: 0, senseKeySpecific: 3, format: 'fixed' });
    });
    it('skips unknown descriptors and a descriptor cut by the transfer length', () => {
      const bytes = hex('72 05 24 00 00 00 00 10  80 02 aa bb  02 06 00 00 c0 00 08 00');
      expect(decodeSense(bytes)).to.deep.equal({
        key: 5,
        asc: 0x24,
        ascq: 0,
        fieldPointer: { cd: true, byte: 8 },
        format: 'descriptor',
      });
      expect(decodeSense(bytes.subarray(0, 16))).to.deep.equal({ key: 5, asc: 0x24, ascq: 0, format: 'descriptor' });
    });
    it('throws CodecError on unknown response codes, short data and inconsistent descriptors', () => {
      expect(() => decodeSense(new Uint8Array(0))).to.throw(CodecError, /empty/);
      expect(() => decodeSense(hex('7f 00 05 00 00 00 00 0a 00 00 00 00 24 00'))).to.throw(
        CodecError,
        /response code 7fh/,
      );
      expect(() => decodeSense(hex('70 00 05 00 00 00 00 0a 00 00'))).to.throw(CodecError, /ASC/);
      expect(() => decodeSense(hex('72 05 24 00'))).to.throw(CodecError, /header/);
      expect(() => decodeSense(hex('72 05 24 00 00 00 00 04  02 06 00 00'))).to.throw(
        CodecError,
        /past the additional/,
      );
      expect(() => decodeSense(hex('72 05 24 00 00 00 00 04  00 02 80 00'))).to.throw(CodecError, /0Ah/);
    });
  });

  describe('encoders', () => {
    it('reject values that do not fit their fields', () => {
      expect(() => encodeFixedSense({ key: 16, asc: 0, ascq: 0 })).to.throw(RangeError);
      expect(() => encodeFixedSense({ key: 5, asc: 0x24, ascq: 0, information: 2 ** 32 })).to.throw(RangeError);
      expect(() =>
        encodeFixedSense({ key: 5, asc: 0x24, ascq: 0, fieldPointer: { cd: true, byte: 4, bit: 8 } }),
      ).to.throw(RangeError);
      expect(() => encodeDescriptorSense({ key: 5, asc: 256, ascq: 0 })).to.throw(RangeError);
    });
    it('encode a large information value in descriptor format', () => {
      const s: SenseData = { key: 3, asc: 0x11, ascq: 0, information: 2 ** 40 + 5 };
      expect(decodeSense(encodeDescriptorSense(s))).to.deep.equal({ ...s, format: 'descriptor' });
    });
  });

  describe('isWellFormedSense', () => {
    it('rejects incomplete or inconsistent sense', () => {
      expect(isWellFormedSense(vectors[0]!.bytes.subarray(0, 14))).to.equal(false);
      expect(isWellFormedSense(hex('70 00 05 00 00 00 00 06  00 00 00 00 24 00'))).to.equal(false);
      expect(isWellFormedSense(hex('72 15 24 00 00 00 00 00'))).to.equal(false);
      expect(isWellFormedSense(hex('72 05 24 00 00 00 00 04  02 02 00 00'))).to.equal(false);
      expect(isWellFormedSense(hex('72 05 24 00 00 00 00 08  02 06 00 00 00 00 02 00'))).to.equal(false);
      expect(isWellFormedSense(hex('60 00 05 00 00 00 00 0a  00 00 00 00 24 00 00 00  00 00'))).to.equal(false);
    });
  });

  describe('senseFromFieldError and describeSense', () => {
    it('turn a CDB field error into ILLEGAL REQUEST with a C/D=1 pointer', () => {
      const s = senseFromFieldError({ byte: 4, bit: 1, sense: Asc.INVALID_FIELD_IN_CDB, reason: 'PREVENT 2' });
      expect(s).to.deep.equal({
        key: SenseKey.ILLEGAL_REQUEST,
        asc: 0x24,
        ascq: 0,
        fieldPointer: { cd: true, byte: 4, bit: 1 },
      });
      expect(toHex(encodeFixedSense(s))).to.equal(toHex(vectors[0]!.bytes));
      const noBit = senseFromFieldError({ byte: 0, sense: Asc.INVALID_COMMAND_OPERATION_CODE, reason: 'short' });
      expect(noBit.fieldPointer).to.deep.equal({ cd: true, byte: 0 });
    });
    it('describe sense for traces', () => {
      expect(describeSense(vectors[0]!.fields)).to.equal(
        'ILLEGAL REQUEST: INVALID FIELD IN CDB (24h/00h), field byte 4 bit 1',
      );
      expect(describeSense(vectors[1]!.fields)).to.equal(
        'ILLEGAL REQUEST: INVALID ELEMENT ADDRESS (21h/01h), field byte 4',
      );
      expect(describeSense(vectors[3]!.fields)).to.equal(
        'HARDWARE ERROR: MECHANICAL POSITIONING ERROR (15h/01h), information 4096, deferred',
      );
      expect(describeSense({ key: 5, asc: 0x80, ascq: 1 })).to.equal('ILLEGAL REQUEST: 80h/01h');
      expect(describeSense(vectors[4]!.fields)).to.match(/parameter byte 2 bit 7$/);
    });
  });

  describe('properties', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    const base = { asc: byte, ascq: byte, deferred: fc.constant(true as const) };
    const pointer = fc.record(
      { cd: fc.boolean(), byte: fc.integer({ min: 0, max: 0xffff }), bit: fc.integer({ min: 0, max: 7 }) },
      { requiredKeys: ['cd', 'byte'] },
    );
    const illegal = (maxInfo: number) =>
      fc.record(
        { key: fc.constant(5), ...base, information: fc.integer({ min: 0, max: maxInfo }), fieldPointer: pointer },
        { requiredKeys: ['key', 'asc', 'ascq'] },
      );
    const other = (maxInfo: number) =>
      fc.record(
        {
          key: fc.integer({ min: 0, max: 15 }).filter((k) => k !== 5),
          ...base,
          information: fc.integer({ min: 0, max: maxInfo }),
          senseKeySpecific: fc.integer({ min: 0, max: 0x7fffff }),
        },
        { requiredKeys: ['key', 'asc', 'ascq'] },
      );
    const sense = (maxInfo: number): fc.Arbitrary<SenseData> => fc.oneof(illegal(maxInfo), other(maxInfo));

    it('decode(encodeFixedSense(x)) equals x', () => {
      fc.assert(
        fc.property(sense(0xffffffff), (s) => {
          expect(decodeSense(encodeFixedSense(s))).to.deep.equal({ ...s, format: 'fixed' });
        }),
      );
    });
    it('decode(encodeDescriptorSense(x)) equals x', () => {
      fc.assert(
        fc.property(sense(Number.MAX_SAFE_INTEGER), (s) => {
          expect(decodeSense(encodeDescriptorSense(s))).to.deep.equal({ ...s, format: 'descriptor' });
        }),
      );
    });
    it('everything encodeSense produces is well formed', () => {
      fc.assert(
        fc.property(sense(0xffffffff), fc.boolean(), (s, d) => {
          expect(isWellFormedSense(encodeSense(s, d))).to.equal(true);
        }),
      );
    });
    it('decodeSense on random bytes returns or throws CodecError; isWellFormedSense never throws', () => {
      const head = fc.integer({ min: 0x70, max: 0x73 }).chain((c) => fc.constantFrom(c, c | 0x80));
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 40 }),
        fc.tuple(head, fc.uint8Array({ maxLength: 40 })).map(([h, rest]) => Uint8Array.of(h, ...rest)),
      );
      fc.assert(
        fc.property(bytes, (b) => {
          const s = valueOrCodecError(() => decodeSense(b));
          if (s !== undefined) expect(s.key).to.be.within(0, 15);
          expect(isWellFormedSense(b)).to.be.a('boolean');
        }),
        { numRuns: 2000 },
      );
    });
  });
});
