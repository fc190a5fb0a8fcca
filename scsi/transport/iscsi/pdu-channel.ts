/**
 * One TCP connection carrying iSCSI PDUs, used by both the target and the initiator: framing with the digests in
 * force, one write per PDU (header and data together, no copy of large data), and a reader that hands complete
 * PDUs to its owner.
 * Spec: RFC 7143 11.2 (PDU framing), 13.1 (digests take effect in the full feature phase), 7.8 (a header digest
 * error loses the stream: the connection is dropped).
 */
import type { Socket } from 'node:net';
import { IscsiProtocolError } from './errors.js';
import type { IscsiLogger } from './logger.js';
import { framePdu, NO_DIGESTS, PduReader, type DigestSettings, type PduReaderSettings, type ReceivedPdu } from './pdu/pdu-framing.js';
import type { Pdu } from './pdu/pdu.js';

/** Callbacks of a PduChannel. */
export interface PduChannelHandlers {
  /** A complete PDU. Exceptions thrown here close the connection (they are bugs or unrecoverable errors). */
  onPdu(pdu: ReceivedPdu): void;
  /** A framing error that loses the stream (bad header digest, oversized segment); the channel closes next. */
  onFramingError(error: IscsiProtocolError, header: Buffer | undefined): void;
  /** The connection is gone; `error` says why when it was not a clean close. */
  onClose(error: Error | undefined): void;
}

/** Below this many bytes a PDU is written as one concatenated buffer; above, header and data are corked. */
const CONCAT_LIMIT = 16384;
/** When this much is waiting to be sent, stop reading new PDUs until the peer has taken it (backpressure). */
const WRITE_HIGH_WATER = 32 * 1024 * 1024;

/** A socket speaking iSCSI PDUs. */
export class PduChannel {
  private readonly settings: PduReaderSettings;
  private readonly reader: PduReader;
  private error: Error | undefined;
  private isClosed = false;

  constructor(
    readonly socket: Socket,
    maxRecvDataSegmentLength: number,
    private readonly handlers: PduChannelHandlers,
    private readonly logger: IscsiLogger,
    /** Stop reading while more than WRITE_HIGH_WATER bytes wait to be sent (the target side sets this). */
    private readonly throttleReads = false,
  ) {
    this.settings = { digests: NO_DIGESTS, maxDataSegmentLength: maxRecvDataSegmentLength };
    this.reader = new PduReader(this.settings, (pdu) => this.handlers.onPdu(pdu));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (err) => {
      this.error ??= err;
    });
    socket.on('close', () => {
      this.isClosed = true;
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

  /** Writes one PDU. Silently dropped once the connection is closing. */
  send(pdu: Pdu): void {
    if (this.closed) return;
    const parts = framePdu(pdu, this.settings.digests);
    this.writeParts(parts);
  }

  /** Writes several PDUs in one corked batch (a command's Data-In PDUs and its status). */
  sendAll(pdus: readonly Pdu[]): void {
    if (this.closed || pdus.length === 0) return;
    if (pdus.length === 1) {
      this.send(pdus[0] as Pdu);
      return;
    }
    this.socket.cork();
    for (const pdu of pdus) for (const part of framePdu(pdu, this.settings.digests)) this.socket.write(part);
    this.socket.uncork();
    this.throttle();
  }

  /** Flushes what was written and closes our side. */
  end(): void {
    this.reader.stop();
    if (!this.socket.destroyed) this.socket.end();
  }

  /** Closes at once, dropping unsent data. */
  destroy(error?: Error): void {
    this.reader.stop();
    if (error !== undefined) this.error ??= error;
    this.socket.destroy();
  }

  private writeParts(parts: Buffer[]): void {
    let total = 0;
    for (const p of parts) total += p.length;
    if (parts.length === 1 || total <= CONCAT_LIMIT) {
      this.socket.write(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, total));
    } else {
      this.socket.cork();
      for (const p of parts) this.socket.write(p);
      this.socket.uncork();
    }
    this.throttle();
  }

  /** A peer that sends but does not read must not make us buffer without bound: pause reading until drained. */
  private throttle(): void {
    if (!this.throttleReads || this.socket.writableLength < WRITE_HIGH_WATER || this.socket.isPaused()) return;
    this.socket.pause();
    this.socket.once('drain', () => this.socket.resume());
  }

  private receive(chunk: Buffer): void {
    this.guard(() => this.reader.push(chunk));
  }

  private guard(work: () => void): void {
    try {
      work();
    } catch (err) {
      this.reader.stop();
      if (err instanceof IscsiProtocolError && err.fatal) {
        this.logger.warn('iSCSI framing error, closing the connection', { reason: err.message });
        try {
          this.handlers.onFramingError(err, this.reader.lastHeader);
        } catch (inner) {
          this.logger.error('error while handling a framing error', { error: String(inner) });
        }
        this.end();
      } else {
        this.logger.error('unexpected error while handling a PDU, closing the connection', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        this.destroy(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }
}
