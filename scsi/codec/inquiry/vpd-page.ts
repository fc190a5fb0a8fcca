/**
 * Vital product data pages: the 4-byte page header (qualifier and device type, PAGE CODE, PAGE LENGTH),
 * Supported VPD pages (00h) and Unit serial number (80h).
 * Spec: SPC-4 7.8.2 (VPD page header), 7.8.16 Supported VPD pages,
 * 7.8.18 Unit Serial Number; docs/smc-reference.md 1.5 (Windows and backup software expect 00h/80h/83h).
 */
import { asBuffer, checkUint, isPrintableAscii, readAsciiField } from '../byte-fields.js';
import { CodecError } from '../codec-error.js';

/** PAGE CODE values of the VPD pages this codec handles. */
export const VpdPageCode = {
  SUPPORTED_PAGES: 0x00,
  UNIT_SERIAL_NUMBER: 0x80,
  DEVICE_IDENTIFICATION: 0x83,
} as const;

/** Byte 0 of a VPD page. */
export interface VpdHeader {
  peripheralQualifier: number;
  deviceType: number;
}

/** Decoded Supported VPD pages page. */
export interface SupportedVpdPages extends VpdHeader {
  pages: number[];
}

/** Decoded Unit serial number page. */
export interface UnitSerialNumberPage extends VpdHeader {
  serial: string;
}

/** A VPD page: header for `deviceType` (qualifier 0) and `pageCode`, then `body`. Throws RangeError on bad values. */
export function encodeVpdPage(deviceType: number, pageCode: number, body: Buffer): Buffer {
  checkUint(deviceType, 0x1f, 'peripheral device type');
  checkUint(pageCode, 0xff, 'page code');
  checkUint(body.length, 0xffff, 'page length');
  const buf = Buffer.alloc(4 + body.length);
  buf[0] = deviceType;
  buf[1] = pageCode;
  buf.writeUInt16BE(body.length, 2);
  body.copy(buf, 4);
  return buf;
}

/**
 * Checks a VPD page header and returns it with the page data (cut to what is present). Throws CodecError
 * when the header is short or the page code is not `pageCode`.
 */
export function decodeVpdPage(
  bytes: Uint8Array,
  pageCode: number,
  what: string,
): { header: VpdHeader; body: Buffer; cut: boolean } {
  const buf = asBuffer(bytes);
  if (buf.length < 4) throw new CodecError(what, buf.length, `needs a 4-byte header, got ${buf.length}`);
  if (buf[1] !== pageCode) throw new CodecError(what, 1, `page code ${buf[1]} is not ${pageCode}`);
  const declaredEnd = 4 + buf.readUInt16BE(2);
  const b0 = buf[0] ?? 0;
  return {
    header: { peripheralQualifier: b0 >> 5, deviceType: b0 & 0x1f },
    body: buf.subarray(4, Math.min(buf.length, declaredEnd)),
    cut: buf.length < declaredEnd,
  };
}

/** Supported VPD pages (00h); the page codes are written sorted and without duplicates. */
export function encodeSupportedVpdPages(deviceType: number, pages: number[]): Buffer {
  for (const p of pages) checkUint(p, 0xff, 'page code');
  const sorted = [...new Set(pages)].sort((x, y) => x - y);
  return encodeVpdPage(deviceType, VpdPageCode.SUPPORTED_PAGES, Buffer.from(sorted));
}

/** Decodes Supported VPD pages (00h). Throws CodecError on a short header or another page code. */
export function decodeSupportedVpdPages(bytes: Uint8Array): SupportedVpdPages {
  const { header, body } = decodeVpdPage(bytes, VpdPageCode.SUPPORTED_PAGES, 'supported VPD pages');
  return { ...header, pages: [...body] };
}

/** Unit serial number (80h): the serial as printable ASCII. Throws RangeError otherwise. */
export function encodeUnitSerialNumberPage(deviceType: number, serial: string): Buffer {
  if (!isPrintableAscii(serial))
    throw new RangeError(`serial number must be printable ASCII: ${JSON.stringify(serial)}`);
  return encodeVpdPage(deviceType, VpdPageCode.UNIT_SERIAL_NUMBER, Buffer.from(serial, 'latin1'));
}

/** Decodes Unit serial number (80h); leading and trailing spaces (padding) are removed. */
export function decodeUnitSerialNumberPage(bytes: Uint8Array): UnitSerialNumberPage {
  const { header, body } = decodeVpdPage(bytes, VpdPageCode.UNIT_SERIAL_NUMBER, 'unit serial number page');
  return { ...header, serial: readAsciiField(body, 0, body.length).trimStart() };
}
