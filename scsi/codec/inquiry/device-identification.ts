/**
 * Device Identification VPD page (83h) and its designation descriptors.
 * Spec: SPC-4 7.8.6 (designation descriptor: byte 0 PROTOCOL IDENTIFIER / CODE SET, byte 1 PIV /
 * ASSOCIATION / DESIGNATOR TYPE, byte 3 DESIGNATOR LENGTH; the NAA designator format; the T10
 * vendor ID based designator (8-byte T10 vendor identification + vendor specific identifier). See docs/scsi-model.md 8.
 */
import { checkUint, isPrintableAscii, writeAsciiField } from '../byte-fields.js';
import { CodecError } from '../codec-error.js';
import { decodeVpdPage, encodeVpdPage, VpdPageCode, type VpdHeader } from './vpd-page.js';

/** CODE SET values. */
export const CodeSet = { BINARY: 1, ASCII: 2, UTF8: 3 } as const;

/** ASSOCIATION values. */
export const Association = { LOGICAL_UNIT: 0, TARGET_PORT: 1, TARGET_DEVICE: 2 } as const;

/** DESIGNATOR TYPE values. */
export const DesignatorType = {
  VENDOR_SPECIFIC: 0,
  T10_VENDOR_ID: 1,
  EUI_64: 2,
  NAA: 3,
  RELATIVE_TARGET_PORT: 4,
  TARGET_PORT_GROUP: 5,
  LOGICAL_UNIT_GROUP: 6,
  MD5_LOGICAL_UNIT: 7,
  SCSI_NAME_STRING: 8,
} as const;

/** One designation descriptor. */
export interface Designator {
  codeSet: 1 | 2 | 3;
  /** PIV: the protocol identifier is valid (association 1 or 2). */
  piv: boolean;
  /** PROTOCOL IDENTIFIER (0-15), e.g. 5 iSCSI. */
  protocolIdentifier: number;
  association: 0 | 1 | 2;
  /** DESIGNATOR TYPE (0-15), see DesignatorType. */
  designatorType: number;
  /** At most 255 bytes. */
  designator: Buffer;
}

/** Decoded Device Identification page. */
export interface DeviceIdentificationPage extends VpdHeader {
  designators: Designator[];
}

/** Device Identification (83h) with `designators` in order. Throws RangeError on fields that do not fit. */
export function encodeDeviceIdentificationPage(deviceType: number, designators: Designator[]): Buffer {
  const body = Buffer.alloc(designators.reduce((n, d) => n + 4 + d.designator.length, 0));
  let off = 0;
  for (const d of designators) {
    checkUint(d.codeSet - 1, 2, 'code set - 1');
    checkUint(d.association, 2, 'association');
    checkUint(d.protocolIdentifier, 0x0f, 'protocol identifier');
    checkUint(d.designatorType, 0x0f, 'designator type');
    checkUint(d.designator.length, 0xff, 'designator length');
    body[off] = (d.protocolIdentifier << 4) | d.codeSet;
    body[off + 1] = (d.piv ? 0x80 : 0) | (d.association << 4) | d.designatorType;
    body[off + 3] = d.designator.length;
    d.designator.copy(body, off + 4);
    off += 4 + d.designator.length;
  }
  return encodeVpdPage(deviceType, VpdPageCode.DEVICE_IDENTIFICATION, body);
}

/**
 * Decodes Device Identification (83h). A page cut by the allocation length loses its incomplete last
 * descriptor; otherwise a descriptor past the page, or a reserved code set or association, is a CodecError.
 */
export function decodeDeviceIdentificationPage(bytes: Uint8Array): DeviceIdentificationPage {
  const { header, body, cut } = decodeVpdPage(bytes, VpdPageCode.DEVICE_IDENTIFICATION, 'device identification page');
  const designators: Designator[] = [];
  let off = 0;
  while (off < body.length) {
    const next = off + 4 + (off + 4 <= body.length ? (body[off + 3] ?? 0) : 0);
    if (off + 4 > body.length || next > body.length) {
      if (cut) break;
      throw new CodecError('designation descriptor', 4 + off, 'runs past the page length');
    }
    const b0 = body[off] ?? 0;
    const b1 = body[off + 1] ?? 0;
    const codeSet = b0 & 0x0f;
    const association = (b1 >> 4) & 0x03;
    if (codeSet < 1 || codeSet > 3)
      throw new CodecError('designation descriptor', 4 + off, `code set ${codeSet} is reserved`);
    if (association === 3) throw new CodecError('designation descriptor', 5 + off, 'association 3 is reserved');
    designators.push({
      codeSet: codeSet as 1 | 2 | 3,
      piv: (b1 & 0x80) !== 0,
      protocolIdentifier: b0 >> 4,
      association: association as 0 | 1 | 2,
      designatorType: b1 & 0x0f,
      designator: Buffer.from(body.subarray(off + 4, next)),
    });
    off = next;
  }
  return { ...header, designators };
}

/**
 * An NAA designator (binary, logical unit) from hex digits: 16 for NAA 2, 3 or 5, 32 for NAA 6.
 * Throws RangeError on anything else.
 */
export function naaDesignator(hex16: string): Designator {
  const naa = hex16[0];
  const ok =
    /^[0-9a-fA-F]+$/.test(hex16) &&
    ((hex16.length === 16 && (naa === '2' || naa === '3' || naa === '5')) || (hex16.length === 32 && naa === '6'));
  if (!ok) throw new RangeError(`not an NAA 2, 3, 5 (16 hex digits) or 6 (32) identifier: ${hex16}`);
  return {
    codeSet: CodeSet.BINARY,
    piv: false,
    protocolIdentifier: 0,
    association: Association.LOGICAL_UNIT,
    designatorType: DesignatorType.NAA,
    designator: Buffer.from(hex16, 'hex'),
  };
}

/**
 * A T10 vendor ID based designator (ASCII, logical unit): the vendor padded to 8 characters, then `id`
 * (e.g. product and serial). Throws RangeError when not printable ASCII or longer than 255 bytes.
 */
export function t10VendorIdDesignator(vendor: string, id: string): Designator {
  if (!isPrintableAscii(id))
    throw new RangeError(`vendor specific identifier must be printable ASCII: ${JSON.stringify(id)}`);
  checkUint(8 + id.length, 0xff, 'designator length');
  const designator = Buffer.alloc(8 + id.length);
  writeAsciiField(designator, 0, 8, vendor, 'T10 vendor identification');
  designator.write(id, 8, 'latin1');
  return {
    codeSet: CodeSet.ASCII,
    piv: false,
    protocolIdentifier: 0,
    association: Association.LOGICAL_UNIT,
    designatorType: DesignatorType.T10_VENDOR_ID,
    designator,
  };
}
