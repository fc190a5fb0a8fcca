/**
 * Volume tag: 0-31 volume identifier (left-aligned ASCII, space padded), 32-33 reserved, 34-35 volume
 * sequence number. Spec: SMC-3 6.10 volume tag information; docs/smc-reference.md 1.3 "Volume tag".
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { decodeVolumeTag, encodeVolumeTag } from '../../../../scsi/codec/element-status/index.js';
import { CodecError } from '../../../../scsi/codec/codec-error.js';
import { a, hex, toHex } from '../hex.js';

describe('scsi/codec/element-status volume tag', () => {
  // "A00001L8" + 24 spaces, reserved 0000h, sequence 0001h.
  const bytes = hex(`${a('A00001L8')} ${'20 '.repeat(24)} 00 00 00 01`);

  it('decodes to the fields', () => {
    expect(decodeVolumeTag(bytes)).to.deep.equal({ id: 'A00001L8', sequence: 1 });
  });
  it('encodes to identical bytes', () => {
    expect(toHex(encodeVolumeTag({ id: 'A00001L8', sequence: 1 }))).to.equal(toHex(bytes));
  });
  it('round-trips', () => {
    expect(decodeVolumeTag(encodeVolumeTag(decodeVolumeTag(bytes)))).to.deep.equal({ id: 'A00001L8', sequence: 1 });
  });
  it('reads at an offset and stops at the first NUL, as mtx does', () => {
    const padded = Buffer.concat([
      Buffer.from([0xaa, 0xbb]),
      hex(`${a('ABC')} 00 ${a('XYZ')} ${'00 '.repeat(25)} 00 00 00 02`),
    ]);
    expect(decodeVolumeTag(padded, 2)).to.deep.equal({ id: 'ABC', sequence: 2 });
  });
  it('throws CodecError when fewer than 36 bytes are there', () => {
    expect(() => decodeVolumeTag(bytes.subarray(0, 35))).to.throw(CodecError);
    expect(() => decodeVolumeTag(bytes, 1)).to.throw(CodecError);
  });
  it('decode(encode(x)) equals x for identifiers without trailing spaces', () => {
    const id = fc.stringMatching(/^[!-~]([ -~]{0,30}[!-~])?$/).filter((s) => s.length <= 32);
    fc.assert(
      fc.property(fc.oneof(id, fc.constant('')), fc.integer({ min: 0, max: 0xffff }), (i, sequence) => {
        expect(decodeVolumeTag(encodeVolumeTag({ id: i, sequence }))).to.deep.equal({ id: i, sequence });
      }),
    );
  });
});
