/**
 * Task management on the target: ABORT TASK (with the RefCmdSN rule that plugs a CmdSN gap), ABORT TASK SET,
 * CLEAR TASK SET, LOGICAL UNIT RESET, TARGET WARM RESET and TARGET COLD RESET, each passed to the backend so it can
 * clear prevent state and raise unit attentions.
 * Spec: RFC 7143 11.5 (Task Management Function Request, with ABORT TASK for a command not yet received), 11.5.1
 * (functions), 11.6.1 (responses); docs/iscsi.md 7.6; SAM-5 (task management functions).
 * In our words: docs/scsi-model.md 5.
 */
import type { ScsiTargetBackend, TaskManagementFunction } from '../../scsi-target-backend.js';
import { TmfFunction, TmfResponse } from '../constants.js';
import type { Logger } from '../../../../common/logger.js';
import type { TaskManagementRequestPdu } from '../pdu/task-management.js';
import { serialLt } from '../serial-number.js';
import type { CommandWindow } from './command-window.js';
import type { TargetTask } from './target-task.js';

/** What the TMF handler needs from the session. */
export interface TmfHost {
  readonly nexus: string;
  readonly backend: ScsiTargetBackend;
  readonly window: CommandWindow;
  readonly logger: Logger;
  findTask(initiatorTaskTag: number): TargetTask | undefined;
  allTasks(): TargetTask[];
  /** Ends a task without a response. */
  abortTask(task: TargetTask): void;
  hasLun(lun: number): boolean;
}

const BACKEND_FUNCTION: ReadonlyMap<number, TaskManagementFunction> = new Map([
  [TmfFunction.ABORT_TASK, 'abort-task'],
  [TmfFunction.ABORT_TASK_SET, 'abort-task-set'],
  [TmfFunction.CLEAR_TASK_SET, 'clear-task-set'],
  [TmfFunction.LOGICAL_UNIT_RESET, 'logical-unit-reset'],
  [TmfFunction.TARGET_WARM_RESET, 'target-warm-reset'],
  [TmfFunction.TARGET_COLD_RESET, 'target-cold-reset'],
]);

function tellBackend(host: TmfHost, fn: TaskManagementFunction, lun: number | undefined): void {
  try {
    host.backend.taskManagement(host.nexus, fn, lun);
  } catch (err) {
    host.logger.error({ fn, lun, error: String(err) }, 'backend task management failed');
  }
}

/** Carries out a task management request and returns the TmfResponse code. */
export function performTaskManagement(host: TmfHost, request: TaskManagementRequestPdu): number {
  const fn = request.function;
  const backendFn = BACKEND_FUNCTION.get(fn);
  if (fn === TmfFunction.CLEAR_ACA) return TmfResponse.FUNCTION_NOT_SUPPORTED;
  if (fn === TmfFunction.TASK_REASSIGN) return TmfResponse.TASK_ALLEGIANCE_REASSIGNMENT_NOT_SUPPORTED;
  if (backendFn === undefined) return TmfResponse.FUNCTION_REJECTED;

  if (fn === TmfFunction.ABORT_TASK) {
    const task = host.findTask(request.referencedTaskTag);
    if (task !== undefined && task.lun === request.lun) {
      const wasExecuting = task.state === 'executing';
      host.abortTask(task);
      if (wasExecuting) tellBackend(host, backendFn, request.lun);
      return TmfResponse.FUNCTION_COMPLETE;
    }
    // A command that never arrived: consider its CmdSN received so later commands can run (RFC 7143 11.5, ABORT TASK;
    // docs/iscsi.md 7.6).
    if (host.window.isPending(request.refCmdSN) && (request.immediate || serialLt(request.refCmdSN, request.cmdSN))) {
      host.window.consume(request.refCmdSN);
      return TmfResponse.FUNCTION_COMPLETE;
    }
    return TmfResponse.TASK_DOES_NOT_EXIST;
  }

  const targetWide = fn === TmfFunction.TARGET_WARM_RESET || fn === TmfFunction.TARGET_COLD_RESET;
  if (!targetWide && !host.hasLun(request.lun)) return TmfResponse.LUN_DOES_NOT_EXIST;
  for (const task of host.allTasks()) {
    if (targetWide || task.lun === request.lun) host.abortTask(task);
  }
  tellBackend(host, backendFn, targetWide ? undefined : request.lun);
  return TmfResponse.FUNCTION_COMPLETE;
}
