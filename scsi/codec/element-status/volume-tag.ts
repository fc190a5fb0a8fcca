/**
 * Volume tag information: 36 bytes, VOLUME IDENTIFIER (32 bytes, left-aligned ASCII padded with spaces),
 * 2 reserved bytes, VOLUME SEQUENCE NUMBER (2 bytes).
 * Spec: SMC-3 6.10 "Volume tag information" (in READ ELEMENT STATUS); docs/smc-reference.md 1.3 "Volume tag".
 */
import { asBuffer, checkUint, readAsciiField, writeAsciiField } from '../byte-fields.js';
import { CodecError } from '../codec-error.js';
import { ElementStatusSize, type VolumeTag } from './types.js';

const { VOLUME_TAG, VOLUME_IDENTIFIER } = ElementStatusSize;

/**
 * Writes a volume tag at `offset` of `buf` (36 bytes). Throws RangeError when the identifier is longer than
 * 32 characters or not printable ASCII, or the sequence number does not fit 16 bits.
 */
export function writeVolumeTag(buf: Buffer, offset: number, tag: VolumeTag): void {
  writeAsciiField(buf, offset, VOLUME_IDENTIFIER, tag.id, 'volume identifier');
  checkUint(tag.sequence, 0xffff, 'volume sequence number');
  buf[offset + 32] = 0;
  buf[offset + 33] = 0;
  buf.writeUInt16BE(tag.sequence, offset + 34);
}

/** A volume tag as its 36 bytes. */
export function encodeVolumeTag(tag: VolumeTag): Buffer {
  const buf = Buffer.alloc(VOLUME_TAG);
  writeVolumeTag(buf, 0, tag);
  return buf;
}

/**
 * Reads the 36-byte volume tag at `offset`. The identifier stops at the first NUL and loses its trailing
 * spaces, so an all-space or all-zero tag reads as `{ id: '', sequence: 0 }`. Throws CodecError when fewer
 * than 36 bytes are there.
 */
export function decodeVolumeTag(bytes: Uint8Array, offset = 0): VolumeTag {
  if (offset < 0 || bytes.length < offset + VOLUME_TAG) {
    throw new CodecError(
      'volume tag',
      offset,
      `needs ${VOLUME_TAG} bytes, ${Math.max(0, bytes.length - offset)} present`,
    );
  }
  return { id: readAsciiField(bytes, offset, VOLUME_IDENTIFIER), sequence: asBuffer(bytes).readUInt16BE(offset + 34) };
}

/** True when the 36 bytes at `offset` are all zero (mhVTL's "no tag"), which the descriptor decoder reports as absent. */
export function isZeroVolumeTag(bytes: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + VOLUME_TAG; i++) if (bytes[i] !== 0) return false;
  return true;
}
