/**
 * Mode parameter vectors. Layouts: docs/smc-reference.md 1.4 (1Dh, 1Eh, 1Fh; header(6)/(10)); SPC-4 7.5.5
 * (headers), 7.5 (page_0 / sub_page formats), 7.5.8 (control page 0Ah); Dell PowerVault TL2000/TL4000
 * SCSI Reference "Device Capabilities page (1Fh)" for the TL2000 matrix.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  decodeModePages,
  decodeModeParameterList10,
  decodeModeParameterList6,
  encodeModePage,
  encodeModeParameterList10,
  encodeModeParameterList6,
  type DeviceCapabilitiesPage,
  type ElementAddressAssignmentPage,
  type ElementTypeFlags,
  type ModePage,
} from '../../../../scsi/codec/mode/index.js';
import { CodecError } from '../../../../scsi/codec/codec-error.js';
import { valueOrCodecError } from '../fuzz.js';
import { hex, toHex } from '../hex.js';

const f = (mt: boolean, st: boolean, ie: boolean, dt: boolean): ElementTypeFlags => ({ mt, st, ie, dt });
const none = f(false, false, false, false);

/** TS3100 map: MT 1/1, ST 4096 (1000h)/23 (17h), IE 16 (10h)/1, DT 256 (100h)/2. */
const ts3100MapFields: ElementAddressAssignmentPage = {
  ps: false,
  firstTransport: 1,
  numberOfTransports: 1,
  firstStorage: 4096,
  numberOfStorage: 23,
  firstImportExport: 16,
  numberOfImportExport: 1,
  firstDataTransfer: 256,
  numberOfDataTransfer: 2,
};
const ts3100Map: ModePage = { code: 0x1d, page: ts3100MapFields };
const ts3100MapBytes = hex('1d 12  00 01 00 01  10 00 00 17  00 10 00 01  01 00 00 02  00 00');

/**
 * TL2000 (manual p. 3-26): byte 2 DT|IE|ST, StorMT=0 (0Eh); byte 3 VTRP|S2C (03h, ACE off); move from MT,
 * ST and DT to DT|IE|ST (0Eh), from IE to DT|ST (0Ah, no IE->IE); no exchange.
 */
const tl2000Capabilities: DeviceCapabilitiesPage = {
  ps: false,
  stor: f(false, true, true, true),
  ace: false,
  vtrp: true,
  s2c: true,
  moveFrom: {
    mt: f(false, true, true, true),
    st: f(false, true, true, true),
    ie: f(false, true, false, true),
    dt: f(false, true, true, true),
  },
  exchangeFrom: { mt: none, st: none, ie: none, dt: none },
};
const tl2000CapabilitiesBytes = hex('1f 12  0e 03  0e 0e 0a 0e  00 00 00 00  00 00 00 00  00 00 00 00');

const vectors: { name: string; bytes: Buffer; page: ModePage }[] = [
  { name: 'element address assignment 1Dh, TS3100 map', bytes: ts3100MapBytes, page: ts3100Map },
  {
    name: 'device capabilities 1Fh, TL2000 matrix',
    bytes: tl2000CapabilitiesBytes,
    page: { code: 0x1f, page: tl2000Capabilities },
  },
  {
    // PS (8Ah), byte 2 D_SENSE|GLTSD = 06h, byte 3 QAM 1 (10h), busy timeout FFFFh (unlimited).
    name: 'control 0Ah with D_SENSE',
    bytes: hex('8a 0a  06 10 00 00 00 00 ff ff 00 00'),
    page: {
      code: 0x0a,
      page: {
        ps: true,
        tst: 0,
        dSense: true,
        gltsd: true,
        queueAlgorithmModifier: 1,
        qErr: 0,
        swp: false,
        busyTimeoutPeriod: 0xffff,
      },
    },
  },
  {
    // TST 1 (20h) with QERR 1 (02h) and SWP (08h), busy timeout 0064h.
    name: 'control 0Ah with TST, QERR, SWP',
    bytes: hex('0a 0a  20 02 08 00 00 00 00 64 00 00'),
    page: {
      code: 0x0a,
      page: {
        ps: false,
        tst: 1,
        dSense: false,
        gltsd: false,
        queueAlgorithmModifier: 0,
        qErr: 1,
        swp: true,
        busyTimeoutPeriod: 100,
      },
    },
  },
  {
    // Two transports: the first rotates (member 0), the second does not (member 1).
    name: 'transport geometry 1Eh, two transports',
    bytes: hex('1e 04  01 00  00 01'),
    page: {
      code: 0x1e,
      page: {
        ps: false,
        transports: [
          { rotate: true, memberNumber: 0 },
          { rotate: false, memberNumber: 1 },
        ],
      },
    },
  },
  {
    // Extended device capabilities 1Fh/41h in sub_page format (5Fh = SPF|1Fh, subpage 41h, length 0004h): kept raw.
    name: 'sub-page 1Fh/41h kept raw',
    bytes: hex('5f 41 00 04  01 02 03 04'),
    page: { code: 0x1f, raw: hex('5f 41 00 04  01 02 03 04') },
  },
  { name: 'vendor page 00h kept raw', bytes: hex('00 02 ab cd'), page: { code: 0x00, raw: hex('00 02 ab cd') } },
];

describe('scsi/codec/mode', () => {
  for (const v of vectors) {
    describe(v.name, () => {
      it('decodes to the fields', () => expect(decodeModePages(v.bytes)).to.deep.equal([v.page]));
      it('encodes to identical bytes', () => expect(toHex(encodeModePage(v.page))).to.equal(toHex(v.bytes)));
      it('round-trips', () =>
        expect(decodeModePages(encodeModePage(decodeModePages(v.bytes)[0]!))).to.deep.equal([v.page]));
    });
  }

  describe('mode parameter lists', () => {
    // MODE SENSE(6) page 1Dh: header 17h (23 = 4 + 20 - 1), medium type 0, device-specific 0, BDL 0.
    const sense6 = Buffer.concat([hex('17 00 00 00'), ts3100MapBytes]);
    // MODE SENSE(10): MODE DATA LENGTH 001Ah (28 - 2), medium type, device-specific, LONGLBA, rsvd, BDL 0000h.
    const sense10 = Buffer.concat([hex('00 1a 00 00 00 00 00 00'), ts3100MapBytes]);
    const list = { mediumType: 0, deviceSpecific: 0, blockDescriptors: Buffer.alloc(0), pages: [ts3100Map] };

    it('header(6): decode, encode, round trip', () => {
      expect(decodeModeParameterList6(sense6)).to.deep.equal(list);
      expect(toHex(encodeModeParameterList6([ts3100MapBytes]))).to.equal(toHex(sense6));
      expect(decodeModeParameterList6(encodeModeParameterList6(list.pages.map(encodeModePage)))).to.deep.equal(list);
    });
    it('header(10): decode, encode, round trip', () => {
      expect(decodeModeParameterList10(sense10)).to.deep.equal(list);
      expect(toHex(encodeModeParameterList10([ts3100MapBytes]))).to.equal(toHex(sense10));
      expect(decodeModeParameterList10(encodeModeParameterList10(list.pages.map(encodeModePage)))).to.deep.equal(list);
    });
    it('all pages in one reply, with header fields', () => {
      const pages = [ts3100MapBytes, hex('1e 02 00 00'), tl2000CapabilitiesBytes];
      const bytes = encodeModeParameterList6(pages, { mediumType: 0x00, deviceSpecific: 0x80 });
      expect(toHex(bytes.subarray(0, 4))).to.equal('2f008000');
      const d = decodeModeParameterList6(bytes);
      expect(d.deviceSpecific).to.equal(0x80);
      expect(d.pages.map((p) => p.code)).to.deep.equal([0x1d, 0x1e, 0x1f]);
    });
    it('a MODE SELECT list (MODE DATA LENGTH 0) runs to the end of the data', () => {
      const select = Buffer.concat([hex('00 00 00 00'), ts3100MapBytes]);
      expect(decodeModeParameterList6(select).pages).to.deep.equal([ts3100Map]);
      const select10 = Buffer.concat([hex('00 00 00 00 00 00 00 00'), ts3100MapBytes]);
      expect(decodeModeParameterList10(select10).pages).to.deep.equal([ts3100Map]);
    });
    it('keeps block descriptors undecoded', () => {
      const withBd = hex('0f 00 00 08  00 00 00 00 00 00 02 00  1e 02 00 00');
      const d = decodeModeParameterList6(withBd);
      expect(toHex(d.blockDescriptors)).to.equal('0000000000000200');
      expect(d.pages).to.deep.equal([
        { code: 0x1e, page: { ps: false, transports: [{ rotate: false, memberNumber: 0 }] } },
      ]);
    });
    it('drops the incomplete last page of a reply cut by the allocation length', () => {
      expect(decodeModeParameterList6(sense6.subarray(0, 12)).pages).to.deep.equal([]);
      expect(decodeModeParameterList10(sense10.subarray(0, 9)).pages).to.deep.equal([]);
    });
    it('throws CodecError on short or inconsistent lists', () => {
      expect(() => decodeModeParameterList6(hex('03 00 00'))).to.throw(CodecError, /needs 4/);
      expect(() => decodeModeParameterList10(hex('00 06 00 00 00 00 00'))).to.throw(CodecError, /needs 8/);
      expect(() => decodeModeParameterList6(hex('01 00 00 00'))).to.throw(CodecError, /shorter than the header/);
      expect(() => decodeModeParameterList6(hex('05 00 00 00 1d 12'))).to.throw(CodecError, /runs past/);
      expect(() => decodeModeParameterList6(hex('03 00 00 08'))).to.throw(CodecError, /block descriptor/);
    });
    it('rejects lists too long for their header', () => {
      const big = Buffer.alloc(253, 0);
      big[0] = 0x00;
      big[1] = 251;
      expect(() => encodeModeParameterList6([big])).to.throw(RangeError);
      expect(encodeModeParameterList10([big]).length).to.equal(261);
    });
  });

  describe('lenient and strict page decoding', () => {
    it('reads a pre-SMC-2 device capabilities page of length 0Eh', () => {
      const old = hex('1f 0e  0e 03  0e 0e 0a 0e  00 00 00 00  00 00 00 00');
      expect(decodeModePages(old)).to.deep.equal([{ code: 0x1f, page: tl2000Capabilities }]);
    });
    it('keeps a known page too short for its fields raw (SCSI-2 control page, length 06h)', () => {
      const scsi2 = hex('0a 06 00 00 00 00 00 00');
      expect(decodeModePages(scsi2)).to.deep.equal([{ code: 0x0a, raw: scsi2 }]);
    });
    it('throws CodecError on a page past the data or an odd transport geometry length', () => {
      expect(() => decodeModePages(hex('1d 12 00 01'))).to.throw(CodecError, /runs past/);
      expect(() => decodeModePages(hex('5f'))).to.throw(CodecError, /cut short/);
      expect(() => decodeModePages(hex('1e 03 00 00 00'))).to.throw(CodecError, /multiple of 2/);
    });
    it('encodeModePage rejects an inconsistent raw page and out-of-range fields', () => {
      expect(() => encodeModePage({ code: 0x21, raw: hex('21 04 00') })).to.throw(RangeError);
      expect(() => encodeModePage({ code: 0x21, raw: hex('22 00') })).to.throw(RangeError);
      expect(() => encodeModePage({ code: 0x1d, page: { ...ts3100MapFields, numberOfStorage: 70000 } })).to.throw(
        RangeError,
      );
    });
  });

  describe('properties', () => {
    const u16 = fc.integer({ min: 0, max: 0xffff });
    const flags = fc.record({ mt: fc.boolean(), st: fc.boolean(), ie: fc.boolean(), dt: fc.boolean() });
    const matrix = fc.record({ mt: flags, st: flags, ie: flags, dt: flags });
    const page: fc.Arbitrary<ModePage> = fc.oneof(
      fc
        .record({
          ps: fc.boolean(),
          tst: fc.integer({ min: 0, max: 7 }),
          dSense: fc.boolean(),
          gltsd: fc.boolean(),
          queueAlgorithmModifier: fc.integer({ min: 0, max: 15 }),
          qErr: fc.integer({ min: 0, max: 3 }),
          swp: fc.boolean(),
          busyTimeoutPeriod: u16,
        })
        .map((p) => ({ code: 0x0a as const, page: p })),
      fc
        .record({
          ps: fc.boolean(),
          firstTransport: u16,
          numberOfTransports: u16,
          firstStorage: u16,
          numberOfStorage: u16,
          firstImportExport: u16,
          numberOfImportExport: u16,
          firstDataTransfer: u16,
          numberOfDataTransfer: u16,
        })
        .map((p) => ({ code: 0x1d as const, page: p })),
      fc
        .record({
          ps: fc.boolean(),
          transports: fc.array(fc.record({ rotate: fc.boolean(), memberNumber: fc.integer({ min: 0, max: 255 }) }), {
            maxLength: 8,
          }),
        })
        .map((p) => ({ code: 0x1e as const, page: p })),
      fc
        .record({
          ps: fc.boolean(),
          stor: flags,
          ace: fc.boolean(),
          vtrp: fc.boolean(),
          s2c: fc.boolean(),
          moveFrom: matrix,
          exchangeFrom: matrix,
        })
        .map((p) => ({ code: 0x1f as const, page: p })),
      fc
        .tuple(fc.integer({ min: 0x20, max: 0x3e }), fc.uint8Array({ maxLength: 20 }))
        .map(([code, body]) => ({ code, raw: Buffer.from([code, body.length, ...body]) })),
    );

    it('decode(encode(x)) equals x for random page runs, in both list formats', () => {
      fc.assert(
        fc.property(fc.array(page, { maxLength: 6 }), fc.integer({ min: 0, max: 255 }), (pages, deviceSpecific) => {
          const bytes = pages.map(encodeModePage);
          expect(decodeModePages(Buffer.concat(bytes))).to.deep.equal(pages);
          const list = { mediumType: 0, deviceSpecific, blockDescriptors: Buffer.alloc(0), pages };
          expect(decodeModeParameterList6(encodeModeParameterList6(bytes, { deviceSpecific }))).to.deep.equal(list);
          expect(decodeModeParameterList10(encodeModeParameterList10(bytes, { deviceSpecific }))).to.deep.equal(list);
        }),
      );
    });
    it('decoders given random bytes return a value or throw CodecError', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
          for (const decode of [decodeModePages, decodeModeParameterList6, decodeModeParameterList10]) {
            const result = valueOrCodecError(() => decode(b));
            if (result !== undefined) expect(Array.isArray(result) || Array.isArray(result.pages)).to.equal(true);
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
