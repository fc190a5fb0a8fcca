/**
 * Time as a conformance test sees it. Against the in-process simulator time is virtual (one VirtualClock drives
 * the simulated changer and the RSM model), so a time-out of minutes costs milliseconds: calls are settled by
 * running the clock from timer to timer, and waits jump to the next timer instead of sleeping. Against real
 * hardware time is real and the same calls simply wait.
 * Design: docs/architecture.md "Clock" and style rule 9 (no wall clock); common/clock/clock.ts (VirtualClock.runUntil).
 */
import type { Clock, VirtualClock } from '../../../common/clock/clock.js';

/** Thrown when a wait's condition did not become true in time (or could never become true). */
export class WaitTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaitTimeoutError';
  }
}

/** Time control for one test. */
export interface TimeControl {
  /** True when time is virtual (the in-process simulator). */
  readonly virtual: boolean;
  /** The clock the simulator and the RSM model share. */
  readonly clock: Clock;
  /**
   * Clock time a timer may fire late here: 0 on virtual time; on a real clock four of the waits' poll steps (a
   * loaded host runs a scaled clock's timers milliseconds late, which is seconds of library time at x1000).
   * Upper bounds on the model's timing add it.
   */
  readonly slackMs: number;
  /** The injected clock's time, in milliseconds. */
  now(): number;
  /** Clock time that passed since this control was made (the simulated time a test covered). */
  elapsed(): number;
  /** Resolves with `promise`'s value; virtual time runs (timer to timer) until it settles. */
  settle<T>(promise: Promise<T>): Promise<T>;
  /** Lets `ms` of clock time pass (virtual time: fires every timer due on the way). */
  pass(ms: number): Promise<void>;
  /**
   * Waits until `probe` answers true, checking after each timer (virtual) or every poll interval (real).
   * Throws WaitTimeoutError naming `what` after `limitMs` of clock time, or at once when nothing is scheduled
   * and the condition is still false (virtual time: it never can become true).
   */
  waitFor(what: string, probe: () => boolean | Promise<boolean>, limitMs: number): Promise<void>;
}

/** Time control over a VirtualClock shared by the simulator and the RSM model. */
export function virtualTime(clock: VirtualClock): TimeControl {
  const start = clock.now();
  const settle = async <T>(promise: Promise<T>): Promise<T> => (await clock.runUntil(promise)) as T;
  const check = (probe: () => boolean | Promise<boolean>) => settle(Promise.resolve().then(probe));
  return {
    virtual: true,
    clock,
    slackMs: 0,
    now: () => clock.now(),
    elapsed: () => clock.now() - start,
    settle,
    pass: (ms) => clock.advanceBy(ms),
    async waitFor(what, probe, limitMs) {
      const deadline = clock.now() + limitMs;
      for (;;) {
        if (await check(probe)) return;
        const due = clock.nextDue();
        if (due === undefined)
          throw new WaitTimeoutError(
            `${what}: still not true, and nothing is scheduled that could change it (virtual time ${clock.now() - start} ms)`,
          );
        if (due > deadline) {
          await clock.advanceBy(deadline - clock.now());
          if (await check(probe)) return;
          throw new WaitTimeoutError(`${what}: still not true after ${limitMs} ms of clock time`);
        }
        await clock.advanceBy(due - clock.now());
      }
    },
  };
}

/** A progress line of a long wait: which step, the clock time waited so far and the limit. */
export type WaitProgress = (what: string, elapsedMs: number, limitMs: number) => void;

/**
 * Time control over a real (possibly scaled) clock: calls are awaited, waits poll every `pollMs`; a wait longer
 * than `progressEveryMs` of clock time reports to `onProgress` every that much (a person watching a real library).
 */
export function realTime(clock: Clock, pollMs = 500, onProgress?: WaitProgress, progressEveryMs = 5000): TimeControl {
  const start = clock.now();
  return {
    virtual: false,
    clock,
    slackMs: 4 * pollMs,
    now: () => clock.now(),
    elapsed: () => clock.now() - start,
    settle: (promise) => promise,
    pass: (ms) => clock.sleep(ms),
    async waitFor(what, probe, limitMs) {
      const began = clock.now();
      const deadline = began + limitMs;
      let nextReport = began + progressEveryMs;
      for (;;) {
        if (await probe()) return;
        if (clock.now() >= deadline) throw new WaitTimeoutError(`${what}: still not true after ${limitMs} ms`);
        if (onProgress && clock.now() >= nextReport) {
          onProgress(what, clock.now() - began, limitMs);
          nextReport = clock.now() + progressEveryMs;
        }
        await clock.sleep(Math.min(pollMs, Math.max(0, deadline - clock.now())));
      }
    },
  };
}
