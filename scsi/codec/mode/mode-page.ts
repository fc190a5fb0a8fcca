/**
 * Mode pages as a run of bytes: page_0 format (byte 0 PS, SPF=0, page code; byte 1 page length) and
 * sub_page format (SPF=1; byte 1 subpage code; bytes 2-3 page length), dispatching to the known pages.
 * Spec: SPC-4 7.5 "Mode page format and page codes"; SMC-3 7.3; docs/smc-reference.md 1.4.
 */
import { asBuffer, checkUint } from '../byte-fields.js';
import { CodecError } from '../codec-error.js';
import { encodeControlPage, readControlPage } from './control-page.js';
import { encodeDeviceCapabilitiesPage, readDeviceCapabilitiesPage } from './device-capabilities-page.js';
import { encodeElementAddressPage, readElementAddressPage } from './element-address-page.js';
import { encodeTransportGeometryPage, readTransportGeometryPage } from './transport-geometry-page.js';
import { ModePageCode, type ModePage } from './types.js';

/** Smallest PAGE LENGTH from which a known page's fields can be read; shorter ones are kept raw. */
const MINIMUM_LENGTH: ReadonlyMap<number, number> = new Map([
  [ModePageCode.CONTROL, 0x08],
  [ModePageCode.ELEMENT_ADDRESS_ASSIGNMENT, 0x10],
  [ModePageCode.TRANSPORT_GEOMETRY, 0x00],
  [ModePageCode.DEVICE_CAPABILITIES, 0x0e],
]);

/** The bytes of one mode page. A raw page is checked for a consistent header and returned as a copy. */
export function encodeModePage(p: ModePage): Buffer {
  if ('raw' in p) {
    const raw = p.raw;
    checkUint(p.code, 0x3f, 'page code');
    if (raw.length < 2 || ((raw[0] ?? 0) & 0x3f) !== p.code)
      throw new RangeError(`raw mode page does not start with page code ${p.code}`);
    const spf = ((raw[0] ?? 0) & 0x40) !== 0;
    const expected = spf ? (raw.length >= 4 ? 4 + raw.readUInt16BE(2) : -1) : 2 + (raw[1] ?? 0);
    if (raw.length !== expected)
      throw new RangeError(`raw mode page ${p.code} is ${raw.length} bytes, its header says ${expected}`);
    return Buffer.from(raw);
  }
  switch (p.code) {
    case ModePageCode.CONTROL:
      return encodeControlPage(p.page);
    case ModePageCode.ELEMENT_ADDRESS_ASSIGNMENT:
      return encodeElementAddressPage(p.page);
    case ModePageCode.TRANSPORT_GEOMETRY:
      return encodeTransportGeometryPage(p.page);
    case ModePageCode.DEVICE_CAPABILITIES:
      return encodeDeviceCapabilitiesPage(p.page);
  }
}

function decodeOne(page: Buffer, offset: number): ModePage {
  const b0 = page[0] ?? 0;
  const code = b0 & 0x3f;
  const minimum = MINIMUM_LENGTH.get(code);
  if ((b0 & 0x40) !== 0 || minimum === undefined || page.length - 2 < minimum) return { code, raw: Buffer.from(page) };
  switch (code) {
    case ModePageCode.CONTROL:
      return { code, page: readControlPage(page) };
    case ModePageCode.ELEMENT_ADDRESS_ASSIGNMENT:
      return { code, page: readElementAddressPage(page) };
    case ModePageCode.TRANSPORT_GEOMETRY:
      return { code, page: readTransportGeometryPage(page, offset) };
    default:
      return { code: ModePageCode.DEVICE_CAPABILITIES, page: readDeviceCapabilitiesPage(page) };
  }
}

/**
 * Decodes the pages in `buf` from `start` to `end`. When `cut` is true (the data was cut by an allocation
 * length) an incomplete last page is dropped; otherwise it is a CodecError.
 */
export function decodePageRun(buf: Buffer, start: number, end: number, cut: boolean): ModePage[] {
  const pages: ModePage[] = [];
  let off = start;
  while (off < end) {
    const spf = ((buf[off] ?? 0) & 0x40) !== 0;
    const headerLength = spf ? 4 : 2;
    let next = Infinity;
    if (off + headerLength <= end) next = off + headerLength + (spf ? buf.readUInt16BE(off + 2) : (buf[off + 1] ?? 0));
    if (next > end) {
      if (cut) break;
      throw new CodecError(
        'mode page',
        off,
        next === Infinity ? 'page header cut short' : `page of ${next - off} bytes runs past the data`,
      );
    }
    pages.push(decodeOne(buf.subarray(off, next), off));
    off = next;
  }
  return pages;
}

/**
 * Decodes a run of mode pages (the data after the mode parameter header and block descriptors). Throws
 * CodecError when a page runs past the data or a transport geometry page has an odd length.
 */
export function decodeModePages(bytes: Uint8Array): ModePage[] {
  const buf = asBuffer(bytes);
  return decodePageRun(buf, 0, buf.length, false);
}
