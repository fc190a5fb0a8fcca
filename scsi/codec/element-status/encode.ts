/**
 * Encodes READ ELEMENT STATUS parameter data: 8-byte element status data header, then one element status
 * page (8-byte page header + descriptors) per element type, written into one preallocated Buffer.
 * Spec: SMC-3 6.10 READ ELEMENT STATUS; docs/smc-reference.md 1.3 (byte counts: the header's count excludes the
 * header and includes page headers, a page's count is its descriptors only; empty pages are omitted; a short
 * allocation length transfers whole descriptors only, as the Quantum SuperLoader 3 does).
 */
import { checkUint } from '../byte-fields.js';
import { descriptorLayout, writeElementDescriptor, type DescriptorLayout } from './descriptor.js';
import { ElementStatusSize, type ElementStatusPage, type ElementStatusReport } from './types.js';

const { HEADER, PAGE_HEADER, MAX_BYTE_COUNT } = ElementStatusSize;

interface PagePlan {
  readonly page: ElementStatusPage;
  readonly layout: DescriptorLayout;
  /** Descriptors that fit the allocation length. */
  sent: number;
}

function writeHeader(buf: Buffer, first: number, count: number, byteCount: number): void {
  buf.writeUInt16BE(first, 0);
  buf.writeUInt16BE(count, 2);
  buf[4] = 0;
  buf.writeUIntBE(byteCount, 5, 3);
}

/**
 * The bytes a target sends for `report`. The header and page headers always carry the full counts. With an
 * `allocationLength` shorter than the report, only whole page headers and whole descriptors that fit are
 * sent (the reply stops at the first one that does not); below 8 the header itself is cut bytewise.
 * Throws RangeError on fields that do not fit (addresses, counts over 65535 elements, byte counts over 24 bits)
 * or on a descriptor whose element type differs from its page's.
 */
export function encodeElementStatus(report: ElementStatusReport, allocationLength?: number): Buffer {
  const plans: PagePlan[] = [];
  let byteCount = 0;
  let count = 0;
  let lowest = Infinity;
  for (const page of report.pages) {
    checkUint(page.elementType - 1, 3, 'page element type code - 1');
    if (page.descriptors.length === 0) continue;
    const layout = descriptorLayout(page);
    plans.push({ page, layout, sent: 0 });
    byteCount += PAGE_HEADER + layout.length * page.descriptors.length;
    count += page.descriptors.length;
    for (const d of page.descriptors) if (d.address < lowest) lowest = d.address;
  }
  checkUint(byteCount, MAX_BYTE_COUNT, 'byte count of report available');
  checkUint(count, 0xffff, 'number of elements available');
  const first = report.firstElementAddress ?? (lowest === Infinity ? 0 : lowest);
  checkUint(first, 0xffff, 'first element address reported');

  const limit = allocationLength ?? HEADER + byteCount;
  checkUint(limit, MAX_BYTE_COUNT, 'allocation length');
  if (limit < HEADER) {
    const header = Buffer.alloc(HEADER);
    writeHeader(header, first, count, byteCount);
    return header.subarray(0, limit);
  }

  let size: number = HEADER;
  let planned = 0;
  for (const plan of plans) {
    if (size + PAGE_HEADER > limit) break;
    size += PAGE_HEADER;
    planned++;
    const total = plan.page.descriptors.length;
    plan.sent = Math.min(total, Math.floor((limit - size) / plan.layout.length));
    size += plan.sent * plan.layout.length;
    if (plan.sent < total) break;
  }

  const buf = Buffer.alloc(size);
  writeHeader(buf, first, count, byteCount);
  let off: number = HEADER;
  for (let i = 0; i < planned; i++) {
    const { page, layout, sent } = plans[i]!;
    buf[off] = page.elementType;
    buf[off + 1] = (page.pvoltag ? 0x80 : 0) | (page.avoltag ? 0x40 : 0);
    buf.writeUInt16BE(layout.length, off + 2);
    buf.writeUIntBE(layout.length * page.descriptors.length, off + 5, 3);
    off += PAGE_HEADER;
    const descriptors = page.descriptors;
    for (let j = 0; j < sent; j++) {
      writeElementDescriptor(buf, off, descriptors[j]!, page.elementType, layout);
      off += layout.length;
    }
  }
  return buf;
}
