/**
 * The host side of SCSI over a serial line: a ScsiTransport that opens a session with HELLO, sends COMMAND
 * messages and turns RESPONSE messages into ScsiResults; line loss, a target reset or a dead link become
 * TransportErrors, and so does a command acknowledged but never answered (response-deadline.ts).
 * Spec: docs/serial-framing.md section 7 (session), section 8 (commands, 8.5 response deadline), section 12 (URL);
 * SAM-5 Execute Command (docs/scsi-model.md 1).
 */
import { randomInt } from 'node:crypto';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import type { SerialPort } from 'serialport';
import { ScaledClock, type Clock, type Timer } from '../../../common/clock/clock.js';
import { TransportError, type ScsiCommand, type ScsiResult, type ScsiTransport } from '../scsi-transport.js';
import { FrameType, type Frame } from './frame-format.js';
import { ResponseDeadline, expiredMessage, responseLimit, type ExpiredCommand } from './response-deadline.js';
import { ResponseCode, decodeResponse, encodeCommand, peekTag, resultOfResponse } from './scsi-messages.js';
import { SerialLink, type LinkStats } from './serial-link.js';
import { SILENT_LOGGER, type Logger } from '../../../common/logger.js';
import { closeSerialPort, openTransportPort } from './serial-port-io.js';
import { formatSerialUrl, parseSerialUrl, SerialUrlDefaults } from './serial-url.js';
import {
  InitiatorDefaults,
  type SerialInitiatorCommonOptions,
  type SerialInitiatorOptions,
} from './serial-initiator-options.js';
import {
  ResetReason,
  SessionProtocol,
  decodeReset,
  decodeWelcome,
  encodeHello,
  encodeReset,
  resetReasonName,
} from './session-messages.js';

interface Pending {
  readonly resolve: (result: ScsiResult) => void;
  readonly reject: (error: TransportError) => void;
  readonly allocationLength: number;
}

type State = 'connecting' | 'open' | 'broken' | 'closed';

/** See the file comment. One instance is one I_T nexus for its whole life; it never reconnects by itself. */
export class SerialInitiator implements ScsiTransport {
  readonly description: string;
  /** The LUN from the URL or options. */
  readonly lun: number;
  private readonly link: SerialLink;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly nonce: number;
  private readonly initiatorName: string;
  private readonly pending = new Map<number, Pending>();
  private readonly deadline: ResponseDeadline;
  private state: State = 'connecting';
  private failure: TransportError | undefined;
  private nexusId = '';
  private nextTag = 1;
  private helloTimer: Timer | undefined;
  private openDeadline: Timer | undefined;
  private keepaliveTimer: Timer | undefined;
  private settleOpen: ((error?: TransportError) => void) | undefined;

  private constructor(
    stream: Duplex,
    private readonly options: SerialInitiatorCommonOptions,
    private readonly port: SerialPort | undefined,
    description: string,
  ) {
    this.description = options.description ?? description;
    this.lun = options.lun ?? SerialUrlDefaults.LUN;
    this.clock = options.clock ?? new ScaledClock();
    this.logger = options.logger ?? SILENT_LOGGER;
    this.nonce = (options.nonce ?? (() => randomInt(1, 2 ** 32)))() >>> 0;
    if (this.nonce === 0) throw new RangeError('the HELLO nonce must not be 0 (RESET uses 0 for "no HELLO")');
    this.initiatorName = options.initiatorName ?? `changerbench-${hostname()}-${process.pid}`;
    this.deadline = new ResponseDeadline(this.clock, responseLimit(options.responseTimeoutMs), (expired) =>
      this.onDeadline(expired),
    );
    this.link = new SerialLink(
      stream,
      {
        message: (type, message) => this.onMessage(type, message),
        messageDropped: (type, head, reason) => this.onMessageDropped(type, head, reason),
        session: (frame) => this.onSessionFrame(frame),
        stray: () => undefined,
        dead: () => this.fail('ETIMEDOUT', 'the target stopped acknowledging frames'),
        closed: (error) => this.fail('ECONNRESET', `serial line lost${error ? `: ${error.message}` : ''}`),
      },
      {
        ...options.link,
        role: 'initiator',
        clock: this.clock,
        baudRate: options.baudRate,
        pace: options.pace,
        logger: this.logger,
      },
    );
  }

  /** Opens the port named by a `serial:` URL or options, and a session on it. */
  static async open(target: string | SerialInitiatorOptions): Promise<SerialInitiator> {
    const options: SerialInitiatorOptions = typeof target === 'string' ? { ...parseSerialUrl(target) } : target;
    const port = await openTransportPort(options.path, options.baudRate);
    const url = formatSerialUrl({
      path: options.path,
      baudRate: options.baudRate,
      lun: options.lun ?? SerialUrlDefaults.LUN,
    });
    const initiator = new SerialInitiator(port, options, port, url);
    await initiator.handshake();
    return initiator;
  }

  /** Opens a session over a stream the caller opened and will close (an in-memory pair in tests). */
  static async connect(stream: Duplex, options: SerialInitiatorCommonOptions): Promise<SerialInitiator> {
    const initiator = new SerialInitiator(stream, options, undefined, 'serial:stream');
    await initiator.handshake();
    return initiator;
  }

  /** The I_T nexus id the target gave this session. */
  get nexus(): string {
    return this.nexusId;
  }

  /** Counters of the link. */
  stats(): LinkStats {
    return this.link.stats();
  }

  async execute(command: ScsiCommand): Promise<ScsiResult> {
    if (this.state !== 'open') throw this.unusable();
    const tag = this.nextTag;
    this.nextTag = (this.nextTag + 1) >>> 0 || 1;
    let message: Buffer;
    try {
      message = encodeCommand({
        tag,
        lun: command.lun,
        cdb: command.cdb,
        allocationLength: command.allocationLength,
        dataOut: command.dataOut ?? Buffer.alloc(0),
      });
    } catch (error) {
      throw new TransportError(
        `${this.description}: ${error instanceof Error ? error.message : String(error)}`,
        'EINVAL',
      );
    }
    const result = new Promise<ScsiResult>((resolve, reject) =>
      this.pending.set(tag, { resolve, reject, allocationLength: command.allocationLength }),
    );
    this.link.sendMessage(FrameType.COMMAND, message);
    this.deadline.sent(tag, command.cdb);
    this.scheduleKeepalive();
    return result;
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    this.stopTimers();
    this.rejectAll(new TransportError(`${this.description}: closed`, 'ECLOSED'));
    if (wasOpen) {
      const abort = new AbortController();
      const reset = this.link.finish(
        FrameType.RESET,
        encodeReset({ reason: ResetReason.CLOSED, nonce: 0, text: 'initiator closing' }),
      );
      await Promise.race([
        reset,
        this.clock.sleep(InitiatorDefaults.CLOSE_FLUSH_MS, abort.signal).catch(() => undefined),
      ]);
      abort.abort();
    }
    this.link.detach();
    if (this.port) await closeSerialPort(this.port);
  }

  private handshake(): Promise<void> {
    const hello = encodeHello({
      version: SessionProtocol.VERSION,
      nonce: this.nonce,
      initiatorName: this.initiatorName,
    });
    const sendHello = (): void => this.link.sendSession(FrameType.HELLO, hello);
    const interval = this.options.helloIntervalMs ?? InitiatorDefaults.HELLO_INTERVAL_MS;
    const repeat = (): void => {
      this.helloTimer = this.clock.setTimer(interval, () => {
        sendHello();
        repeat();
      });
    };
    const opened = new Promise<void>((resolve, reject) => {
      this.settleOpen = (error) => {
        this.settleOpen = undefined;
        this.stopTimers();
        if (error) reject(error);
        else resolve();
      };
    });
    this.openDeadline = this.clock.setTimer(this.options.openTimeoutMs ?? InitiatorDefaults.OPEN_TIMEOUT_MS, () =>
      this.fail('ETIMEDOUT', 'no WELCOME from the target (is a target serving the other end?)'),
    );
    sendHello();
    repeat();
    return opened;
  }

  private onSessionFrame(frame: Frame): void {
    if (frame.type === FrameType.WELCOME) {
      const welcome = decodeWelcome(frame.payload);
      if (this.state !== 'connecting' || !welcome.ok || welcome.value.nonce !== this.nonce) return;
      this.nexusId = welcome.value.nexus;
      this.state = 'open';
      this.link.activate();
      this.logger.info({ nexus: this.nexusId }, 'serial initiator: session open');
      this.settleOpen?.();
    } else if (frame.type === FrameType.READY) {
      if (this.state === 'connecting')
        this.link.sendSession(
          FrameType.HELLO,
          encodeHello({ version: SessionProtocol.VERSION, nonce: this.nonce, initiatorName: this.initiatorName }),
        );
      else if (this.state === 'open') this.fail('ECONNRESET', 'the target restarted (READY during the session)');
    } else if (frame.type === FrameType.RESET) {
      const reset = decodeReset(frame.payload);
      const why = `${resetReasonName(reset.reason)}${reset.text ? `: ${reset.text}` : ''}`;
      if (this.state === 'open') this.fail('ECONNRESET', `the target ended the session (${why})`);
      else if (
        this.state === 'connecting' &&
        reset.nonce === this.nonce &&
        (reset.reason === ResetReason.UNSUPPORTED_VERSION || reset.reason === ResetReason.MALFORMED_HELLO)
      ) {
        this.fail('ECONNREFUSED', `the target refused the session (${why})`);
      }
    }
  }

  private onMessage(type: number, message: Buffer): void {
    if (type !== FrameType.RESPONSE) return;
    const response = decodeResponse(message);
    if (!response.ok) {
      this.onMessageDropped(type, message, response.reason);
      return;
    }
    const r = response.value;
    const pending = this.pending.get(r.tag);
    if (!pending) {
      this.logger.warn({ tag: r.tag }, 'serial initiator: RESPONSE for no outstanding command');
      return;
    }
    this.pending.delete(r.tag);
    this.deadline.settled(r.tag);
    if (r.code !== ResponseCode.COMPLETED) {
      const why =
        r.code === ResponseCode.REJECTED ? 'rejected the command as malformed' : 'failed to execute the command';
      pending.reject(new TransportError(`${this.description}: the target ${why}`, 'ETRANSPORT'));
      return;
    }
    pending.resolve(resultOfResponse(r, pending.allocationLength));
  }

  private onMessageDropped(type: number, head: Buffer, reason: string): void {
    const tag = type === FrameType.RESPONSE ? peekTag(head) : undefined;
    const pending = tag === undefined ? undefined : this.pending.get(tag);
    this.logger.warn({ tag, reason }, 'serial initiator: malformed RESPONSE');
    if (tag === undefined || !pending) return;
    this.pending.delete(tag);
    this.deadline.settled(tag);
    pending.reject(new TransportError(`${this.description}: malformed RESPONSE (${reason})`, 'ETRANSPORT'));
  }

  private onDeadline(expired: ExpiredCommand): void {
    const pending = this.pending.get(expired.tag);
    if (!pending) return;
    this.pending.delete(expired.tag);
    const message = expiredMessage(expired);
    this.logger.warn(
      { tag: expired.tag, waitedMs: expired.waitedMs, limitMs: expired.limitMs, nexus: this.nexusId },
      `serial initiator: ${message}`,
    );
    pending.reject(new TransportError(`${this.description}: ${message}`, 'ETIMEDOUT'));
  }

  private scheduleKeepalive(): void {
    const every = this.options.keepaliveMs ?? InitiatorDefaults.KEEPALIVE_MS;
    if (every <= 0 || this.keepaliveTimer) return;
    this.keepaliveTimer = this.clock.setTimer(every, () => {
      this.keepaliveTimer = undefined;
      if (this.state !== 'open' || this.pending.size === 0) return;
      if (this.link.idle) this.link.sendKeepalive();
      this.scheduleKeepalive();
    });
  }

  private fail(code: string, message: string): void {
    if (this.state === 'broken' || this.state === 'closed') return;
    const error = new TransportError(`${this.description}: ${message}`, code);
    this.logger.warn({ code, nexus: this.nexusId }, `serial initiator: ${message}`);
    this.state = 'broken';
    this.failure = error;
    this.stopTimers();
    this.rejectAll(error);
    this.link.detach();
    if (this.port) void closeSerialPort(this.port);
    this.settleOpen?.(error);
  }

  private unusable(): TransportError {
    if (this.state === 'closed') return new TransportError(`${this.description}: closed`, 'ECLOSED');
    const failure = this.failure ?? new TransportError(`${this.description}: not open`, 'ECONNRESET');
    return new TransportError(failure.message, failure.code);
  }

  private rejectAll(error: TransportError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    this.deadline.clear();
    for (const p of all) p.reject(error);
  }

  private stopTimers(): void {
    for (const timer of [this.helloTimer, this.openDeadline, this.keepaliveTimer]) timer?.cancel();
    this.helloTimer = this.openDeadline = this.keepaliveTimer = undefined;
  }
}
