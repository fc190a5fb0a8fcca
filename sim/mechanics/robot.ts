/**
 * The library's one robot: jobs (moves, exchanges, positioning, inventories, IE open/close, the library's own
 * rescans) run one at a time in arrival order, each taking mechanical time on the injected Clock. A power loss
 * aborts the running job mid-motion and drops the queue; a task management function can drop queued jobs.
 * Design: docs/simulator.md "Timing and the busy policy"; docs/architecture.md "Clock".
 */
import type { Clock, Timer } from '../../common/clock/clock.js';
import { queueMicrotaskFast } from '../../common/clock/microtask.js';

/** Why a robot job did not finish. */
export type AbortCause = 'power-loss' | 'task-aborted';

/** Rejection of a robot job that was stopped before it finished. */
export class MotionAborted extends Error {
  constructor(readonly why: AbortCause) {
    super(why === 'power-loss' ? 'robot stopped by a power loss' : 'robot job aborted by task management');
    this.name = 'MotionAborted';
  }
}

/** What a running job may do: wait mechanical time (scaled by the slow-motion factor), one motion at a time. */
export interface Motion {
  /**
   * Waits `ms` of mechanical time; rejects with MotionAborted when power is lost meanwhile (or was lost since the
   * job started). A job awaits each motion before the next: the robot stops the one in progress.
   */
  sleep(ms: number): Promise<void>;
}

interface Job {
  readonly label: string;
  readonly owner: string | undefined;
  readonly fn: (motion: Motion) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

/** What the robot is doing, for the status view. */
export interface RobotActivity {
  readonly busy: boolean;
  /** Label of the running job ("MOVE MEDIUM 4096->256"). */
  readonly current: string | undefined;
  /** Jobs waiting behind it. */
  readonly queued: number;
}

/** A FIFO of mechanical jobs. One instance per simulated library. */
export class Robot {
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  /** Goes up at every power loss: a job started before it may not move any more. */
  private generation = 0;
  /** The running job's current motion, so that a power loss can stop it where it is. */
  private motion: { readonly timer: Timer; readonly reject: (reason: unknown) => void } | undefined;
  private idleWaiters: (() => void)[] = [];

  /** `slowFactor()` multiplies every duration (1 = the personality's timing). */
  constructor(
    private readonly clock: Clock,
    private readonly slowFactor: () => number,
  ) {}

  /** A job runs or waits. */
  get busy(): boolean {
    return this.running !== undefined || this.queue.length > 0;
  }

  activity(): RobotActivity {
    return { busy: this.busy, current: this.running?.label, queued: this.queue.length };
  }

  /**
   * Queues a job; it starts when every earlier job has finished. `owner` is the nexus that asked (undefined for
   * the library's own jobs). The promise settles with the job's result, or rejects with MotionAborted.
   */
  run<T>(label: string, owner: string | undefined, fn: (motion: Motion) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ label, owner, fn, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
      return;
    }
    this.running = job;
    const generation = this.generation;
    const motion: Motion = { sleep: (ms) => this.move(generation, ms) };
    let result: Promise<unknown>;
    try {
      result = job.fn(motion);
    } catch (e) {
      result = Promise.reject(e);
    }
    // The next job starts after what awaited this one has run (its commit and status), as a microtask queued
    // behind that continuation.
    const next = () => {
      this.running = undefined;
      this.pump();
    };
    result.then(
      (value) => {
        job.resolve(value);
        queueMicrotaskFast(next);
      },
      (reason: unknown) => {
        job.reject(reason);
        queueMicrotaskFast(next);
      },
    );
  }

  /** One motion of a job started in `generation`: `ms` of mechanical time (times the slow-motion factor). */
  private move(generation: number, ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (generation !== this.generation) {
        reject(new MotionAborted('power-loss'));
        return;
      }
      const timer = this.clock.setTimer(Math.max(0, ms * this.slowFactor()), () => {
        this.motion = undefined;
        resolve();
      });
      this.motion = { timer, reject };
    });
  }

  /** Power loss: the running job stops where it is, queued jobs are dropped. */
  abortAll(): void {
    const error = new MotionAborted('power-loss');
    this.generation += 1;
    const motion = this.motion;
    this.motion = undefined;
    if (motion) {
      motion.timer.cancel();
      motion.reject(error);
    }
    for (const job of this.queue.splice(0)) job.reject(error);
    if (!this.running) this.pump();
  }

  /** Drops queued (not yet started) jobs whose owner matches; returns the owners of the jobs dropped. */
  abortQueued(matches: (owner: string | undefined) => boolean): string[] {
    const dropped: string[] = [];
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const job = this.queue[i] as Job;
      if (!matches(job.owner)) continue;
      this.queue.splice(i, 1);
      if (job.owner !== undefined) dropped.push(job.owner);
      job.reject(new MotionAborted('task-aborted'));
    }
    if (!this.busy) this.pump();
    return dropped;
  }

  /** Resolves when no job runs or waits. */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
