/**
 * Mechanical steps the IE-port and door work share: moving a cartridge and recording where it went, choosing a
 * free IE element, opening the port, closing and relocking it, and putting the cleaner back in its slot.
 * Spec: docs/rsm-semantics.md 7.3 (eject cycle: move to the port, extend/unlock, retract and lock), D5 (move to a
 * free IE element, then open/unlock the port), D6 and D7 (close and relock, move the cleaner back);
 * docs/smc-reference.md 1.6 (TS3100 family: OPEN only, the operator closes; tgt rejects PREVENT ALLOW with 05/20/00).
 */
import { ElementType, type ElementDescriptor } from '../../scsi/codec/index.js';
import {
  ChangerCommandError,
  closeImportExport,
  moveMedium,
  openImportExport,
  preventAllowMediumRemoval,
  readElement,
  readElements,
} from '../changer/changer-commands.js';
import { classifyFailure, isTolerable } from '../changer/changer-failure.js';
import { applyElementStatus } from '../changer/inventory-sync.js';
import type { CartridgeRecord } from '../db/records.js';
import { NtmsPortContent, NtmsPortPosition, NtmsSlotState } from '../ntms/ntms-constants.js';
import { Win32 } from '../results/win32-codes.js';
import { RequestFailure, requireOk, type WorkContext } from './work-context.js';

/** Where a cartridge can be, for {@link recordMove}. */
export type Place = { readonly kind: 'slot' | 'ieport' | 'drive'; readonly address: number };

/** The transport element the model moves with: the first one page 1Dh reports. */
export function transportAddress(w: WorkContext): number {
  return w.library.layout?.transport.first ?? 0;
}

function setPlaceFull(w: WorkContext, place: Place, full: boolean): void {
  const db = w.rt.db;
  if (place.kind === 'slot') {
    const slot = db.slotAt(w.library.id, place.address);
    if (slot) {
      db.slots.edit(slot, (s) => {
        s.state = full ? NtmsSlotState.NTMS_SLOTSTATE_FULL : NtmsSlotState.NTMS_SLOTSTATE_EMPTY;
        s.modified = db.now();
      });
    }
  } else if (place.kind === 'ieport') {
    const port = db.iePortAt(w.library.id, place.address);
    if (port) {
      db.iePorts.edit(port, (p) => {
        p.content = full ? NtmsPortContent.NTMS_PORTCONTENT_FULL : NtmsPortContent.NTMS_PORTCONTENT_EMPTY;
        p.modified = db.now();
      });
    }
  }
}

/** Records in the database that `cartridge` moved from `from` to `to`, and persists it. */
export async function recordMove(w: WorkContext, cartridge: CartridgeRecord, from: Place, to: Place): Promise<void> {
  w.rt.db.cartridges.edit(cartridge, (c) => {
    c.location = { kind: to.kind, address: to.address };
    c.modified = w.rt.db.now();
  });
  setPlaceFull(w, from, false);
  setPlaceFull(w, to, true);
  await w.rt.commit();
}

const ELEMENT_TYPE_OF: Record<Place['kind'], number> = {
  slot: ElementType.STORAGE,
  ieport: ElementType.IMPORT_EXPORT,
  drive: ElementType.DATA_TRANSFER,
};

/**
 * After a mechanical failure of a move, where did the cartridge go? Reads the destination: when it holds the
 * cartridge (its label, or SVALID with `from` as the source when the changer reads no labels) the move happened
 * after all and is recorded; otherwise the database keeps it at its source (docs/rsm-model.md "Changer failures →
 * dwErrorCode"). A read that fails changes nothing.
 */
async function settleFailedMove(w: WorkContext, cartridge: CartridgeRecord, from: Place, to: Place): Promise<void> {
  const d = await readElementOrUndefined(w, ELEMENT_TYPE_OF[to.kind], to.address);
  if (!d?.full) return;
  const tag = d.primaryVolumeTag?.id.trim() ?? '';
  const ours = tag !== '' ? tag === cartridge.barcode : d.svalid && d.sourceAddress === from.address;
  if (ours) await recordMove(w, cartridge, from, to);
}

/**
 * MOVE MEDIUM and record it; throws RequestFailure with the mapped code when the changer refuses. After a
 * mechanical failure the destination is read back first, so the database shows where the cartridge really is.
 */
export async function moveCartridge(w: WorkContext, cartridge: CartridgeRecord, from: Place, to: Place): Promise<void> {
  w.lib.busy.add(from.address);
  w.lib.busy.add(to.address);
  const outcome = await moveMedium(w.link, transportAddress(w), from.address, to.address);
  if (!outcome.ok && classifyFailure(outcome) === 'mechanical') await settleFailedMove(w, cartridge, from, to);
  requireOk(outcome, `MOVE MEDIUM ${from.address} → ${to.address}`, to.kind === 'ieport' ? 'move-to-ie' : 'move');
  await recordMove(w, cartridge, from, to);
}

/**
 * READ ELEMENT STATUS of one element while waiting for the operator: a changer that cannot answer right now
 * (NOT READY while the station or door is open) means "not yet", not a failure of the request.
 */
export async function readElementOrUndefined(
  w: WorkContext,
  elementType: number,
  address: number,
): Promise<ElementDescriptor | undefined> {
  try {
    return await readElement(w.link, elementType, address);
  } catch (e) {
    if (e instanceof ChangerCommandError) return undefined;
    throw e;
  }
}

/** Reads every IE element, applies them, and returns them. */
export async function readImportExport(w: WorkContext): Promise<ElementDescriptor[]> {
  const layout = w.library.layout;
  if (!layout) return [];
  const all = await readElements(
    w.link,
    ElementType.IMPORT_EXPORT,
    layout.importExport.first,
    layout.importExport.count,
  );
  applyElementStatus(w.rt.db, w.library, all, { skip: w.lib.busy, foundCleanerUses: w.rt.policies.foundCleanerUses });
  return all;
}

/** A free IE element (empty; one the robot can reach preferred); RequestFailure 4341 when there is none. */
export async function chooseFreeIeElement(w: WorkContext): Promise<number> {
  const elements = await readImportExport(w);
  const free = elements.filter((d) => !d.full);
  const chosen = free.find((d) => d.access) ?? free[0];
  if (!chosen) throw new RequestFailure(Win32.ERROR_IEPORT_FULL, 'every IE element is full');
  return chosen.address;
}

/**
 * Unlocks (ALLOW MEDIUM REMOVAL) and opens the IE element for the operator. A changer without PREVENT ALLOW or
 * without OPEN (ILLEGAL REQUEST) is tolerated; any other refusal is RequestFailure ERROR_CONTROLLING_IEPORT.
 */
export async function openPort(w: WorkContext, address: number): Promise<void> {
  const allow = await preventAllowMediumRemoval(w.link, 0);
  if (!isTolerable(allow)) requireOk(allow, 'ALLOW MEDIUM REMOVAL', 'ie-control');
  const open = await openImportExport(w.link, address);
  if (!isTolerable(open)) requireOk(open, `OPEN IMPORT/EXPORT ELEMENT ${address}`, 'ie-control');
  const port = w.rt.db.iePortAt(w.library.id, address);
  if (port) {
    w.rt.db.iePorts.edit(port, (p) => {
      p.position = NtmsPortPosition.NTMS_PORTPOSITION_EXTENDED;
      p.modified = w.rt.db.now();
    });
  }
  await w.rt.commit();
}

/**
 * Closes the IE element and relocks (PREVENT MEDIUM REMOVAL), best effort: a changer that cannot close under
 * program control (TS3100 family) leaves it to the operator. Returns a note for the request history.
 */
export async function closeAndRelock(w: WorkContext, address: number): Promise<string> {
  const close = await closeImportExport(w.link, address);
  const lock = await preventAllowMediumRemoval(w.link, 1);
  const port = w.rt.db.iePortAt(w.library.id, address);
  if (port && close.ok) {
    w.rt.db.iePorts.edit(port, (p) => {
      p.position = NtmsPortPosition.NTMS_PORTPOSITION_RETRACTED;
      p.modified = w.rt.db.now();
    });
  }
  await w.rt.commit();
  const notes = [
    close.ok ? 'port closed' : 'port left for the operator to close',
    lock.ok ? 'relocked' : 'relock not supported',
  ];
  return notes.join(', ');
}

/**
 * Puts the cleaner back from the IE element into the reserved slot (STOP and time-out, per docs/rsm-semantics.md D6 and
 * D7). Returns false when the changer refused (the cleaner stays recorded in the IE element).
 */
export async function putBack(
  w: WorkContext,
  cleaner: CartridgeRecord,
  ieAddress: number,
  slotAddress: number,
): Promise<boolean> {
  const outcome = await moveMedium(w.link, transportAddress(w), ieAddress, slotAddress);
  if (!outcome.ok) return false;
  await recordMove(w, cleaner, { kind: 'ieport', address: ieAddress }, { kind: 'slot', address: slotAddress });
  return true;
}
