/**
 * Rate-limited logging for lines a peer can cause once per PDU (a command outside the CmdSN window, a rejected
 * PDU): per key (one limiter per session, one key per reason), the first line is logged at its level, the next
 * ones within the interval only at debug, and when the interval ends one line at the same level says how many
 * were held back (so 100,000 bad PDUs make a handful of lines, not 30 MB of stderr; issue 16 defect 4). close()
 * says the last counts at once; after it every line goes to debug. At most MAX_LOG_KEYS keys are held at once,
 * the lines of further keys share one. Time comes from the injected clock.
 * Spec: RFC 7143 4.2.2.1 (out-of-window commands are ignored, so nothing but the log ever sees them), 11.17
 * (Reject); docs/iscsi.md 7.2; docs/architecture.md style rule 9 (injected clocks and loggers).
 */
import type { Clock, Timer } from '../../../common/clock/clock.js';
import type { Logger } from '../../../common/logger.js';

/**
 * Keys with an open interval at most (a peer choosing keys, e.g. one address each, would otherwise grow the map):
 * beyond it, lines share one interval under OVERFLOW_KEY.
 */
export const MAX_LOG_KEYS = 1024;

/** The key of the lines held back because MAX_LOG_KEYS keys were open. */
export const OVERFLOW_KEY = '(many keys)';

/** How often a held-back count is said, unless told otherwise. */
export const DEFAULT_LOG_INTERVAL_MS = 10_000;

type Level = 'info' | 'warn' | 'error';

interface Window {
  readonly level: Level;
  readonly message: string;
  readonly fields: Record<string, unknown>;
  suppressed: number;
  timer: Timer | undefined;
}

/** One rate limiter; keys are independent. */
export class LogLimiter {
  private readonly windows = new Map<string, Window>();
  private closed = false;

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    /** Fields added to every line (e.g. the session's nexus). */
    private readonly context: Record<string, unknown> = {},
    private readonly intervalMs = DEFAULT_LOG_INTERVAL_MS,
  ) {}

  /** Logs `message` at warn, or holds it back when `key` was logged less than an interval ago. */
  warn(key: string, message: string, fields: Record<string, unknown> = {}): void {
    this.log('warn', key, message, fields);
  }

  /** Same at info. */
  info(key: string, message: string, fields: Record<string, unknown> = {}): void {
    this.log('info', key, message, fields);
  }

  /** Says every held-back count now and stops the timers (the session is over). Idempotent. */
  close(): void {
    this.closed = true;
    for (const key of [...this.windows.keys()]) this.flush(key);
  }

  private log(level: Level, key: string, message: string, fields: Record<string, unknown>): void {
    const all = { ...this.context, ...fields };
    if (!this.windows.has(key) && this.windows.size >= MAX_LOG_KEYS) {
      key = OVERFLOW_KEY;
      message = `${message} (and lines of other keys while ${MAX_LOG_KEYS} were held back)`;
    }
    const open = this.windows.get(key);
    if (open !== undefined || this.closed) {
      if (open !== undefined) open.suppressed++;
      this.logger.debug(all, message);
      return;
    }
    this.logger[level](all, message);
    const window: Window = { level, message, fields: this.context, suppressed: 0, timer: undefined };
    window.timer = this.clock.setTimer(this.intervalMs, () => this.flush(key));
    this.windows.set(key, window);
  }

  private flush(key: string): void {
    const window = this.windows.get(key);
    if (window === undefined) return;
    window.timer?.cancel();
    this.windows.delete(key);
    if (window.suppressed > 0) {
      this.logger[window.level](
        { ...window.fields, key, suppressed: window.suppressed, intervalMs: this.intervalMs },
        `${window.message}: ${window.suppressed} more like it held back`,
      );
    }
  }
}
