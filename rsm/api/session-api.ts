/**
 * OpenNtmsSession and CloseNtmsSession. Spec: docs/rsm-semantics.md 3.1 (lpServer NULL = local; dwOptions reserved,
 * QUERYEXPEDITE known; failures ERROR_INVALID_COMPUTERNAME, ERROR_INVALID_PARAMETER, ERROR_NOT_CONNECTED,
 * ERROR_NOT_READY while the service starts; MS-RSMP adds ERROR_ACCESS_DENIED), 3.2 (CloseNtmsSession: 6 for a NULL
 * or invalid handle), D13 (2250 while unreachable with a once-valid handle; 6 after a restart), D15 (closing does
 * not cancel queued library requests).
 */
import { runChecks } from '../checks/check-pipeline.js';
import { NtmsSessionOptions } from '../ntms/ntms-constants.js';
import { INVALID_HANDLE_VALUE, Win32 } from '../results/win32-codes.js';
import type { NtmsHandle } from '../session/session-table.js';
import { checkContext, type ApiHost } from './api-host.js';

/** OpenNtmsSession's result: the handle (INVALID_HANDLE_VALUE on failure) and what GetLastError would say. */
export interface OpenSessionResult {
  readonly handle: NtmsHandle;
  readonly lastError: number;
}

const fail = (lastError: number): OpenSessionResult => ({ handle: INVALID_HANDLE_VALUE, lastError });

/**
 * Opens a session as `principal` (the calling thread's user on Windows). lpServer null or the service's computer
 * name; dwOptions 0 or NTMS_SESSION_QUERYEXPEDITE.
 */
export async function openNtmsSession(
  host: ApiHost,
  lpServer: string | null,
  lpApplication: string | null,
  dwOptions: number,
  principal: string,
): Promise<OpenSessionResult> {
  if (lpServer !== null && lpServer.toUpperCase() !== host.computerName.toUpperCase())
    return fail(Win32.ERROR_INVALID_COMPUTERNAME);
  if (dwOptions !== 0 && dwOptions !== NtmsSessionOptions.NTMS_SESSION_QUERYEXPEDITE)
    return fail(Win32.ERROR_INVALID_PARAMETER);
  const rt = host.reachable;
  if (!rt) return fail(host.starting ? Win32.ERROR_NOT_READY : Win32.ERROR_NOT_CONNECTED);
  if (!rt.db.principals.has(principal)) return fail(Win32.ERROR_ACCESS_DENIED);
  const session = host.sessions.add({
    incarnation: rt.incarnation,
    principal,
    application: lpApplication ?? 'RSM',
    server: host.computerName,
    openedAt: rt.clock.now(),
  });
  return { handle: session.handle, lastError: Win32.ERROR_SUCCESS };
}

/** Closes a session; its queued library requests go on (per docs/rsm-semantics.md D15). */
export async function closeNtmsSession(host: ApiHost, hSession: NtmsHandle | null): Promise<number> {
  const ctx = checkContext(host, 'closeNtmsSession', hSession, {});
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return verdict.code;
  host.sessions.remove(ctx.session?.handle ?? INVALID_HANDLE_VALUE);
  return Win32.ERROR_SUCCESS;
}
