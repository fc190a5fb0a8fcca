/**
 * Write data for a target task: checking each Data-Out PDU against the unsolicited burst or the open R2T, and
 * issuing the next R2T for what is still missing.
 * Spec: RFC 7143 4.2 (data transfer overview: unsolicited data up to FirstBurstLength, then R2Ts of at most
 * MaxBurstLength),
 * 11.7 (Data-Out: TTT FFFFFFFFh for unsolicited data, F ends a sequence), 11.8 (R2T; StatSN not advanced),
 * 7.8 (a Data-Out with a data digest error is rejected; the task later ends with CHECK CONDITION); docs/iscsi.md 7.5.
 */
import { Iscsi, RejectReason } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';
import type { DataOutPdu } from '../pdu/data-out.js';
import type { Pdu } from '../pdu/pdu.js';
import { encodeR2t } from '../pdu/r2t.js';
import type { TargetTask } from './target-task.js';

/** Stores one Data-Out PDU in its task; throws IscsiProtocolError (to Reject) when it does not fit. */
export function takeDataOut(task: TargetTask, d: DataOutPdu, digestOk: boolean, firstBurstLength: number): void {
  if (task.state !== 'collecting' || task.dataOut === undefined)
    throw new IscsiProtocolError('Data-Out for a task that takes no data', RejectReason.PROTOCOL_ERROR);
  if (d.targetTransferTag === Iscsi.RESERVED_TAG) {
    const limit = Math.min(firstBurstLength, task.expectedLength);
    if (task.unsolicitedDone || d.bufferOffset + d.data.length > limit)
      throw new IscsiProtocolError('unsolicited Data-Out not allowed here', RejectReason.PROTOCOL_ERROR);
    if (!task.accept(d.bufferOffset, d.data, digestOk))
      throw new IscsiProtocolError('Data-Out offset out of order', RejectReason.PROTOCOL_ERROR);
    if (d.final) task.unsolicitedDone = true;
    return;
  }
  const r2t = task.r2t;
  if (r2t === undefined || r2t.targetTransferTag !== d.targetTransferTag) {
    throw new IscsiProtocolError('Data-Out with an unknown Target Transfer Tag', RejectReason.INVALID_PDU_FIELD);
  }
  if (d.bufferOffset + d.data.length > r2t.offset + r2t.length || !task.accept(d.bufferOffset, d.data, digestOk)) {
    throw new IscsiProtocolError('Data-Out outside the R2T range', RejectReason.PROTOCOL_ERROR);
  }
  if (d.final || task.received === r2t.offset + r2t.length) task.r2t = undefined;
}

/** Numbers an R2T carries besides the task's own. */
export interface R2tContext {
  readonly targetTransferTag: number;
  readonly statSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  readonly maxBurstLength: number;
}

/** True when the task waits for solicited data and has no R2T open (MaxOutstandingR2T is 1). */
export function needsR2t(task: TargetTask): boolean {
  return task.state === 'collecting' && !task.dataComplete && task.unsolicitedDone && task.r2t === undefined;
}

/** Opens the next R2T on the task and returns its PDU. */
export function openR2t(task: TargetTask, ctx: R2tContext): Pdu {
  const length = Math.min(ctx.maxBurstLength, task.expectedLength - task.received);
  task.r2t = { targetTransferTag: ctx.targetTransferTag, offset: task.received, length, nextDataSN: 0 };
  return encodeR2t({
    lunField: task.lunField,
    initiatorTaskTag: task.initiatorTaskTag,
    targetTransferTag: ctx.targetTransferTag,
    statSN: ctx.statSN,
    expCmdSN: ctx.expCmdSN,
    maxCmdSN: ctx.maxCmdSN,
    r2tSN: task.r2tSN++,
    bufferOffset: task.received,
    desiredDataTransferLength: length,
  });
}
