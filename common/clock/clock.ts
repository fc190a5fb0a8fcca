/**
 * Injected time. Nothing in changerbench reads the wall clock directly (docs/architecture.md style rule 9):
 * the simulator's mechanics and the RSM model's time-outs take a Clock.
 *
 * Lives in common/, the bottom layer every other layer may import (docs/architecture.md "Top level: the layers").
 */
import { queueMicrotaskFast } from './microtask.js';

/** A cancellable pending timer. */
export interface Timer {
  cancel(): void;
}

/**
 * A source of time and timers. Implementations must fire timers in due-time order, never early, and must
 * treat `sleep(0)` as "after currently queued work", not synchronously.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, in this clock's time. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds of this clock's time. */
  setTimer(ms: number, fn: () => void): Timer;
  /** Resolves after `ms` milliseconds of this clock's time; rejects with the signal's reason if aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function sleepWith(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      timer.cancel();
      reject(signal?.reason);
    };
    const timer = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** performance.timeOrigin is a getter: read once (now() is called several times per mechanical move). */
const TIME_ORIGIN = performance.timeOrigin;
/** Wall-clock milliseconds, sub-millisecond resolution, monotonic. */
const wallNow = (): number => TIME_ORIGIN + performance.now();

/** Wall-time lead over the real clock below which sub-millisecond timers may fire without waiting for a turn. */
const LEAD_LIMIT_MS = 1;
/** Sub-millisecond batches fired as microtasks before one waits for the next turn of the event loop. */
const MICROTASK_RUN = 64;

interface ImmediateTimer {
  readonly due: number;
  readonly seq: number;
  readonly fn: () => void;
  live: boolean;
}

/**
 * Real time (monotonic, sub-millisecond: at a scale of 1,000,000 one millisecond of wall time is 1,000 s of this
 * clock, so Date.now()'s whole milliseconds would be far too coarse), optionally scaled: with `scale` 10, a 10 s mechanical move takes 1 s of wall time and now()
 * advances ten times as fast as the wall clock. For a long-running lab simulator.
 */
export class ScaledClock implements Clock {
  private readonly realStart: number;
  private readonly start: number;

  constructor(
    private readonly scale = 1,
    realNow: () => number = wallNow,
  ) {
    if (!(scale > 0) || !Number.isFinite(scale))
      throw new RangeError(`time scale must be a positive number, got ${scale}`);
    this.realNow = realNow;
    this.realStart = realNow();
    this.start = this.realStart;
  }

  private readonly realNow: () => number;
  private immediate: ImmediateTimer[] = [];
  private immediateSeq = 0;
  private flushScheduled = false;
  /** The pending batch holds a zero delay, so it must not fire as a microtask (see scheduleFlush). */
  private batchYields = false;
  /** Sub-millisecond batches fired as microtasks in a row (see scheduleFlush). */
  private microtaskRun = 0;

  /** Due time of the latest timer fired: now() never reads less, so no timer ever fires early by this clock. */
  private floor = Number.NEGATIVE_INFINITY;

  private fire(due: number, fn: () => void): void {
    if (due > this.floor) this.floor = due;
    fn();
  }

  private readonly flushAsMicrotask = (): void => this.flushImmediate(true);

  private flushImmediate(asMicrotask = false): void {
    if (asMicrotask && this.batchYields) {
      // A zero delay joined the batch after it was scheduled as a microtask: the batch waits for the next turn.
      setImmediate(() => this.flushImmediate());
      return;
    }
    this.batchYields = false;
    const batch = this.immediate.sort((a, b) => a.due - b.due || a.seq - b.seq);
    this.immediate = [];
    this.flushScheduled = false;
    for (let i = 0; i < batch.length; i++) {
      const t = batch[i] as ImmediateTimer;
      if (!t.live) continue;
      this.fire(t.due, t.fn);
      // A callback that set a timer due before the rest of this batch: the rest joins the new batch (already
      // scheduled by setTimer), which fires everything in due order.
      const next = batch[i + 1];
      if (next !== undefined && this.immediate.some((x) => x.live && x.due < next.due)) {
        for (let j = i + 1; j < batch.length; j++) this.immediate.push(batch[j] as ImmediateTimer);
        return;
      }
    }
  }

  /**
   * Schedules the batch of sub-millisecond timers. While this clock leads real time by less than LEAD_LIMIT_MS of
   * wall time, and for at most MICROTASK_RUN flushes in a row, the batch fires as a microtask: a robot working
   * through queued moves then finishes them in one turn of the event loop, as the mechanics allow, instead of
   * one per turn. A batch holding a zero delay (`sleep(0)`: "after currently queued work", the Clock contract)
   * fires on the next turn, as do batches after MICROTASK_RUN microtask flushes (polling loops cannot starve I/O);
   * once the lead reaches LEAD_LIMIT_MS the batch waits (setTimeout) for the wall clock to catch up, so a long
   * run of short motions keeps the mechanics' pace instead of outrunning it.
   */
  private scheduleFlush(scaledReal: number): void {
    this.flushScheduled = true;
    const leadMs = (this.floor - scaledReal) / this.scale;
    if (leadMs >= LEAD_LIMIT_MS) {
      this.microtaskRun = 0;
      setTimeout(() => this.flushImmediate(), leadMs);
    } else if (!this.batchYields && this.microtaskRun < MICROTASK_RUN) {
      this.microtaskRun += 1;
      queueMicrotaskFast(this.flushAsMicrotask);
    } else {
      this.microtaskRun = 0;
      setImmediate(() => this.flushImmediate());
    }
  }

  private scaledReal(): number {
    return this.start + (this.realNow() - this.realStart) * this.scale;
  }

  now(): number {
    return this.notBelowFloor(this.scaledReal());
  }

  private notBelowFloor(scaled: number): number {
    return scaled > this.floor ? scaled : this.floor;
  }

  setTimer(ms: number, fn: () => void): Timer {
    const realMs = Math.max(0, ms / this.scale);
    // Node rounds a setTimeout delay up to 1 ms; at a high scale a mechanical delay of microseconds would cost a
    // whole millisecond of wall time (and cap a simulator at ~1,000 moves per second). Delays under 1 ms are
    // batched and fired after the current work (a microtask or the next turn, see scheduleFlush), sorted by due
    // time. A timer that fires before its due time by the real clock (sub-ms delays; libuv's millisecond timer
    // granularity) moves now() up to its due time.
    const real = this.scaledReal();
    const due = this.notBelowFloor(real) + Math.max(0, ms);
    if (realMs < 1) {
      if (ms <= 0) this.batchYields = true;
      const entry: ImmediateTimer = { due, seq: this.immediateSeq++, fn, live: true };
      this.immediate.push(entry);
      if (!this.flushScheduled) this.scheduleFlush(real);
      return {
        cancel: () => {
          entry.live = false;
        },
      };
    }
    // libuv may fire a timer a fraction of a millisecond before the high-resolution clock reaches it: wait out
    // the rest (pacing to a line speed depends on it) rather than moving this clock ahead of real time.
    // At most one extra wait; a second early firing (or a real clock that does not move) falls back to the floor.
    let cancelled = false;
    let handle = setTimeout(() => {
      const leftRealMs = (due - this.now()) / this.scale;
      if (leftRealMs <= 0) {
        this.fire(due, fn);
        return;
      }
      handle = setTimeout(
        () => {
          if (!cancelled) this.fire(due, fn);
        },
        Math.max(1, leftRealMs),
      );
    }, realMs);
    return {
      cancel: () => {
        cancelled = true;
        clearTimeout(handle);
      },
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepWith(this, ms, signal);
  }
}

interface PendingTimer {
  readonly due: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** Lets every already-queued promise continuation and immediate run. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Virtual time for tests and the in-process suite: time stands still until the owner advances it, then jumps
 * from timer to timer, so a ten-minute mechanical scenario costs milliseconds and runs the same every time.
 */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): Timer {
    const t: PendingTimer = { due: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(t);
    return {
      cancel: () => {
        t.cancelled = true;
      },
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepWith(this, ms, signal);
  }

  /** Number of timers not yet fired or cancelled. */
  pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Due time of the next live timer, if any. */
  nextDue(): number | undefined {
    const next = this.peek();
    return next?.due;
  }

  private peek(): PendingTimer | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled);
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }

  private fire(t: PendingTimer): void {
    this.timers = this.timers.filter((x) => x !== t);
    this.current = Math.max(this.current, t.due);
    t.fn();
  }

  /** Advances time by `ms`, firing every timer due on the way (and those they schedule), in order. */
  async advanceBy(ms: number): Promise<void> {
    const target = this.current + ms;
    await flushMicrotasks();
    for (;;) {
      const next = this.peek();
      if (!next || next.due > target) break;
      this.fire(next);
      await flushMicrotasks();
    }
    this.current = target;
  }

  /**
   * Runs time forward until `until` settles (a promise) or returns true (a predicate), jumping from timer to
   * timer. Throws when nothing is scheduled and the condition cannot become true (a deadlock in the scenario),
   * or when more than `limitMs` of virtual time would pass.
   */
  async runUntil<T>(until: Promise<T> | (() => boolean), limitMs = 24 * 3600_000): Promise<T | undefined> {
    let settled = false;
    let value: T | undefined;
    let error: unknown;
    let failed = false;
    if (typeof until !== 'function') {
      until.then(
        (v) => {
          settled = true;
          value = v;
        },
        (e: unknown) => {
          settled = true;
          failed = true;
          error = e;
        },
      );
    }
    const done = () => (typeof until === 'function' ? until() : settled);
    const deadline = this.current + limitMs;
    await flushMicrotasks();
    while (!done()) {
      const next = this.peek();
      if (!next) throw new Error('VirtualClock.runUntil: nothing is scheduled and the condition is not met');
      if (next.due > deadline)
        throw new Error(`VirtualClock.runUntil: condition not met within ${limitMs} ms of virtual time`);
      this.fire(next);
      await flushMicrotasks();
    }
    if (failed) throw error;
    return value;
  }

  /** Fires every timer, however far away, until none is left (bounded by `limitMs`). */
  async runAll(limitMs = 24 * 3600_000): Promise<void> {
    const deadline = this.current + limitMs;
    await flushMicrotasks();
    for (;;) {
      const next = this.peek();
      if (!next || next.due > deadline) return;
      this.fire(next);
      await flushMicrotasks();
    }
  }
}
