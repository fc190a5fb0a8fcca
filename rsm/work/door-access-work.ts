/**
 * The work of an NTMS_LM_DOORACCESS request: unlock the door, wait for the door cycle, relock, then run the
 * inventory dwAction asked for. Spec: docs/rsm-semantics.md 3.10 (AccessNtmsLibraryDoor unlocks the door; dwAction
 * is the inventory after the door closes: NONE, FAST, OMID or DEFAULT), 7.4 (door cycle), D6 (time-out policy,
 * MaxOpenSecs).
 */
import { fullInventory } from '../changer/inventory-sync.js';
import { NtmsInventoryMethod, NtmsLmState } from '../ntms/ntms-constants.js';
import { Win32 } from '../results/win32-codes.js';
import { relockDoor, unlockDoor, waitForDoorCycle } from './door-cycle.js';
import { setState, type WorkContext } from './work-context.js';

/** Runs a door-access request. */
export async function doorAccessWork(w: WorkContext): Promise<void> {
  await setState(w, NtmsLmState.NTMS_LM_INPROCESS, 'unlocking the door');
  await unlockDoor(w);
  const since = w.link.lastEventSeq;
  await setState(w, NtmsLmState.NTMS_LM_WAITING, 'door unlocked; waiting for the operator to close it');
  const outcome = await waitForDoorCycle(w, since, `Close the door of library ${w.library.name}`);
  await relockDoor(w);
  if (outcome === 'timed-out')
    return setState(w, NtmsLmState.NTMS_LM_FAILED, 'time-out after MaxOpenSecs; door relocked', Win32.ERROR_TIMEOUT);
  if (outcome === 'stopped') return setState(w, NtmsLmState.NTMS_LM_STOPPED, 'stopped; door relocked');
  let method = w.request.option;
  if (method === NtmsInventoryMethod.NTMS_INVENTORY_DEFAULT) method = w.library.inventoryMethod;
  if (method !== NtmsInventoryMethod.NTMS_INVENTORY_NONE) {
    await fullInventory(w.rt.db, w.library, w.link, {
      skip: new Set(),
      foundCleanerUses: w.rt.policies.foundCleanerUses,
    });
  }
  await setState(
    w,
    NtmsLmState.NTMS_LM_PASSED,
    `door closed and relocked; inventory ${method === NtmsInventoryMethod.NTMS_INVENTORY_NONE ? 'none' : 'done'}`,
  );
}
