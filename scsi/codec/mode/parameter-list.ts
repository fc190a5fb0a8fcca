/**
 * Mode parameter lists: mode parameter header(6) (4 bytes: MODE DATA LENGTH, MEDIUM TYPE, DEVICE-SPECIFIC
 * PARAMETER, BLOCK DESCRIPTOR LENGTH) or header(10) (8 bytes: 2-byte MODE DATA LENGTH, MEDIUM TYPE,
 * DEVICE-SPECIFIC PARAMETER, LONGLBA, reserved, 2-byte BLOCK DESCRIPTOR LENGTH), then block descriptors and
 * pages. Changers send no block descriptors.
 * Spec: SPC-4 7.5.5 "Mode parameter header formats", 7.5 "Mode parameter list format";
 * docs/smc-reference.md 1.4.
 */
import { asBuffer, checkUint } from '../byte-fields.js';
import { CodecError } from '../codec-error.js';
import { decodePageRun } from './mode-page.js';
import type { ModeHeaderFields, ModeParameterList } from './types.js';

function concatPages(pages: Buffer[], headerLength: number, maxTotal: number): Buffer {
  let total = headerLength;
  for (const p of pages) total += p.length;
  if (total > maxTotal) throw new RangeError(`mode parameter list of ${total} bytes exceeds ${maxTotal}`);
  const buf = Buffer.alloc(total);
  let off = headerLength;
  for (const p of pages) {
    p.copy(buf, off);
    off += p.length;
  }
  return buf;
}

function headerValues(header: ModeHeaderFields | undefined): [number, number] {
  const mediumType = header?.mediumType ?? 0;
  const deviceSpecific = header?.deviceSpecific ?? 0;
  checkUint(mediumType, 0xff, 'medium type');
  checkUint(deviceSpecific, 0xff, 'device-specific parameter');
  return [mediumType, deviceSpecific];
}

/** MODE SENSE(6) data / MODE SELECT(6) parameter list: 4-byte header, no block descriptors, the pages. */
export function encodeModeParameterList6(pages: Buffer[], header?: ModeHeaderFields): Buffer {
  const [mediumType, deviceSpecific] = headerValues(header);
  const buf = concatPages(pages, 4, 256);
  buf[0] = buf.length - 1;
  buf[1] = mediumType;
  buf[2] = deviceSpecific;
  return buf;
}

/** MODE SENSE(10) data / MODE SELECT(10) parameter list: 8-byte header, no block descriptors, the pages. */
export function encodeModeParameterList10(pages: Buffer[], header?: ModeHeaderFields): Buffer {
  const [mediumType, deviceSpecific] = headerValues(header);
  const buf = concatPages(pages, 8, 0xffff + 2);
  buf.writeUInt16BE(buf.length - 2, 0);
  buf[2] = mediumType;
  buf[3] = deviceSpecific;
  return buf;
}

function decodeList(
  buf: Buffer,
  headerLength: number,
  dataLength: number,
  lengthBytes: number,
  bdl: number,
  mediumType: number,
  deviceSpecific: number,
): ModeParameterList {
  // MODE SELECT sends MODE DATA LENGTH 0 (reserved): the list then runs to the end of the data.
  const declaredEnd = dataLength === 0 ? buf.length : lengthBytes + dataLength;
  if (declaredEnd < headerLength)
    throw new CodecError('mode parameter header', 0, `mode data length ${dataLength} is shorter than the header`);
  const end = Math.min(buf.length, declaredEnd);
  const cut = buf.length < declaredEnd;
  const pagesStart = headerLength + bdl;
  if (pagesStart > end && !cut)
    throw new CodecError(
      'mode parameter header',
      headerLength - 2,
      `block descriptor length ${bdl} runs past the data`,
    );
  const blockDescriptors = Buffer.from(buf.subarray(headerLength, Math.min(pagesStart, end)));
  const pages = pagesStart < end ? decodePageRun(buf, pagesStart, end, cut) : [];
  return { mediumType, deviceSpecific, blockDescriptors, pages };
}

/**
 * Decodes MODE SENSE(6) data or a MODE SELECT(6) parameter list. Data cut by an allocation length loses its
 * incomplete last page; otherwise inconsistent lengths throw CodecError.
 */
export function decodeModeParameterList6(bytes: Uint8Array): ModeParameterList {
  const buf = asBuffer(bytes);
  if (buf.length < 4) throw new CodecError('mode parameter header(6)', buf.length, `needs 4 bytes, got ${buf.length}`);
  return decodeList(buf, 4, buf[0] ?? 0, 1, buf[3] ?? 0, buf[1] ?? 0, buf[2] ?? 0);
}

/** Decodes MODE SENSE(10) data or a MODE SELECT(10) parameter list (see decodeModeParameterList6). */
export function decodeModeParameterList10(bytes: Uint8Array): ModeParameterList {
  const buf = asBuffer(bytes);
  if (buf.length < 8) throw new CodecError('mode parameter header(10)', buf.length, `needs 8 bytes, got ${buf.length}`);
  return decodeList(buf, 8, buf.readUInt16BE(0), 2, buf.readUInt16BE(6), buf[2] ?? 0, buf[3] ?? 0);
}
