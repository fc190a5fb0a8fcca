/**
 * The target's protocol on one open line: READY on attach, sessions from HELLO to RESET (one I_T nexus each),
 * COMMAND messages queued and executed one at a time on the backend, RESPONSE messages back.
 * Spec: docs/serial-framing.md section 7 (session, nexus, HELLO duplicates) and section 8 (command execution).
 */
import type { Duplex } from 'node:stream';
import type { Clock } from '../../../common/clock/clock.js';
import { ScsiStatus } from '../../codec/status.js';
import type { BackendResult, ScsiTargetBackend } from '../scsi-target-backend.js';
import { FrameType, type Frame } from './frame-format.js';
import { ResponseCode, decodeCommand, encodeResponse, peekTag, type CommandMessage } from './scsi-messages.js';
import { SerialLink, type LinkStats, type SerialLinkTuning } from './serial-link.js';
import type { Logger } from '../../../common/logger.js';
import {
  ResetReason,
  SessionProtocol,
  decodeHello,
  decodeReset,
  encodeReady,
  encodeReset,
  encodeWelcome,
  resetReasonName,
  type Hello,
} from './session-messages.js';

/** Defaults of the target side (section 8). */
export const TargetDefaults = {
  /** Commands queued beyond this are answered TASK SET FULL. */
  QUEUE_DEPTH: 32,
  /** At most one RESET NO_SESSION per this many milliseconds, however much stray traffic arrives. */
  STRAY_RESET_INTERVAL_MS: 250,
} as const;

/** What an endpoint needs from its SerialTarget. */
export interface TargetEndpointOptions extends SerialLinkTuning {
  readonly backend: ScsiTargetBackend;
  /** Target port name: nexus ids are `serial:<initiator name>@<portName>`. */
  readonly portName: string;
  readonly baudRate: number;
  readonly pace: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly queueDepth: number;
  readonly onSessionStart: (nexus: string, initiatorName: string) => void;
  readonly onSessionEnd: (nexus: string, reason: string) => void;
  readonly onLineClosed: (error: Error | undefined) => void;
}

interface Session {
  readonly nonce: number;
  readonly initiatorName: string;
  readonly nexus: string;
}

/** See the file comment. One per attached stream; a reopened port gets a new one. */
export class TargetEndpoint {
  private readonly link: SerialLink;
  private session: Session | undefined;
  private readonly queue: { session: Session; command: CommandMessage }[] = [];
  private running = false;
  private lastStrayReset = -Infinity;
  private sessionsStarted = 0;
  private commandsExecuted = 0;

  constructor(
    stream: Duplex,
    private readonly options: TargetEndpointOptions,
  ) {
    this.link = new SerialLink(
      stream,
      {
        message: (type, message) => this.onMessage(type, message),
        messageDropped: (type, head, reason) => this.onMessageDropped(type, head, reason),
        session: (frame) => this.onSessionFrame(frame),
        stray: () => this.onStray(),
        dead: () => this.endSession('the initiator stopped acknowledging'),
        closed: (error) => {
          this.endSession('serial line lost');
          options.onLineClosed(error);
        },
      },
      { ...options, role: 'target' }, // WELCOME, READY and RESPONSE frames are ignored by the link (section 7.4)
    );
  }

  /** The nexus of the current session, if any. */
  get nexus(): string | undefined {
    return this.session?.nexus;
  }

  /** Counters of the line and the sessions on it. */
  stats(): LinkStats & { sessions: number; commands: number } {
    return { ...this.link.stats(), sessions: this.sessionsStarted, commands: this.commandsExecuted };
  }

  /** Tells a waiting initiator that this port is open and has no session. */
  announce(): void {
    this.link.sendSession(FrameType.READY, encodeReady());
  }

  /** Ends the session with RESET CLOSED, waits (at most `flushMs`) for it to go out, and lets go of the stream. */
  async close(flushMs: number): Promise<void> {
    const hadSession = this.session !== undefined;
    this.endSession('target closing');
    if (hadSession) {
      const abort = new AbortController();
      const reset = this.link.finish(
        FrameType.RESET,
        encodeReset({ reason: ResetReason.CLOSED, nonce: 0, text: 'target closing' }),
      );
      await Promise.race([reset, this.options.clock.sleep(flushMs, abort.signal).catch(() => undefined)]);
      abort.abort();
    }
    this.link.detach();
  }

  private onSessionFrame(frame: Frame): void {
    if (frame.type === FrameType.HELLO) {
      this.onHello(frame.payload);
    } else if (frame.type === FrameType.RESET) {
      const reset = decodeReset(frame.payload);
      this.endSession(
        `reset by the initiator: ${resetReasonName(reset.reason)}${reset.text ? ` (${reset.text})` : ''}`,
      );
    }
  }

  private onHello(payload: Buffer): void {
    const hello = decodeHello(payload);
    if (!hello.ok) {
      // answer with the nonce when it is readable, so only the initiator that sent this HELLO gives up
      const nonce = payload.length >= SessionProtocol.FIXED_LENGTH ? payload.readUInt32BE(2) : 0;
      this.sendReset(ResetReason.MALFORMED_HELLO, hello.reason, nonce);
      return;
    }
    if (hello.value.version !== SessionProtocol.VERSION) {
      this.sendReset(
        ResetReason.UNSUPPORTED_VERSION,
        `this target speaks version ${SessionProtocol.VERSION}`,
        hello.value.nonce,
      );
      return;
    }
    const current = this.session;
    if (current && current.nonce === hello.value.nonce && current.initiatorName === hello.value.initiatorName) {
      this.sendWelcome(current); // a retransmitted HELLO of the session already running
      return;
    }
    this.endSession('superseded by a new HELLO');
    this.startSession(hello.value);
  }

  private startSession(hello: Hello): void {
    const session: Session = {
      nonce: hello.nonce,
      initiatorName: hello.initiatorName,
      nexus: `serial:${hello.initiatorName}@${this.options.portName}`,
    };
    this.session = session;
    this.sessionsStarted++;
    this.link.activate();
    this.sendWelcome(session);
    this.options.logger.info({ nexus: session.nexus }, 'serial target: session started');
    this.options.onSessionStart(session.nexus, session.initiatorName);
  }

  private endSession(reason: string): void {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    this.queue.length = 0;
    this.link.deactivate();
    try {
      this.options.backend.nexusLost(session.nexus);
    } catch (error) {
      this.options.logger.error({ err: error, nexus: session.nexus }, 'serial target: backend failed on nexusLost');
    }
    this.options.logger.info({ nexus: session.nexus, reason }, 'serial target: session ended');
    this.options.onSessionEnd(session.nexus, reason);
  }

  private sendWelcome(session: Session): void {
    this.link.sendSession(
      FrameType.WELCOME,
      encodeWelcome({ version: SessionProtocol.VERSION, nonce: session.nonce, nexus: session.nexus }),
    );
  }

  private sendReset(reason: number, text: string, nonce = 0): void {
    this.options.logger.warn({ reason: resetReasonName(reason), text }, 'serial target: sending RESET');
    this.link.sendSession(FrameType.RESET, encodeReset({ reason, nonce, text }));
  }

  private onStray(): void {
    const now = this.options.clock.now();
    if (now - this.lastStrayReset < TargetDefaults.STRAY_RESET_INTERVAL_MS) return;
    this.lastStrayReset = now;
    this.sendReset(ResetReason.NO_SESSION, 'no session: send HELLO first');
  }

  private onMessage(type: number, message: Buffer): void {
    const session = this.session;
    if (type !== FrameType.COMMAND || !session) {
      this.options.logger.debug({ type }, 'serial target: ignored a message that is not a COMMAND');
      return;
    }
    const command = decodeCommand(message);
    if (!command.ok) {
      this.reject(peekTag(message), command.reason);
      return;
    }
    if (this.queue.length >= this.options.queueDepth) {
      this.respond(command.value, ResponseCode.COMPLETED, {
        status: ScsiStatus.TASK_SET_FULL,
        dataIn: Buffer.alloc(0),
      });
      return;
    }
    this.queue.push({ session, command: command.value });
    void this.drain();
  }

  private onMessageDropped(type: number, head: Buffer, reason: string): void {
    if (type === FrameType.COMMAND) this.reject(peekTag(head), reason);
  }

  private reject(tag: number | undefined, reason: string): void {
    this.options.logger.warn({ tag, reason }, 'serial target: malformed COMMAND rejected');
    if (tag !== undefined)
      this.respond({ tag, allocationLength: 0 }, ResponseCode.REJECTED, { status: 0, dataIn: Buffer.alloc(0) });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const { session, command } = next;
        let result: BackendResult;
        try {
          result = await this.options.backend.execute(
            session.nexus,
            command.lun,
            command.cdb,
            command.dataOut.length > 0 ? command.dataOut : undefined,
          );
        } catch (error) {
          this.options.logger.error(
            { err: error, nexus: session.nexus },
            'serial target: backend failed to execute a command',
          );
          if (this.session === session)
            this.respond(command, ResponseCode.TARGET_FAILURE, { status: 0, dataIn: Buffer.alloc(0) });
          continue;
        }
        this.commandsExecuted++;
        if (this.session === session) this.respond(command, ResponseCode.COMPLETED, result);
      }
    } finally {
      this.running = false;
    }
  }

  private respond(
    command: Pick<CommandMessage, 'tag' | 'allocationLength'>,
    code: number,
    result: BackendResult,
  ): void {
    const sent = Math.min(result.dataIn.length, command.allocationLength);
    try {
      const message = encodeResponse({
        tag: command.tag,
        code,
        status: result.status,
        sense: result.sense ?? Buffer.alloc(0),
        residualOverflow: result.dataIn.length - sent,
        dataIn: result.dataIn.subarray(0, sent),
      });
      this.link.sendMessage(FrameType.RESPONSE, message);
    } catch (error) {
      // Only a backend answer the layout cannot carry (sense over 64 KiB) lands here.
      this.options.logger.error({ err: error, tag: command.tag }, 'serial target: could not encode a RESPONSE');
      this.link.sendMessage(
        FrameType.RESPONSE,
        encodeResponse({
          tag: command.tag,
          code: ResponseCode.TARGET_FAILURE,
          status: 0,
          sense: Buffer.alloc(0),
          residualOverflow: 0,
          dataIn: Buffer.alloc(0),
        }),
      );
    }
  }
}
