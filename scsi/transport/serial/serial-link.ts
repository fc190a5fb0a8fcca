/**
 * The link layer over any Duplex stream (a serial port, or an in-memory pair in tests): frame decoding with
 * resynchronisation, acknowledged in-order delivery with retransmission, fragmentation of messages, and the
 * stream's end.
 * Spec: docs/serial-framing.md sections 3.6 (resynchronisation), 5 (fragmentation), 6 (reliable delivery) and 7.4
 * (frames of a type this end never receives are ignored whole).
 */
import type { Duplex } from 'node:stream';
import type { Clock, Timer } from '../../../common/clock/clock.js';
import { FrameDecoder, type DecoderEvent } from './frame-decoder.js';
import { encodeFrame } from './frame-codec.js';
import {
  FrameType,
  MAX_FRAME_LENGTH,
  frameTypeName,
  isKnownType,
  isSequencedType,
  receives,
  type Frame,
  type LinkRole,
} from './frame-format.js';
import { Reassembler, splitMessage } from './fragmentation.js';
import { LineWriter, lineTimeMs } from './line-writer.js';
import { LinkReceiver, type ReceiverStats } from './link-receiver.js';
import { LinkSender, type SenderStats } from './link-sender.js';
import { SILENT_LOGGER, type Logger } from '../../../common/logger.js';

/** Defaults of the link (section 6.4). */
export const LinkDefaults = {
  WINDOW: 8,
  MAX_RETRIES: 8,
  /** Fixed part of the retransmission time-out; four largest frames' line time is added to it. */
  RETRANSMIT_BASE_MS: 250,
  RETRANSMIT_FRAMES: 4,
  /** Largest message accepted from the peer (64 MiB); bigger ones are dropped (section 5). */
  MAX_MESSAGE_BYTES: 64 * 1024 * 1024,
  /**
   * An incomplete frame still incomplete this long (plus the line time of the largest frame) after its first
   * byte arrived is given up and its bytes rescanned (section 3.6).
   */
  RESYNC_GRACE_MS: 200,
} as const;

/** Options of {@link SerialLink}. */
export interface SerialLinkOptions {
  /**
   * Which end this link is. Frames only the other end receives (a RESPONSE at a target, a COMMAND at an
   * initiator) are ignored: not acknowledged, not NAKed, no sequence number consumed (section 7.4).
   */
  readonly role: LinkRole;
  readonly clock: Clock;
  /** The line's nominal rate; sets the default retransmission time-out and, with `pace`, the output rate. */
  readonly baudRate: number;
  /** Limit output to baudRate/10 bytes per second (8N1), as a real line would. */
  readonly pace?: boolean | undefined;
  readonly window?: number | undefined;
  readonly retransmitMs?: number | undefined;
  readonly maxRetries?: number | undefined;
  readonly maxMessageBytes?: number | undefined;
  readonly resyncGraceMs?: number | undefined;
  readonly logger?: Logger | undefined;
}

/** The link's tuning knobs as the target and initiator accept them. */
export type SerialLinkTuning = Pick<
  SerialLinkOptions,
  'window' | 'retransmitMs' | 'maxRetries' | 'maxMessageBytes' | 'resyncGraceMs'
>;

/** What the link hands to its owner (the target or initiator session logic). */
export interface SerialLinkHandlers {
  /** A whole COMMAND or RESPONSE message, in order and exactly once. */
  message(type: number, message: Buffer): void;
  /** A message the link dropped (too large, cut short); `head` is its first fragment. */
  messageDropped(type: number, head: Buffer, reason: string): void;
  /** A HELLO, WELCOME, READY or RESET frame of a type this end receives. */
  session(frame: Frame): void;
  /** A sequenced frame of a type this end receives that arrived while the link is inactive (no session). */
  stray(frame: Frame): void;
  /** The peer stopped acknowledging: retries are exhausted. */
  dead(): void;
  /** The stream closed, ended or failed; the link is detached. */
  closed(error: Error | undefined): void;
}

/** Counters of one link. */
export interface LinkStats extends SenderStats, ReceiverStats {
  bytesIn: number;
  bytesOut: number;
  framesIn: number;
  garbageBytes: number;
  badFrames: number;
  unknownFrames: number;
  /** Frames of a known type that this end never receives (section 7.4), bad ones included. */
  ignoredFrames: number;
  droppedMessages: number;
}

/** The default retransmission time-out for a line of `baudRate`. */
export function defaultRetransmitMs(baudRate: number): number {
  return Math.ceil(
    LinkDefaults.RETRANSMIT_BASE_MS + LinkDefaults.RETRANSMIT_FRAMES * lineTimeMs(MAX_FRAME_LENGTH, baudRate),
  );
}

/** See the file comment. Inactive until {@link activate}: only session frames pass then. */
export class SerialLink {
  private readonly decoder = new FrameDecoder();
  private readonly writer: LineWriter;
  private readonly sender: LinkSender;
  private readonly receiver: LinkReceiver;
  private readonly reassembler: Reassembler;
  private readonly logger: Logger;
  private readonly counters = {
    bytesIn: 0,
    framesIn: 0,
    garbageBytes: 0,
    badFrames: 0,
    unknownFrames: 0,
    ignoredFrames: 0,
    droppedMessages: 0,
  };
  private readonly listeners: [string, (...args: unknown[]) => void][] = [];
  private activeFlag = false;
  private detached = false;
  private stallTimer: { readonly timer: Timer; readonly heldFrom: number } | undefined;
  private readonly clock: Clock;
  private readonly stallMs: number;
  private readonly role: LinkRole;

  constructor(
    private readonly stream: Duplex,
    private readonly handlers: SerialLinkHandlers,
    options: SerialLinkOptions,
  ) {
    if (!(options.baudRate > 0 && Number.isFinite(options.baudRate)))
      throw new RangeError(`baud rate must be positive, got ${options.baudRate}`);
    this.logger = options.logger ?? SILENT_LOGGER;
    this.role = options.role;
    this.clock = options.clock;
    this.stallMs =
      (options.resyncGraceMs ?? LinkDefaults.RESYNC_GRACE_MS) + lineTimeMs(MAX_FRAME_LENGTH, options.baudRate);
    this.writer = new LineWriter(stream, {
      clock: options.clock,
      paceBaudRate: options.pace ? options.baudRate : undefined,
    });
    this.sender = new LinkSender(
      this.writer,
      {
        clock: options.clock,
        window: options.window ?? LinkDefaults.WINDOW,
        retransmitMs: options.retransmitMs ?? defaultRetransmitMs(options.baudRate),
        maxRetries: options.maxRetries ?? LinkDefaults.MAX_RETRIES,
      },
      () => this.handlers.dead(),
    );
    this.receiver = new LinkReceiver((type, seq) =>
      this.writer.write(encodeFrame({ type, flags: 0, seq, payload: Buffer.alloc(0) }), 'control'),
    );
    this.reassembler = new Reassembler(options.maxMessageBytes ?? LinkDefaults.MAX_MESSAGE_BYTES);
    this.listen('data', (chunk: Buffer) => this.onData(chunk));
    this.listen('error', (error: Error) => this.onEnd(error));
    this.listen('close', (error?: unknown) => this.onEnd(error instanceof Error ? error : undefined));
    this.listen('end', () => this.onEnd(undefined));
  }

  /** Whether sequenced traffic is accepted (a session is up). */
  get active(): boolean {
    return this.activeFlag;
  }

  /** Nothing waits for an acknowledgement. */
  get idle(): boolean {
    return this.sender.idle;
  }

  /** Starts a session's sequenced traffic: numbering restarts at 0 on both halves. */
  activate(): void {
    this.resetSequencing();
    this.activeFlag = true;
  }

  /** Ends a session's sequenced traffic; queued data frames are dropped. */
  deactivate(): void {
    this.resetSequencing();
    this.activeFlag = false;
  }

  /** Sends a COMMAND or RESPONSE message, fragmented as needed (active links only). */
  sendMessage(type: number, message: Buffer): void {
    if (!this.activeFlag || this.detached) return;
    for (const fragment of splitMessage(message)) this.sender.send(type, fragment.flags, fragment.payload);
  }

  /** Sends an empty sequenced frame whose only purpose is to be acknowledged (liveness). */
  sendKeepalive(): void {
    if (this.activeFlag && !this.detached) this.sender.send(FrameType.KEEPALIVE, 0, Buffer.alloc(0));
  }

  /** Sends an unsequenced session frame (HELLO, WELCOME, READY, RESET) ahead of queued data. */
  sendSession(type: number, payload: Buffer): void {
    if (!this.detached) this.writer.write(encodeFrame({ type, flags: 0, seq: 0, payload }), 'control');
  }

  /**
   * Ends the link gracefully: queued frames are dropped, the frame under way is completed, then the session frame
   * `type` with `payload` goes out at once (unpaced). Resolves when the stream has taken the bytes. The link
   * sends nothing more; detach() it afterwards.
   */
  finish(type: number, payload: Buffer): Promise<void> {
    this.activeFlag = false;
    this.sender.close();
    return this.detached ? Promise.resolve() : this.writer.finish(encodeFrame({ type, flags: 0, seq: 0, payload }));
  }

  /** A snapshot of the counters. */
  stats(): LinkStats {
    return { ...this.counters, bytesOut: this.writer.bytesWritten, ...this.sender.stats, ...this.receiver.stats };
  }

  /** Stops timers and writing and lets go of the stream (which stays open: its owner closes it). */
  detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.activeFlag = false;
    this.stallTimer?.timer.cancel();
    this.sender.close();
    this.receiver.reset();
    this.writer.close();
    for (const [event, fn] of this.listeners) this.stream.off(event, fn);
    // A stream with no 'error' listener throws its errors into the process; keep a silent one.
    this.stream.on('error', () => undefined);
  }

  private listen(event: string, fn: (...args: never[]) => void): void {
    const listener = fn as (...args: unknown[]) => void;
    this.stream.on(event, listener);
    this.listeners.push([event, listener]);
  }

  private resetSequencing(): void {
    this.sender.reset();
    this.receiver.reset();
    this.reassembler.reset();
    this.writer.clearData();
  }

  private onEnd(error: Error | undefined): void {
    if (this.detached) return;
    this.detach();
    this.handlers.closed(error);
  }

  private onData(chunk: Buffer): void {
    if (this.detached) return;
    this.counters.bytesIn += chunk.length;
    this.handle(this.decoder.push(chunk));
  }

  private handle(events: DecoderEvent[]): void {
    try {
      for (const event of events) {
        if (this.detached) return;
        this.onEvent(event);
      }
    } catch (error) {
      // A bug in a handler must not take the process down with it; the link keeps serving.
      this.logger.error({ err: error }, 'serial link: error while handling received bytes');
    }
    const heldFrom = this.decoder.pendingLength > 0 && !this.detached ? this.decoder.heldFrom : undefined;
    if (this.stallTimer && this.stallTimer.heldFrom === heldFrom) return; // still the same candidate: keep its deadline
    this.stallTimer?.timer.cancel();
    this.stallTimer = undefined;
    if (heldFrom === undefined) return;
    // An incomplete frame is held. A real one completes within its line time; one that does not (a header cut
    // short or forged by noise) is given up and its bytes rescanned, rather than waiting for later traffic.
    const timer = this.clock.setTimer(this.stallMs, () => {
      this.stallTimer = undefined;
      if (!this.detached && this.decoder.pendingLength > 0 && this.decoder.heldFrom === heldFrom)
        this.handle(this.decoder.flush());
    });
    this.stallTimer = { timer, heldFrom };
  }

  private onEvent(event: DecoderEvent): void {
    if (event.kind === 'garbage') {
      this.counters.garbageBytes += event.length;
    } else if (event.kind === 'bad-frame') {
      if (this.ignores(event.type, event.seq)) return; // a NAK would ask for a frame that is not in our sequence
      this.counters.badFrames++;
      this.logger.debug(
        { type: frameTypeName(event.type), seq: event.seq, length: event.length },
        'serial link: frame with bad CRC-32C dropped',
      );
      if (this.activeFlag && isSequencedType(event.type)) this.receiver.onCorrupt();
    } else {
      this.counters.framesIn++;
      this.onFrame(event.frame);
    }
  }

  /** True (and counted) for a known frame type this end never receives; unknown types are for onFrame to count. */
  private ignores(type: number, seq: number): boolean {
    if (!isKnownType(type) || receives(this.role, type)) return false;
    this.counters.ignoredFrames++;
    this.logger.debug(
      { type: frameTypeName(type), seq, role: this.role },
      'serial link: ignored a frame this end never receives',
    );
    return true;
  }

  private onFrame(frame: Frame): void {
    if (this.ignores(frame.type, frame.seq)) return;
    switch (frame.type) {
      case FrameType.ACK:
        if (this.activeFlag) this.sender.onAck(frame.seq);
        return;
      case FrameType.NAK:
        if (this.activeFlag) this.sender.onNak(frame.seq);
        return;
      case FrameType.HELLO:
      case FrameType.WELCOME:
      case FrameType.READY:
      case FrameType.RESET:
        this.handlers.session(frame);
        return;
      default:
        break;
    }
    if (!isSequencedType(frame.type)) {
      this.counters.unknownFrames++;
      return;
    }
    if (!this.activeFlag) {
      this.handlers.stray(frame);
      return;
    }
    if (!this.receiver.accept(frame.seq) || frame.type === FrameType.KEEPALIVE) return;
    for (const done of this.reassembler.push(frame.type, frame.flags, frame.payload)) {
      if (done.ok) {
        this.handlers.message(done.type, done.message);
      } else {
        this.counters.droppedMessages++;
        this.handlers.messageDropped(done.type, done.head, done.reason);
      }
    }
  }
}
