/**
 * The request/response link the initiator's login runs on: PDUs from the channel are queued until the login
 * asks for the next one; a closed connection or the login deadline fails the wait.
 * Spec: RFC 7143 6 (login is a strict request/response exchange on one connection); docs/iscsi.md 7.3.
 */
import { TransportError } from '../../scsi-transport.js';
import type { Pdu } from '../pdu/pdu.js';

interface Waiter {
  resolve(pdu: Pdu): void;
  reject(error: Error): void;
}

/** A queue of received PDUs with at most one reader waiting. */
export class LoginLink {
  private readonly queue: Pdu[] = [];
  private waiter: Waiter | undefined;
  private failure: Error | undefined;

  constructor(
    readonly send: (pdu: Pdu) => void,
    /** Called before each wait (the owner resumes reading held-back PDUs). */
    private readonly beforeReceive: () => void = () => undefined,
  ) {}

  /** A PDU arrived. */
  push(pdu: Pdu): void {
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.resolve(pdu);
    } else {
      this.queue.push(pdu);
    }
  }

  /** The link is unusable (connection closed, deadline passed). */
  fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(this.failure);
  }

  /** The next PDU. */
  receive(): Promise<Pdu> {
    this.beforeReceive();
    const next = this.queue.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.waiter !== undefined)
      return Promise.reject(new TransportError('two readers on the login link', 'ETRANSPORT'));
    return new Promise<Pdu>((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }
}
