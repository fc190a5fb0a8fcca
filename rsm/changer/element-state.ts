/**
 * Reading a READ ELEMENT STATUS descriptor the way RSM reads its changer: slot state (a pulled magazine makes a
 * slot NOTPRESENT), barcode, cleaner or not, and the IE port's position and content.
 * Spec: docs/smc-reference.md 1.3 (descriptor flags, medium type 2 = cleaning), 1.6 "Magazine removed" (ACCESS=0,
 * EXCEPT with 3B/12, ED with 3B/12, vendor 83/02), 1.6 "Cleaning cartridges" (CLN barcodes);
 * docs/rsm-semantics.md 2.4 (SLOT_NOT_PRESENT exception → NTMS_SLOTSTATE_NOTPRESENT), 2.3 (NtmsSlotState,
 * NtmsPortPosition), D16;
 * docs/rsm-model.md M2 (which indication makes a slot NOTPRESENT), M5 (which cartridge is a cleaner).
 */
import { MediumType, type ElementDescriptor } from '../../scsi/codec/index.js';
import { NtmsPortContent, NtmsPortPosition, NtmsSlotState } from '../ntms/ntms-constants.js';

/** Barcode prefix libraries and RSM use for cleaners (docs/rsm-semantics.md 9, RECOGNIZECLEANERBARCODE). */
export const CLEANER_BARCODE_PREFIX = 'CLN';

/**
 * How a product shows the elements of a pulled magazine, as far as the model must know: by a sense code in the
 * descriptor (EXCEPT or ED with 3B/11, 3B/12 or vendor 83/02: Dell TL, IBM TS3100/3200, Quantum i-series,
 * Tandberg), or by ACCESS=0 alone (Quantum SuperLoader 3, Tandberg SLR). Per docs/rsm-model.md M2.
 */
export type PulledMagazineIndication = 'sense' | 'access-only';

/** The sense codes that say "magazine removed / not installed / not accessible" (docs/smc-reference.md 1.6, 1.7). */
function isMagazineSense(asc: number, ascq: number): boolean {
  return (asc === 0x3b && (ascq === 0x11 || ascq === 0x12)) || (asc === 0x83 && ascq === 0x02);
}

/**
 * True when a storage descriptor says its magazine is out: the magazine sense codes with EXCEPT or ED on every
 * product, and ACCESS=0 alone only on a product whose indication that is. Any other inaccessible element (door
 * open, element reserved, ED without those codes) is present (per docs/rsm-model.md M2).
 */
export function isNotPresent(d: ElementDescriptor, indication: PulledMagazineIndication = 'sense'): boolean {
  if ((d.except || d.ed) && isMagazineSense(d.asc, d.ascq)) return true;
  return indication === 'access-only' && !d.access;
}

/** The NtmsSlotState of a storage element (per docs/rsm-semantics.md D16: a pulled magazine's slots are NOTPRESENT). */
export function slotStateOf(d: ElementDescriptor, indication: PulledMagazineIndication = 'sense'): number {
  if (isNotPresent(d, indication)) return NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT;
  return d.full ? NtmsSlotState.NTMS_SLOTSTATE_FULL : NtmsSlotState.NTMS_SLOTSTATE_EMPTY;
}

/** The primary volume tag without padding, or ''. */
export function barcodeOf(d: ElementDescriptor): string {
  return d.primaryVolumeTag?.id.trim() ?? '';
}

/** What a full element's descriptor says its cartridge is (per docs/rsm-model.md M5). */
export type CartridgeIdentity = 'cleaner' | 'data' | 'unknown';

/**
 * The medium type decides when the changer reports one (2 cleaning; 1 data, 3 diagnostic, 4 WORM); otherwise the
 * volume tag (a CLN prefix is a cleaner, any other tag a data cartridge); with neither the cartridge is unknown.
 */
export function cleanerIdentity(d: ElementDescriptor): CartridgeIdentity {
  if (d.mediumType === MediumType.CLEANING) return 'cleaner';
  if (d.mediumType !== MediumType.UNSPECIFIED) return 'data'; // data, diagnostic, WORM
  const barcode = barcodeOf(d);
  if (barcode === '') return 'unknown';
  return barcode.toUpperCase().startsWith(CLEANER_BARCODE_PREFIX) ? 'cleaner' : 'data';
}

/** True when the element holds a cartridge its descriptor identifies as a cleaner. */
export function holdsCleaner(d: ElementDescriptor): boolean {
  return d.full && cleanerIdentity(d) === 'cleaner';
}

/** NtmsPortPosition of an IE element: not reachable by the robot (ACCESS=0) means open to the operator. */
export function portPositionOf(d: ElementDescriptor): number {
  return d.access ? NtmsPortPosition.NTMS_PORTPOSITION_RETRACTED : NtmsPortPosition.NTMS_PORTPOSITION_EXTENDED;
}

/** NtmsPortContent of an IE element. */
export function portContentOf(d: ElementDescriptor): number {
  return d.full ? NtmsPortContent.NTMS_PORTCONTENT_FULL : NtmsPortContent.NTMS_PORTCONTENT_EMPTY;
}
