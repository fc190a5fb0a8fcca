/**
 * The work of an NTMS_LM_INJECTCLEANER request. Through the IE port: open it, wait for the operator to put the
 * cleaner in, move it to the reserved slot. Through the door: unlock, wait for the door cycle, re-read the
 * reserved slot (no inventory). Spec: docs/rsm-semantics.md 3.5 (START uses the IE port if there is one, otherwise
 * the door, with no inventory; STOP for port libraries; dwNumberOfCleansLeft stored, 0xFFFFFFFF sets
 * IGNORECLEANERUSESREMAINING), 3.9 (port cycle: unlock/extend, poll until full, lock, move to a slot), 7.1
 * (completion sets CLEANERPRESENT and the count), D6 (time-out policy applies to every operator wait);
 * docs/rsm-model.md M5 (a cartridge the descriptor identifies as data is refused: FAILED ERROR_INVALID_CLEANER).
 */
import { ElementType } from '../../scsi/codec/index.js';
import { moveMedium, readElement, testUnitReady } from '../changer/changer-commands.js';
import { classifyFailure } from '../changer/changer-failure.js';
import { cleanerIdentity } from '../changer/element-state.js';
import { applyElementStatus } from '../changer/inventory-sync.js';
import { setLibraryCleaner } from '../db/library-state.js';
import type { CartridgeRecord, SlotRecord } from '../db/records.js';
import { NULL_GUID } from '../ntms/guid.js';
import { NtmsLmState } from '../ntms/ntms-constants.js';
import { Win32 } from '../results/win32-codes.js';
import { cleanerDoorCycle } from './door-cycle.js';
import { waitForOperator } from './operator-wait.js';
import {
  chooseFreeIeElement,
  closeAndRelock,
  openPort,
  readElementOrUndefined,
  readImportExport,
  recordMove,
  transportAddress,
} from './port-steps.js';
import { RequestFailure, setState, type WorkContext } from './work-context.js';

function newCleaner(w: WorkContext, address: number, kind: 'slot' | 'ieport', barcode: string): CartridgeRecord {
  const db = w.rt.db;
  return db.cartridges.insert({
    id: db.newId(),
    created: db.now(),
    modified: db.now(),
    library: w.library.id,
    location: { kind, address },
    barcode,
    kind: 'cleaner',
    leavingRequest: NULL_GUID,
  });
}

async function injectThroughPort(w: WorkContext, slot: SlotRecord, uses: number): Promise<void> {
  await setState(w, NtmsLmState.NTMS_LM_INPROCESS, 'opening the IE port');
  const ie = await chooseFreeIeElement(w);
  w.lib.busy.add(ie);
  w.lib.busy.add(slot.address);
  await openPort(w, ie);
  await setState(
    w,
    NtmsLmState.NTMS_LM_WAITING,
    `IE element ${ie} open; waiting for the operator to put the cleaner in`,
  );
  const port = w.rt.db.iePortAt(w.library.id, ie);
  let moved = false;
  let refused = false;
  const outcome = await waitForOperator(w, {
    limitSecs: port?.maxExtendSecs ?? w.rt.policies.defaultMaxExtendSecs,
    message: `Put the cleaning cartridge into IE port ${port?.number ?? ie} of library ${w.library.name}`,
    poll: async () => {
      await testUnitReady(w.link);
      const d = await readElementOrUndefined(w, ElementType.IMPORT_EXPORT, ie);
      // Full and reachable: the operator has put the cleaner in and closed the station.
      if (!d?.full || !d.access) return false;
      if (cleanerIdentity(d) === 'data') {
        refused = true; // not moved: the operator takes it back (docs/rsm-model.md M5)
        return true;
      }
      const move = await moveMedium(w.link, transportAddress(w), ie, slot.address);
      if (move.ok) {
        const cleaner = newCleaner(w, ie, 'ieport', d.primaryVolumeTag?.id.trim() ?? '');
        await recordMove(w, cleaner, { kind: 'ieport', address: ie }, { kind: 'slot', address: slot.address });
        setLibraryCleaner(w.rt.db, w.library, cleaner, uses);
        moved = true;
        return true;
      }
      const kind = classifyFailure(move);
      if (kind === 'not-ready' || kind === 'door-open' || kind === 'magazine-missing') return false; // station still open
      throw new RequestFailure(Win32.ERROR_IO_DEVICE, `MOVE MEDIUM ${ie} → ${slot.address} failed (${kind})`);
    },
  });
  const closing = await closeAndRelock(w, ie);
  if (outcome === 'stopped') return setState(w, NtmsLmState.NTMS_LM_STOPPED, `stopped; ${closing}`);
  if (refused) {
    w.lib.busy.delete(ie);
    await readImportExport(w); // records the cartridge in the IE element, as a data cartridge
    return setState(
      w,
      NtmsLmState.NTMS_LM_FAILED,
      `the cartridge in IE element ${ie} is not a cleaner; left there; ${closing}`,
      Win32.ERROR_INVALID_CLEANER,
    );
  }
  if (outcome === 'timed-out' || !moved)
    return setState(w, NtmsLmState.NTMS_LM_FAILED, `time-out after MaxExtendSecs; ${closing}`, Win32.ERROR_TIMEOUT);
  await readImportExport(w);
  await setState(w, NtmsLmState.NTMS_LM_PASSED, `cleaner moved to slot ${slot.number}; ${closing}`);
}

async function injectThroughDoor(w: WorkContext, slot: SlotRecord, uses: number): Promise<void> {
  const closed = await cleanerDoorCycle(
    w,
    slot,
    'put the cleaner in its slot',
    `put the cleaning cartridge in slot ${slot.number}`,
  );
  if (!closed) return;
  const d = await readElement(w.link, ElementType.STORAGE, slot.address);
  if (!d?.full)
    return setState(
      w,
      NtmsLmState.NTMS_LM_FAILED,
      'door closed; the reserved slot is still empty',
      w.rt.results.code('ERROR_SLOT_EMPTY'),
    );
  if (cleanerIdentity(d) === 'data') {
    applyElementStatus(w.rt.db, w.library, [d], { skip: new Set(), foundCleanerUses: w.rt.policies.foundCleanerUses });
    return setState(
      w,
      NtmsLmState.NTMS_LM_FAILED,
      'door closed; the cartridge in the reserved slot is not a cleaner',
      Win32.ERROR_INVALID_CLEANER,
    );
  }
  const cleaner = newCleaner(w, slot.address, 'slot', d.primaryVolumeTag?.id.trim() ?? '');
  await recordMove(w, cleaner, { kind: 'slot', address: slot.address }, { kind: 'slot', address: slot.address });
  setLibraryCleaner(w.rt.db, w.library, cleaner, uses);
  await setState(w, NtmsLmState.NTMS_LM_PASSED, 'door closed; the cleaner is in its slot; door relocked');
}

/** Runs an inject-cleaner request. */
export async function injectCleanerWork(w: WorkContext): Promise<void> {
  const slot = w.rt.db.slots.get(w.request.slotId);
  if (!slot)
    throw new RequestFailure(w.rt.results.code('ERROR_NO_SLOT_SET'), 'the reserved slot is no longer in the database');
  const uses = w.request.params['cleansLeft'] ?? 0;
  if (w.rt.db.iePortsOf(w.library.id).length > 0) return injectThroughPort(w, slot, uses);
  return injectThroughDoor(w, slot, uses);
}
