/**
 * INQUIRY and VPD vectors. Layouts: SPC-4 6.6.2 (standard data: 0 qualifier/type, 1 RMB,
 * 2 VERSION, 3 NORMACA/HISUP/format, 4 additional length, 5 SCCS..PROTECT, 6 ENCSERV/MULTIP/MCHNGR,
 * 7 CMDQUE, 8-15 vendor, 16-31 product, 32-35 revision, 36-55 vendor specific, 58-73 version descriptors);
 * SPC-4 7.8 (VPD header; 00h, 80h, 83h with 7.8.6 designation descriptors); docs/smc-reference.md 1.5.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  decodeDeviceIdentificationPage,
  decodeStandardInquiry,
  decodeSupportedVpdPages,
  decodeUnitSerialNumberPage,
  encodeDeviceIdentificationPage,
  encodeStandardInquiry,
  encodeSupportedVpdPages,
  encodeUnitSerialNumberPage,
  naaDesignator,
  t10VendorIdDesignator,
  type Designator,
  type StandardInquiry,
} from '../../../../scsi/codec/inquiry/index.js';
import { CodecError } from '../../../../scsi/codec/codec-error.js';
import { valueOrCodecError } from '../fuzz.js';
import { a, hex, toHex, z } from '../hex.js';

/**
 * An IBM TS3100 changer LU: type 08h, RMB (80h), VERSION 05h (SPC-3), format 2, additional length 5Bh
 * (96 - 5), "IBM     " / "3573-TL         " / "F.11", version descriptors 0480h (SMC-3) and 0300h (SPC-3).
 * See docs/scsi-model.md 8.
 */
const ts3100Bytes = hex(`
  08 80 05 02 5b 00 00 00
  ${a('IBM     ')} ${a('3573-TL         ')} ${a('F.11')}
  ${z(20)} 00 00
  04 80 03 00 ${z(12)}
  ${z(22)}
`);
const ts3100: StandardInquiry = {
  peripheralQualifier: 0,
  deviceType: 8,
  rmb: true,
  version: 5,
  normaca: false,
  hisup: false,
  responseDataFormat: 2,
  sccs: false,
  protect: false,
  encserv: false,
  multip: false,
  mchngr: false,
  cmdque: false,
  vendor: 'IBM',
  product: '3573-TL',
  revision: 'F.11',
  versionDescriptors: [0x0480, 0x0300],
};

/**
 * Every modelled bit set: qualifier 1 + type 8 (28h), RMB, VERSION 06h, NORMACA|HISUP|2 (32h), SCCS|PROTECT
 * (81h), ENCSERV|MULTIP|MCHNGR (58h), CMDQUE (02h), vendor specific "LIB0001" padded to 20.
 */
const allBitsBytes = hex(`
  28 80 06 32 5b 81 58 02
  ${a('QUANTUM ')} ${a('Scalar i6       ')} ${a('1.0 ')}
  ${a('LIB0001             ')} 00 00
  04 60 ${z(14)}
  ${z(22)}
`);
const allBits: StandardInquiry = {
  peripheralQualifier: 1,
  deviceType: 8,
  rmb: true,
  version: 6,
  normaca: true,
  hisup: true,
  responseDataFormat: 2,
  sccs: true,
  protect: true,
  encserv: true,
  multip: true,
  mchngr: true,
  cmdque: true,
  vendor: 'QUANTUM',
  product: 'Scalar i6',
  revision: '1.0',
  vendorSpecific: 'LIB0001',
  versionDescriptors: [0x0460],
};

describe('scsi/codec/inquiry', () => {
  for (const [name, bytes, fields] of [
    ['changer "IBM     3573-TL"', ts3100Bytes, ts3100],
    ['every modelled bit', allBitsBytes, allBits],
  ] as const) {
    describe(`standard INQUIRY, ${name}`, () => {
      it('decodes to the fields', () => expect(decodeStandardInquiry(bytes)).to.deep.equal(fields));
      it('encodes to identical bytes', () => expect(toHex(encodeStandardInquiry(fields))).to.equal(toHex(bytes)));
      it('round-trips', () =>
        expect(decodeStandardInquiry(encodeStandardInquiry(decodeStandardInquiry(bytes)))).to.deep.equal(fields));
    });
  }

  describe('standard INQUIRY edge cases', () => {
    it('decodes SCSI-2 36-byte data (additional length 1Fh) and data cut at 36 bytes', () => {
      const scsi2 = Buffer.from(ts3100Bytes.subarray(0, 36));
      scsi2[4] = 0x1f;
      expect(decodeStandardInquiry(scsi2)).to.deep.equal({ ...ts3100, versionDescriptors: [] });
      expect(decodeStandardInquiry(ts3100Bytes.subarray(0, 36))).to.deep.equal({ ...ts3100, versionDescriptors: [] });
    });
    it('throws CodecError below 36 bytes', () => {
      expect(() => decodeStandardInquiry(ts3100Bytes.subarray(0, 35))).to.throw(CodecError, /36/);
      const short = Buffer.from(ts3100Bytes);
      short[4] = 0x1e;
      expect(() => decodeStandardInquiry(short)).to.throw(CodecError);
    });
    it('rejects fields that do not fit', () => {
      expect(() => encodeStandardInquiry({ ...ts3100, vendor: 'TOOLONGVENDOR' })).to.throw(RangeError);
      expect(() => encodeStandardInquiry({ ...ts3100, versionDescriptors: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).to.throw(
        RangeError,
      );
      expect(() => encodeStandardInquiry({ ...ts3100, deviceType: 0x20 })).to.throw(RangeError);
    });
  });

  describe('VPD 00h supported pages', () => {
    const bytes = hex('08 00 00 03  00 80 83');
    it('decodes, encodes, round-trips', () => {
      expect(decodeSupportedVpdPages(bytes)).to.deep.equal({
        peripheralQualifier: 0,
        deviceType: 8,
        pages: [0x00, 0x80, 0x83],
      });
      expect(toHex(encodeSupportedVpdPages(8, [0x83, 0x00, 0x80, 0x80]))).to.equal(toHex(bytes));
      expect(
        decodeSupportedVpdPages(encodeSupportedVpdPages(8, decodeSupportedVpdPages(bytes).pages)).pages,
      ).to.deep.equal([0, 0x80, 0x83]);
    });
    it('checks the page code and header length', () => {
      expect(() => decodeSupportedVpdPages(hex('08 80 00 00'))).to.throw(CodecError, /page code/);
      expect(() => decodeSupportedVpdPages(hex('08 00 00'))).to.throw(CodecError, /header/);
    });
  });

  describe('VPD 80h unit serial number', () => {
    const bytes = hex(`08 80 00 0a ${a('1068000123')}`);
    it('decodes, encodes, round-trips', () => {
      expect(decodeUnitSerialNumberPage(bytes)).to.deep.equal({
        peripheralQualifier: 0,
        deviceType: 8,
        serial: '1068000123',
      });
      expect(toHex(encodeUnitSerialNumberPage(8, '1068000123'))).to.equal(toHex(bytes));
      expect(decodeUnitSerialNumberPage(encodeUnitSerialNumberPage(8, '1068000123')).serial).to.equal('1068000123');
    });
    it('drops space padding on either side', () => {
      expect(decodeUnitSerialNumberPage(hex(`08 80 00 08 ${a('  AB12  ')}`)).serial).to.equal('AB12');
    });
  });

  describe('VPD 83h device identification', () => {
    /*
     * NAA 5 designator: 01h (binary), 03h (LU, NAA), rsvd, 08h, 5005076300123456h; T10 vendor ID designator:
     * 02h (ASCII), 01h (LU, T10 vendor ID), rsvd, 12h, "IBM     1068000123"; relative target port:
     * 51h (iSCSI 5, binary), 94h (PIV, target port, type 4), rsvd, 04h, 00000001h. Page length 2Ah.
     */
    const bytes = hex(`08 83 00 2a
      01 03 00 08  50 05 07 63 00 12 34 56
      02 01 00 12  ${a('IBM     1068000123')}
      51 94 00 04  00 00 00 01`);
    const port: Designator = {
      codeSet: 1,
      piv: true,
      protocolIdentifier: 5,
      association: 1,
      designatorType: 4,
      designator: hex('00 00 00 01'),
    };
    const designators = [naaDesignator('5005076300123456'), t10VendorIdDesignator('IBM', '1068000123'), port];

    it('decodes to the fields', () => {
      expect(decodeDeviceIdentificationPage(bytes)).to.deep.equal({
        peripheralQualifier: 0,
        deviceType: 8,
        designators,
      });
    });
    it('encodes to identical bytes', () => {
      expect(toHex(encodeDeviceIdentificationPage(8, designators))).to.equal(toHex(bytes));
    });
    it('round-trips', () => {
      expect(
        decodeDeviceIdentificationPage(
          encodeDeviceIdentificationPage(8, decodeDeviceIdentificationPage(bytes).designators),
        ).designators,
      ).to.deep.equal(designators);
    });
    it('drops an incomplete last designator of a cut page and rejects malformed ones', () => {
      expect(decodeDeviceIdentificationPage(bytes.subarray(0, 20)).designators).to.have.length(1);
      expect(() => decodeDeviceIdentificationPage(hex('08 83 00 06  01 03 00 08 50 05'))).to.throw(
        CodecError,
        /runs past/,
      );
      expect(() => decodeDeviceIdentificationPage(hex('08 83 00 04  04 03 00 00'))).to.throw(CodecError, /code set 4/);
      expect(() => decodeDeviceIdentificationPage(hex('08 83 00 04  01 33 00 00'))).to.throw(
        CodecError,
        /association 3/,
      );
    });
    it('naaDesignator and t10VendorIdDesignator validate their input', () => {
      expect(naaDesignator('60050763001234560000000000000001').designator).to.have.length(16);
      expect(() => naaDesignator('5005')).to.throw(RangeError);
      expect(() => naaDesignator('1005076300123456')).to.throw(RangeError);
      expect(() => naaDesignator('500507630012345G')).to.throw(RangeError);
      expect(() => t10VendorIdDesignator('VENDORTOOLONG', 'x')).to.throw(RangeError);
    });
  });

  describe('properties', () => {
    const ascii = (max: number) =>
      fc.stringMatching(new RegExp(`^([!-~]([ -~]{0,${max - 2}}[!-~])?)?$`)).filter((s) => s.length <= max);
    const inquiry: fc.Arbitrary<StandardInquiry> = fc.record(
      {
        peripheralQualifier: fc.integer({ min: 0, max: 7 }),
        deviceType: fc.integer({ min: 0, max: 31 }),
        rmb: fc.boolean(),
        version: fc.integer({ min: 0, max: 255 }),
        normaca: fc.boolean(),
        hisup: fc.boolean(),
        responseDataFormat: fc.integer({ min: 0, max: 15 }),
        sccs: fc.boolean(),
        protect: fc.boolean(),
        encserv: fc.boolean(),
        multip: fc.boolean(),
        mchngr: fc.boolean(),
        cmdque: fc.boolean(),
        vendor: ascii(8),
        product: ascii(16),
        revision: ascii(4),
        vendorSpecific: ascii(20).filter((s) => s !== ''),
        versionDescriptors: fc.array(fc.integer({ min: 1, max: 0xffff }), { maxLength: 8 }),
      },
      {
        requiredKeys: [
          'peripheralQualifier',
          'deviceType',
          'rmb',
          'version',
          'normaca',
          'hisup',
          'responseDataFormat',
          'sccs',
          'protect',
          'encserv',
          'multip',
          'mchngr',
          'cmdque',
          'vendor',
          'product',
          'revision',
          'versionDescriptors',
        ],
      },
    );
    const designator: fc.Arbitrary<Designator> = fc.record({
      codeSet: fc.constantFrom(1 as const, 2 as const, 3 as const),
      piv: fc.boolean(),
      protocolIdentifier: fc.integer({ min: 0, max: 15 }),
      association: fc.constantFrom(0 as const, 1 as const, 2 as const),
      designatorType: fc.integer({ min: 0, max: 15 }),
      designator: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
    });

    it('decode(encode(x)) equals x for standard INQUIRY data', () => {
      fc.assert(
        fc.property(inquiry, (d) => {
          expect(decodeStandardInquiry(encodeStandardInquiry(d))).to.deep.equal(d);
        }),
      );
    });
    it('decode(encode(x)) equals x for VPD pages', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 31 }),
          fc.array(designator, { maxLength: 5 }),
          fc.uniqueArray(fc.integer({ min: 0, max: 255 })),
          ascii(40),
          (type, designators, pages, serial) => {
            expect(decodeDeviceIdentificationPage(encodeDeviceIdentificationPage(type, designators))).to.deep.equal({
              peripheralQualifier: 0,
              deviceType: type,
              designators,
            });
            expect(decodeSupportedVpdPages(encodeSupportedVpdPages(type, pages)).pages).to.deep.equal(
              [...pages].sort((x, y) => x - y),
            );
            expect(decodeUnitSerialNumberPage(encodeUnitSerialNumberPage(type, serial)).serial).to.equal(serial);
          },
        ),
      );
    });
    it('decoders given random bytes return a value or throw CodecError', () => {
      const vpdLike = fc
        .tuple(fc.constantFrom(0x00, 0x80, 0x83), fc.uint8Array({ maxLength: 60 }))
        .map(([code, rest]) => Uint8Array.of(8, code, 0, rest.length, ...rest));
      fc.assert(
        fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), vpdLike), (b) => {
          for (const decode of [
            decodeStandardInquiry,
            decodeSupportedVpdPages,
            decodeUnitSerialNumberPage,
            decodeDeviceIdentificationPage,
          ]) {
            const v = valueOrCodecError(() => decode(b));
            if (v !== undefined) expect(v.deviceType).to.be.within(0, 31);
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
