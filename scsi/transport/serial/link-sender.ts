/**
 * Sending half of the link: numbers sequenced frames, keeps up to `window` of them unacknowledged, and goes back
 * to the oldest unacknowledged frame on a NAK or when the retransmission timer (on the injected clock) expires.
 * Spec: docs/serial-framing.md section 6.2 (sender rules) and section 6.4 (timer, retries, dead link).
 */
import type { Clock, Timer } from '../../../common/clock/clock.js';
import { encodeFrame } from './frame-codec.js';
import { SEQ_MODULO } from './frame-format.js';
import type { LineWriter } from './line-writer.js';

/** Tuning of the sender (section 6.4). */
export interface LinkSenderOptions {
  readonly clock: Clock;
  /** Most unacknowledged frames in flight, 1 (stop-and-wait) to 32. */
  readonly window: number;
  /** Time after its last byte went out before an unacknowledged frame is sent again. */
  readonly retransmitMs: number;
  /** Consecutive expiries without progress after which the link is declared dead. */
  readonly maxRetries: number;
}

/** Largest window: far below half the sequence space, so old and new numbers never mix (section 6.1). */
export const MAX_WINDOW = 32;

interface Unacked {
  readonly seq: number;
  readonly bytes: Buffer;
  /** Its bytes have gone out at least once. */
  written: boolean;
  /** A copy waits in the writer's queue. */
  queued: boolean;
}

interface Waiting {
  readonly type: number;
  readonly flags: number;
  readonly payload: Buffer;
}

/** Counters for tests, logs and the benchmark. */
export interface SenderStats {
  framesSent: number;
  retransmissions: number;
  timeouts: number;
}

/** See the file comment. */
export class LinkSender {
  private nextSeq = 0;
  private unacked: Unacked[] = [];
  private waiting: Waiting[] = [];
  private retries = 0;
  private timer: Timer | undefined;
  private dead = false;
  readonly stats: SenderStats = { framesSent: 0, retransmissions: 0, timeouts: 0 };

  constructor(
    private readonly writer: LineWriter,
    private readonly options: LinkSenderOptions,
    private readonly onDead: () => void,
  ) {
    if (!Number.isInteger(options.window) || options.window < 1 || options.window > MAX_WINDOW)
      throw new RangeError(`window ${options.window} out of range 1..${MAX_WINDOW}`);
  }

  /** Nothing unacknowledged and nothing waiting. */
  get idle(): boolean {
    return this.unacked.length === 0 && this.waiting.length === 0;
  }

  /** Queues a sequenced frame; it gets the next sequence number when the window has room. */
  send(type: number, flags: number, payload: Buffer): void {
    if (this.dead) return;
    this.waiting.push({ type, flags, payload });
    this.fillWindow();
  }

  /** A cumulative ACK: every frame up to and including `seq` arrived. Others' numbers are ignored. */
  onAck(seq: number): void {
    const idx = this.indexOf(seq);
    if (idx === undefined || idx >= this.unacked.length) return;
    this.unacked.splice(0, idx + 1);
    this.progressed();
  }

  /** A NAK: the peer expects `seq` next; everything before it arrived, so go back to `seq`. */
  onNak(seq: number): void {
    const idx = this.indexOf(seq);
    if (idx === undefined || idx > this.unacked.length) return;
    if (idx > 0) {
      this.unacked.splice(0, idx);
      this.progressed();
    }
    if (this.unacked.length === 0) return;
    this.cancelTimer();
    this.resendAll();
  }

  /** Forgets every frame and starts again at sequence number 0 (new session). */
  reset(): void {
    this.cancelTimer();
    this.unacked = [];
    this.waiting = [];
    this.nextSeq = 0;
    this.retries = 0;
    this.dead = false;
  }

  /** Stops the timer for good. */
  close(): void {
    this.cancelTimer();
    this.dead = true;
  }

  private indexOf(seq: number): number | undefined {
    const first = this.unacked[0];
    return first === undefined ? undefined : (seq - first.seq + SEQ_MODULO) % SEQ_MODULO;
  }

  private progressed(): void {
    this.retries = 0;
    this.cancelTimer();
    if (this.unacked[0]?.written) this.armTimer();
    this.fillWindow();
  }

  private fillWindow(): void {
    while (!this.dead && this.unacked.length < this.options.window) {
      const next = this.waiting.shift();
      if (!next) return;
      const seq = this.nextSeq;
      this.nextSeq = (this.nextSeq + 1) % SEQ_MODULO;
      const item: Unacked = {
        seq,
        bytes: encodeFrame({ type: next.type, flags: next.flags, seq, payload: next.payload }),
        written: false,
        queued: false,
      };
      this.unacked.push(item);
      this.stats.framesSent++;
      this.transmit(item);
    }
  }

  private transmit(item: Unacked): void {
    item.queued = true;
    this.writer.write(item.bytes, 'data', () => {
      item.queued = false;
      item.written = true;
      if (this.timer === undefined && !this.dead && this.unacked.includes(item)) this.armTimer();
    });
  }

  private resendAll(): void {
    for (const item of this.unacked) {
      if (item.queued) continue;
      this.stats.retransmissions++;
      this.transmit(item);
    }
  }

  private armTimer(): void {
    this.timer = this.options.clock.setTimer(this.options.retransmitMs, () => this.expired());
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private expired(): void {
    this.timer = undefined;
    if (this.dead || this.unacked.length === 0) return;
    this.stats.timeouts++;
    if (++this.retries > this.options.maxRetries) {
      this.dead = true;
      this.onDead();
      return;
    }
    this.resendAll();
  }
}
