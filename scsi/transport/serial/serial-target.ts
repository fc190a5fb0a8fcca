/**
 * The target side of SCSI over a serial line: serves a ScsiTargetBackend (the simulator) on a serial port or PTY,
 * survives line loss by reopening the port, and closes cleanly.
 * Spec: docs/serial-framing.md section 7 (sessions), section 8 (commands) and section 11 (ports, line loss).
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { SerialPort } from 'serialport';
import { ScaledClock, type Clock, type Timer } from '../../../common/clock/clock.js';
import type { ScsiTargetBackend } from '../scsi-target-backend.js';
import type { LinkStats, SerialLinkTuning } from './serial-link.js';
import { SILENT_LOGGER, type Logger } from '../../../common/logger.js';
import { closeSerialPort, openSerialPort } from './serial-port-io.js';
import { TargetDefaults, TargetEndpoint } from './target-endpoint.js';
import type { SerialTargetEventMap } from './target-events.js';

/** Options shared by {@link SerialTarget.open} and {@link SerialTarget.attach}. */
export interface SerialTargetCommonOptions {
  readonly backend: ScsiTargetBackend;
  /** Nominal line rate: output pacing (when `pace`) and the retransmission time-out follow it. */
  readonly baudRate: number;
  /** Limit output to baudRate/10 bytes per second, so timing feels like a real line (default false). */
  readonly pace?: boolean | undefined;
  /** Time for retransmission, pacing and reopening (default: real time). */
  readonly clock?: Clock | undefined;
  readonly logger?: Logger | undefined;
  /** Target port name in nexus ids (default: the path, or "stream"). */
  readonly portName?: string | undefined;
  /** Commands queued beyond this are answered TASK SET FULL (default 32). */
  readonly queueDepth?: number | undefined;
  /** Window, retransmission time-out, retries, largest message. */
  readonly link?: SerialLinkTuning | undefined;
}

/** Options of {@link SerialTarget.open}. */
export interface SerialTargetOptions extends SerialTargetCommonOptions {
  /** The serial device or PTY to serve on. */
  readonly path: string;
  /** After the port is lost, try to reopen it every this many milliseconds; 0 gives up (default 1000). */
  readonly reopenMs?: number | undefined;
}

/** Counters of a target across every line it has had open. */
export interface SerialTargetStats {
  /** Counters of the current line, if one is open. */
  readonly line: (LinkStats & { sessions: number; commands: number }) | undefined;
  readonly linesOpened: number;
  readonly linesLost: number;
}

/** Defaults of the target (section 11). */
export const SerialTargetDefaults = {
  REOPEN_MS: 1000,
  /** How long close() waits for its RESET to go out. */
  CLOSE_FLUSH_MS: 500,
} as const;

/**
 * A SCSI target on a serial line. Emits `session-start`, `session-end`, `line-lost` and `line-open`; never
 * emits `error`, and no bytes from the line can make it throw.
 */
export class SerialTarget extends EventEmitter<SerialTargetEventMap> {
  private endpoint: TargetEndpoint | undefined;
  private port: SerialPort | undefined;
  private reopenTimer: Timer | undefined;
  private closed = false;
  private linesOpened = 0;
  private linesLost = 0;
  private readonly clock: Clock;
  private readonly logger: Logger;

  private constructor(
    private readonly options: SerialTargetCommonOptions & {
      readonly path?: string | undefined;
      readonly reopenMs?: number | undefined;
    },
  ) {
    super();
    this.clock = options.clock ?? new ScaledClock();
    this.logger = options.logger ?? SILENT_LOGGER;
  }

  /** Opens the port and starts serving. Rejects when the port cannot be opened the first time. */
  static async open(options: SerialTargetOptions): Promise<SerialTarget> {
    const target = new SerialTarget(options);
    const port = await openSerialPort(options.path, options.baudRate);
    target.attachPort(port);
    return target;
  }

  /** Serves on a stream that the caller opened and will close (an in-memory pair in tests). */
  static attach(stream: Duplex, options: SerialTargetCommonOptions): SerialTarget {
    const target = new SerialTarget(options);
    target.attachStream(stream);
    return target;
  }

  /** The nexus of the session in progress, if any. */
  get nexus(): string | undefined {
    return this.endpoint?.nexus;
  }

  /** Whether a line is open now. */
  get lineUp(): boolean {
    return this.endpoint !== undefined;
  }

  /** Counters for logs, tests and the benchmark. */
  stats(): SerialTargetStats {
    return { line: this.endpoint?.stats(), linesOpened: this.linesOpened, linesLost: this.linesLost };
  }

  /** Ends the session (RESET CLOSED, backend.nexusLost), stops reopening and closes the port. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reopenTimer?.cancel();
    this.reopenTimer = undefined;
    const endpoint = this.endpoint;
    const port = this.port;
    this.endpoint = undefined;
    this.port = undefined;
    await endpoint?.close(SerialTargetDefaults.CLOSE_FLUSH_MS);
    if (port) await closeSerialPort(port);
  }

  private attachPort(port: SerialPort): void {
    this.port = port;
    this.attachStream(port);
  }

  private attachStream(stream: Duplex): void {
    const endpoint: TargetEndpoint = new TargetEndpoint(stream, {
      ...this.options.link,
      backend: this.options.backend,
      portName: this.options.portName ?? this.options.path ?? 'stream',
      baudRate: this.options.baudRate,
      pace: this.options.pace ?? false,
      clock: this.clock,
      logger: this.logger,
      queueDepth: this.options.queueDepth ?? TargetDefaults.QUEUE_DEPTH,
      onSessionStart: (nexus, initiatorName) => this.emit('session-start', { nexus, initiatorName }),
      onSessionEnd: (nexus, reason) => this.emit('session-end', { nexus, reason }),
      onLineClosed: (error) => this.lineLost(endpoint, error),
    });
    this.endpoint = endpoint;
    this.linesOpened++;
    endpoint.announce();
    this.emit('line-open', { path: this.options.path ?? 'stream' });
  }

  private lineLost(endpoint: TargetEndpoint, error: Error | undefined): void {
    if (this.endpoint !== endpoint) return;
    this.endpoint = undefined;
    const port = this.port;
    this.port = undefined;
    this.linesLost++;
    this.logger.warn({ path: this.options.path, err: error }, 'serial target: line lost');
    this.emit('line-lost', { error });
    if (port) void closeSerialPort(port);
    const reopenMs = this.options.reopenMs ?? SerialTargetDefaults.REOPEN_MS;
    if (!this.closed && this.options.path !== undefined && reopenMs > 0)
      this.scheduleReopen(this.options.path, reopenMs);
  }

  private scheduleReopen(path: string, reopenMs: number): void {
    this.reopenTimer = this.clock.setTimer(reopenMs, () => {
      this.reopenTimer = undefined;
      openSerialPort(path, this.options.baudRate).then(
        (port) => {
          if (this.closed) {
            void closeSerialPort(port);
            return;
          }
          this.logger.info({ path }, 'serial target: line reopened');
          this.attachPort(port);
        },
        () => {
          if (!this.closed) this.scheduleReopen(path, reopenMs);
        },
      );
    });
  }
}
