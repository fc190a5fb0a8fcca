/**
 * Waiting for the operator (take the cleaner from the IE port, open and close the door, put a cleaner in), on the
 * injected Clock: poll every pollIntervalMs, raise an operator request when the time-out passes, and end the
 * wait per the D6 policy. Spec: docs/rsm-semantics.md 1.7 and 4 (MaxExtendSecs: longest the port may stay open
 * before an operator request; MaxOpenSecs 0: request at once), 8 (operator requests raised), D6 (time-out:
 * "fail" or "operator request only"), D7 (STOP ends the wait).
 */
import { NtmsOpreqCommand } from '../ntms/ntms-constants.js';
import { raiseOperatorRequest } from '../requests/operator-requests.js';
import { pause, stopRequested, type WorkContext } from './work-context.js';

/** How a wait ended. */
export type WaitOutcome = 'done' | 'stopped' | 'timed-out';

/** What to wait for. */
export interface OperatorWait {
  /** MaxExtendSecs or MaxOpenSecs. 0: the operator request is raised at once and the wait never times out. */
  readonly limitSecs: number;
  /** Text of the operator request raised at the time-out. */
  readonly message: string;
  /** One poll of the changer: true when the operator has done what was asked. */
  poll(): Promise<boolean>;
  /**
   * The clock time the limit counts from, read after every poll; undefined: not counting yet (nothing is raised).
   * Default: the start of the wait. The door path counts from the door's opening (docs/rsm-model.md M3).
   */
  since?(): number | undefined;
}

/**
 * Polls until done, STOP or time-out. Under the "fail" policy the time-out ends the wait ('timed-out') right
 * after the operator request is raised; under "operator-request-only" the wait goes on (per docs/rsm-semantics.md D6).
 */
export async function waitForOperator(w: WorkContext, spec: OperatorWait): Promise<WaitOutcome> {
  const { clock } = w.rt;
  const start = clock.now();
  const since = () => (spec.since ? spec.since() : start);
  const limitMs = spec.limitSecs * 1000;
  let raised = false;
  const raise = async () => {
    raised = true;
    raiseOperatorRequest(w.rt.db, {
      command: NtmsOpreqCommand.NTMS_OPREQ_MESSAGE,
      library: w.library.id,
      libRequest: w.request.id,
      message: spec.message,
    });
    await w.rt.commit();
  };
  if (spec.limitSecs === 0 && since() !== undefined) await raise();
  for (;;) {
    if (stopRequested(w)) return 'stopped';
    if (await spec.poll()) return 'done';
    if (stopRequested(w)) return 'stopped';
    const now = clock.now();
    const from = since();
    if (!raised && from !== undefined && now >= from + limitMs) {
      await raise();
      // A zero limit gives the operator no time to fail against: the request is raised, the wait goes on (D6).
      if (spec.limitSecs > 0 && w.rt.policies.timeoutPolicy === 'fail') return 'timed-out';
    }
    const untilDeadline = raised || from === undefined ? Infinity : Math.max(0, from + limitMs - now);
    await pause(w, Math.min(w.rt.policies.pollIntervalMs, untilDeadline));
  }
}
