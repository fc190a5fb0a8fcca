/**
 * The lab view's SCSI log: the last commands the target answered, decoded (sim/service/command-record.ts), kept
 * in a ring, and handed to subscribers in batches (a busy host sends thousands of commands a second; the page
 * gets one message per batch interval, not one per command).
 * Design: docs/lab-view.md "SCSI log".
 */
import type { Clock, Timer } from '../../common/clock/clock.js';
import { decodeCommandRecord, type CommandLine } from '../service/command-record.js';
import type { CommandRecord } from '../changer/simulated-target.js';

/** Options of {@link ScsiLog}. */
export interface ScsiLogOptions {
  readonly clock: Clock;
  /** Lines kept for a page that connects later (default 500). */
  readonly capacity?: number | undefined;
  /** Least time between two batches (default 100 ms). */
  readonly batchMs?: number | undefined;
}

/** A batch subscriber. */
export type ScsiLogListener = (lines: readonly CommandLine[]) => void;

/** The ring of recent commands. */
export class ScsiLog {
  private readonly ring: CommandLine[] = [];
  private readonly capacity: number;
  private readonly batchMs: number;
  private readonly listeners = new Set<ScsiLogListener>();
  private batch: CommandLine[] = [];
  private timer: Timer | undefined;
  private seq = 0;

  constructor(private readonly options: ScsiLogOptions) {
    this.capacity = options.capacity ?? 500;
    this.batchMs = options.batchMs ?? 100;
  }

  /** Records one command (the target's observer). */
  readonly record = (record: CommandRecord): void => {
    const line = decodeCommandRecord(record, ++this.seq);
    this.ring.push(line);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    if (this.listeners.size === 0) return;
    this.batch.push(line);
    this.timer ??= this.options.clock.setTimer(this.batchMs, () => this.flush());
  };

  /** The lines kept, oldest first. */
  recent(): readonly CommandLine[] {
    return [...this.ring];
  }

  /** Subscribes to batches of new lines; the function returned unsubscribes. */
  subscribe(listener: ScsiLogListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Drops a batch in progress and its timer. */
  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.batch = [];
  }

  private flush(): void {
    this.timer = undefined;
    const lines = this.batch;
    this.batch = [];
    for (const l of [...this.listeners]) l(lines);
  }
}
