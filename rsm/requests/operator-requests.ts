/**
 * Operator requests RSM raises (the IE port or door open too long, no usable cleaner, a failed mechanism).
 * Spec: docs/rsm-semantics.md 8 (which conditions raise one; lifecycle SUBMITTED → ACTIVE → INPROGRESS → COMPLETE |
 * REFUSED), 2.3 (NtmsOpreqCommand, NtmsOpreqState), D6 (a time-out raises one); docs/rsm-model.md M4 (the spent-cleaner
 * request, raised once, completed by a usable cleaner).
 */
import type { RsmDatabase } from '../db/database.js';
import type { OpRequestRecord } from '../db/records.js';
import { NULL_GUID, type Guid } from '../ntms/guid.js';
import { NtmsOpreqState } from '../ntms/ntms-constants.js';

/** What a new operator request asks for. */
export interface NewOperatorRequest {
  readonly command: number;
  readonly library: Guid;
  readonly libRequest?: Guid;
  readonly message: string;
}

/** Submits an operator request; it becomes ACTIVE at once (it is shown to the operator). */
export function raiseOperatorRequest(db: RsmDatabase, fields: NewOperatorRequest): OpRequestRecord {
  const now = db.now();
  const op: OpRequestRecord = {
    id: db.newId(),
    command: fields.command,
    state: NtmsOpreqState.NTMS_OPSTATE_ACTIVE,
    library: fields.library,
    libRequest: fields.libRequest ?? NULL_GUID,
    message: fields.message,
    timeSubmitted: now,
    timeCompleted: null,
    history: [
      { state: NtmsOpreqState.NTMS_OPSTATE_SUBMITTED, at: now, note: 'submitted' },
      { state: NtmsOpreqState.NTMS_OPSTATE_ACTIVE, at: now, note: 'shown to the operator' },
    ],
  };
  db.opRequests.insert(op);
  const request = fields.libRequest ? db.libRequests.get(fields.libRequest) : undefined;
  if (request) db.libRequests.edit(request, (r) => r.operatorRequests.push(op.id));
  return op;
}

/** True while the operator request is not COMPLETE or REFUSED. */
export function isOperatorRequestOpen(op: OpRequestRecord): boolean {
  return op.state !== NtmsOpreqState.NTMS_OPSTATE_COMPLETE && op.state !== NtmsOpreqState.NTMS_OPSTATE_REFUSED;
}

/** Ends an open operator request as COMPLETE or REFUSED; no effect on one already ended. */
export function endOperatorRequest(db: RsmDatabase, op: OpRequestRecord, state: 4 | 5, note: string): void {
  if (!isOperatorRequestOpen(op)) return;
  const now = db.now();
  db.opRequests.edit(op, (o) => {
    o.state = state;
    o.timeCompleted = now;
    o.history.push({ state, at: now, note });
  });
}

/** Completes the open operator requests a library request raised (its wait is over, whatever the outcome). */
export function completeOperatorRequestsOf(db: RsmDatabase, libRequest: Guid, note: string): void {
  for (const op of db.opRequests.values()) {
    if (op.libRequest === libRequest) endOperatorRequest(db, op, NtmsOpreqState.NTMS_OPSTATE_COMPLETE, note);
  }
}

/** Raises the request unless one of the library with the same command and message is still open (no duplicates). */
export function raiseOperatorRequestOnce(db: RsmDatabase, fields: NewOperatorRequest): OpRequestRecord {
  for (const op of db.opRequests.values()) {
    if (
      op.library === fields.library &&
      op.command === fields.command &&
      op.message === fields.message &&
      isOperatorRequestOpen(op)
    )
      return op;
  }
  return raiseOperatorRequest(db, fields);
}

/**
 * Completes the library's open operator requests of `command` that no library request raised (the cleaner ones:
 * "insert a cleaner", "the cleaner is spent"), once the operator has done what they asked.
 */
export function completeLibraryOperatorRequests(db: RsmDatabase, library: Guid, command: number, note: string): void {
  for (const op of [...db.opRequests.values()]) {
    if (op.library === library && op.command === command && op.libRequest === NULL_GUID)
      endOperatorRequest(db, op, NtmsOpreqState.NTMS_OPSTATE_COMPLETE, note);
  }
}
