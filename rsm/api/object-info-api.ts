/**
 * GetNtmsObjectInformation and SetNtmsObjectInformation for the objects the cleaner functions touch: library,
 * IE port, door, storage slot, library request, and also drive, physical medium and operator request.
 * Spec: docs/rsm-semantics.md 3.11 (dwSize and dwType set first, wrong ones 87; unknown id 4312; USE on the library
 * on 2003+, no right on XP), 4 (structure fields; MaxExtendSecs and MaxOpenSecs writable WORDs), D10 (the eject
 * operation GUID is visible as a library request: OperationCode 11, Library, SlotId, State, dwErrorCode, times).
 */
import { runChecks } from '../checks/check-pipeline.js';
import type { Guid, GuidRef } from '../ntms/guid.js';
import type { ServiceRuntime } from '../service/service-runtime.js';
import { Win32 } from '../results/win32-codes.js';
import type { NtmsHandle, SessionEntry } from '../session/session-table.js';
import { checkContext, type ApiHost } from './api-host.js';
import { describeObject, type Filled } from './describe-object.js';
import { sessionMay } from './library-api.js';
import { NTMS_OBJECTINFORMATION_SIZE, type NtmsObjectInformation } from './object-info-types.js';

/** The object both functions work on, once the checks passed and the arguments are sound; or the error code. */
type Opened =
  | { readonly code: number }
  | {
      readonly rt: ServiceRuntime;
      readonly session: SessionEntry | undefined;
      readonly id: Guid;
      readonly info: NtmsObjectInformation;
      readonly found: Filled;
    };

/**
 * The checks and argument rules Get and Set share: the session's checks, a connected service, an object id, an
 * lpInfo of the model's dwSize, an id the database knows and the dwType the caller set for it.
 */
async function openObject(
  host: ApiHost,
  fn: 'getNtmsObjectInformation' | 'setNtmsObjectInformation',
  hSession: NtmsHandle | null,
  lpObjectId: GuidRef | null,
  lpInfo: NtmsObjectInformation | null,
): Promise<Opened> {
  const ctx = checkContext(host, fn, hSession, {});
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return { code: verdict.code };
  const rt = ctx.rt;
  if (!rt) return { code: Win32.ERROR_NOT_CONNECTED };
  if (!lpObjectId || !lpInfo || lpInfo.dwSize !== NTMS_OBJECTINFORMATION_SIZE)
    return { code: Win32.ERROR_INVALID_PARAMETER };
  const found = describeObject(rt.db, lpObjectId.value);
  if (!found) return { code: Win32.ERROR_OBJECT_NOT_FOUND };
  if (found.dwType !== lpInfo.dwType) return { code: Win32.ERROR_INVALID_PARAMETER };
  return { rt, session: ctx.session, id: lpObjectId.value, info: lpInfo, found };
}

/** GetNtmsObjectInformation: fills `lpInfo` (whose dwSize and dwType the caller set). */
export async function getNtmsObjectInformation(
  host: ApiHost,
  hSession: NtmsHandle | null,
  lpObjectId: GuidRef | null,
  lpInfo: NtmsObjectInformation | null,
): Promise<number> {
  const opened = await openObject(host, 'getNtmsObjectInformation', hSession, lpObjectId, lpInfo);
  if ('code' in opened) return opened.code;
  const { rt, session, info, found } = opened;
  if (found.library && !sessionMay(rt, session, found.library, 'object-info')) return Win32.ERROR_ACCESS_DENIED;
  const { library: _library, ...fields } = found;
  Object.assign(info, fields);
  return Win32.ERROR_SUCCESS;
}

/**
 * SetNtmsObjectInformation for what the model lets an administrator change: a library's name and description,
 * an IE port's MaxExtendSecs and a door's MaxOpenSecs (WORDs; larger values give ERROR_INVALID_PARAMETER).
 * Needs MODIFY on the library.
 */
export async function setNtmsObjectInformation(
  host: ApiHost,
  hSession: NtmsHandle | null,
  lpObjectId: GuidRef | null,
  lpInfo: NtmsObjectInformation | null,
): Promise<number> {
  const opened = await openObject(host, 'setNtmsObjectInformation', hSession, lpObjectId, lpInfo);
  if ('code' in opened) return opened.code;
  const { rt, session, id, info, found } = opened;
  if (!found.library) return Win32.ERROR_INVALID_PARAMETER;
  if (!sessionMay(rt, session, found.library, 'set-object-info')) return Win32.ERROR_ACCESS_DENIED;
  const isWord = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 0 && n <= 0xffff);
  const db = rt.db;
  const port = db.iePorts.get(id);
  const door = db.doors.get(id);
  const lib = db.libraries.get(id);
  if (port) {
    const secs = info.Info?.IEPort?.MaxExtendSecs;
    if (!isWord(secs)) return Win32.ERROR_INVALID_PARAMETER;
    db.iePorts.edit(port, (p) => {
      if (secs !== undefined) p.maxExtendSecs = secs;
      p.modified = db.now();
    });
  } else if (door) {
    const secs = info.Info?.IEDoor?.MaxOpenSecs;
    if (!isWord(secs)) return Win32.ERROR_INVALID_PARAMETER;
    db.doors.edit(door, (d) => {
      if (secs !== undefined) d.maxOpenSecs = secs;
      d.modified = db.now();
    });
  } else if (lib) {
    db.libraries.edit(lib, (l) => {
      if (info.szName !== undefined) l.name = info.szName;
      if (info.szDescription !== undefined) l.description = info.szDescription;
      l.modified = db.now();
    });
  } else {
    return Win32.ERROR_INVALID_PARAMETER;
  }
  await rt.commit();
  return Win32.ERROR_SUCCESS;
}
