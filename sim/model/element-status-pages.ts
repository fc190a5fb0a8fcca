/**
 * The page plan of a READ ELEMENT STATUS report (runs of one element type, as the reference encoder groups them)
 * and the bytes the fast path copies into descriptors: volume tags and drive identifiers, encoded once. Helpers of
 * sim/model/element-status-writer.ts. Spec: SMC-3 6.10 READ ELEMENT STATUS, docs/smc-reference.md 1.3 (layouts).
 */
import { ElementStatusSize, type RawPageShape } from '../../scsi/codec/index.js';
import type { DriveModel } from '../personality/personality.js';

const { VOLUME_TAG, VOLUME_IDENTIFIER } = ElementStatusSize;

/** One page of a planned report: `descriptors` elements of one type from list position `start`. */
export interface PagePlan extends RawPageShape {
  readonly type: number;
  readonly start: number;
  readonly idLength: number;
}

/** The 36 bytes of a volume tag with sequence 0, or undefined when the reference would reject the identifier. */
export function volumeTagBytes(id: string): Uint8Array | undefined {
  if (id.length > VOLUME_IDENTIFIER) return undefined;
  const bytes = new Uint8Array(VOLUME_TAG);
  bytes.fill(0x20, 0, VOLUME_IDENTIFIER);
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return undefined;
    bytes[i] = c;
  }
  return bytes;
}

/** The DVCID identifier bytes of a drive (T10 vendor ID format, as driveIdentifier builds them). */
export function identifierBytes(d: DriveModel): Uint8Array {
  return Buffer.from(`${d.vendor.padEnd(8, ' ')}${d.product.padEnd(16, ' ')}${d.serial}`, 'latin1');
}

/** Whether two reports have the same pages: same types, runs, descriptor and identifier lengths. */
export function samePages(a: readonly PagePlan[], b: readonly PagePlan[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as PagePlan;
    const y = b[k] as PagePlan;
    if (
      x.type !== y.type ||
      x.start !== y.start ||
      x.descriptors !== y.descriptors ||
      x.descriptorLength !== y.descriptorLength ||
      x.idLength !== y.idLength
    )
      return false;
  }
  return true;
}
