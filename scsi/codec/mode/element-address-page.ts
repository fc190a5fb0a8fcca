/**
 * Element address assignment page (1Dh): 20 bytes, page length 12h; first address and number of elements
 * for MT (2-5), ST (6-9), IE (10-13), DT (14-17); 18-19 reserved.
 * Spec: SMC-3 7.3 "Element address assignment mode page"; docs/smc-reference.md 1.4.
 */
import { checkUint } from '../byte-fields.js';
import { ModePageCode, type ElementAddressAssignmentPage } from './types.js';

/** PAGE LENGTH of the element address assignment page. */
export const ELEMENT_ADDRESS_PAGE_LENGTH = 0x12;

const FIELDS = [
  'firstTransport',
  'numberOfTransports',
  'firstStorage',
  'numberOfStorage',
  'firstImportExport',
  'numberOfImportExport',
  'firstDataTransfer',
  'numberOfDataTransfer',
] as const;

/** The 20 bytes of an element address assignment page. Throws RangeError on values over 65535. */
export function encodeElementAddressPage(p: ElementAddressAssignmentPage): Buffer {
  const buf = Buffer.alloc(2 + ELEMENT_ADDRESS_PAGE_LENGTH);
  buf[0] = (p.ps ? 0x80 : 0) | ModePageCode.ELEMENT_ADDRESS_ASSIGNMENT;
  buf[1] = ELEMENT_ADDRESS_PAGE_LENGTH;
  FIELDS.forEach((name, i) => {
    checkUint(p[name], 0xffff, name);
    buf.writeUInt16BE(p[name], 2 + 2 * i);
  });
  return buf;
}

/** Reads an element address assignment page whose page length is at least 10h. */
export function readElementAddressPage(page: Buffer): ElementAddressAssignmentPage {
  const at = (i: number): number => page.readUInt16BE(2 + 2 * i);
  return {
    ps: ((page[0] ?? 0) & 0x80) !== 0,
    firstTransport: at(0),
    numberOfTransports: at(1),
    firstStorage: at(2),
    numberOfStorage: at(3),
    firstImportExport: at(4),
    numberOfImportExport: at(5),
    firstDataTransfer: at(6),
    numberOfDataTransfer: at(7),
  };
}
