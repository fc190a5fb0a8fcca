/**
 * CleanNtmsDrive, AccessNtmsLibraryDoor, EnableNtmsObject / DisableNtmsObject and CancelNtmsLibraryRequest.
 * Spec: docs/rsm-semantics.md 3.7 (CleanNtmsDrive: drive id missing 87, unknown drive 15, drive or library disabled
 * 4309, offline 4316 per MS-RSMP), 3.10 (AccessNtmsLibraryDoor: dwAction ≥ NTMS_INVENTORY_MAX 87, no door 4316),
 * 3.11 (CancelNtmsLibraryRequest: not outstanding 4312), 5 (rights: CONTROL; Enable/Disable MODIFY on 2003+,
 * CONTROL on 2000/XP), D10 (cancellable while QUEUED), D12 (disabled 4309).
 */
import { runChecks } from '../checks/check-pipeline.js';
import type { DriveRecord, LibraryRecord, PrincipalRecord } from '../db/records.js';
import type { GuidRef } from '../ntms/guid.js';
import { NtmsLmOperation, NtmsLmState, NtmsObjectType } from '../ntms/ntms-constants.js';
import { createLibraryRequest, isOutstanding, transitionRequest } from '../requests/library-request.js';
import { Win32 } from '../results/win32-codes.js';
import { hasAccess, requiredRight } from '../security/security-model.js';
import type { ServiceRuntime } from '../service/service-runtime.js';
import type { NtmsHandle, SessionEntry } from '../session/session-table.js';
import { settleRequest } from '../work/request-runner.js';
import { checkContext, type ApiHost } from './api-host.js';

/** Whether the session's principal holds the right `fn` needs on `library` under the current policy (D14). */
export function sessionMay(
  rt: ServiceRuntime,
  session: SessionEntry | undefined,
  library: LibraryRecord,
  fn: Parameters<typeof requiredRight>[0],
): boolean {
  const p = rt.policies;
  const right = requiredRight(fn, p.accessPolicy);
  if (right === undefined) return true;
  const principal: PrincipalRecord | undefined = session ? rt.db.principals.get(session.principal) : undefined;
  return !!principal && hasAccess(principal, library, right, p.accessPolicy, p.controlAccessValue);
}

/** CleanNtmsDrive: queues an NTMS_LM_CLEANDRIVE request for the drive. */
export async function cleanNtmsDrive(
  host: ApiHost,
  hSession: NtmsHandle | null,
  lpDriveId: GuidRef | null,
): Promise<number> {
  const ctx = checkContext(host, 'cleanNtmsDrive', hSession, { drive: lpDriveId });
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return verdict.code;
  const rt = ctx.rt;
  if (!rt || rt.ended || !ctx.library || !ctx.drive) return Win32.ERROR_NOT_CONNECTED;
  const request = createLibraryRequest(rt.db, {
    operation: NtmsLmOperation.NTMS_LM_CLEANDRIVE,
    library: ctx.library.id,
    driveId: ctx.drive.id,
    physMediaId: ctx.library.cleanerCartridge,
    application: ctx.session?.application ?? '',
    user: ctx.session?.principal ?? '',
  });
  await rt.commit();
  host.enqueue(rt, request);
  return Win32.ERROR_SUCCESS;
}

/** AccessNtmsLibraryDoor: queues an NTMS_LM_DOORACCESS request; dwAction is the inventory after the close. */
export async function accessNtmsLibraryDoor(
  host: ApiHost,
  hSession: NtmsHandle | null,
  lpLibraryId: GuidRef | null,
  dwAction: number,
): Promise<number> {
  const ctx = checkContext(host, 'accessNtmsLibraryDoor', hSession, { library: lpLibraryId, action: dwAction });
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return verdict.code;
  const rt = ctx.rt;
  if (!rt || rt.ended || !ctx.library) return Win32.ERROR_NOT_CONNECTED;
  const request = createLibraryRequest(rt.db, {
    operation: NtmsLmOperation.NTMS_LM_DOORACCESS,
    option: dwAction,
    library: ctx.library.id,
    application: ctx.session?.application ?? '',
    user: ctx.session?.principal ?? '',
  });
  await rt.commit();
  host.enqueue(rt, request);
  return Win32.ERROR_SUCCESS;
}

/** EnableNtmsObject / DisableNtmsObject for a library or a drive. */
export async function setNtmsObjectEnabled(
  host: ApiHost,
  hSession: NtmsHandle | null,
  dwType: number,
  lpObjectId: GuidRef | null,
  enabled: boolean,
): Promise<number> {
  const ctx = checkContext(host, 'enableNtmsObject', hSession, {});
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return verdict.code;
  const rt = ctx.rt;
  if (!rt) return Win32.ERROR_NOT_CONNECTED;
  if (!lpObjectId || (dwType !== NtmsObjectType.NTMS_LIBRARY && dwType !== NtmsObjectType.NTMS_DRIVE))
    return Win32.ERROR_INVALID_PARAMETER;
  const target =
    dwType === NtmsObjectType.NTMS_LIBRARY ? rt.db.libraries.get(lpObjectId.value) : rt.db.drives.get(lpObjectId.value);
  const library =
    target && 'library' in target ? rt.db.libraries.get(target.library) : (target as LibraryRecord | undefined);
  if (!target || !library) return Win32.ERROR_OBJECT_NOT_FOUND;
  if (!sessionMay(rt, ctx.session, library, 'enable')) return Win32.ERROR_ACCESS_DENIED;
  const edit = (w: { enabled: boolean; modified: number }) => {
    w.enabled = enabled;
    w.modified = rt.db.now();
  };
  if (dwType === NtmsObjectType.NTMS_LIBRARY) rt.db.libraries.edit(target as LibraryRecord, edit);
  else rt.db.drives.edit(target as DriveRecord, edit);
  await rt.commit();
  return Win32.ERROR_SUCCESS;
}

/**
 * CancelNtmsLibraryRequest: a QUEUED request becomes CANCELLED (per docs/rsm-semantics.md D10). A request being worked
 * on cannot be cancelled (ERROR_INVALID_OPERATION, the model's choice: STOP is the way to end an eject); one that
 * has ended, or an unknown id, gives ERROR_OBJECT_NOT_FOUND.
 */
export async function cancelNtmsLibraryRequest(
  host: ApiHost,
  hSession: NtmsHandle | null,
  lpRequestId: GuidRef | null,
): Promise<number> {
  const ctx = checkContext(host, 'cancelNtmsLibraryRequest', hSession, {});
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return verdict.code;
  const rt = ctx.rt;
  if (!rt) return Win32.ERROR_NOT_CONNECTED;
  if (!lpRequestId) return Win32.ERROR_INVALID_PARAMETER;
  const request = rt.db.libRequests.get(lpRequestId.value);
  const library = request ? rt.db.libraries.get(request.library) : undefined;
  if (!request || !library) return Win32.ERROR_OBJECT_NOT_FOUND;
  if (!sessionMay(rt, ctx.session, library, 'cancel')) return Win32.ERROR_ACCESS_DENIED;
  if (!isOutstanding(request)) return Win32.ERROR_OBJECT_NOT_FOUND;
  if (request.state !== NtmsLmState.NTMS_LM_QUEUED) return Win32.ERROR_INVALID_OPERATION;
  const lib = rt.library(library.id);
  const i = lib.queue.indexOf(request.id);
  if (i >= 0) lib.queue.splice(i, 1);
  transitionRequest(rt.db, request, NtmsLmState.NTMS_LM_CANCELLED, 'cancelled while queued');
  settleRequest(rt, request.id);
  await rt.commit();
  return Win32.ERROR_SUCCESS;
}
