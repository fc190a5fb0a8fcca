/**
 * NOP-In pings from the target: on demand and, when configured, on an interval; a ping not answered by a NOP-Out
 * within the timeout drops the connection.
 * Spec: RFC 7143 11.19 (NOP-In with a valid Target Transfer Tag asks for a NOP-Out; StatSN is not advanced),
 * 11.18 (the answering NOP-Out carries ITT FFFFFFFFh and the NOP-In's tag); docs/iscsi.md 7.7.
 */
import type { Timer } from '../../../../common/clock/clock.js';
import type { ResolvedTargetOptions } from './target-options.js';

interface PendingPing {
  readonly resolve: (data: Buffer) => void;
  readonly reject: (error: Error) => void;
  readonly timer: Timer;
}

/** Pings of one session. */
export class TargetPinger {
  private readonly pending = new Map<number, PendingPing>();
  private interval: Timer | undefined;
  private stopped = false;

  constructor(
    private readonly options: Pick<ResolvedTargetOptions, 'clock' | 'nopInIntervalMs' | 'nopInTimeoutMs'>,
    private readonly nextTag: () => number,
    private readonly sendNopIn: (targetTransferTag: number, data: Buffer) => void,
    private readonly onTimeout: () => void,
  ) {
    this.schedule();
  }

  /** Sends a NOP-In; resolves with the data of the answering NOP-Out. */
  ping(data: Buffer): Promise<Buffer> {
    if (this.stopped) return Promise.reject(new Error('session ended'));
    const ttt = this.nextTag();
    return new Promise<Buffer>((resolve, reject) => {
      const timer = this.options.clock.setTimer(this.options.nopInTimeoutMs, () => {
        this.pending.delete(ttt);
        reject(new Error(`no NOP-Out answered the NOP-In within ${this.options.nopInTimeoutMs} ms`));
        this.onTimeout();
      });
      this.pending.set(ttt, { resolve, reject, timer });
      this.sendNopIn(ttt, data);
    });
  }

  /** A NOP-Out answered the NOP-In with this tag. Unknown tags are ignored. */
  answered(targetTransferTag: number, data: Buffer): void {
    const ping = this.pending.get(targetTransferTag);
    if (ping === undefined) return;
    this.pending.delete(targetTransferTag);
    ping.timer.cancel();
    ping.resolve(Buffer.from(data));
  }

  /** Cancels the interval and fails outstanding pings. */
  stop(): void {
    this.stopped = true;
    this.interval?.cancel();
    for (const ping of this.pending.values()) {
      ping.timer.cancel();
      ping.reject(new Error('session ended'));
    }
    this.pending.clear();
  }

  private schedule(): void {
    if (this.options.nopInIntervalMs <= 0 || this.stopped) return;
    this.interval = this.options.clock.setTimer(this.options.nopInIntervalMs, () => {
      if (this.pending.size === 0) this.ping(Buffer.alloc(0)).catch(() => undefined);
      this.schedule();
    });
  }
}
