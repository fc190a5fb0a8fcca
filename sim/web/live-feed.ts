/**
 * Keeps the lab view's clients up to date: watches the running library (a SCSI command from any initiator, the
 * console, the control API or the page itself), and after a change sends each subscriber the elements that
 * changed and the rest of the picture. Changes are noticed two ways: every command the target answers and every
 * operation the page runs asks for a check at once (`poke`), and a periodic check compares a cheap signature of
 * the library (the change tracker's version, power, robot, door, station, nexuses, faults) so that changes with
 * no command behind them (the console in another process, a power-on timer, an inventory finishing) are seen
 * too. Bursts are coalesced: at most one update per `minIntervalMs`.
 * Design: docs/lab-view.md "Live updates"; sim/model/change-tracker.ts (version).
 */
import type { Clock, Timer } from '../../common/clock/clock.js';
import type { ChangerCore } from '../changer/changer-core.js';
import { buildLabSnapshot, labNexuses, readinessOf, type LabElement, type LabSnapshot } from './lab-snapshot.js';

/** What goes to a subscriber: the whole picture, or what changed since the last message. */
export type FeedMessage =
  | { readonly kind: 'snapshot'; readonly seq: number; readonly snapshot: LabSnapshot }
  | {
      readonly kind: 'delta';
      readonly seq: number;
      readonly snapshot: Omit<LabSnapshot, 'elements'>;
      readonly elements: LabElement[];
    };

/** A subscriber's callback. */
export type FeedListener = (message: FeedMessage) => void;

/** Options of {@link LiveFeed}. */
export interface LiveFeedOptions {
  /** Real time (not the library's scaled mechanical time): when to check. */
  readonly clock: Clock;
  /** Periodic check interval while anyone listens (default 250 ms). */
  readonly pollMs?: number | undefined;
  /** Least time between two updates (default 100 ms). */
  readonly minIntervalMs?: number | undefined;
}

const elementKey = (e: LabElement): string => JSON.stringify(e);

/** The feed of one library. */
export class LiveFeed {
  private readonly listeners = new Set<FeedListener>();
  private readonly pollMs: number;
  private readonly minIntervalMs: number;
  private last: { signature: string; elements: Map<number, string>; rest: string } | undefined;
  private seq = 0;
  private poll: Timer | undefined;
  private pending: Timer | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly core: ChangerCore,
    private readonly options: LiveFeedOptions,
  ) {
    this.pollMs = options.pollMs ?? 250;
    this.minIntervalMs = options.minIntervalMs ?? 100;
  }

  /** The current picture (fresh). */
  snapshot(): LabSnapshot {
    return buildLabSnapshot(this.core);
  }

  /** Adds a subscriber: it gets a full snapshot at once, then updates. The function returned removes it. */
  subscribe(listener: FeedListener): () => void {
    // Only the first subscriber sets the baseline: refreshing it here would swallow a change still due to the
    // pages already connected (a page reconnecting inside the coalescing window).
    const snapshot = this.last === undefined ? this.refresh().snapshot : buildLabSnapshot(this.core);
    listener({ kind: 'snapshot', seq: this.seq, snapshot });
    this.listeners.add(listener);
    if (this.poll === undefined) this.schedulePoll();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Something may have changed: check soon (coalesced). */
  poke(): void {
    if (this.listeners.size === 0 || this.pending !== undefined) return;
    const wait = Math.max(0, this.lastSentAt + this.minIntervalMs - this.options.clock.now());
    this.pending = this.options.clock.setTimer(wait, () => {
      this.pending = undefined;
      this.check();
    });
  }

  /** Stops the timers (subscribers stay; the next subscribe restarts them). */
  stop(): void {
    this.poll?.cancel();
    this.poll = undefined;
    this.pending?.cancel();
    this.pending = undefined;
  }

  private schedulePoll(): void {
    this.poll = this.options.clock.setTimer(this.pollMs, () => {
      this.poll = undefined;
      if (this.listeners.size === 0) return;
      if (this.signature() !== this.last?.signature) this.poke();
      this.schedulePoll();
    });
  }

  /** Cheap: no per-element work beyond the change tracker's version. */
  private signature(): string {
    const c = this.core;
    const faults = c.faults.pending();
    return JSON.stringify([
      c.state.changes.version,
      readinessOf(c),
      c.poweringOn,
      c.offline,
      c.scanning,
      c.slowFactor,
      c.robot.activity(),
      c.state.door.open,
      c.state.station.open,
      [...c.nexuses.preventers],
      c.nexuses.reservation ?? null,
      labNexuses(c),
      faults.commands.length,
      faults.moves.length,
      c.state.drives.map((d) => [d.needsCleaning, d.cleaning]),
      // MODE SELECT page 1Dh re-addresses elements without a durable change.
      [1, 2, 3, 4].map((t) => c.state.sorted(t as 1 | 2 | 3 | 4)[0]?.address ?? null),
    ]);
  }

  private refresh(): {
    snapshot: LabSnapshot;
    rest: Omit<LabSnapshot, 'elements'>;
    changed: LabElement[];
    restChanged: boolean;
  } {
    const signature = this.signature();
    const snapshot = buildLabSnapshot(this.core);
    const { elements: _all, ...rest } = snapshot;
    const restKey = JSON.stringify(rest);
    const restChanged = this.last?.rest !== restKey;
    const elements = new Map<number, string>();
    const changed: LabElement[] = [];
    for (const e of snapshot.elements) {
      const key = elementKey(e);
      elements.set(e.address, key);
      if (this.last?.elements.get(e.address) !== key) changed.push(e);
    }
    this.last = { signature, elements, rest: restKey };
    return { snapshot, rest, changed, restChanged };
  }

  private check(): void {
    // Most commands (READ ELEMENT STATUS, TEST UNIT READY) change nothing: no snapshot is built for them.
    if (this.last !== undefined && this.signature() === this.last.signature) return;
    const before = this.last;
    const { snapshot, rest, changed, restChanged } = this.refresh();
    if (changed.length === 0 && !restChanged) return;
    this.seq += 1;
    this.lastSentAt = this.options.clock.now();
    // Re-addressing (MODE SELECT page 1Dh) changes the set of addresses: the page then needs everything.
    const readdressed = before !== undefined && [...before.elements.keys()].some((a) => !this.last?.elements.has(a));
    const message: FeedMessage = readdressed
      ? { kind: 'snapshot', seq: this.seq, snapshot }
      : { kind: 'delta', seq: this.seq, snapshot: rest, elements: changed };
    for (const l of [...this.listeners]) l(message);
  }
}
