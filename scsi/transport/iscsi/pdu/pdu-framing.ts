/**
 * PDU framing on a byte stream: padding to 4 bytes, optional CRC32C header and data digests, and a streaming
 * reader that cuts PDUs out of TCP chunks without copying when a PDU lies inside one chunk.
 * Spec: RFC 7143 11.2 (PDU structure, padding), 11.2.2 (AHS), 13.1 (digests), 7.8 (digest errors); docs/iscsi.md 7.1.
 */
import { Iscsi, RejectReason } from '../constants.js';
import { crc32c, crc32cUpdate, digestBytes } from '../../crc32c.js';
import { IscsiProtocolError } from '../errors.js';
import { pduAhsLength, pduDataSegmentLength, type Pdu } from './pdu.js';

/** Which digests a connection uses (both false until login completes). */
export interface DigestSettings {
  readonly header: boolean;
  readonly data: boolean;
}

/** No digests: the login phase, and sessions that negotiated None. */
export const NO_DIGESTS: DigestSettings = Object.freeze({ header: false, data: false });

const PADDING = [Buffer.alloc(0), Buffer.alloc(1), Buffer.alloc(2), Buffer.alloc(3)] as const;

/** Zero bytes needed after `length` bytes to reach a multiple of 4. */
export function paddingLength(length: number): number {
  return (4 - (length % 4)) % 4;
}

/** Size of the framed PDU on the wire. */
export function framedLength(pdu: Pdu, digests: DigestSettings): number {
  const data = pdu.data.length;
  return (
    Iscsi.BHS_LENGTH +
    pdu.ahs.length +
    (digests.header ? 4 : 0) +
    data +
    paddingLength(data) +
    (digests.data && data > 0 ? 4 : 0)
  );
}

/**
 * The wire bytes of a PDU as a list of buffers to write in order (header with its digest, data, padding with the
 * data digest). The data buffer is not copied.
 */
export function framePdu(pdu: Pdu, digests: DigestSettings): Buffer[] {
  const parts: Buffer[] = [];
  let header = pdu.ahs.length > 0 ? Buffer.concat([pdu.bhs, pdu.ahs]) : pdu.bhs;
  if (digests.header) header = Buffer.concat([header, digestBytes(crc32c(header))]);
  parts.push(header);
  const length = pdu.data.length;
  if (length > 0) {
    parts.push(pdu.data);
    const pad = PADDING[paddingLength(length)] as Buffer;
    if (digests.data) {
      const crc = crc32cUpdate(crc32cUpdate(0, pdu.data), pad);
      parts.push(pad.length > 0 ? Buffer.concat([pad, digestBytes(crc)]) : digestBytes(crc));
    } else if (pad.length > 0) {
      parts.push(pad);
    }
  }
  return parts;
}

/** The framed PDU as one buffer (tests, small PDUs). */
export function framePduToBuffer(pdu: Pdu, digests: DigestSettings = NO_DIGESTS): Buffer {
  return Buffer.concat(framePdu(pdu, digests));
}

/** A PDU read from the stream, with the verdict of its data digest. */
export interface ReceivedPdu extends Pdu {
  /** False when the data digest did not match (the header is trustworthy, the data is not). */
  readonly dataDigestOk: boolean;
}

/** Limits and settings the reader consults before each PDU (they change when login completes). */
export interface PduReaderSettings {
  digests: DigestSettings;
  /** Largest DataSegmentLength accepted; a bigger one is a fatal protocol error. */
  maxDataSegmentLength: number;
}

/**
 * Cuts PDUs out of a byte stream. `push` each chunk as it arrives; complete PDUs go to `onPdu` in order. A bad
 * header digest or an oversized segment throws a fatal IscsiProtocolError from `push` (the stream is lost);
 * the `bhs` property of the error context is available through `lastHeader` for a Reject.
 */
export class PduReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private need = 0;
  private stopped = false;
  private paused = false;
  /** The BHS of the PDU being read when push() threw, for the Reject's data segment. */
  lastHeader: Buffer | undefined;

  constructor(
    private readonly settings: PduReaderSettings,
    private readonly onPdu: (pdu: ReceivedPdu) => void,
  ) {}

  /** Stops delivering PDUs (after a fatal error or when the connection closes). */
  stop(): void {
    this.stopped = true;
    this.chunks = [];
    this.buffered = 0;
  }

  /** Holds back further PDUs (buffering bytes) until resume(): lets the owner switch digests between PDUs. */
  pause(): void {
    this.paused = true;
  }

  /** Delivers what was held back by pause(), then continues normally. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.drain();
  }

  push(chunk: Buffer): void {
    if (this.stopped || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.drain();
  }

  private drain(): void {
    while (!this.stopped && !this.paused) {
      if (this.need === 0) {
        if (this.buffered < Iscsi.BHS_LENGTH) return;
        this.need = this.measure(this.peek(Iscsi.BHS_LENGTH));
      }
      if (this.buffered < this.need) return;
      const frame = this.take(this.need);
      this.need = 0;
      this.onPdu(this.parse(frame));
    }
  }

  private measure(bhs: Buffer): number {
    const digests = this.settings.digests;
    const dataLength = pduDataSegmentLength(bhs);
    const headerLength = Iscsi.BHS_LENGTH + pduAhsLength(bhs);
    if (digests.header) {
      // The header digest covers BHS and AHS; check it before trusting the lengths.
      const header = this.peek(Math.min(this.buffered, headerLength + 4));
      if (header.length >= headerLength + 4)
        this.checkHeaderDigest(header.subarray(0, headerLength), header.subarray(headerLength, headerLength + 4));
    }
    if (dataLength > this.settings.maxDataSegmentLength) {
      this.lastHeader = Buffer.from(bhs);
      throw new IscsiProtocolError(
        `data segment of ${dataLength} bytes exceeds MaxRecvDataSegmentLength ${this.settings.maxDataSegmentLength}`,
        RejectReason.PROTOCOL_ERROR,
        true,
      );
    }
    return (
      headerLength +
      (digests.header ? 4 : 0) +
      dataLength +
      paddingLength(dataLength) +
      (digests.data && dataLength > 0 ? 4 : 0)
    );
  }

  private checkHeaderDigest(header: Buffer, digest: Buffer): void {
    if (crc32c(header) !== digest.readUInt32LE(0)) {
      this.lastHeader = Buffer.from(header.subarray(0, Iscsi.BHS_LENGTH));
      throw new IscsiProtocolError('header digest error', RejectReason.PROTOCOL_ERROR, true);
    }
  }

  private parse(frame: Buffer): ReceivedPdu {
    const digests = this.settings.digests;
    const ahsLength = pduAhsLength(frame);
    const headerLength = Iscsi.BHS_LENGTH + ahsLength;
    let offset = headerLength;
    if (digests.header) {
      this.checkHeaderDigest(frame.subarray(0, headerLength), frame.subarray(offset, offset + 4));
      offset += 4;
    }
    const dataLength = pduDataSegmentLength(frame);
    const data = frame.subarray(offset, offset + dataLength);
    let dataDigestOk = true;
    if (digests.data && dataLength > 0) {
      const padded = frame.subarray(offset, offset + dataLength + paddingLength(dataLength));
      const expected = frame.readUInt32LE(offset + padded.length);
      dataDigestOk = crc32c(padded) === expected;
    }
    return {
      bhs: frame.subarray(0, Iscsi.BHS_LENGTH),
      ahs: frame.subarray(Iscsi.BHS_LENGTH, headerLength),
      data,
      dataDigestOk,
    };
  }

  /** The first `n` buffered bytes without consuming them (copies only when they span chunks). */
  private peek(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    if (first.length >= n) return first.subarray(0, n);
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    for (const c of this.chunks) {
      const k = Math.min(c.length, n - filled);
      c.copy(out, filled, 0, k);
      filled += k;
      if (filled === n) break;
    }
    return out;
  }

  /** Consumes `n` bytes: a view into the first chunk when possible, else one copy. */
  private take(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const c = this.chunks[0] as Buffer;
        const k = Math.min(c.length, n - filled);
        c.copy(out, filled, 0, k);
        filled += k;
        if (k === c.length) this.chunks.shift();
        else this.chunks[0] = c.subarray(k);
      }
    }
    this.buffered -= n;
    return out;
  }
}
