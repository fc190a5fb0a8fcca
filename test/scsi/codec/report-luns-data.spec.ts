/**
 * REPORT LUNS parameter data vectors. Layout: SPC-4 6.33 (0-3 LUN LIST LENGTH, 4-7 reserved, 8-byte LUNs);
 * SAM-5 4.7, peripheral device addressing (byte 0 = 00b + bus 0, byte 1 = LUN) and flat space
 * addressing (byte 0 = 01b + LUN bits 13-8, byte 1 = LUN bits 7-0). See docs/scsi-model.md 9 and 3.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { decodeReportLunsData, encodeReportLunsData } from '../../../scsi/codec/report-luns-data.js';
import { CodecError } from '../../../scsi/codec/codec-error.js';
import { valueOrCodecError } from './fuzz.js';
import { hex, toHex } from './hex.js';

const vectors = [
  { name: 'LUN 0 only', bytes: hex('00 00 00 08 00 00 00 00  00 00 00 00 00 00 00 00'), luns: [0] },
  {
    // 300 = 012Ch: flat space 41h 2Ch.
    name: 'LUNs 0, 1 and 300 (flat space)',
    bytes: hex('00 00 00 18 00 00 00 00  00 00 00 00 00 00 00 00  00 01 00 00 00 00 00 00  41 2c 00 00 00 00 00 00'),
    luns: [0, 1, 300],
  },
  { name: 'no LUNs', bytes: hex('00 00 00 00 00 00 00 00'), luns: [] },
];

describe('scsi/codec/report-luns-data', () => {
  for (const v of vectors) {
    describe(v.name, () => {
      it('decodes to the LUNs', () => expect(decodeReportLunsData(v.bytes)).to.deep.equal(v.luns));
      it('encodes to identical bytes', () => expect(toHex(encodeReportLunsData(v.luns))).to.equal(toHex(v.bytes)));
      it('round-trips', () =>
        expect(decodeReportLunsData(encodeReportLunsData(decodeReportLunsData(v.bytes)))).to.deep.equal(v.luns));
    });
  }

  it('decodes the whole entries of a list cut by the allocation length', () => {
    expect(decodeReportLunsData(vectors[1]!.bytes.subarray(0, 30))).to.deep.equal([0, 1]);
  });
  it('throws CodecError on malformed data', () => {
    expect(() => decodeReportLunsData(hex('00 00 00 08 00 00 00'))).to.throw(CodecError, /8-byte header/);
    expect(() => decodeReportLunsData(hex('00 00 00 07 00 00 00 00'))).to.throw(CodecError, /multiple of 8/);
    expect(() => decodeReportLunsData(hex('00 00 00 08 00 00 00 00  00 00 00 01 00 00 00 00'))).to.throw(
      CodecError,
      /single-level/,
    );
    expect(() => decodeReportLunsData(hex('00 00 00 08 00 00 00 00  02 05 00 00 00 00 00 00'))).to.throw(
      CodecError,
      /bus identifier 2/,
    );
    expect(() => decodeReportLunsData(hex('00 00 00 08 00 00 00 00  c1 01 00 00 00 00 00 00'))).to.throw(
      CodecError,
      /address method 3/,
    );
  });
  it('rejects LUNs single-level addressing cannot hold', () => {
    expect(() => encodeReportLunsData([16384])).to.throw(RangeError);
  });
  it('decode(encode(x)) equals x; random bytes give a value or CodecError', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0x3fff }), { maxLength: 20 }), (luns) => {
        expect(decodeReportLunsData(encodeReportLunsData(luns))).to.deep.equal(luns);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const luns = valueOrCodecError(() => decodeReportLunsData(b));
        if (luns !== undefined) expect(luns.every((l) => l >= 0 && l <= 0x3fff)).to.equal(true);
      }),
      { numRuns: 2000 },
    );
  });
});
