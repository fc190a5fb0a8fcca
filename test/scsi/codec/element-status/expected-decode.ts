/** Test helper: what decodeElementStatus must return for a report the encoder sent whole. */
import {
  elementDescriptorLength,
  type DecodedElementStatus,
  type ElementStatusReport,
} from '../../../../scsi/codec/element-status/index.js';

/** The decoded form of a report the encoder sent whole: empty pages gone, counts and lengths filled in. */
export function expectedDecode(report: ElementStatusReport, first: number): DecodedElementStatus {
  const pages = report.pages
    .filter((p) => p.descriptors.length > 0)
    .map((p) => {
      const descriptorLength = elementDescriptorLength(p);
      const dvcid = p.dvcid === true || p.descriptors.some((d) => d.identifier !== undefined);
      return { ...p, dvcid, descriptorLength, byteCount: descriptorLength * p.descriptors.length };
    });
  const byteCountAvailable = pages.reduce((n, p) => n + 8 + p.byteCount, 0);
  const numberOfElements = pages.reduce((n, p) => n + p.descriptors.length, 0);
  return { firstElementAddress: first, numberOfElements, byteCountAvailable, pages, truncated: false };
}
