/**
 * The writing end of a link: frames go out whole and in order, control frames (ACK, NAK, session) ahead of
 * queued data frames, optionally paced to the configured baud rate on the injected clock.
 * Spec: docs/serial-framing.md section 9 (pacing: 8N1, ten bit times per byte; control frames first).
 */
import type { Writable } from 'node:stream';
import type { Clock } from '../../../common/clock/clock.js';

/** Pacing constants (section 9). */
export const Pacing = {
  /** 8N1: a start bit, eight data bits and a stop bit per byte. */
  BITS_PER_BYTE: 10,
  /** Paced output goes out in slices of this much line time, so a long frame trickles like on a real line. */
  SLICE_MS: 10,
} as const;

/** Options of {@link LineWriter}. */
export interface LineWriterOptions {
  readonly clock: Clock;
  /** When set, output is limited to `paceBaudRate / 10` bytes per second; when absent, bytes go out at once. */
  readonly paceBaudRate?: number | undefined;
}

/** Control frames jump the queue of data frames (never into the middle of a frame). */
export type WritePriority = 'control' | 'data';

interface QueuedWrite {
  readonly bytes: Buffer;
  readonly onWritten: (() => void) | undefined;
}

/** Line time of `bytes` at `baudRate`, in milliseconds. */
export function lineTimeMs(bytes: number, baudRate: number): number {
  return (bytes * Pacing.BITS_PER_BYTE * 1000) / baudRate;
}

/** Writes frames to a stream; see the file comment. */
export class LineWriter {
  private readonly control: QueuedWrite[] = [];
  private readonly data: QueuedWrite[] = [];
  private readonly abort = new AbortController();
  private readonly sliceBytes: number;
  private readonly idleWaiters: (() => void)[] = [];
  private pumping = false;
  private closed = false;
  /** The frame going out in slices now (paced mode), and how much of it has gone. */
  private current: { readonly bytes: Buffer; offset: number } | undefined;
  private inFlight = 0;
  private lineFreeAt = 0;
  private written = 0;

  constructor(
    private readonly sink: Writable,
    private readonly options: LineWriterOptions,
  ) {
    const baud = options.paceBaudRate;
    if (baud !== undefined && !(baud > 0 && Number.isFinite(baud)))
      throw new RangeError(`baud rate must be positive, got ${baud}`);
    this.sliceBytes =
      baud === undefined ? Infinity : Math.max(1, Math.floor(baud / Pacing.BITS_PER_BYTE / (1000 / Pacing.SLICE_MS)));
  }

  /** Bytes handed to the stream so far. */
  get bytesWritten(): number {
    return this.written;
  }

  /** Frames waiting for their turn (paced mode only). */
  get queuedFrames(): number {
    return this.control.length + this.data.length;
  }

  /**
   * Queues one frame. `onWritten` runs once its last byte has been handed to the stream (synchronously when
   * not pacing); it does not run when the frame is dropped by {@link clearData} or {@link close}.
   */
  write(bytes: Buffer, priority: WritePriority, onWritten?: () => void): void {
    if (this.closed) return;
    const item = { bytes, onWritten };
    if (this.options.paceBaudRate === undefined) {
      this.send(bytes);
      item.onWritten?.();
      return;
    }
    (priority === 'control' ? this.control : this.data).push(item);
    void this.pump();
  }

  /** Drops data frames that have not started to go out (a session reset); returns how many. */
  clearData(): number {
    const n = this.data.length;
    this.data.length = 0;
    return n;
  }

  /**
   * Ends the writer gracefully: drops queued frames, sends the rest of the frame under way (so the line is left
   * at a frame boundary) and then `last`, both at once without pacing, and resolves when the stream has taken
   * them. Used to send a closing RESET without depending on the clock.
   */
  finish(last?: Buffer): Promise<void> {
    if (this.closed) return this.whenIdle();
    const rest = this.current ? this.current.bytes.subarray(this.current.offset) : undefined;
    this.close();
    if (rest && rest.length > 0) this.send(rest);
    if (last) this.send(last);
    return this.whenIdle();
  }

  /** Resolves once every queued frame has been handed to the stream and the stream has taken it. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops writing; queued frames are dropped, a paced frame in progress is abandoned. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.control.length = 0;
    this.data.length = 0;
    this.abort.abort(new Error('line writer closed'));
    this.wakeIdle();
  }

  private isIdle(): boolean {
    return !this.pumping && this.inFlight === 0 && this.queuedFrames === 0;
  }

  private wakeIdle(): void {
    if (!this.isIdle()) return;
    for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private send(bytes: Buffer): void {
    if (this.sink.destroyed || this.sink.writableEnded) return;
    this.inFlight++;
    this.written += bytes.length;
    let done = false;
    const taken = (): void => {
      if (done) return;
      done = true;
      this.inFlight--;
      this.wakeIdle();
    };
    try {
      this.sink.write(bytes, taken);
    } catch {
      taken();
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    const baud = this.options.paceBaudRate as number;
    const { clock } = this.options;
    try {
      for (
        let item = this.control.shift() ?? this.data.shift();
        item && !this.closed;
        item = this.control.shift() ?? this.data.shift()
      ) {
        const current = { bytes: item.bytes, offset: 0 };
        this.current = current;
        while (current.offset < item.bytes.length) {
          const wait = this.lineFreeAt - clock.now();
          if (wait > 0) await clock.sleep(wait, this.abort.signal);
          if (this.closed) return;
          const slice = item.bytes.subarray(current.offset, current.offset + this.sliceBytes);
          current.offset += slice.length;
          this.send(slice);
          this.lineFreeAt = Math.max(clock.now(), this.lineFreeAt) + lineTimeMs(slice.length, baud);
        }
        this.current = undefined;
        item.onWritten?.();
      }
    } catch {
      // Only an abort (close) lands here; a writer must never take its owner down with an unhandled rejection.
    } finally {
      this.current = undefined;
      this.pumping = false;
      this.wakeIdle();
    }
  }
}
