/**
 * EjectNtmsCleaner's queued work through an IE port. Spec: docs/rsm-semantics.md D5 (QUEUED → INPROCESS: move the
 * cleaner from the reserved slot to a free IE element, open/unlock the port → WAITING → PASSED when the IE
 * element reads empty, seen as unit attention 28/01 or by polling; on PASSED the cleaner's record is deleted,
 * CLEANERPRESENT cleared, uses remaining 0, reservation kept), D6 (time-out from MaxExtendSecs: operator request,
 * close and relock, cleaner back, FAILED ERROR_TIMEOUT; or operator request only), D7 (STOP: close and relock,
 * cleaner back, STOPPED), 7.3 (eject cycle).
 */
import { ElementType } from '../../scsi/codec/index.js';
import { testUnitReady } from '../changer/changer-commands.js';
import { applyElementStatus } from '../changer/inventory-sync.js';
import { removeLibraryCleaner } from '../db/library-state.js';
import type { CartridgeRecord, SlotRecord } from '../db/records.js';
import { NtmsLmState } from '../ntms/ntms-constants.js';
import { Win32 } from '../results/win32-codes.js';
import { waitForOperator } from './operator-wait.js';
import { returnCleaner } from './return-from-port.js';
import {
  chooseFreeIeElement,
  closeAndRelock,
  moveCartridge,
  openPort,
  putBack,
  readElementOrUndefined,
} from './port-steps.js';
import { RequestFailure, setState, stopRequested, type WorkContext } from './work-context.js';

/**
 * Ends the request after a STOP or a time-out with the cleaner put back (per docs/rsm-semantics.md D6 and D7):
 * STOPPED, or FAILED with ERROR_TIMEOUT; PASSED (as D5) when the operator took the cleaner while the model waited
 * for a station the host cannot close (docs/rsm-model.md "Stations the host cannot close").
 */
async function endWithCleanerBack(
  w: WorkContext,
  cleaner: CartridgeRecord,
  ieAddress: number,
  slot: SlotRecord,
  why: 'stopped' | 'timed-out',
): Promise<void> {
  const { outcome, note } = await returnCleaner(w, cleaner, ieAddress, slot);
  if (outcome === 'taken') return setState(w, NtmsLmState.NTMS_LM_PASSED, `${why}: ${note}`);
  if (why === 'timed-out')
    return setState(w, NtmsLmState.NTMS_LM_FAILED, `time-out after MaxExtendSecs: ${note}`, Win32.ERROR_TIMEOUT);
  return setState(w, NtmsLmState.NTMS_LM_STOPPED, `stopped: ${note}`, outcome === 'back' ? 0 : Win32.ERROR_IO_DEVICE);
}

/** The IE-port path of an eject-cleaner request. */
export async function ejectThroughPort(w: WorkContext, cleaner: CartridgeRecord, slot: SlotRecord): Promise<void> {
  await setState(w, NtmsLmState.NTMS_LM_INPROCESS, 'moving the cleaner to the IE port');
  if (stopRequested(w)) {
    await setState(w, NtmsLmState.NTMS_LM_STOPPED, 'stopped before anything moved');
    return;
  }
  const ie = await chooseFreeIeElement(w);
  await moveCartridge(w, cleaner, { kind: 'slot', address: slot.address }, { kind: 'ieport', address: ie });
  if (stopRequested(w)) return endWithCleanerBack(w, cleaner, ie, slot, 'stopped');
  try {
    await openPort(w, ie);
  } catch (e) {
    if (e instanceof RequestFailure) await putBack(w, cleaner, ie, slot.address);
    throw e;
  }
  await setState(w, NtmsLmState.NTMS_LM_WAITING, `IE element ${ie} open; waiting for the operator to take the cleaner`);
  const port = w.rt.db.iePortAt(w.library.id, ie);
  const outcome = await waitForOperator(w, {
    limitSecs: port?.maxExtendSecs ?? w.rt.policies.defaultMaxExtendSecs,
    message: `Remove the cleaning cartridge from IE port ${port?.number ?? ie} of library ${w.library.name}`,
    poll: async () => {
      // TEST UNIT READY collects a pending 28/01 (IE element accessed); the element status decides.
      await testUnitReady(w.link);
      const d = await readElementOrUndefined(w, ElementType.IMPORT_EXPORT, ie);
      if (!d) return false;
      // The cleaner is marked leaving (per docs/rsm-semantics.md D11), so this updates only the port's content.
      applyElementStatus(w.rt.db, w.library, [d], {
        skip: new Set(),
        foundCleanerUses: w.rt.policies.foundCleanerUses,
      });
      return !d.full;
    },
  });
  if (outcome === 'stopped' || outcome === 'timed-out') return endWithCleanerBack(w, cleaner, ie, slot, outcome);
  const closing = await closeAndRelock(w, ie);
  removeLibraryCleaner(w.rt.db, w.library);
  await setState(w, NtmsLmState.NTMS_LM_PASSED, `operator took the cleaner; ${closing}`);
}
