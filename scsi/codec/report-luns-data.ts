/**
 * REPORT LUNS parameter data: 4-byte LUN LIST LENGTH, 4 reserved bytes, then one 8-byte LUN per logical unit,
 * in single-level LUN structure: peripheral device addressing (00b, bus 0) for LUNs 0-255, flat space
 * addressing (01b) for 256-16383.
 * Spec: SPC-4 6.33 "REPORT LUNS command" (parameter data); SAM-5 4.7 (single level LUN structure,
 * peripheral device addressing, flat space addressing); docs/smc-reference.md 1.5.
 */
import { asBuffer, checkUint } from './byte-fields.js';
import { CodecError } from './codec-error.js';

/** Largest LUN single-level flat space addressing can express. */
export const MAX_SINGLE_LEVEL_LUN = 0x3fff;

/** REPORT LUNS parameter data for `luns`, in the order given. Throws RangeError for a LUN over 16383. */
export function encodeReportLunsData(luns: number[]): Buffer {
  const buf = Buffer.alloc(8 + 8 * luns.length);
  buf.writeUInt32BE(8 * luns.length, 0);
  luns.forEach((lun, i) => {
    checkUint(lun, MAX_SINGLE_LEVEL_LUN, 'LUN');
    const off = 8 + 8 * i;
    buf[off] = lun < 0x100 ? 0x00 : 0x40 | (lun >> 8);
    buf[off + 1] = lun & 0xff;
  });
  return buf;
}

function decodeLun(buf: Buffer, off: number): number {
  const b0 = buf[off] ?? 0;
  for (let i = off + 2; i < off + 8; i++) {
    if (buf[i] !== 0) throw new CodecError('LUN', i, 'not a single-level LUN (bytes 2-7 are not zero)');
  }
  switch (b0 >> 6) {
    case 0:
      if ((b0 & 0x3f) !== 0)
        throw new CodecError('LUN', off, `peripheral device addressing with bus identifier ${b0 & 0x3f}`);
      return buf[off + 1] ?? 0;
    case 1:
      return ((b0 & 0x3f) << 8) | (buf[off + 1] ?? 0);
    default:
      throw new CodecError('LUN', off, `address method ${b0 >> 6} is not supported`);
  }
}

/**
 * The LUNs in REPORT LUNS parameter data (whole entries present, when cut by the allocation length). Throws
 * CodecError on fewer than 8 bytes, a list length that is not a multiple of 8, or a LUN that is not a
 * single-level peripheral or flat space address.
 */
export function decodeReportLunsData(bytes: Uint8Array): number[] {
  const buf = asBuffer(bytes);
  if (buf.length < 8)
    throw new CodecError('REPORT LUNS parameter data', buf.length, `needs an 8-byte header, got ${buf.length}`);
  const listLength = buf.readUInt32BE(0);
  if (listLength % 8 !== 0)
    throw new CodecError('REPORT LUNS parameter data', 0, `LUN list length ${listLength} is not a multiple of 8`);
  const end = Math.min(buf.length, 8 + listLength);
  const luns: number[] = [];
  for (let off = 8; off + 8 <= end; off += 8) luns.push(decodeLun(buf, off));
  return luns;
}
