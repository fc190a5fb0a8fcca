/**
 * EjectNtmsCleaner's queued work through the door, for a library without an IE port. Spec:
 * docs/rsm-semantics.md D8 (QUEUED → INPROCESS: unlock the door → WAITING: the operator opens, takes the cleaner,
 * closes → on the door close (unit attention 28/00) re-read the cleaner slot: empty → PASSED as D5, still full →
 * FAILED with ERROR_CLEANER_CARTRIDGE_INSTALLED; relocked either way; time-out as D6 with
 * MaxOpenSecs), D5 (record deleted).
 */
import { ElementType } from '../../scsi/codec/index.js';
import { readElement } from '../changer/changer-commands.js';
import { slotStateOf } from '../changer/element-state.js';
import { removeLibraryCleaner } from '../db/library-state.js';
import type { SlotRecord } from '../db/records.js';
import { NtmsLmState, NtmsSlotState } from '../ntms/ntms-constants.js';
import { Win32 } from '../results/win32-codes.js';
import { cleanerDoorCycle } from './door-cycle.js';
import { setState, type WorkContext } from './work-context.js';

/** The door path of an eject-cleaner request. */
export async function ejectThroughDoor(w: WorkContext, slot: SlotRecord): Promise<void> {
  const closed = await cleanerDoorCycle(
    w,
    slot,
    'take the cleaner and close the door',
    `take the cleaning cartridge from slot ${slot.number}`,
  );
  if (!closed) return;
  const d = await readElement(w.link, ElementType.STORAGE, slot.address);
  if (d) {
    w.rt.db.slots.edit(slot, (s) => {
      s.state = slotStateOf(d, w.library.pulledMagazine);
      s.modified = w.rt.db.now();
    });
  }
  if (d && !d.full && slot.state === NtmsSlotState.NTMS_SLOTSTATE_EMPTY) {
    removeLibraryCleaner(w.rt.db, w.library);
    await setState(w, NtmsLmState.NTMS_LM_PASSED, 'door closed; the cleaner slot reads empty; door relocked');
    return;
  }
  await setState(
    w,
    NtmsLmState.NTMS_LM_FAILED,
    'door closed; the cleaner is still in its slot; door relocked',
    Win32.ERROR_CLEANER_CARTRIDGE_INSTALLED,
  );
}
