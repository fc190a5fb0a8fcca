/**
 * Receiving half of the link: accepts sequenced frames only in order, drops duplicates and frames that overtook a
 * lost one, acknowledges cumulatively (one ACK per burst of frames) and NAKs at most once per gap.
 * Spec: docs/serial-framing.md section 6.3 (receiver rules).
 */
import { FrameType, SEQ_MODULO } from './frame-format.js';

/** Counters for tests, logs and the benchmark. */
export interface ReceiverStats {
  delivered: number;
  duplicates: number;
  outOfOrder: number;
  acksSent: number;
  naksSent: number;
}

/** Sends an ACK or NAK frame (type and the number it carries). */
export type SendAckNak = (type: typeof FrameType.ACK | typeof FrameType.NAK, seq: number) => void;

/** See the file comment. */
export class LinkReceiver {
  private expected = 0;
  private nakSent = false;
  private ackScheduled = false;
  private generation = 0;
  readonly stats: ReceiverStats = { delivered: 0, duplicates: 0, outOfOrder: 0, acksSent: 0, naksSent: 0 };

  constructor(private readonly sendAckNak: SendAckNak) {}

  /**
   * Judges a sequenced frame that passed its CRC. Returns true when it is the next in order and must be
   * delivered (exactly once); duplicates are acknowledged again, frames ahead of a gap draw one NAK.
   */
  accept(seq: number): boolean {
    const ahead = (seq - this.expected + SEQ_MODULO) % SEQ_MODULO;
    if (ahead === 0) {
      this.expected = (this.expected + 1) % SEQ_MODULO;
      this.nakSent = false;
      this.stats.delivered++;
      this.scheduleAck();
      return true;
    }
    if (ahead >= SEQ_MODULO / 2) {
      this.stats.duplicates++;
      this.scheduleAck();
    } else {
      this.stats.outOfOrder++;
      this.nak();
    }
    return false;
  }

  /** A frame failed its CRC: ask once for a resend from the next expected number. */
  onCorrupt(): void {
    this.nak();
  }

  /** Starts again at 0 (new session); a pending ACK of the old session is not sent. */
  reset(): void {
    this.expected = 0;
    this.nakSent = false;
    this.ackScheduled = false;
    this.generation++;
  }

  private nak(): void {
    if (this.nakSent) return;
    this.nakSent = true;
    this.stats.naksSent++;
    this.sendAckNak(FrameType.NAK, this.expected);
  }

  private scheduleAck(): void {
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    const generation = this.generation;
    queueMicrotask(() => {
      if (generation !== this.generation || !this.ackScheduled) return;
      this.ackScheduled = false;
      this.stats.acksSent++;
      this.sendAckNak(FrameType.ACK, (this.expected - 1 + SEQ_MODULO) % SEQ_MODULO);
    });
  }
}
