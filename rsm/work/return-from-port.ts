/**
 * Putting the cleaner back after a STOP or a time-out of an eject through the IE port, also on a changer whose
 * host cannot close the station (IBM TS3100/TS3200: OPEN IMPORT/EXPORT ELEMENT only, the operator closes it): the
 * model raises an operator request to close the station, waits for the IE element to read accessible again, and
 * then moves the cleaner back (or, if the operator took it meanwhile, completes the eject as D5).
 * Spec: docs/rsm-model.md "Stations the host cannot close" (the decision for D6 and D7 on such changers);
 * docs/rsm-semantics.md D6, D7, D5, 7.3 (IEPORT_USER_CONTROL_CLOSE: only the user closes the port), 8 (operator
 * requests); docs/smc-reference.md 1.6 (TS3100 family: OPEN only).
 */
import { ElementType } from '../../scsi/codec/index.js';
import { testUnitReady } from '../changer/changer-commands.js';
import { removeLibraryCleaner } from '../db/library-state.js';
import type { CartridgeRecord, SlotRecord } from '../db/records.js';
import { NtmsOpreqCommand } from '../ntms/ntms-constants.js';
import { raiseOperatorRequest } from '../requests/operator-requests.js';
import { closeAndRelock, putBack, readElementOrUndefined } from './port-steps.js';
import type { WorkContext } from './work-context.js';

/** Where the cleaner ended: back in its slot, taken by the operator, or left in the IE element. */
export type ReturnOutcome = 'back' | 'taken' | 'left';

/** Sleeps on the clock even after a STOP (the STOP already ended the operator wait); ends with the service. */
async function sleepThroughStop(w: WorkContext, ms: number): Promise<void> {
  w.rt.checkAlive();
  try {
    await w.rt.clock.sleep(Math.max(0, ms), w.rt.signal);
  } catch (e) {
    w.rt.checkAlive();
    throw e;
  }
}

/**
 * Waits until IE element `ie` reads accessible (the operator closed the station), polling every pollIntervalMs,
 * for at most `limitSecs`. Resolves with the element's fullness then, or undefined when it stayed open.
 */
async function waitForStationClosed(
  w: WorkContext,
  ie: number,
  limitSecs: number,
): Promise<{ full: boolean } | undefined> {
  const port = w.rt.db.iePortAt(w.library.id, ie);
  raiseOperatorRequest(w.rt.db, {
    command: NtmsOpreqCommand.NTMS_OPREQ_MESSAGE,
    library: w.library.id,
    libRequest: w.request.id,
    message: `Close I/O station ${port?.number ?? ie} of library ${w.library.name}: the host cannot close it, and the cleaning cartridge goes back to its slot once it is closed`,
  });
  await w.rt.commit();
  const deadline = w.rt.clock.now() + limitSecs * 1000;
  for (;;) {
    await testUnitReady(w.link);
    const d = await readElementOrUndefined(w, ElementType.IMPORT_EXPORT, ie);
    if (d?.access) return { full: d.full };
    const now = w.rt.clock.now();
    if (now >= deadline) return undefined;
    await sleepThroughStop(w, Math.min(w.rt.policies.pollIntervalMs, deadline - now));
  }
}

/**
 * Closes and relocks the station and moves the cleaner back to `slot` (D6, D7). When the changer refuses the move
 * because the station is still open and the host cannot close it, waits for the operator to close it (at most
 * the port's MaxExtendSecs, or the default when that is 0) and tries again. Returns the outcome and a note.
 */
export async function returnCleaner(
  w: WorkContext,
  cleaner: CartridgeRecord,
  ie: number,
  slot: SlotRecord,
): Promise<{ outcome: ReturnOutcome; note: string }> {
  const closing = await closeAndRelock(w, ie);
  if (await putBack(w, cleaner, ie, slot.address))
    return { outcome: 'back', note: `${closing}; cleaner back in its slot` };
  const now = await readElementOrUndefined(w, ElementType.IMPORT_EXPORT, ie);
  if (!now || now.access)
    return {
      outcome: 'left',
      note: `${closing}; the changer refused to move the cleaner back, it stays in the IE element`,
    };
  const port = w.rt.db.iePortAt(w.library.id, ie);
  const limit = port?.maxExtendSecs || w.rt.policies.defaultMaxExtendSecs;
  const closed = await waitForStationClosed(w, ie, limit);
  if (!closed)
    return {
      outcome: 'left',
      note: `${closing}; the operator did not close the station within ${limit} s, the cleaner stays in the IE element`,
    };
  if (!closed.full) {
    removeLibraryCleaner(w.rt.db, w.library);
    await w.rt.commit();
    return { outcome: 'taken', note: `${closing}; the operator took the cleaner before closing the station` };
  }
  const relock = await closeAndRelock(w, ie);
  const back = await putBack(w, cleaner, ie, slot.address);
  return back
    ? { outcome: 'back', note: `the operator closed the station; ${relock}; cleaner back in its slot` }
    : { outcome: 'left', note: 'the operator closed the station but the changer refused to move the cleaner back' };
}
