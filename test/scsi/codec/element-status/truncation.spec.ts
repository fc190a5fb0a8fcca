/**
 * Short allocation lengths. Contract: docs/dev/codec-api.md "Element status" (full header counts always;
 * whole descriptors and whole page headers only; below 8 bytes the header is cut bytewise);
 * docs/smc-reference.md 1.3 (allocation length 8 to learn the size; SuperLoader 3 transfers whole descriptors;
 * mhVTL cuts bytewise).
 */
import { expect } from 'chai';
import { decodeElementStatus, encodeElementStatus } from '../../../../scsi/codec/element-status/index.js';
import { CodecError } from '../../../../scsi/codec/codec-error.js';
import { toHex } from '../hex.js';
import { ts3100Bytes, ts3100Report } from './ts3100-vector.js';

// Offsets in the TS3100 vector: header 0-7, MT page header 8-15, MT descriptor 16-67, ST page header
// 68-75, ST descriptors 76-127 and 128-179, IE page header 180-187, IE descriptor 188-239, DT page header
// 240-247, DT descriptor 248-333.
describe('scsi/codec/element-status truncation', () => {
  it('allocation length 8 returns the header with the full counts', () => {
    const bytes = encodeElementStatus(ts3100Report, 8);
    expect(toHex(bytes)).to.equal('0001000500000146');
    const d = decodeElementStatus(bytes);
    expect(d).to.deep.equal({
      firstElementAddress: 1,
      numberOfElements: 5,
      byteCountAvailable: 326,
      pages: [],
      truncated: true,
    });
  });

  it('below 8 bytes the header is cut bytewise', () => {
    expect(toHex(encodeElementStatus(ts3100Report, 5))).to.equal('0001000500');
    expect(encodeElementStatus(ts3100Report, 0)).to.have.length(0);
    expect(() => decodeElementStatus(encodeElementStatus(ts3100Report, 5))).to.throw(CodecError);
  });

  it('an allocation that cuts the second storage descriptor sends only the first', () => {
    const bytes = encodeElementStatus(ts3100Report, 150);
    expect(bytes.length).to.equal(128);
    expect(toHex(bytes)).to.equal(toHex(ts3100Bytes.subarray(0, 128)));
    const d = decodeElementStatus(bytes);
    expect(d.truncated).to.equal(true);
    expect(d.byteCountAvailable).to.equal(326);
    expect(d.pages.map((p) => [p.elementType, p.descriptors.length, p.byteCount])).to.deep.equal([
      [1, 1, 52],
      [2, 1, 104],
    ]);
    expect(d.pages[1]!.descriptors[0]!.primaryVolumeTag).to.deep.equal({ id: 'A00001L8', sequence: 0 });
  });

  it('sends a page header that fits even when none of its descriptors does', () => {
    const bytes = encodeElementStatus(ts3100Report, 190);
    expect(bytes.length).to.equal(188);
    const d = decodeElementStatus(bytes);
    expect(d.pages.map((p) => [p.elementType, p.descriptors.length])).to.deep.equal([
      [1, 1],
      [2, 2],
      [3, 0],
    ]);
  });

  it('stops before a page header that does not fit whole', () => {
    expect(encodeElementStatus(ts3100Report, 72).length).to.equal(68);
    expect(encodeElementStatus(ts3100Report, 15).length).to.equal(8);
  });

  it('an allocation of the exact size or more sends everything', () => {
    expect(toHex(encodeElementStatus(ts3100Report, 334))).to.equal(toHex(ts3100Bytes));
    expect(toHex(encodeElementStatus(ts3100Report, 0xffffff))).to.equal(toHex(ts3100Bytes));
    expect(decodeElementStatus(ts3100Bytes).truncated).to.equal(false);
  });

  it('decodes the whole descriptors of data cut bytewise (mhVTL style)', () => {
    for (const cut of [9, 16, 67, 68, 100, 179, 250, 333]) {
      const d = decodeElementStatus(ts3100Bytes.subarray(0, cut));
      const whole = [16, 76, 128, 188, 248].filter((start, i) => start + (i === 4 ? 86 : 52) <= cut).length;
      expect(
        d.pages.reduce((n, p) => n + p.descriptors.length, 0),
        `cut at ${cut}`,
      ).to.equal(whole);
      expect(d.truncated).to.equal(true);
    }
  });

  it('rejects an allocation length over 24 bits', () => {
    expect(() => encodeElementStatus(ts3100Report, 0x1000000)).to.throw(RangeError);
  });
});
