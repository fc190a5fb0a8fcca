/**
 * Test support: runs a scenario on a VirtualClock over an in-memory line, letting I/O settle before each jump of
 * virtual time, so retransmission timers fire only when the line is really quiet.
 */
import type { VirtualClock } from '../../../../../scsi/clock/clock.js';
import { settle, type LinePair } from './line-pair.js';

/** Resolves with `promise`'s outcome, advancing `clock` from timer to timer whenever the line is quiet. */
export async function driveUntil<T>(clock: VirtualClock, pair: LinePair, promise: Promise<T>, maxJumps = 10_000): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let jumps = 0; ; jumps++) {
    await settle(pair);
    if (done) return promise;
    const due = clock.nextDue();
    if (due === undefined) throw new Error('driveUntil: the scenario is stuck (no timer pending, promise unsettled)');
    if (jumps >= maxJumps) throw new Error(`driveUntil: not settled after ${maxJumps} timer jumps`);
    await clock.advanceBy(Math.max(0, due - clock.now()));
  }
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}
