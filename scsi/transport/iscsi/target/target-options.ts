/**
 * Options of the iSCSI target and their defaults.
 * Spec: RFC 7143 4.2.2.1 (command window), 13.9 (TargetPortalGroupTag), 13 (negotiated keys), 12.1.3 (CHAP);
 * design: docs/iscsi.md "Target".
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { ScaledClock, type Clock } from '../../../../common/clock/clock.js';
import type { ScsiTargetBackend } from '../../scsi-target-backend.js';
import { MAX_BUSY_POLL_MICROS } from '../busy-poll.js';
import { checkChapConfiguration, checkChapSecretLengths, type ChapCredentials } from '../chap.js';
import { Iscsi } from '../constants.js';
import { DEFAULT_LOG_INTERVAL_MS } from '../log-limiter.js';
import { SILENT_LOGGER, type Logger } from '../../../../common/logger.js';
import { nonNegativeInteger } from '../option-range.js';
import { DEFAULT_NEGOTIATION_POLICY, type NegotiationPolicy } from '../text/negotiation.js';
import type { LoginThrottleSettings } from './login-throttle.js';

/** Connections a target holds at once unless told (maxConnections). */
export const DEFAULT_MAX_CONNECTIONS = 1024;
/** Connections one initiator address holds at once unless told (maxConnectionsPerAddress). */
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;

/** What IscsiTarget.listen accepts. */
export interface IscsiTargetOptions {
  /** Address to bind; loopback unless said otherwise. */
  readonly host?: string;
  /** TCP port; 0 picks an ephemeral port (see address()). Default 3260. */
  readonly port?: number;
  /** The target's iSCSI name (iqn...). */
  readonly targetName: string;
  readonly targetAlias?: string;
  /** Target portal group tag, default 1. */
  readonly tpgt?: number;
  /** The logical units served. */
  readonly backend: ScsiTargetBackend;
  /** Require one-way CHAP with these credentials (the initiator proves it knows the secret). */
  readonly chap?: ChapCredentials;
  /** Credentials the target answers with when the initiator asks for mutual CHAP. */
  readonly mutualChap?: ChapCredentials;
  /** Initiator names allowed to log in (case-insensitive); everyone when absent. */
  readonly allowedInitiators?: readonly string[];
  readonly logger?: Logger;
  /** Overrides of the target's negotiation preferences. */
  readonly negotiation?: Partial<NegotiationPolicy>;
  /** Commands a session may have outstanding (MaxCmdSN - ExpCmdSN + 1). Default 32. */
  readonly commandWindow?: number;
  /** Connections that have not completed login after this long are closed. Default 15 s. */
  readonly loginTimeoutMs?: number;
  /** Sends a NOP-In ping to each idle session this often (0: never, the default). */
  readonly nopInIntervalMs?: number;
  /** Drops a session whose NOP-In ping is not answered within this time. Default 30 s. */
  readonly nopInTimeoutMs?: number;
  /** Random source for CHAP challenges and initial StatSN (default node:crypto randomBytes). */
  readonly randomBytes?: (size: number) => Buffer;
  /** Time source for timers (default real time). */
  readonly clock?: Clock;
  /**
   * After each answer a host waits for, keep polling the sockets for this many microseconds instead of sleeping
   * (busy-poll.ts): faster round trips for CPU. 0, the default, turns it off.
   */
  readonly busyPollMicros?: number;
  /**
   * Lines a peer can cause once per PDU (commands outside the CmdSN window, rejected PDUs) are logged once per
   * session and reason per this interval, then a count of those held back. Default 10 s (log-limiter.ts).
   */
  readonly logIntervalMs?: number;
  /** Connections the target holds at once; more are closed at accept, and said once in the log. Default 1024. */
  readonly maxConnections?: number;
  /** Connections one initiator address may hold at once (same handling). Default 256. */
  readonly maxConnectionsPerAddress?: number;
  /** After a login reject or a framing error, the socket is destroyed this long after our FIN. Default 500 ms. */
  readonly closeLingerMs?: number;
  /**
   * Authentication and authorization failures of one initiator (name or address) delay its next login reject:
   * by this much after the second failure, doubling up to `authFailureDelayMaxMs` (default 250 ms; 0: off).
   */
  readonly authFailureDelayMs?: number;
  /** Longest delay before a login reject. Default 10 s. */
  readonly authFailureDelayMaxMs?: number;
  /** Failures older than this no longer count. Default 60 s. */
  readonly authFailureQuietMs?: number;
}

/** Options with every default filled in. */
export interface ResolvedTargetOptions {
  readonly host: string;
  readonly port: number;
  readonly targetName: string;
  readonly targetAlias: string | undefined;
  readonly tpgt: number;
  readonly backend: ScsiTargetBackend;
  readonly chap: ChapCredentials | undefined;
  readonly mutualChap: ChapCredentials | undefined;
  readonly allowedInitiators: ReadonlySet<string> | undefined;
  readonly logger: Logger;
  readonly policy: NegotiationPolicy;
  readonly commandWindow: number;
  readonly loginTimeoutMs: number;
  readonly nopInIntervalMs: number;
  readonly nopInTimeoutMs: number;
  readonly randomBytes: (size: number) => Buffer;
  readonly clock: Clock;
  readonly busyPollMicros: number;
  readonly logIntervalMs: number;
  readonly maxConnections: number;
  readonly maxConnectionsPerAddress: number;
  readonly closeLingerMs: number;
  readonly authFailureDelay: LoginThrottleSettings;
}

/** Validates options and fills in defaults; throws RangeError on nonsense. */
export function resolveTargetOptions(options: IscsiTargetOptions): ResolvedTargetOptions {
  if (!options.targetName || options.targetName.length > 223)
    throw new RangeError('targetName must be 1 to 223 characters');
  checkChapConfiguration(options.chap, options.mutualChap);
  checkChapSecretLengths([
    { secret: options.chap?.secret, name: 'the CHAP secret' },
    { secret: options.mutualChap?.secret, name: 'the mutual CHAP secret' },
  ]);
  const ms = (value: number | undefined, fallback: number, name: string) =>
    nonNegativeInteger(value ?? fallback, name, 2 ** 31 - 1);
  const positive = (value: number | undefined, fallback: number, name: string) => {
    const n = nonNegativeInteger(value ?? fallback, name, 1_000_000);
    if (n < 1) throw new RangeError(`${name} must be at least 1`);
    return n;
  };
  const policy: NegotiationPolicy = { ...DEFAULT_NEGOTIATION_POLICY, ...options.negotiation };
  nonNegativeInteger(policy.maxRecvDataSegmentLength, 'maxRecvDataSegmentLength', Iscsi.MAX_DATA_SEGMENT_LENGTH);
  if (policy.maxRecvDataSegmentLength < 512) throw new RangeError('maxRecvDataSegmentLength must be at least 512');
  const commandWindow = nonNegativeInteger(options.commandWindow ?? 32, 'commandWindow', 65536);
  if (commandWindow < 1) throw new RangeError('commandWindow must be at least 1');
  return {
    host: options.host ?? '127.0.0.1',
    port: nonNegativeInteger(options.port ?? Iscsi.DEFAULT_PORT, 'port', 65535),
    targetName: options.targetName,
    targetAlias: options.targetAlias,
    tpgt: nonNegativeInteger(options.tpgt ?? 1, 'tpgt', 65535),
    backend: options.backend,
    chap: options.chap,
    mutualChap: options.mutualChap,
    allowedInitiators:
      options.allowedInitiators === undefined
        ? undefined
        : new Set(options.allowedInitiators.map((n) => n.toLowerCase())),
    logger: options.logger ?? SILENT_LOGGER,
    policy,
    commandWindow,
    loginTimeoutMs: nonNegativeInteger(options.loginTimeoutMs ?? 15_000, 'loginTimeoutMs', 2 ** 31 - 1),
    nopInIntervalMs: nonNegativeInteger(options.nopInIntervalMs ?? 0, 'nopInIntervalMs', 2 ** 31 - 1),
    nopInTimeoutMs: nonNegativeInteger(options.nopInTimeoutMs ?? 30_000, 'nopInTimeoutMs', 2 ** 31 - 1),
    randomBytes: options.randomBytes ?? cryptoRandomBytes,
    clock: options.clock ?? new ScaledClock(),
    busyPollMicros: nonNegativeInteger(options.busyPollMicros ?? 0, 'busyPollMicros', MAX_BUSY_POLL_MICROS),
    logIntervalMs: ms(options.logIntervalMs, DEFAULT_LOG_INTERVAL_MS, 'logIntervalMs'),
    maxConnections: positive(options.maxConnections, DEFAULT_MAX_CONNECTIONS, 'maxConnections'),
    maxConnectionsPerAddress: positive(
      options.maxConnectionsPerAddress,
      DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
      'maxConnectionsPerAddress',
    ),
    closeLingerMs: ms(options.closeLingerMs, 500, 'closeLingerMs'),
    authFailureDelay: {
      baseMs: ms(options.authFailureDelayMs, 250, 'authFailureDelayMs'),
      maxMs: ms(options.authFailureDelayMaxMs, 10_000, 'authFailureDelayMaxMs'),
      quietMs: ms(options.authFailureQuietMs, 60_000, 'authFailureQuietMs'),
    },
  };
}
