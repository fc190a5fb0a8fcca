/**
 * What the ntmsapi-style functions need from the service object: the client's session table, the running
 * incarnation (absent while the service cannot be reached), and a way to queue a library request.
 * Spec: docs/rsm-semantics.md D13 (unreachable service), D11 (requests of one library run one at a time).
 */
import type { CheckArguments, CheckContext, CheckedFunction } from '../checks/check-context.js';
import type { LibRequestRecord } from '../db/records.js';
import type { ServiceRuntime } from '../service/service-runtime.js';
import type { NtmsHandle, SessionTable } from '../session/session-table.js';

/** The service as the API functions see it. */
export interface ApiHost {
  readonly sessions: SessionTable;
  /** The incarnation calls reach; undefined while the service is stopped, starting, crashed or cut off. */
  readonly reachable: ServiceRuntime | undefined;
  /** True while the service is starting (OpenNtmsSession then gives ERROR_NOT_READY). */
  readonly starting: boolean;
  /** The computer the service runs on (OpenNtmsSession's lpServer). */
  readonly computerName: string;
  /** Puts a QUEUED request on its library's queue and starts the queue. */
  enqueue(rt: ServiceRuntime, request: LibRequestRecord): void;
  /** Remembers the checks of the latest call (for reports: which step decided the result). */
  noteCheck(ctx: CheckContext): void;
}

/** A fresh check context for one call. */
export function checkContext(
  host: ApiHost,
  fn: CheckedFunction,
  handle: NtmsHandle | null,
  args: CheckArguments,
): CheckContext {
  const ctx: CheckContext = { fn, handle, sessions: host.sessions, rt: host.reachable, args, trace: [] };
  host.noteCheck(ctx);
  return ctx;
}
