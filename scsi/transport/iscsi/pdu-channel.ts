/**
 * One TCP connection carrying iSCSI PDUs, used by both the target and the initiator: framing with the digests in
 * force, no copy of large data, and a reader that hands complete PDUs to its owner. With `coalesceWrites` (the
 * initiator's choice) PDUs sent in one turn of the event loop (commands issued together) leave in one vectored
 * write when the turn's synchronous work and microtasks are done: the socket is corked at the first send and
 * uncorked on process.nextTick. With `batchAnswers` (the target's choice) the answers to one read leave in at most
 * two writes: the first at once, so the host gets to work, and the rest together when the read's work is done;
 * the answers to a read that carried several PDUs leave in one write, at its end (see batchAnswer; answers sent
 * outside a read are batched alike). Holding every answer to the end, as the initiator does, put initiator and target into
 * lock-step with 8 commands in flight and cost a third of the throughput; writing each answer at once cost a
 * system call per answer (docs/iscsi.md section 5 has the figures).
 * With `closeLinger` (the target's choice), end() flushes and sends FIN, then destroys the socket after the
 * linger even if the peer never closes its side (a half-closed socket in FIN-WAIT-2 held its descriptor for as
 * long as the peer liked; issue 16 defect 6).
 * Spec: RFC 7143 11.2 (PDU framing), 13.1 (digests take effect in the full feature phase), 7.8 (a header digest
 * error loses the stream: the connection is dropped), 6 (login phase: a rejected login closes the connection); RFC 9293
 * 3.6 (closing a connection: FIN-WAIT-2 lasts until the peer closes).
 */
import type { Socket } from 'node:net';
import type { Clock, Timer } from '../../../common/clock/clock.js';
import { queueMicrotaskFast } from '../../../common/clock/microtask.js';
import { IscsiProtocolError } from './errors.js';
import { isAwaitedAnswer, type BusyPoller } from './busy-poll.js';
import type { Logger } from '../../../common/logger.js';
import {
  framePdu,
  NO_DIGESTS,
  PduReader,
  type DigestSettings,
  type PduReaderSettings,
  type ReceivedPdu,
} from './pdu/pdu-framing.js';
import type { Pdu } from './pdu/pdu.js';

/** How a PduChannel uses its socket. */
export interface PduChannelOptions {
  /** Stop reading while more than WRITE_HIGH_WATER bytes wait to be sent (the target side sets this). */
  readonly throttleReads?: boolean;
  /** Hold PDUs sent in one turn of the event loop and write them together at its end (the initiator sets this). */
  readonly coalesceWrites?: boolean;
  /**
   * Of the answers sent while one read is being worked on, write the first at once and the others together when
   * that work is done (the target sets this; ignored with coalesceWrites).
   */
  readonly batchAnswers?: boolean;
  /** Keep the event loop awake after each answer the host waits for (busy-poll.ts); the target sets it when busy polling is on. */
  readonly poller?: BusyPoller | undefined;
  /** After end(), destroy the socket once this much time of `clock` has passed (the answer has had time to leave). */
  readonly closeLinger?: { readonly clock: Clock; readonly ms: number } | undefined;
}

/** Callbacks of a PduChannel. */
export interface PduChannelHandlers {
  /** A complete PDU. Exceptions thrown here close the connection (they are bugs or unrecoverable errors). */
  onPdu(pdu: ReceivedPdu): void;
  /** A framing error that loses the stream (bad header digest, oversized segment); the channel closes next. */
  onFramingError(error: IscsiProtocolError, header: Buffer | undefined): void;
  /** The connection is gone; `error` says why when it was not a clean close. */
  onClose(error: Error | undefined): void;
}

/** An uncorked PDU of up to this many bytes is written as one concatenated buffer; a larger one is corked. */
const CONCAT_LIMIT = 16384;
/** When this much is waiting to be sent, stop reading new PDUs until the peer has taken it (backpressure). */
const WRITE_HIGH_WATER = 32 * 1024 * 1024;

/** A socket speaking iSCSI PDUs. */
export class PduChannel {
  private readonly settings: PduReaderSettings;
  private readonly reader: PduReader;
  private error: Error | undefined;
  private isClosed = false;
  private lingerTimer: Timer | undefined;
  /** The socket is corked until the end of this turn (see the module comment). */
  private flushPending = false;
  /** batchAnswers, unless coalesceWrites takes precedence. */
  private readonly batching: boolean;
  /** A read's work is under way (batching): answers sent so far in it, and whether the socket is corked for it. */
  private readWork = false;
  private readAnswers = 0;
  /** PDUs received in the current piece of work (batching). */
  private readPdus = 0;
  private readCorked = false;

  constructor(
    readonly socket: Socket,
    maxRecvDataSegmentLength: number,
    private readonly handlers: PduChannelHandlers,
    private readonly logger: Logger,
    private readonly options: PduChannelOptions = {},
  ) {
    this.settings = { digests: NO_DIGESTS, maxDataSegmentLength: maxRecvDataSegmentLength };
    this.batching = options.batchAnswers === true && options.coalesceWrites !== true;
    this.reader = new PduReader(this.settings, (pdu) => {
      this.readPdus++;
      this.handlers.onPdu(pdu);
    });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (err) => {
      this.error ??= err;
    });
    socket.on('close', () => {
      this.isClosed = true;
      this.lingerTimer?.cancel();
      this.reader.stop();
      this.handlers.onClose(this.error);
    });
  }

  /** True once the socket has closed or been ended by us. */
  get closed(): boolean {
    return this.isClosed || this.socket.destroyed || !this.socket.writable;
  }

  /** Digests for both directions, from the next PDU on. */
  setDigests(digests: DigestSettings): void {
    this.settings.digests = digests;
  }

  get digests(): DigestSettings {
    return this.settings.digests;
  }

  /** Largest data segment accepted from the peer. */
  setMaxRecvDataSegmentLength(length: number): void {
    this.settings.maxDataSegmentLength = length;
  }

  /** Holds back received PDUs until resume() (used between the last login response and the digest switch). */
  pause(): void {
    this.reader.pause();
  }

  /** Delivers held-back PDUs and continues. Errors are handled as for received data. */
  resume(): void {
    this.guard(() => this.reader.resume());
  }

  /** Writes one PDU (held to the end of the turn with coalesceWrites). Silently dropped once the connection is closing. */
  send(pdu: Pdu): void {
    if (this.closed) return;
    this.holdUntilEndOfTurn();
    this.batchAnswer();
    this.writeParts(framePdu(pdu, this.settings.digests));
    this.throttle();
    this.answered(pdu);
  }

  /** Queues several PDUs in order (a command's Data-In PDUs and its status). */
  sendAll(pdus: readonly Pdu[]): void {
    if (this.closed || pdus.length === 0) return;
    this.holdUntilEndOfTurn();
    this.batchAnswer();
    // Not already corked for the turn or the read: a response's PDUs still leave together, corked around the loop.
    const cork = !this.flushPending && !this.readCorked && pdus.length > 1;
    if (cork) this.socket.cork();
    for (const pdu of pdus) this.writeParts(framePdu(pdu, this.settings.digests));
    if (cork) this.socket.uncork();
    this.throttle();
    this.answered(pdus[pdus.length - 1] as Pdu);
  }

  /** Flushes what was written and closes our side (and, with closeLinger, the whole socket after the linger). */
  end(): void {
    this.reader.stop();
    if (this.socket.destroyed) return;
    this.socket.end();
    const linger = this.options.closeLinger;
    if (linger !== undefined && this.lingerTimer === undefined)
      this.lingerTimer = linger.clock.setTimer(linger.ms, () => this.socket.destroy());
  }

  /** Closes at once, dropping unsent data. */
  destroy(error?: Error): void {
    this.reader.stop();
    if (error !== undefined) this.error ??= error;
    this.socket.destroy();
  }

  /** With coalesceWrites, corks the socket until this turn's work is done (end() flushes, destroy() drops). */
  private holdUntilEndOfTurn(): void {
    if (this.flushPending || this.options.coalesceWrites !== true) return;
    this.flushPending = true;
    this.socket.cork();
    process.nextTick(() => {
      this.flushPending = false;
      if (!this.socket.destroyed) this.socket.uncork();
    });
  }

  /**
   * With batchAnswers, during a read's work: the first answer is written at once (the host starts on it while the
   * target works on the rest), the socket is corked from the second on, and endReadWork uncorks it. When the read
   * carried several PDUs (a host with several commands in flight) the socket is corked from the first answer: its
   * answers leave in one write. Measured with the neutral client (libiscsi, docs/iscsi.md 5.1), 8 MOVE MEDIUMs
   * in flight cost the target about a fifth less CPU per command that way, and TEST UNIT READY a sixth; a read
   * of one PDU still has its answer written at once. The work
   * includes the microtasks it queues, so the answers to MOVE MEDIUMs that the robot finishes in one go at a high
   * time scale (common/clock/clock.ts) leave together too. An answer sent outside a read's work (a move finishing
   * on a later turn, answers released by a group commit of the state file) starts a piece of work of its own: it
   * is written at once, and the answers sent in the same microtasks leave together after it.
   */
  private batchAnswer(): void {
    if (!this.batching) return;
    if (!this.readWork) this.startWork();
    this.readAnswers++;
    if ((this.readAnswers === 2 || this.readPdus > 1) && !this.readCorked) {
      this.readCorked = true;
      this.socket.cork();
    }
  }

  /** Queued as a microtask when a read arrives: its nextTick runs once every microtask queued meanwhile has run. */
  private readonly endReadWorkAfterMicrotasks = (): void => {
    process.nextTick(this.endReadWork);
  };

  private readonly endReadWork = (): void => {
    this.readWork = false;
    if (!this.readCorked) return;
    this.readCorked = false;
    if (!this.socket.destroyed) this.socket.uncork();
  };

  private writeParts(parts: Buffer[]): void {
    if (parts.length === 1) {
      this.socket.write(parts[0] as Buffer);
      return;
    }
    if (this.socket.writableCorked > 0) {
      for (const p of parts) this.socket.write(p);
      return;
    }
    let total = 0;
    for (const p of parts) total += p.length;
    if (total <= CONCAT_LIMIT) {
      this.socket.write(Buffer.concat(parts, total));
      return;
    }
    this.socket.cork();
    for (const p of parts) this.socket.write(p);
    this.socket.uncork();
  }

  /** A peer that sends but does not read must not make us buffer without bound: pause reading until drained. */
  private throttle(): void {
    if (this.options.throttleReads !== true || this.socket.writableLength < WRITE_HIGH_WATER || this.socket.isPaused())
      return;
    this.socket.pause();
    this.socket.once('drain', () => this.socket.resume());
  }

  /** `pdu` was sent. After an answer the host waits for (busy-poll.ts isAwaitedAnswer) its next command comes soon: the poller keeps the loop awake for it. */
  private answered(pdu: Pdu): void {
    if (this.options.poller !== undefined && isAwaitedAnswer(pdu.bhs)) this.options.poller.keepAwake();
  }

  private receive(chunk: Buffer): void {
    if (this.batching && !this.readWork) this.startWork();
    this.guard(() => this.reader.push(chunk));
  }

  /** A read, or an answer sent outside one, starts a piece of work that ends once its microtasks have run. */
  private startWork(): void {
    this.readWork = true;
    this.readAnswers = 0;
    this.readPdus = 0;
    queueMicrotaskFast(this.endReadWorkAfterMicrotasks);
  }

  private guard(work: () => void): void {
    try {
      work();
    } catch (err) {
      this.reader.stop();
      if (err instanceof IscsiProtocolError && err.fatal) {
        this.logger.warn({ reason: err.message }, 'iSCSI framing error, closing the connection');
        try {
          this.handlers.onFramingError(err, this.reader.lastHeader);
        } catch (inner) {
          this.logger.error({ error: String(inner) }, 'error while handling a framing error');
        }
        this.end();
      } else {
        this.logger.error(
          { error: err instanceof Error ? (err.stack ?? err.message) : String(err) },
          'unexpected error while handling a PDU, closing the connection',
        );
        this.destroy(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }
}
