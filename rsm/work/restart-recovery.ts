/**
 * What a service start does about work a previous incarnation left: requests that were outstanding end FAILED
 * with ERROR_REQUEST_ABORTED (the project's choice, docs/rsm-model.md "Restart"), and a cleaner found outside its
 * reserved slot (in the IE port after an interrupted eject, in a drive after an interrupted cleaning) is put
 * back. The inventory at discovery has already made the database match the changer, so the cleaner is neither
 * counted twice nor lost. Spec: docs/rsm-semantics.md 3.7 ("queued cleaning requests are discarded when the service
 * restarts"), D5-D7 (where the cleaner belongs when an eject does not complete), D11.
 */
import { closeImportExport, moveMedium, preventAllowMediumRemoval } from '../changer/changer-commands.js';
import type { ChangerLink } from '../changer/changer-link.js';
import type { LibraryRecord } from '../db/records.js';
import { NtmsLmState, NtmsPortContent, NtmsSlotState } from '../ntms/ntms-constants.js';
import { isOutstanding, transitionRequest } from '../requests/library-request.js';
import { Win32 } from '../results/win32-codes.js';
import type { ServiceRuntime } from '../service/service-runtime.js';
import { settleRequest } from './request-runner.js';

/** Fails every request the previous incarnation left outstanding. Returns how many. */
export function failAbandonedRequests(rt: ServiceRuntime): number {
  let n = 0;
  for (const r of rt.db.libRequests.values()) {
    if (!isOutstanding(r)) continue;
    transitionRequest(
      rt.db,
      r,
      NtmsLmState.NTMS_LM_FAILED,
      'the service stopped while the request was outstanding',
      Win32.ERROR_REQUEST_ABORTED,
    );
    settleRequest(rt, r.id);
    n++;
  }
  return n;
}

/**
 * Puts the library's cleaner back into its reserved slot when the inventory found it elsewhere and the slot is
 * empty; relocks. Returns a note of what was done, or undefined when nothing was needed.
 */
export async function returnStrayCleaner(
  rt: ServiceRuntime,
  library: LibraryRecord,
  link: ChangerLink,
): Promise<string | undefined> {
  const db = rt.db;
  const cleaner = db.cleanerOf(library);
  const slot = db.slots.get(library.cleanerSlot);
  const at = cleaner?.location;
  if (!cleaner || !slot || !at || (at.kind === 'slot' && at.address === slot.address)) return undefined;
  if (slot.state !== NtmsSlotState.NTMS_SLOTSTATE_EMPTY || at.kind === 'transport')
    return `cleaner left at element ${at.address}`;
  if (at.kind === 'ieport') await closeImportExport(link, at.address);
  const moved = await moveMedium(link, library.layout?.transport.first ?? 0, at.address, slot.address);
  await preventAllowMediumRemoval(link, 1);
  if (!moved.ok) return `cleaner left at element ${at.address}: the changer refused to move it`;
  const port = at.kind === 'ieport' ? db.iePortAt(library.id, at.address) : undefined;
  if (port) {
    db.iePorts.edit(port, (p) => {
      p.content = NtmsPortContent.NTMS_PORTCONTENT_EMPTY;
      p.modified = db.now();
    });
  }
  db.cartridges.edit(cleaner, (c) => {
    c.location = { kind: 'slot', address: slot.address };
    c.modified = db.now();
  });
  db.slots.edit(slot, (s) => {
    s.state = NtmsSlotState.NTMS_SLOTSTATE_FULL;
    s.modified = db.now();
  });
  return `cleaner moved back from element ${at.address} to slot ${slot.number}`;
}
