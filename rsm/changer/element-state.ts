/**
 * Reading a READ ELEMENT STATUS descriptor the way RSM reads its changer: slot state (a pulled magazine makes a
 * slot NOTPRESENT), barcode, cleaner or not, and the IE port's position and content.
 * Spec: docs/smc-reference.md 1.3 (descriptor flags, medium type 2 = cleaning), 1.6 "Magazine removed" (ACCESS=0,
 * EXCEPT with 3B/12, ED with 3B/12, vendor 83/02), 1.6 "Cleaning cartridges" (CLN barcodes); docs/rsm-semantics.md
 * 2.4 (SLOT_NOT_PRESENT exception → NTMS_SLOTSTATE_NOTPRESENT), 2.3 (NtmsSlotState, NtmsPortPosition), D16.
 */
import { MediumType, type ElementDescriptor } from '../../scsi/codec/index.js';
import { NtmsPortContent, NtmsPortPosition, NtmsSlotState } from '../ntms/ntms-constants.js';

/** Barcode prefix libraries and RSM use for cleaners (docs/rsm-semantics.md 9, RECOGNIZECLEANERBARCODE). */
export const CLEANER_BARCODE_PREFIX = 'CLN';

/** True when a storage descriptor says its magazine is out (any vendor style of docs/smc-reference.md 1.6). */
export function isNotPresent(d: ElementDescriptor): boolean {
  if (!d.access || d.ed) return true;
  if (!d.except) return false;
  return (d.asc === 0x3b && (d.ascq === 0x11 || d.ascq === 0x12)) || (d.asc === 0x83 && d.ascq === 0x02);
}

/** The NtmsSlotState of a storage element (per docs/rsm-semantics.md D16: a pulled magazine's slots are NOTPRESENT). */
export function slotStateOf(d: ElementDescriptor): number {
  if (isNotPresent(d)) return NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT;
  return d.full ? NtmsSlotState.NTMS_SLOTSTATE_FULL : NtmsSlotState.NTMS_SLOTSTATE_EMPTY;
}

/** The primary volume tag without padding, or ''. */
export function barcodeOf(d: ElementDescriptor): string {
  return d.primaryVolumeTag?.id.trim() ?? '';
}

/** True when the element holds a cleaning cartridge (medium type 2, or a CLN barcode). */
export function holdsCleaner(d: ElementDescriptor): boolean {
  return d.full && (d.mediumType === MediumType.CLEANING || barcodeOf(d).toUpperCase().startsWith(CLEANER_BARCODE_PREFIX));
}

/** NtmsPortPosition of an IE element: not reachable by the robot (ACCESS=0) means open to the operator. */
export function portPositionOf(d: ElementDescriptor): number {
  return d.access ? NtmsPortPosition.NTMS_PORTPOSITION_RETRACTED : NtmsPortPosition.NTMS_PORTPOSITION_EXTENDED;
}

/** NtmsPortContent of an IE element. */
export function portContentOf(d: ElementDescriptor): number {
  return d.full ? NtmsPortContent.NTMS_PORTCONTENT_FULL : NtmsPortContent.NTMS_PORTCONTENT_EMPTY;
}
