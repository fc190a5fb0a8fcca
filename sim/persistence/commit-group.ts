/**
 * Group commit of the journal: the records of commands that complete close together share one write and one
 * fdatasync, done before any of their answers is returned. A group is written at the end of the turn in which its
 * first record was taken, unless recent groups were larger: then it waits, one turn of the event loop at a time
 * (each turn reads the sockets), for as many records as the largest of the last RECENT_GROUPS groups, or for
 * GroupWaitOptions.windowMicros, whichever comes first. Why: the fdatasync is synchronous, so the commands
 * that reach the sockets while the process is in it are read after it; with 8 MOVE MEDIUMs in flight the first
 * of each batch took a sync of its own and the other seven the next (groups of 1 and 7 in turn). With one command
 * in flight recent groups hold one record and nothing waits. It is PostgreSQL's commit_delay with
 * commit_siblings, with the siblings counted from the groups themselves.
 * Design: docs/simulator.md "Persistence"; figures in docs/iscsi.md section 5.
 */
import { performance } from 'node:perf_hooks';

/** A group of journal lines waiting for their one write and fdatasync, and the commands waiting on it. */
export interface Group {
  readonly lines: string[];
  readonly done: Promise<void>;
  /** performance.now() (or the injected now) when the first line was taken. */
  readonly started: number;
  resolve(): void;
  reject(error: unknown): void;
}

/** What the wait for a group's siblings uses; injected in tests. */
export interface GroupWaitOptions {
  /** Longest a group waits for the records expected to join it, in µs (default 200; 0 writes every group at the end of its turn). */
  readonly windowMicros?: number;
  /** Milliseconds, monotonic (default performance.now). */
  readonly now?: () => number;
  /** Runs `work` in the next turn of the event loop, after its I/O poll (default setImmediate). */
  readonly nextTurn?: (work: () => void) => void;
}

/** Groups remembered for the expected size of the next one. */
const RECENT_GROUPS = 8;
const DEFAULT_WINDOW_MICROS = 200;

/**
 * Real time and the event loop, on purpose (an exception to injected time, docs/architecture.md rule 9, as for
 * busy polling): the wait spends real time while real sockets fill, and a virtual clock would never end it.
 */
const realNow = (): number => performance.now();
const realNextTurn = (work: () => void): void => {
  setImmediate(work);
};

/** A new group whose first line is taken now. */
export function newGroup(now: number): Group {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A group whose commands have all gone (a closed session) must not report an unhandled rejection.
  done.catch(() => undefined);
  return { lines: [], done, started: now, resolve, reject };
}

/** Decides when a waiting group is written (see the module comment). One per journal. */
export class GroupSchedule {
  private readonly windowMs: number;
  readonly now: () => number;
  private readonly nextTurn: (work: () => void) => void;
  /** Sizes of the last groups written, newest last. */
  private readonly recent: number[] = [];

  constructor(options: GroupWaitOptions = {}) {
    this.windowMs = Math.max(0, options.windowMicros ?? DEFAULT_WINDOW_MICROS) / 1000;
    this.now = options.now ?? realNow;
    this.nextTurn = options.nextTurn ?? realNextTurn;
  }

  /** Records expected in a group: the largest of the recent ones (1 before any). */
  expected(): number {
    let most = 1;
    for (const n of this.recent) if (n > most) most = n;
    return most;
  }

  /** A group of `size` records was written. */
  written(size: number): void {
    this.recent.push(size);
    if (this.recent.length > RECENT_GROUPS) this.recent.shift();
  }

  /**
   * Calls `flush` on a later turn once `group` holds the expected records or has waited the window; stops asking
   * when `current()` is no longer `group` (a synchronous commit wrote it meanwhile).
   */
  schedule(group: Group, current: () => Group | undefined, flush: () => void): void {
    const check = (): void => {
      if (current() !== group) return;
      if (group.lines.length >= this.expected() || this.now() - group.started >= this.windowMs) flush();
      else this.nextTurn(check);
    };
    this.nextTurn(check);
  }
}
