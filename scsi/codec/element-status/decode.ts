/**
 * Decodes READ ELEMENT STATUS parameter data as an initiator receives it, possibly cut by its allocation
 * length. Spec: SMC-3 6.10 READ ELEMENT STATUS; docs/smc-reference.md 1.3 (header and page header layouts, byte
 * count rules, mtx's rejection of descriptor lengths too short for the common layout).
 */
import { asBuffer } from '../byte-fields.js';
import { CodecError } from '../codec-error.js';
import { readElementDescriptor, type DescriptorLayout } from './descriptor.js';
import {
  ElementStatusSize,
  type DecodedElementStatus,
  type DecodedElementStatusPage,
  type ElementDescriptor,
  type ElementTypeCode,
} from './types.js';

const { HEADER, PAGE_HEADER, DESCRIPTOR_BASE, VOLUME_TAG, IDENTIFIER_HEADER } = ElementStatusSize;

/**
 * Decodes the header and every whole descriptor present. Throws CodecError when the data is shorter than the
 * 8-byte header, or a page is malformed: element type code not 1-4, descriptor length shorter than the
 * common layout plus its volume tags (0 included), a byte count that is not a multiple of the descriptor
 * length or runs past the report's byte count, or bytes left over that cannot be a page header.
 */
export function decodeElementStatus(bytes: Uint8Array): DecodedElementStatus {
  return decodeUpTo(bytes, Number.POSITIVE_INFINITY).status;
}

/** The head of a reply: its pages with at most `max` descriptors decoded in all, and how many whole ones it holds. */
export interface ElementStatusHead {
  /** As {@link decodeElementStatus} returns it, but only the first `max` descriptors (in page order) are decoded. */
  readonly status: DecodedElementStatus;
  /** Whole descriptors the data holds, decoded or not. */
  readonly descriptorCount: number;
}

/**
 * As {@link decodeElementStatus}, with the same checks and errors (every page header is read and checked), but
 * decodes only the first `max` descriptors and counts the others: a trace line of a 20,000-element reply shows a
 * few of them and the total, without building 20,000 descriptors.
 */
export function decodeElementStatusHead(bytes: Uint8Array, max: number): ElementStatusHead {
  return decodeUpTo(bytes, max);
}

function decodeUpTo(bytes: Uint8Array, max: number): ElementStatusHead {
  const buf = asBuffer(bytes);
  if (buf.length < HEADER)
    throw new CodecError('element status data header', buf.length, `needs ${HEADER} bytes, got ${buf.length}`);
  const byteCountAvailable = buf.readUIntBE(5, 3);
  const declaredEnd = HEADER + byteCountAvailable;
  const end = Math.min(buf.length, declaredEnd);
  const pages: DecodedElementStatusPage[] = [];
  let count = 0;
  let off: number = HEADER;
  while (off + PAGE_HEADER <= end) {
    const type = buf[off] ?? 0;
    if (type < 1 || type > 4)
      throw new CodecError('element status page header', off, `element type code ${type} is not 1-4`);
    const flags = buf[off + 1] ?? 0;
    const pvoltag = (flags & 0x80) !== 0;
    const avoltag = (flags & 0x40) !== 0;
    const length = buf.readUInt16BE(off + 2);
    const byteCount = buf.readUIntBE(off + 5, 3);
    const minimum = DESCRIPTOR_BASE + VOLUME_TAG * ((pvoltag ? 1 : 0) + (avoltag ? 1 : 0));
    if (length < minimum)
      throw new CodecError(
        'element status page header',
        off + 2,
        `element descriptor length ${length} is shorter than ${minimum}`,
      );
    if (byteCount % length !== 0)
      throw new CodecError(
        'element status page header',
        off + 5,
        `byte count ${byteCount} is not a multiple of the descriptor length ${length}`,
      );
    const pageEnd = off + PAGE_HEADER + byteCount;
    if (pageEnd > declaredEnd)
      throw new CodecError(
        'element status page header',
        off + 5,
        `page of ${byteCount} bytes runs past the report's byte count`,
      );
    const layout: DescriptorLayout = { length, pvoltag, avoltag, idHeader: length - minimum >= IDENTIFIER_HEADER };
    const descriptors: ElementDescriptor[] = [];
    const stop = Math.min(pageEnd, end);
    const whole = Math.max(0, Math.floor((stop - off - PAGE_HEADER) / length));
    const decoded = Math.min(whole, Math.max(0, max - count));
    for (let i = 0, p = off + PAGE_HEADER; i < decoded; i++, p += length)
      descriptors.push(readElementDescriptor(buf, p, type as ElementTypeCode, layout));
    count += whole;
    pages.push({
      elementType: type as ElementTypeCode,
      pvoltag,
      avoltag,
      dvcid: layout.idHeader,
      descriptors,
      descriptorLength: length,
      byteCount,
    });
    off = pageEnd;
  }
  if (off < end && end === declaredEnd)
    throw new CodecError('element status page header', off, `${end - off} bytes left that cannot hold a page header`);
  const status: DecodedElementStatus = {
    firstElementAddress: buf.readUInt16BE(0),
    numberOfElements: buf.readUInt16BE(2),
    byteCountAvailable,
    pages,
    truncated: buf.length < declaredEnd,
  };
  return { status, descriptorCount: count };
}
