/**
 * Test support: runs a scenario on a VirtualClock over an in-memory line, letting I/O settle before each jump of
 * virtual time, so retransmission timers fire only when the line is really quiet.
 */
import type { VirtualClock } from '../../../../../common/clock/clock.js';
import { settle, type LinePair } from './line-pair.js';

/**
 * Waits until `until` settles (a promise) or holds (a predicate), advancing `clock` to its next timer whenever
 * the line is quiet. Throws when nothing is scheduled and the condition is not met (a stuck scenario).
 */
export async function driveUntil<T>(
  clock: VirtualClock,
  pair: LinePair,
  until: Promise<T> | (() => boolean),
  maxJumps = 10_000,
): Promise<T | undefined> {
  let done = false;
  if (typeof until !== 'function') {
    until.then(
      () => (done = true),
      () => (done = true),
    );
  }
  const finished = (): boolean => (typeof until === 'function' ? until() : done);
  for (let jumps = 0; ; jumps++) {
    await settle(pair);
    if (finished()) return typeof until === 'function' ? undefined : until;
    const due = clock.nextDue();
    if (due === undefined) throw new Error('driveUntil: the scenario is stuck (no timer pending, condition not met)');
    if (jumps >= maxJumps) throw new Error(`driveUntil: not done after ${maxJumps} timer jumps`);
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
