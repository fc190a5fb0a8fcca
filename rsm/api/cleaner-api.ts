/**
 * The cleaner functions: ReserveNtmsCleanerSlot, ReleaseNtmsCleanerSlot, InjectNtmsCleaner, EjectNtmsCleaner.
 * Each runs its check pipeline (per docs/rsm-semantics.md D3), then changes the reservation or queues a library request.
 * Spec: docs/rsm-semantics.md 3.3-3.6, 7.1 (slot-state table and completion side effects), D4 (checks see the changer
 * now), D7 (STOP), D10 (the operation GUID is the library request's id, written only when START returns 0),
 * D11 (queuing an eject marks the cleaner as leaving).
 */
import { runChecks } from '../checks/check-pipeline.js';
import type { CheckContext } from '../checks/check-context.js';
import type { LibRequestRecord } from '../db/records.js';
import { NULL_GUID, type GuidRef } from '../ntms/guid.js';
import { NtmsLmOperation, NtmsLmState } from '../ntms/ntms-constants.js';
import { createLibraryRequest, transitionRequest } from '../requests/library-request.js';
import { Win32 } from '../results/win32-codes.js';
import type { ServiceRuntime } from '../service/service-runtime.js';
import type { NtmsHandle } from '../session/session-table.js';
import { settleRequest } from '../work/request-runner.js';
import { checkContext, type ApiHost } from './api-host.js';

const START = 0;

/** The running incarnation after the checks, or undefined when it ended while they ran (D13: 2250). */
function stillRunning(ctx: CheckContext): ServiceRuntime | undefined {
  return ctx.rt && !ctx.rt.ended ? ctx.rt : undefined;
}

/** NTMS_EJECT_STOP / NTMS_INJECT_STOP on an outstanding request (per docs/rsm-semantics.md D7). */
async function stopRequest(rt: ServiceRuntime, target: LibRequestRecord): Promise<number> {
  const lib = rt.library(target.library);
  if (target.state === NtmsLmState.NTMS_LM_QUEUED) {
    const i = lib.queue.indexOf(target.id);
    if (i >= 0) lib.queue.splice(i, 1);
    transitionRequest(rt.db, target, NtmsLmState.NTMS_LM_STOPPED, 'stopped while queued: nothing had moved');
    settleRequest(rt, target.id);
    await rt.commit();
    return Win32.ERROR_SUCCESS;
  }
  const stop = lib.stops.get(target.id) ?? new AbortController();
  lib.stops.set(target.id, stop);
  stop.abort();
  return Win32.ERROR_SUCCESS;
}

/** ReserveNtmsCleanerSlot: reserves an empty, present slot for the cleaner (synchronously). */
export async function reserveNtmsCleanerSlot(
  host: ApiHost,
  hSession: NtmsHandle | null,
  lpLibrary: GuidRef | null,
  lpSlot: GuidRef | null,
): Promise<number> {
  const ctx = checkContext(host, 'reserveNtmsCleanerSlot', hSession, { library: lpLibrary, slot: lpSlot });
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return verdict.code;
  const rt = stillRunning(ctx);
  if (!rt || !ctx.library || !ctx.slot) return Win32.ERROR_NOT_CONNECTED;
  const slotId = ctx.slot.id;
  rt.db.libraries.edit(ctx.library, (l) => {
    l.cleanerSlot = slotId;
    if (l.cleanerSlotDefault === NULL_GUID) l.cleanerSlotDefault = slotId;
    l.modified = rt.db.now();
  });
  await rt.commit();
  return Win32.ERROR_SUCCESS;
}

/** ReleaseNtmsCleanerSlot: removes the reservation of an empty, present slot (synchronously). */
export async function releaseNtmsCleanerSlot(
  host: ApiHost,
  hSession: NtmsHandle | null,
  lpLibrary: GuidRef | null,
): Promise<number> {
  const ctx = checkContext(host, 'releaseNtmsCleanerSlot', hSession, { library: lpLibrary });
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return verdict.code;
  const rt = stillRunning(ctx);
  if (!rt || !ctx.library) return Win32.ERROR_NOT_CONNECTED;
  rt.db.libraries.edit(ctx.library, (l) => {
    l.cleanerSlot = NULL_GUID;
    l.modified = rt.db.now();
  });
  await rt.commit();
  return Win32.ERROR_SUCCESS;
}

/** Queues a request and returns its id through `out` (per docs/rsm-semantics.md D10). */
async function queue(host: ApiHost, rt: ServiceRuntime, request: LibRequestRecord, out: GuidRef): Promise<number> {
  out.value = request.id;
  await rt.commit();
  host.enqueue(rt, request);
  return Win32.ERROR_SUCCESS;
}

/**
 * InjectNtmsCleaner: START queues an NTMS_LM_INJECTCLEANER request (IE port, else door) and writes its id to
 * lpInjectOperation; STOP stops the named outstanding inject.
 */
export async function injectNtmsCleaner(
  host: ApiHost,
  hSession: NtmsHandle | null,
  lpLibrary: GuidRef | null,
  lpInjectOperation: GuidRef | null,
  dwNumberOfCleansLeft: number,
  dwAction: number,
): Promise<number> {
  const ctx = checkContext(host, 'injectNtmsCleaner', hSession, {
    library: lpLibrary,
    operation: lpInjectOperation,
    action: dwAction,
  });
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return verdict.code;
  const rt = stillRunning(ctx);
  if (!rt || !ctx.library || !lpInjectOperation) return Win32.ERROR_NOT_CONNECTED;
  if (dwAction !== START) return ctx.stopTarget ? stopRequest(rt, ctx.stopTarget) : Win32.ERROR_INVALID_OPERATION;
  const request = createLibraryRequest(rt.db, {
    operation: NtmsLmOperation.NTMS_LM_INJECTCLEANER,
    library: ctx.library.id,
    slotId: ctx.slot?.id ?? NULL_GUID,
    application: ctx.session?.application ?? '',
    user: ctx.session?.principal ?? '',
    params: { cleansLeft: dwNumberOfCleansLeft >>> 0 },
  });
  return queue(host, rt, request, lpInjectOperation);
}

/**
 * EjectNtmsCleaner: START queues an NTMS_LM_EJECTCLEANER request for the cleaner in the reserved slot, marks the
 * cleaner as leaving (per docs/rsm-semantics.md D11) and writes the request's id to lpEjectOperation (D10); STOP stops
 * the named outstanding eject (D7).
 */
export async function ejectNtmsCleaner(
  host: ApiHost,
  hSession: NtmsHandle | null,
  lpLibrary: GuidRef | null,
  lpEjectOperation: GuidRef | null,
  dwAction: number,
): Promise<number> {
  const ctx = checkContext(host, 'ejectNtmsCleaner', hSession, {
    library: lpLibrary,
    operation: lpEjectOperation,
    action: dwAction,
  });
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return verdict.code;
  const rt = stillRunning(ctx);
  if (!rt || !ctx.library || !lpEjectOperation) return Win32.ERROR_NOT_CONNECTED;
  if (dwAction !== START) return ctx.stopTarget ? stopRequest(rt, ctx.stopTarget) : Win32.ERROR_INVALID_OPERATION;
  const slot = ctx.slot;
  const cleaner = slot ? rt.db.cartridgeAt(slot.library, slot.address) : undefined;
  if (!slot || !cleaner) return rt.results.code('ERROR_SLOT_EMPTY');
  const request = createLibraryRequest(rt.db, {
    operation: NtmsLmOperation.NTMS_LM_EJECTCLEANER,
    library: ctx.library.id,
    slotId: slot.id,
    physMediaId: cleaner.id,
    application: ctx.session?.application ?? '',
    user: ctx.session?.principal ?? '',
  });
  rt.db.cartridges.edit(cleaner, (c) => {
    c.leavingRequest = request.id;
    c.modified = rt.db.now();
  });
  return queue(host, rt, request, lpEjectOperation);
}
