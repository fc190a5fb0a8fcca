/**
 * Small helpers the data codecs share: range checks for encoder input, fixed-width ASCII fields, and a
 * zero-copy Buffer view of a Uint8Array for the decoders.
 * Spec: SPC-4 4.3.1, docs/scsi-model.md 6 (ASCII fields are left-aligned and padded with spaces, 20h).
 */
import { CodecError } from './codec-error.js';

/**
 * Throws a RangeError unless `value` is an integer in 0..max. Encoders use it: bad encoder input is a
 * programming error, not a malformed reply, so it is not a CodecError.
 */
export function checkUint(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} must be an integer in 0..${max}, got ${value}`);
  }
}

/** A Buffer sharing memory with `bytes` (no copy), so decoders can use readUInt16BE and friends. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Throws a CodecError unless `bytes` holds at least `length` bytes. */
export function needBytes(bytes: Uint8Array, length: number, what: string): void {
  if (bytes.length < length) {
    throw new CodecError(what, bytes.length, `needs ${length} bytes, got ${bytes.length}`);
  }
}

/** True when every character of `s` is printable ASCII (20h-7Eh). */
export function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/**
 * Writes `s` left-aligned into `width` bytes at `offset`, padded with spaces. Throws a RangeError when
 * `s` is longer than the field or is not printable ASCII.
 */
export function writeAsciiField(buf: Buffer, offset: number, width: number, s: string, what: string): void {
  if (s.length > width) throw new RangeError(`${what} is ${s.length} characters, the field holds ${width}`);
  if (!isPrintableAscii(s)) throw new RangeError(`${what} must be printable ASCII: ${JSON.stringify(s)}`);
  buf.fill(0x20, offset, offset + width);
  buf.write(s, offset, 'latin1');
}

/**
 * Reads a fixed-width ASCII field: stops at the first NUL (as mtx does) and drops trailing spaces.
 * Never throws; bytes past the end of `bytes` are treated as absent.
 */
export function readAsciiField(bytes: Uint8Array, offset: number, width: number): string {
  const end = Math.min(bytes.length, offset + width);
  let stop = offset;
  while (stop < end && bytes[stop] !== 0) stop++;
  while (stop > offset && bytes[stop - 1] === 0x20) stop--;
  return asBuffer(bytes).toString('latin1', offset, stop);
}
