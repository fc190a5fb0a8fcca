/**
 * Device capabilities page (1Fh): 20 bytes, page length 12h (0Eh in pre-SMC-2 libraries, also read).
 * Byte 2 StorDT/StorIE/StorST/StorMT (bits 3-0); byte 3 ACE (bit 2), VTRP (bit 1), S2C (bit 0); bytes 4-7
 * MOVE MEDIUM from MT/ST/IE/DT, bytes 12-15 EXCHANGE MEDIUM from MT/ST/IE/DT, each with bits 3-0 = to
 * DT/IE/ST/MT. The RA/WA bits (bit 7) are not modelled and encode as 0.
 * Spec: SMC-3 7.3.2 "Device capabilities mode page"; docs/smc-reference.md 1.4; Dell PowerVault TL2000/TL4000
 * SCSI Reference, "Device Capabilities page (1Fh)".
 */
import { ModePageCode, type DeviceCapabilitiesPage, type ElementTypeFlags, type ElementTypeMatrix } from './types.js';

/** PAGE LENGTH of the device capabilities page (SMC-2 and later, docs/smc-reference.md 1.4). */
export const DEVICE_CAPABILITIES_PAGE_LENGTH = 0x12;

/** The four low bits of an element type flags byte. */
export function elementTypeBits(f: ElementTypeFlags): number {
  return (f.dt ? 0x08 : 0) | (f.ie ? 0x04 : 0) | (f.st ? 0x02 : 0) | (f.mt ? 0x01 : 0);
}

/** Element type flags from a byte (bits 3-0). */
export function elementTypeFlags(b: number): ElementTypeFlags {
  return { mt: (b & 0x01) !== 0, st: (b & 0x02) !== 0, ie: (b & 0x04) !== 0, dt: (b & 0x08) !== 0 };
}

function writeMatrix(buf: Buffer, offset: number, m: ElementTypeMatrix): void {
  buf[offset] = elementTypeBits(m.mt);
  buf[offset + 1] = elementTypeBits(m.st);
  buf[offset + 2] = elementTypeBits(m.ie);
  buf[offset + 3] = elementTypeBits(m.dt);
}

function readMatrix(page: Buffer, offset: number): ElementTypeMatrix {
  return {
    mt: elementTypeFlags(page[offset] ?? 0),
    st: elementTypeFlags(page[offset + 1] ?? 0),
    ie: elementTypeFlags(page[offset + 2] ?? 0),
    dt: elementTypeFlags(page[offset + 3] ?? 0),
  };
}

/** The 20 bytes of a device capabilities page. */
export function encodeDeviceCapabilitiesPage(p: DeviceCapabilitiesPage): Buffer {
  const buf = Buffer.alloc(2 + DEVICE_CAPABILITIES_PAGE_LENGTH);
  buf[0] = (p.ps ? 0x80 : 0) | ModePageCode.DEVICE_CAPABILITIES;
  buf[1] = DEVICE_CAPABILITIES_PAGE_LENGTH;
  buf[2] = elementTypeBits(p.stor);
  buf[3] = (p.ace ? 0x04 : 0) | (p.vtrp ? 0x02 : 0) | (p.s2c ? 0x01 : 0);
  writeMatrix(buf, 4, p.moveFrom);
  writeMatrix(buf, 12, p.exchangeFrom);
  return buf;
}

/** Reads a device capabilities page whose page length is at least 0Eh. */
export function readDeviceCapabilitiesPage(page: Buffer): DeviceCapabilitiesPage {
  const b3 = page[3] ?? 0;
  return {
    ps: ((page[0] ?? 0) & 0x80) !== 0,
    stor: elementTypeFlags(page[2] ?? 0),
    ace: (b3 & 0x04) !== 0,
    vtrp: (b3 & 0x02) !== 0,
    s2c: (b3 & 0x01) !== 0,
    moveFrom: readMatrix(page, 4),
    exchangeFrom: readMatrix(page, 12),
  };
}
