/**
 * Standard INQUIRY data: 96 bytes as this codec writes them (8 version descriptor slots).
 * Spec: SPC-4 6.6.2 "Standard INQUIRY data"; docs/smc-reference.md 1.5 (changer: device type 08h,
 * RMB usually set, MCHNGR only for a drive with an attached changer).
 */
import { asBuffer, checkUint, readAsciiField, writeAsciiField } from '../byte-fields.js';
import { CodecError } from '../codec-error.js';

/** PERIPHERAL DEVICE TYPE values this project meets. */
export const PeripheralDeviceType = {
  SEQUENTIAL_ACCESS: 0x01,
  MEDIUM_CHANGER: 0x08,
  /** With qualifier 3: no logical unit at this LUN. */
  UNKNOWN: 0x1f,
} as const;

/** VERSION DESCRIPTOR values (SPC-4 6.6.2, VERSION DESCRIPTOR fields) cited in docs/smc-reference.md 1.5. */
export const VersionDescriptor = {
  SMC_3: 0x0480,
  SPC_3: 0x0300,
  SPC_4: 0x0460,
  ISCSI: 0x0960,
} as const;

/** Length of standard INQUIRY data as encodeStandardInquiry writes it. */
export const STANDARD_INQUIRY_LENGTH = 96;

/** The fields of standard INQUIRY data. Bits not listed here are encoded as 0. */
export interface StandardInquiry {
  /** Byte 0 bits 7-5. */
  peripheralQualifier: number;
  /** Byte 0 bits 4-0 (08h: medium changer). */
  deviceType: number;
  /** Byte 1 bit 7: removable medium. */
  rmb: boolean;
  /** Byte 2: VERSION (05h SPC-3, 06h SPC-4; docs/scsi-model.md 8). */
  version: number;
  /** Byte 3 bit 5. */
  normaca: boolean;
  /** Byte 3 bit 4. */
  hisup: boolean;
  /** Byte 3 bits 3-0: RESPONSE DATA FORMAT (2). */
  responseDataFormat: number;
  /** Byte 5 bit 7. */
  sccs: boolean;
  /** Byte 5 bit 0. */
  protect: boolean;
  /** Byte 6 bit 6. */
  encserv: boolean;
  /** Byte 6 bit 4. */
  multip: boolean;
  /** Byte 6 bit 3: a device with an attached medium changer (not set by a changer LU itself). */
  mchngr: boolean;
  /** Byte 7 bit 1. */
  cmdque: boolean;
  /** Bytes 8-15, 16-31, 32-35: ASCII, space padded; decoded without trailing spaces. */
  vendor: string;
  product: string;
  revision: string;
  /** Bytes 36-55, ASCII, space padded; absent (zeros) when not given. */
  vendorSpecific?: string;
  /** Up to 8 version descriptors (bytes 58-73); zero slots are not reported. */
  versionDescriptors: number[];
}

/** 96 bytes of standard INQUIRY data, additional length 5Bh. Throws RangeError on fields that do not fit. */
export function encodeStandardInquiry(d: StandardInquiry): Buffer {
  checkUint(d.peripheralQualifier, 7, 'peripheral qualifier');
  checkUint(d.deviceType, 0x1f, 'peripheral device type');
  checkUint(d.version, 0xff, 'version');
  checkUint(d.responseDataFormat, 0x0f, 'response data format');
  if (d.versionDescriptors.length > 8)
    throw new RangeError(`${d.versionDescriptors.length} version descriptors, 8 fit`);
  const buf = Buffer.alloc(STANDARD_INQUIRY_LENGTH);
  buf[0] = (d.peripheralQualifier << 5) | d.deviceType;
  buf[1] = d.rmb ? 0x80 : 0;
  buf[2] = d.version;
  buf[3] = (d.normaca ? 0x20 : 0) | (d.hisup ? 0x10 : 0) | d.responseDataFormat;
  buf[4] = STANDARD_INQUIRY_LENGTH - 5;
  buf[5] = (d.sccs ? 0x80 : 0) | (d.protect ? 0x01 : 0);
  buf[6] = (d.encserv ? 0x40 : 0) | (d.multip ? 0x10 : 0) | (d.mchngr ? 0x08 : 0);
  buf[7] = d.cmdque ? 0x02 : 0;
  writeAsciiField(buf, 8, 8, d.vendor, 'vendor identification');
  writeAsciiField(buf, 16, 16, d.product, 'product identification');
  writeAsciiField(buf, 32, 4, d.revision, 'product revision level');
  if (d.vendorSpecific !== undefined) writeAsciiField(buf, 36, 20, d.vendorSpecific, 'vendor specific');
  d.versionDescriptors.forEach((v, i) => {
    checkUint(v, 0xffff, 'version descriptor');
    buf.writeUInt16BE(v, 58 + 2 * i);
  });
  return buf;
}

/**
 * Decodes standard INQUIRY data (SCSI-2 36-byte data included). Throws CodecError when fewer than 36 bytes
 * are present within the additional length.
 */
export function decodeStandardInquiry(bytes: Uint8Array): StandardInquiry {
  const buf = asBuffer(bytes);
  const available = Math.min(buf.length, (buf[4] ?? 0) + 5);
  if (buf.length < 5 || available < 36) throw new CodecError('standard INQUIRY data', available, 'needs 36 bytes');
  const b3 = buf[3] ?? 0;
  const b5 = buf[5] ?? 0;
  const b6 = buf[6] ?? 0;
  const d: StandardInquiry = {
    peripheralQualifier: (buf[0] ?? 0) >> 5,
    deviceType: (buf[0] ?? 0) & 0x1f,
    rmb: ((buf[1] ?? 0) & 0x80) !== 0,
    version: buf[2] ?? 0,
    normaca: (b3 & 0x20) !== 0,
    hisup: (b3 & 0x10) !== 0,
    responseDataFormat: b3 & 0x0f,
    sccs: (b5 & 0x80) !== 0,
    protect: (b5 & 0x01) !== 0,
    encserv: (b6 & 0x40) !== 0,
    multip: (b6 & 0x10) !== 0,
    mchngr: (b6 & 0x08) !== 0,
    cmdque: ((buf[7] ?? 0) & 0x02) !== 0,
    vendor: readAsciiField(buf, 8, 8),
    product: readAsciiField(buf, 16, 16),
    revision: readAsciiField(buf, 32, 4),
    versionDescriptors: [],
  };
  if (available >= 56) {
    const vs = readAsciiField(buf, 36, 20);
    if (vs !== '') d.vendorSpecific = vs;
  }
  for (let off = 58; off + 2 <= Math.min(available, 74); off += 2) {
    const v = buf.readUInt16BE(off);
    if (v !== 0) d.versionDescriptors.push(v);
  }
  return d;
}
