/**
 * The work of an NTMS_LM_EJECTCLEANER request: through the IE port where the library has one, otherwise through
 * the door. Spec: docs/rsm-semantics.md 3.6 ("uses NTMS_IEPORT if the library has one, otherwise NTMS_IEDOOR"), D5,
 * D8, D9 (neither: refused at call time, never queued).
 */
import { Win32 } from '../results/win32-codes.js';
import { ejectThroughDoor } from './eject-through-door.js';
import { ejectThroughPort } from './eject-through-port.js';
import { RequestFailure, type WorkContext } from './work-context.js';

/** Runs an eject-cleaner request. */
export async function ejectCleanerWork(w: WorkContext): Promise<void> {
  const db = w.rt.db;
  const slot = db.slots.get(w.request.slotId);
  const cleaner = db.cartridges.get(w.request.physMediaId);
  if (!slot || !cleaner)
    throw new RequestFailure(
      w.rt.results.code('ERROR_SLOT_EMPTY'),
      'the cleaner or its slot is no longer in the database',
    );
  if (db.iePortsOf(w.library.id).length > 0) return ejectThroughPort(w, cleaner, slot);
  if (w.library.hasDoor) return ejectThroughDoor(w, slot);
  throw new RequestFailure(Win32.ERROR_RESOURCE_NOT_PRESENT, 'the library has neither an IE port nor a door');
}
