/**
 * Encoding and whole-buffer decoding of one serial frame.
 * Spec: docs/serial-framing.md section 3 (layout, header check, CRC-32C) and section 3.5 (what a receiver checks).
 */
import { crc32c } from './crc32c.js';
import { FrameLayout, type Frame } from './frame-format.js';

/** Why a buffer is not a frame. */
export type FrameFault = 'short' | 'marker' | 'header-check' | 'length' | 'crc' | 'trailing-bytes';

/** Outcome of {@link decodeFrame}; never throws on malformed input. */
export type DecodedFrame =
  { readonly ok: true; readonly frame: Frame } | { readonly ok: false; readonly fault: FrameFault };

/** The 16-bit header check of the header at `offset`: low half of CRC-32C over type, flags, seq and length. */
export function headerCheck(bytes: Uint8Array, offset = 0): number {
  return crc32c(bytes.subarray(offset + FrameLayout.TYPE_OFFSET, offset + FrameLayout.HEADER_CHECK_OFFSET)) & 0xffff;
}

/**
 * Checks the header that starts at `offset` (which must hold at least HEADER_LENGTH bytes): marker, header check,
 * payload length within `maxPayload`. Returns the payload length, or the fault.
 */
export function checkHeader(
  bytes: Buffer,
  offset: number,
  maxPayload: number = FrameLayout.MAX_PAYLOAD,
): number | FrameFault {
  if (bytes[offset] !== FrameLayout.MARKER_0 || bytes[offset + 1] !== FrameLayout.MARKER_1) return 'marker';
  if (bytes.readUInt16BE(offset + FrameLayout.HEADER_CHECK_OFFSET) !== headerCheck(bytes, offset))
    return 'header-check';
  const length = bytes.readUInt16BE(offset + FrameLayout.LENGTH_OFFSET);
  return length > maxPayload ? 'length' : length;
}

/** True when the CRC-32C trailer of the frame at `offset` with `length` payload bytes is right. */
export function checkCrc(bytes: Buffer, offset: number, length: number): boolean {
  const end = offset + FrameLayout.HEADER_LENGTH + length;
  return bytes.readUInt32BE(end) === crc32c(bytes.subarray(offset, end));
}

/** Reads the fields of a frame whose header and CRC were checked; copies the payload. */
export function readFrame(bytes: Buffer, offset: number, length: number): Frame {
  const start = offset + FrameLayout.HEADER_LENGTH;
  return {
    type: bytes[offset + FrameLayout.TYPE_OFFSET] as number,
    flags: bytes[offset + FrameLayout.FLAGS_OFFSET] as number,
    seq: bytes.readUInt16BE(offset + FrameLayout.SEQ_OFFSET),
    payload: Buffer.from(bytes.subarray(start, start + length)),
  };
}

/**
 * Encodes one frame. Throws RangeError for a payload over MAX_PAYLOAD or a field out of range: those are bugs
 * of the caller, never properties of received data.
 */
export function encodeFrame(frame: Frame): Buffer {
  const { type, flags, seq, payload } = frame;
  if (payload.length > FrameLayout.MAX_PAYLOAD)
    throw new RangeError(`frame payload of ${payload.length} bytes exceeds ${FrameLayout.MAX_PAYLOAD}`);
  for (const [name, value, max] of [
    ['type', type, 0xff],
    ['flags', flags, 0xff],
    ['seq', seq, 0xffff],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > max)
      throw new RangeError(`frame ${name} ${value} out of range 0..${max}`);
  }
  const out = Buffer.alloc(FrameLayout.OVERHEAD + payload.length);
  out[0] = FrameLayout.MARKER_0;
  out[1] = FrameLayout.MARKER_1;
  out[FrameLayout.TYPE_OFFSET] = type;
  out[FrameLayout.FLAGS_OFFSET] = flags;
  out.writeUInt16BE(seq, FrameLayout.SEQ_OFFSET);
  out.writeUInt16BE(payload.length, FrameLayout.LENGTH_OFFSET);
  out.writeUInt16BE(headerCheck(out), FrameLayout.HEADER_CHECK_OFFSET);
  out.set(payload, FrameLayout.HEADER_LENGTH);
  const end = FrameLayout.HEADER_LENGTH + payload.length;
  out.writeUInt32BE(crc32c(out.subarray(0, end)), end);
  return out;
}

/** Decodes a buffer that holds exactly one frame (the byte-vector form); streams use FrameDecoder. */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < FrameLayout.OVERHEAD) return { ok: false, fault: 'short' };
  const length = checkHeader(buf, 0);
  if (typeof length !== 'number') return { ok: false, fault: length };
  const total = FrameLayout.OVERHEAD + length;
  if (buf.length < total) return { ok: false, fault: 'short' };
  if (buf.length > total) return { ok: false, fault: 'trailing-bytes' };
  if (!checkCrc(buf, 0, length)) return { ok: false, fault: 'crc' };
  return { ok: true, frame: readFrame(buf, 0, length) };
}
