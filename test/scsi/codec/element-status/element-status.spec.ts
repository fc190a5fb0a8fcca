/**
 * READ ELEMENT STATUS data vectors, tested three ways. Layouts: docs/smc-reference.md 1.3 (element status data
 * header, element status page header, common descriptor layout, byte 2 flags per element type), SMC-3 6.10.
 */
import { expect } from 'chai';
import {
  decodeElementStatus,
  elementDescriptorLength,
  encodeElementStatus,
  type ElementStatusReport,
} from '../../../../scsi/codec/element-status/index.js';
import { CodecError } from '../../../../scsi/codec/codec-error.js';
import { hex, toHex } from '../hex.js';
import { expectedDecode } from './expected-decode.js';
import { flagsBytes, flagsReport, tagsBytes, tagsReport } from './flag-vectors.js';
import { ts3100Bytes, ts3100Report } from './ts3100-vector.js';

const vectors = [
  {
    name: 'TS3100-like library, VOLTAG and DVCID (52/86-byte descriptors)',
    bytes: ts3100Bytes,
    report: ts3100Report,
    first: 1,
  },
  { name: 'every descriptor flag, 12-byte descriptors', bytes: flagsBytes, report: flagsReport, first: 0x10 },
  { name: 'primary and alternate volume tags', bytes: tagsBytes, report: tagsReport, first: 0x1001 },
  { name: 'empty report: header with count 0', bytes: hex('00 00 00 00 00 00 00 00'), report: { pages: [] }, first: 0 },
];

describe('scsi/codec/element-status vectors', () => {
  for (const v of vectors) {
    describe(v.name, () => {
      it('decodes to the fields', () => {
        expect(decodeElementStatus(v.bytes)).to.deep.equal(expectedDecode(v.report, v.first));
      });
      it('encodes to identical bytes', () => {
        expect(toHex(encodeElementStatus(v.report))).to.equal(toHex(v.bytes));
      });
      it('round-trips', () => {
        const decoded = decodeElementStatus(encodeElementStatus(v.report));
        expect(
          toHex(encodeElementStatus({ pages: decoded.pages, firstElementAddress: decoded.firstElementAddress })),
        ).to.equal(toHex(v.bytes));
      });
    });
  }

  it('the TS3100 reply has the descriptor lengths of docs/smc-reference.md 1.3', () => {
    const d = decodeElementStatus(ts3100Bytes);
    expect(d.pages.map((p) => [p.elementType, p.descriptorLength])).to.deep.equal([
      [1, 52],
      [2, 52],
      [3, 52],
      [4, 86],
    ]);
    expect(d.byteCountAvailable).to.equal(ts3100Bytes.length - 8);
    expect(d.numberOfElements).to.equal(5);
  });

  describe('encoder rules', () => {
    it('omits empty pages and never writes descriptor length 0', () => {
      const withEmpty: ElementStatusReport = {
        pages: [{ elementType: 3, pvoltag: true, avoltag: false, descriptors: [] }, ...flagsReport.pages],
      };
      expect(toHex(encodeElementStatus(withEmpty))).to.equal(toHex(flagsBytes));
      expect(elementDescriptorLength({ pvoltag: false, avoltag: false, descriptors: [] })).to.equal(12);
    });
    it('sizes the identifier area for the longest identifier and pads the others with zeros', () => {
      const { identifier: _ignored, ...base } = ts3100Report.pages[3]!.descriptors[0]!;
      const page = {
        elementType: 4 as const,
        pvoltag: false,
        avoltag: false,
        descriptors: [
          { ...base, address: 256, identifier: { codeSet: 2, identifierType: 0, identifier: Buffer.from('SER1') } },
          { ...base, address: 257, identifier: { codeSet: 2, identifierType: 0, identifier: Buffer.from('SERIAL02') } },
          { ...base, address: 258 },
        ],
      };
      expect(elementDescriptorLength(page)).to.equal(12 + 4 + 8);
      const bytes = encodeElementStatus({ pages: [page] });
      // First descriptor: header 02 00 00 04, "SER1", then 4 bytes of padding; third: zero header.
      expect(toHex(bytes.subarray(16 + 12, 16 + 24))).to.equal(
        '02000004' + Buffer.from('SER1').toString('hex') + '00000000',
      );
      expect(toHex(bytes.subarray(16 + 48 + 12, 16 + 72))).to.equal('000000000000000000000000');
      expect(
        decodeElementStatus(bytes).pages[0]!.descriptors.map((d) => d.identifier?.identifier.toString()),
      ).to.deep.equal(['SER1', 'SERIAL02', undefined]);
    });
    it('writes 0 for ACCESS of a medium transport and for IE/DT-only fields of other types', () => {
      const st = flagsReport.pages[0]!.descriptors[0]!;
      const bytes = encodeElementStatus({
        pages: [
          {
            elementType: 1,
            pvoltag: false,
            avoltag: false,
            descriptors: [{ ...st, elementType: 1, access: true, full: false, except: false }],
          },
          {
            elementType: 2,
            pvoltag: false,
            avoltag: false,
            descriptors: [{ ...st, inEnab: true, oir: true, lun: 3, notBus: true }],
          },
        ],
      });
      expect(bytes[16 + 2]).to.equal(0x00);
      expect(bytes[16 + 12 + 8 + 2]).to.equal(0x05);
      expect(bytes[16 + 12 + 8 + 6]).to.equal(0x00);
    });
    it('rejects values that do not fit and descriptors in the wrong page', () => {
      const st = flagsReport.pages[0]!.descriptors[0]!;
      const page = (d: object) => ({
        pages: [{ elementType: 2 as const, pvoltag: true, avoltag: false, descriptors: [{ ...st, ...d }] }],
      });
      expect(() => encodeElementStatus(page({ address: 0x10000 }))).to.throw(RangeError, /element address/);
      expect(() => encodeElementStatus(page({ mediumType: 8 }))).to.throw(RangeError, /medium type/);
      expect(() => encodeElementStatus(page({ elementType: 4 }))).to.throw(RangeError, /page of type 2/);
      expect(() => encodeElementStatus(page({ primaryVolumeTag: { id: 'X'.repeat(33), sequence: 0 } }))).to.throw(
        RangeError,
        /32/,
      );
      expect(() => encodeElementStatus(page({ primaryVolumeTag: { id: 'ABC\u00e9', sequence: 0 } }))).to.throw(
        RangeError,
        /ASCII/,
      );
      expect(() => encodeElementStatus({ pages: [{ ...page({}).pages[0]!, elementType: 5 as 4 }] })).to.throw(
        RangeError,
      );
    });
    it('encodes a 20,000-slot library with tags in one reply (24-bit byte counts past 64 KiB)', () => {
      const slot = ts3100Report.pages[1]!.descriptors[0]!;
      const descriptors = Array.from({ length: 20000 }, (_, i) => ({
        ...slot,
        address: 4096 + i,
        primaryVolumeTag: { id: `A${String(i).padStart(5, '0')}L8`, sequence: 0 },
      }));
      const bytes = encodeElementStatus({
        pages: [{ elementType: 2, pvoltag: true, avoltag: false, dvcid: true, descriptors }],
      });
      expect(bytes.length).to.equal(8 + 8 + 20000 * 52);
      expect(bytes.readUIntBE(5, 3)).to.equal(8 + 20000 * 52);
      expect(bytes.readUIntBE(16 - 3, 3)).to.equal(20000 * 52);
      const d = decodeElementStatus(bytes);
      expect(d.numberOfElements).to.equal(20000);
      expect(d.pages[0]!.descriptors[19999]!.primaryVolumeTag).to.deep.equal({ id: 'A19999L8', sequence: 0 });
    });
    it('uses a given first element address', () => {
      expect(toHex(encodeElementStatus({ pages: [], firstElementAddress: 4096 }))).to.equal('1000000000000000');
    });
  });

  describe('decoder checks', () => {
    const fail = (bytes: string, pattern: RegExp) =>
      expect(() => decodeElementStatus(hex(bytes))).to.throw(CodecError, pattern);
    it('throws CodecError on malformed data', () => {
      fail('00 00 00 00 00 00 00', /needs 8 bytes/);
      fail(
        '00 00 00 01 00 00 00 14  05 00 00 0c 00 00 00 0c  00 00 00 00 00 00 00 00 00 00 00 00',
        /element type code 5/,
      );
      fail('00 00 00 01 00 00 00 08  02 00 00 00 00 00 00 00', /descriptor length 0/);
      fail('00 00 00 01 00 00 00 38  02 80 00 0c 00 00 00 30', /shorter than 48/);
      fail('00 00 00 01 00 00 00 14  02 00 00 0c 00 00 00 0b  00 00 00 00 00 00 00 00 00 00 00', /multiple/);
      fail('00 00 00 01 00 00 00 10  02 00 00 0c 00 00 00 0c  00 00 00 00 00 00 00 00', /runs past/);
      fail(
        '00 00 00 01 00 00 00 18  02 00 00 0c 00 00 00 0c  00 00 00 00 00 00 00 00 00 00 00 00  00 00 00 00',
        /cannot hold a page header/,
      );
    });
    it('accepts a page with a proper descriptor length and no descriptors (ADIC)', () => {
      const d = decodeElementStatus(hex('00 00 00 00 00 00 00 08  03 00 00 10 00 00 00 00'));
      expect(d.pages).to.have.length(1);
      expect(d.pages[0]!.descriptors).to.deep.equal([]);
      expect(d.pages[0]!.descriptorLength).to.equal(16);
    });
    it('ignores bytes past the byte count', () => {
      const padded = Buffer.concat([flagsBytes, Buffer.alloc(20, 0xee)]);
      expect(decodeElementStatus(padded)).to.deep.equal(decodeElementStatus(flagsBytes));
    });
    it('reads an all-zero volume tag as absent and takes an identifier that does not fit for vendor bytes', () => {
      // ST descriptor of 12 + 36 + 6: tag all zero, then 6 vendor bytes whose "length" byte (FFh) does not fit.
      const d = decodeElementStatus(
        hex(`00 00 00 01 00 00 00 3e  02 80 00 36 00 00 00 36
        10 00 08 00 00 00 00 00 00 00 00 00 ${'00 '.repeat(36)} 01 02 00 ff 00 00`),
      );
      const st = d.pages[0]!.descriptors[0]!;
      expect(st.primaryVolumeTag).to.equal(undefined);
      expect(st.identifier).to.equal(undefined);
      expect(d.pages[0]!.dvcid).to.equal(true);
    });
  });
});
