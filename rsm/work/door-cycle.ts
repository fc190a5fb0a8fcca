/**
 * The door cycle the door-path work shares (eject and inject of a cleaner without an IE port, door access):
 * unlock (ALLOW MEDIUM REMOVAL), wait for the operator to open and close the door, relock (PREVENT).
 * The door is seen open when TEST UNIT READY answers NOT READY with a door-open code, and closed when unit
 * attention 28/00 (not ready to ready) arrives. Spec: docs/rsm-semantics.md 7.4 (CLOSED+locked → unlocked → OPEN →
 * CLOSED → relock), 8, D8 (door close seen as 28/00; relocked either way; time-out as D6 with MaxOpenSecs);
 * docs/rsm-model.md M3 (MaxOpenSecs counts how long the door stays open);
 * docs/smc-reference.md 1.6 and 1.7 (door open 02/04/83, 04/85; 06/28/00 after a door close).
 */
import { SenseKey } from '../../scsi/codec/index.js';
import { preventAllowMediumRemoval, testUnitReady } from '../changer/changer-commands.js';
import { isTolerable } from '../changer/changer-failure.js';
import { UnitAttentionMeaning } from '../changer/unit-attention.js';
import type { DoorRecord, SlotRecord } from '../db/records.js';
import { NtmsDoorState, NtmsLmState } from '../ntms/ntms-constants.js';
import { Win32 } from '../results/win32-codes.js';
import { waitForOperator, type WaitOutcome } from './operator-wait.js';
import { requireOk, setState, type WorkContext } from './work-context.js';

/** The library's door record; the door path is only taken when there is one. */
export function doorOf(w: WorkContext): DoorRecord | undefined {
  return w.rt.db.doorsOf(w.library.id)[0];
}

async function setDoor(
  w: WorkContext,
  door: DoorRecord | undefined,
  fields: Partial<Pick<DoorRecord, 'state' | 'locked'>>,
): Promise<void> {
  if (!door) return;
  w.rt.db.doors.edit(door, (d) => {
    Object.assign(d, fields);
    d.modified = w.rt.db.now();
  });
  await w.rt.commit();
}

/** Unlocks the door; a changer without PREVENT ALLOW (05/20/00) is tolerated. */
export async function unlockDoor(w: WorkContext): Promise<void> {
  const allow = await preventAllowMediumRemoval(w.link, 0);
  if (!isTolerable(allow)) requireOk(allow, 'ALLOW MEDIUM REMOVAL', 'move');
  await setDoor(w, doorOf(w), { locked: false });
}

/** Relocks the door, best effort. */
export async function relockDoor(w: WorkContext): Promise<void> {
  await preventAllowMediumRemoval(w.link, 1);
  await setDoor(w, doorOf(w), { locked: true });
}

/**
 * Waits for the door to be closed after the unlock (unit attention 28/00), polling TEST UNIT READY on the clock.
 * The limit is the door's MaxOpenSecs, the longest the door may stay open: counted from the poll that first sees it
 * open, and while it has not been seen open from the unlock (the operator has not come); MaxOpenSecs 0 raises the
 * operator request when the door opens (per docs/rsm-model.md M3, docs/rsm-semantics.md 7.4, 8). `sinceSeq` is the
 * link's event sequence at the unlock, so an older 28/00 does not count.
 */
export async function waitForDoorCycle(w: WorkContext, sinceSeq: number, message: string): Promise<WaitOutcome> {
  const door = doorOf(w);
  const limitSecs = door?.maxOpenSecs ?? w.rt.policies.defaultMaxOpenSecs;
  const unlockedAt = w.rt.clock.now();
  let openedAt: number | undefined;
  return waitForOperator(w, {
    limitSecs,
    message,
    since: () => openedAt ?? (limitSecs === 0 ? undefined : unlockedAt),
    poll: async () => {
      const tur = await testUnitReady(w.link);
      const closed = w.link.eventsSince(sinceSeq).some((e) => e.meaning === UnitAttentionMeaning.NOT_READY_TO_READY);
      if (closed) {
        await setDoor(w, door, { state: NtmsDoorState.NTMS_DOORSTATE_CLOSED });
        return true;
      }
      const s = tur.ok ? undefined : tur.sense;
      const doorOpen = s?.key === SenseKey.NOT_READY && s.asc === 0x04 && [0x03, 0x83, 0x84, 0x85].includes(s.ascq);
      if (doorOpen) openedAt ??= w.rt.clock.now();
      if (doorOpen && door?.state !== NtmsDoorState.NTMS_DOORSTATE_OPEN) {
        await setDoor(w, door, { state: NtmsDoorState.NTMS_DOORSTATE_OPEN });
      }
      return false;
    },
  });
}

/**
 * A cleaner request's door cycle with its states (D8): INPROCESS while the door is unlocked, WAITING for the
 * operator to `waiting` (the operator request asks to open the door, `instruction`, and close it), relocked after;
 * a time-out after MaxOpenSecs ends the request FAILED with ERROR_TIMEOUT, a STOP ends it STOPPED. Returns true
 * when the door was closed and the caller goes on to read `slot`.
 */
export async function cleanerDoorCycle(
  w: WorkContext,
  slot: SlotRecord,
  waiting: string,
  instruction: string,
): Promise<boolean> {
  await setState(w, NtmsLmState.NTMS_LM_INPROCESS, 'unlocking the door');
  w.lib.busy.add(slot.address);
  await unlockDoor(w);
  const since = w.link.lastEventSeq;
  await setState(w, NtmsLmState.NTMS_LM_WAITING, `door unlocked; waiting for the operator to ${waiting}`);
  const outcome = await waitForDoorCycle(
    w,
    since,
    `Open the door of library ${w.library.name}, ${instruction}, and close the door`,
  );
  await relockDoor(w);
  if (outcome === 'timed-out') {
    await setState(w, NtmsLmState.NTMS_LM_FAILED, 'time-out after MaxOpenSecs; door relocked', Win32.ERROR_TIMEOUT);
    return false;
  }
  if (outcome === 'stopped') {
    await setState(w, NtmsLmState.NTMS_LM_STOPPED, 'stopped; door relocked');
    return false;
  }
  return true;
}
