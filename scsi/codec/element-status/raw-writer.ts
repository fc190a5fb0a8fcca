/**
 * Low-level writers of READ ELEMENT STATUS parameter data, for targets that encode straight from their own state
 * into an uninitialised buffer (no descriptor objects): every function writes every byte of its part, reserved
 * bytes included, and checks nothing. The same layout as {@link encodeElementStatus}, which stays the reference.
 * Spec: SMC-3 6.10 READ ELEMENT STATUS (element status data header, element status page header, element
 * descriptors); docs/smc-reference.md 1.3 (byte counts, whole-descriptor truncation).
 */
import { ElementStatusSize } from './types.js';

const { HEADER, PAGE_HEADER } = ElementStatusSize;

/** The 8-byte element status data header at 0: first address, number of elements, byte count of the report. */
export function writeRawStatusHeader(buf: Buffer, first: number, count: number, byteCount: number): void {
  buf[0] = first >>> 8;
  buf[1] = first & 0xff;
  buf[2] = count >>> 8;
  buf[3] = count & 0xff;
  buf[4] = 0;
  buf[5] = (byteCount >>> 16) & 0xff;
  buf[6] = (byteCount >>> 8) & 0xff;
  buf[7] = byteCount & 0xff;
}

/** An 8-byte element status page header at `off`; `byteCount` is the page's descriptor bytes (all of them). */
export function writeRawPageHeader(
  buf: Buffer,
  off: number,
  type: number,
  pvoltag: boolean,
  avoltag: boolean,
  descriptorLength: number,
  byteCount: number,
): void {
  buf[off] = type;
  buf[off + 1] = (pvoltag ? 0x80 : 0) | (avoltag ? 0x40 : 0);
  buf[off + 2] = descriptorLength >>> 8;
  buf[off + 3] = descriptorLength & 0xff;
  buf[off + 4] = 0;
  buf[off + 5] = (byteCount >>> 16) & 0xff;
  buf[off + 6] = (byteCount >>> 8) & 0xff;
  buf[off + 7] = byteCount & 0xff;
}

/**
 * The common 12 bytes of a descriptor at `off`: address, byte 2 flags (see ElementFlag), ASC/ASCQ, bytes 6-7
 * (DT: NOT BUS/ID VALID/LU VALID/LUN and SCSI bus address; else 0), byte 9 (SVALID, INVERT, ED, medium type),
 * source storage element address. Bytes 3 and 8 are written 0.
 */
export function writeRawDescriptorBase(
  buf: Buffer,
  off: number,
  address: number,
  flags: number,
  asc: number,
  ascq: number,
  byte6: number,
  byte7: number,
  byte9: number,
  source: number,
): void {
  buf[off] = address >>> 8;
  buf[off + 1] = address & 0xff;
  buf[off + 2] = flags;
  buf[off + 3] = 0;
  buf[off + 4] = asc;
  buf[off + 5] = ascq;
  buf[off + 6] = byte6;
  buf[off + 7] = byte7;
  buf[off + 8] = 0;
  buf[off + 9] = byte9;
  buf[off + 10] = source >>> 8;
  buf[off + 11] = source & 0xff;
}

/** Copies `bytes` to `off` (a plain loop: faster than Buffer#copy for the 36-byte tags and short identifiers). */
export function writeRawBytes(buf: Buffer, off: number, bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i++) buf[off + i] = bytes[i] as number;
}

/** Writes `n` zero bytes at `off`. */
export function writeRawZeros(buf: Buffer, off: number, n: number): void {
  for (let i = 0; i < n; i++) buf[off + i] = 0;
}

/** One page of a report as the size planner sees it. */
export interface RawPageShape {
  readonly descriptorLength: number;
  readonly descriptors: number;
}

/**
 * How many bytes of a report of these (non-empty) pages a target sends for `allocationLength`, as
 * {@link encodeElementStatus} does: the header (cut bytewise below 8 bytes), then whole page headers and whole
 * descriptors that fit, stopping at the first that does not. The result is always a prefix of the full report.
 */
export function rawReportSize(pages: readonly RawPageShape[], allocationLength: number): number {
  if (allocationLength < HEADER) return allocationLength;
  let size: number = HEADER;
  for (const page of pages) {
    if (size + PAGE_HEADER > allocationLength) break;
    size += PAGE_HEADER;
    const sent = Math.min(page.descriptors, Math.floor((allocationLength - size) / page.descriptorLength));
    size += sent * page.descriptorLength;
    if (sent < page.descriptors) break;
  }
  return size;
}
