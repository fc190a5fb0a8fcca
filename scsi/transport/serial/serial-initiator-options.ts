/**
 * Options and defaults of the serial initiator (serial-initiator.ts).
 * Spec: docs/serial-framing.md section 7.2 (HELLO), 8.3 (keep-alive), 8.5 (response deadline), section 12 (URL).
 */
import type { Clock } from '../../../common/clock/clock.js';
import type { SerialLinkTuning } from './serial-link.js';
import type { Logger } from '../../../common/logger.js';

/** Defaults of the initiator (section 7.2 and 8.3). */
export const InitiatorDefaults = {
  OPEN_TIMEOUT_MS: 10_000,
  HELLO_INTERVAL_MS: 500,
  KEEPALIVE_MS: 2000,
  CLOSE_FLUSH_MS: 500,
} as const;

/** Options shared by {@link SerialInitiator.open} and {@link SerialInitiator.connect}. */
export interface SerialInitiatorCommonOptions {
  readonly baudRate: number;
  /** Initiator port name sent in HELLO; the target keys unit attentions by it (default changerbench-<host>-<pid>). */
  readonly initiatorName?: string | undefined;
  /** The LUN the caller means to address (exposed as `lun`; commands carry their own). Default 0. */
  readonly lun?: number | undefined;
  readonly pace?: boolean | undefined;
  readonly clock?: Clock | undefined;
  readonly logger?: Logger | undefined;
  /** Give up opening after this long without a WELCOME (ETIMEDOUT). */
  readonly openTimeoutMs?: number | undefined;
  /** Repeat HELLO this often until a WELCOME arrives (bytes sent before the target opened its end are lost). */
  readonly helloIntervalMs?: number | undefined;
  /** While commands are outstanding and the link is quiet, send KEEPALIVE this often; 0 turns it off. */
  readonly keepaliveMs?: number | undefined;
  /**
   * Give up a command whose RESPONSE has not come this long after it became the oldest outstanding command
   * (ETIMEDOUT naming the command; the session stays open). 0 waits for ever. Default 300 s, and 3600 s for
   * INITIALIZE ELEMENT STATUS (WITH RANGE) (section 8.5).
   */
  readonly responseTimeoutMs?: number | undefined;
  /** Source of the HELLO nonce, 1 to 2^32-1 (default: crypto.randomInt). */
  readonly nonce?: (() => number) | undefined;
  readonly link?: SerialLinkTuning | undefined;
  /** Description for logs and reports (default: the serial URL). */
  readonly description?: string | undefined;
}

/** Options of {@link SerialInitiator.open}. */
export interface SerialInitiatorOptions extends SerialInitiatorCommonOptions {
  readonly path: string;
}
