/**
 * What a library request's work sees, and the small helpers every kind of work shares: state changes that are
 * persisted at once, failures that end the request with a dwErrorCode, and sleeps on the injected Clock that a
 * STOP or the end of the service cuts short. Spec: docs/rsm-semantics.md 7.2 (phases as NtmsLmState), D5-D8, D11;
 * the "waiting must be driven only by the Clock".
 */
import { describeSense, statusName } from '../../scsi/codec/index.js';
import type { ChangerLink, CommandOutcome } from '../changer/changer-link.js';
import { classifyFailure, failureErrorCode, type FailureContext } from '../changer/changer-failure.js';
import type { LibRequestRecord, LibraryRecord } from '../db/records.js';
import type { NtmsLmStateCode } from '../ntms/ntms-constants.js';
import { transitionRequest } from '../requests/library-request.js';
import type { LibraryRuntime, ServiceRuntime } from '../service/service-runtime.js';

/** The work on one library request. */
export interface WorkContext {
  readonly rt: ServiceRuntime;
  readonly lib: LibraryRuntime;
  readonly request: LibRequestRecord;
  readonly library: LibraryRecord;
  readonly link: ChangerLink;
  /** Aborted by NTMS_EJECT_STOP / NTMS_INJECT_STOP naming this request. */
  readonly stop: AbortSignal;
}

/** Ends the request FAILED with `code` as its dwErrorCode (thrown by work, caught by the runner). */
export class RequestFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestFailure';
  }
}

/** Moves the request to `state` and persists the change. */
export async function setState(w: WorkContext, state: NtmsLmStateCode, note: string, errorCode = 0): Promise<void> {
  w.rt.checkAlive();
  transitionRequest(w.rt.db, w.request, state, note, errorCode);
  w.rt.db.libraries.touch(w.library);
  await w.rt.commit();
}

/** True once a STOP named this request. */
export function stopRequested(w: WorkContext): boolean {
  return w.stop.aborted;
}

/** Throws RequestFailure with the failure's dwErrorCode unless the command succeeded. */
export function requireOk(outcome: CommandOutcome, what: string, context: FailureContext): void {
  if (outcome.ok) return;
  const kind = classifyFailure(outcome);
  const s = outcome.sense;
  const detail = s
    ? describeSense(s)
    : `status ${statusName(outcome.status)} (0x${outcome.status.toString(16).padStart(2, '0')})`;
  throw new RequestFailure(failureErrorCode(kind, context), `${what} failed (${kind}, ${detail})`);
}

/**
 * Sleeps `ms` of clock time. Returns early (without error) when a STOP arrives; throws ServiceStoppedError when
 * the service ends.
 */
export async function pause(w: WorkContext, ms: number): Promise<void> {
  w.rt.checkAlive();
  if (w.stop.aborted) return;
  const signal = AbortSignal.any([w.rt.signal, w.stop]);
  try {
    await w.rt.clock.sleep(Math.max(0, ms), signal);
  } catch (e) {
    w.rt.checkAlive();
    if (!w.stop.aborted) throw e;
  }
}
