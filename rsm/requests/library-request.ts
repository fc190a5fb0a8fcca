/**
 * Library requests (NTMS_LIBREQUEST) as state machines on the injected Clock, with the history of every state
 * they went through. Spec: docs/rsm-semantics.md 2.3 (NtmsLmOperation, NtmsLmState), 4 (NTMS_LIBREQUESTINFORMATION:
 * OperationCode, State, Library, SlotId, TimeQueued, TimeCompleted, dwErrorCode), 7.2 (the eject-cleaner
 * phases), D5-D8 (QUEUED → INPROCESS → WAITING → PASSED | FAILED | STOPPED), D10 (CANCELLED while QUEUED).
 */
import type { RsmDatabase } from '../db/database.js';
import type { LibRequestRecord } from '../db/records.js';
import { NULL_GUID, type Guid } from '../ntms/guid.js';
import { NtmsLmState, type NtmsLmStateCode } from '../ntms/ntms-constants.js';

const { NTMS_LM_QUEUED: QUEUED, NTMS_LM_INPROCESS: INPROCESS, NTMS_LM_WAITING: WAITING } = NtmsLmState;

/** States a request never leaves. */
export const FINAL_LM_STATES: readonly number[] = [
  NtmsLmState.NTMS_LM_PASSED,
  NtmsLmState.NTMS_LM_FAILED,
  NtmsLmState.NTMS_LM_CANCELLED,
  NtmsLmState.NTMS_LM_STOPPED,
];

/** The transitions the model makes; anything else is a bug in the model. */
const NEXT: Readonly<Record<number, readonly number[]>> = {
  [QUEUED]: [INPROCESS, NtmsLmState.NTMS_LM_CANCELLED, NtmsLmState.NTMS_LM_STOPPED, NtmsLmState.NTMS_LM_FAILED],
  [INPROCESS]: [WAITING, NtmsLmState.NTMS_LM_PASSED, NtmsLmState.NTMS_LM_FAILED, NtmsLmState.NTMS_LM_STOPPED],
  [WAITING]: [INPROCESS, NtmsLmState.NTMS_LM_PASSED, NtmsLmState.NTMS_LM_FAILED, NtmsLmState.NTMS_LM_STOPPED],
};

/** True for PASSED, FAILED, CANCELLED and STOPPED. */
export function isFinalState(state: number): boolean {
  return FINAL_LM_STATES.includes(state);
}

/** True while the request is QUEUED, INPROCESS or WAITING. */
export function isOutstanding(request: LibRequestRecord): boolean {
  return !isFinalState(request.state);
}

/** What a new request is for. */
export interface NewLibraryRequest {
  readonly operation: number;
  readonly library: Guid;
  readonly option?: number;
  readonly slotId?: Guid;
  readonly driveId?: Guid;
  readonly physMediaId?: Guid;
  readonly application: string;
  readonly user: string;
  readonly params?: Record<string, number>;
}

/** Creates a QUEUED request in the database. */
export function createLibraryRequest(db: RsmDatabase, fields: NewLibraryRequest): LibRequestRecord {
  const now = db.now();
  const request: LibRequestRecord = {
    id: db.newId(),
    operation: fields.operation,
    option: fields.option ?? 0,
    state: QUEUED,
    library: fields.library,
    slotId: fields.slotId ?? NULL_GUID,
    driveId: fields.driveId ?? NULL_GUID,
    physMediaId: fields.physMediaId ?? NULL_GUID,
    timeQueued: now,
    timeCompleted: null,
    dwErrorCode: 0,
    application: fields.application,
    user: fields.user,
    computer: db.computer,
    priority: 0,
    history: [{ state: QUEUED, at: now, note: 'queued' }],
    operatorRequests: [],
    params: { ...(fields.params ?? {}) },
  };
  db.libRequests.insert(request);
  return request;
}

/**
 * Moves a request to `to`, recording the time and a note; a final state sets TimeCompleted and dwErrorCode.
 * Throws on a transition the model never makes.
 */
export function transitionRequest(
  db: RsmDatabase,
  request: LibRequestRecord,
  to: NtmsLmStateCode,
  note: string,
  errorCode = 0,
): void {
  const allowed = NEXT[request.state] ?? [];
  if (!allowed.includes(to))
    throw new Error(`library request ${request.id}: no transition from state ${request.state} to ${to}`);
  const now = db.now();
  db.libRequests.edit(request, (r) => {
    r.state = to;
    r.history.push({ state: to, at: now, note });
    if (isFinalState(to)) {
      r.timeCompleted = now;
      r.dwErrorCode = errorCode >>> 0;
    }
  });
}

/** Promises that settle when a request reaches a final state. One per service incarnation. */
export class CompletionWatchers {
  private readonly waiters = new Map<Guid, { resolve: () => void; reject: (e: unknown) => void }[]>();

  /** Resolves when `settle(id)` is called; rejects when `rejectAll` is. */
  wait(id: Guid): Promise<void> {
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(id) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(id, list);
    });
  }

  settle(id: Guid): void {
    for (const w of this.waiters.get(id) ?? []) w.resolve();
    this.waiters.delete(id);
  }

  rejectAll(error: Error): void {
    for (const list of this.waiters.values()) for (const w of list) w.reject(error);
    this.waiters.clear();
  }
}
