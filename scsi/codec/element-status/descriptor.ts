/**
 * One element descriptor of an element status page: common 12 bytes, volume tags, identification header.
 * Spec: SMC-3 6.10 element descriptors (medium transport, storage, import/export, data transfer);
 * docs/smc-reference.md 1.3 "Element descriptor (common layout)" and "Byte 2 flags".
 */
import { checkUint } from '../byte-fields.js';
import {
  ElementFlag,
  ElementStatusSize,
  ElementType,
  type DeviceIdentifier,
  type ElementDescriptor,
  type ElementStatusPage,
  type ElementTypeCode,
} from './types.js';
import { decodeVolumeTag, isZeroVolumeTag, writeVolumeTag } from './volume-tag.js';

const { DESCRIPTOR_BASE, VOLUME_TAG, IDENTIFIER_HEADER } = ElementStatusSize;

/** Where the parts of a descriptor sit, for one page. */
export interface DescriptorLayout {
  /** ELEMENT DESCRIPTOR LENGTH. */
  readonly length: number;
  readonly pvoltag: boolean;
  readonly avoltag: boolean;
  /** Descriptors carry the 4-byte identification header. */
  readonly idHeader: boolean;
}

/** The layout the encoder uses for a page (see elementDescriptorLength). */
export function descriptorLayout(
  page: Pick<ElementStatusPage, 'pvoltag' | 'avoltag' | 'dvcid' | 'descriptors'>,
): DescriptorLayout {
  let idHeader = page.dvcid === true;
  let maxId = 0;
  for (const d of page.descriptors) {
    if (d.identifier === undefined) continue;
    idHeader = true;
    const n = d.identifier.identifier.length;
    if (n > 255) throw new RangeError(`identifier of element ${d.address} is ${n} bytes, at most 255 fit`);
    if (n > maxId) maxId = n;
  }
  const tags = (page.pvoltag ? 1 : 0) + (page.avoltag ? 1 : 0);
  const length = DESCRIPTOR_BASE + VOLUME_TAG * tags + (idHeader ? IDENTIFIER_HEADER + maxId : 0);
  return { length, pvoltag: page.pvoltag, avoltag: page.avoltag, idHeader };
}

/**
 * ELEMENT DESCRIPTOR LENGTH of a page: 12 + 36 per volume tag + (4-byte identification header + the longest
 * identifier, when the page has dvcid or any descriptor has an identifier). Never 0.
 */
export function elementDescriptorLength(
  page: Pick<ElementStatusPage, 'pvoltag' | 'avoltag' | 'dvcid' | 'descriptors'>,
): number {
  return descriptorLayout(page).length;
}

function writeIdentifier(buf: Buffer, p: number, id: DeviceIdentifier): void {
  checkUint(id.codeSet, 0x0f, 'code set');
  checkUint(id.identifierType, 0x0f, 'identifier type');
  buf[p] = id.codeSet;
  buf[p + 1] = id.identifierType;
  buf[p + 3] = id.identifier.length;
  id.identifier.copy(buf, p + IDENTIFIER_HEADER);
}

/**
 * Writes descriptor `d` of a page of `type` at `off`. `buf` must be zero-filled: reserved bytes, absent tags
 * and identifier padding are left as they are. Throws RangeError on values that do not fit their fields.
 */
export function writeElementDescriptor(
  buf: Buffer,
  off: number,
  d: ElementDescriptor,
  type: ElementTypeCode,
  layout: DescriptorLayout,
): void {
  if (d.elementType !== type)
    throw new RangeError(`element ${d.address} of type ${d.elementType} is in a page of type ${type}`);
  checkUint(d.address, 0xffff, 'element address');
  checkUint(d.asc, 0xff, 'ASC');
  checkUint(d.ascq, 0xff, 'ASCQ');
  checkUint(d.mediumType, 0x07, 'medium type');
  checkUint(d.sourceAddress, 0xffff, 'source storage element address');
  buf.writeUInt16BE(d.address, off);
  let flags = (d.full ? ElementFlag.FULL : 0) | (d.except ? ElementFlag.EXCEPT : 0);
  if (type !== ElementType.MEDIUM_TRANSPORT && d.access) flags |= ElementFlag.ACCESS;
  if (type === ElementType.IMPORT_EXPORT) {
    if (d.impExp === true) flags |= ElementFlag.IMPEXP;
    if (d.exEnab === true) flags |= ElementFlag.EXENAB;
    if (d.inEnab === true) flags |= ElementFlag.INENAB;
    if (d.cmc === true) flags |= ElementFlag.CMC;
    if (d.oir === true) flags |= ElementFlag.OIR;
  }
  buf[off + 2] = flags;
  buf[off + 4] = d.asc;
  buf[off + 5] = d.ascq;
  if (type === ElementType.DATA_TRANSFER) {
    const lun = d.lun ?? 0;
    const bus = d.scsiBusAddress ?? 0;
    checkUint(lun, 0x07, 'LUN');
    checkUint(bus, 0xff, 'SCSI bus address');
    buf[off + 6] =
      (d.notBus === true ? 0x80 : 0) | (d.idValid === true ? 0x20 : 0) | (d.luValid === true ? 0x10 : 0) | lun;
    buf[off + 7] = bus;
  }
  buf[off + 9] = (d.svalid ? 0x80 : 0) | (d.invert ? 0x40 : 0) | (d.ed ? 0x08 : 0) | d.mediumType;
  buf.writeUInt16BE(d.sourceAddress, off + 10);
  let p = off + DESCRIPTOR_BASE;
  if (layout.pvoltag) {
    if (d.primaryVolumeTag !== undefined) writeVolumeTag(buf, p, d.primaryVolumeTag);
    p += VOLUME_TAG;
  }
  if (layout.avoltag) {
    if (d.alternateVolumeTag !== undefined) writeVolumeTag(buf, p, d.alternateVolumeTag);
    p += VOLUME_TAG;
  }
  if (layout.idHeader && d.identifier !== undefined) writeIdentifier(buf, p, d.identifier);
}

/**
 * Reads the descriptor at `off` (the caller has checked that `layout.length` bytes are there). An all-zero
 * volume tag reads as absent; an all-zero identification header as no identifier; an identifier longer than
 * the room left in the descriptor is taken for vendor-specific bytes (SCSI-2 libraries) and skipped.
 */
export function readElementDescriptor(
  buf: Buffer,
  off: number,
  type: ElementTypeCode,
  layout: DescriptorLayout,
): ElementDescriptor {
  const flags = buf[off + 2] ?? 0;
  const b9 = buf[off + 9] ?? 0;
  const d: ElementDescriptor = {
    elementType: type,
    address: buf.readUInt16BE(off),
    full: (flags & ElementFlag.FULL) !== 0,
    except: (flags & ElementFlag.EXCEPT) !== 0,
    access: (flags & ElementFlag.ACCESS) !== 0,
    asc: buf[off + 4] ?? 0,
    ascq: buf[off + 5] ?? 0,
    svalid: (b9 & 0x80) !== 0,
    invert: (b9 & 0x40) !== 0,
    ed: (b9 & 0x08) !== 0,
    mediumType: b9 & 0x07,
    sourceAddress: buf.readUInt16BE(off + 10),
  };
  if (type === ElementType.IMPORT_EXPORT) {
    d.impExp = (flags & ElementFlag.IMPEXP) !== 0;
    d.exEnab = (flags & ElementFlag.EXENAB) !== 0;
    d.inEnab = (flags & ElementFlag.INENAB) !== 0;
    d.cmc = (flags & ElementFlag.CMC) !== 0;
    d.oir = (flags & ElementFlag.OIR) !== 0;
  } else if (type === ElementType.DATA_TRANSFER) {
    const b6 = buf[off + 6] ?? 0;
    d.notBus = (b6 & 0x80) !== 0;
    d.idValid = (b6 & 0x20) !== 0;
    d.luValid = (b6 & 0x10) !== 0;
    d.lun = b6 & 0x07;
    d.scsiBusAddress = buf[off + 7] ?? 0;
  }
  let p = off + DESCRIPTOR_BASE;
  if (layout.pvoltag) {
    if (!isZeroVolumeTag(buf, p)) d.primaryVolumeTag = decodeVolumeTag(buf, p);
    p += VOLUME_TAG;
  }
  if (layout.avoltag) {
    if (!isZeroVolumeTag(buf, p)) d.alternateVolumeTag = decodeVolumeTag(buf, p);
    p += VOLUME_TAG;
  }
  if (layout.idHeader) {
    const codeSet = (buf[p] ?? 0) & 0x0f;
    const identifierType = (buf[p + 1] ?? 0) & 0x0f;
    const n = buf[p + 3] ?? 0;
    const room = off + layout.length - p - IDENTIFIER_HEADER;
    if ((codeSet !== 0 || identifierType !== 0 || n !== 0) && n <= room) {
      const start = p + IDENTIFIER_HEADER;
      d.identifier = { codeSet, identifierType, identifier: Buffer.from(buf.subarray(start, start + n)) };
    }
  }
  return d;
}
