/**
 * The initiator's outstanding non-SCSI requests (NOP-Out pings, task management, text, logout), each waiting for
 * the response PDU with its Initiator Task Tag, with a time limit.
 * Spec: RFC 7143 11.5 / 11.6, 11.10 / 11.11, 11.14 / 11.15, 11.18 / 11.19 (responses echo the request's ITT);
 * docs/iscsi.md 7.7.
 */
import type { Clock } from '../../../../common/clock/clock.js';
import { TransportError } from '../../scsi-transport.js';
import type { Pdu } from '../pdu/pdu.js';

interface Waiter {
  readonly opcode: number;
  resolve(pdu: Pdu): void;
  reject(error: Error): void;
}

/** Requests waiting for their response, by Initiator Task Tag. */
export class PendingRequests {
  private readonly waiters = new Map<number, Waiter>();

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  has(itt: number): boolean {
    return this.waiters.has(itt);
  }

  /** Registers a request, calls `send`, and resolves with the response PDU of `opcode`. */
  wait(itt: number, opcode: number, send: () => void): Promise<Pdu> {
    return new Promise<Pdu>((resolve, reject) => {
      const timer = this.clock.setTimer(this.timeoutMs, () => {
        this.waiters.delete(itt);
        reject(new TransportError('no response from the target', 'ETIMEDOUT'));
      });
      this.waiters.set(itt, {
        opcode,
        resolve: (p) => {
          timer.cancel();
          resolve(p);
        },
        reject: (e) => {
          timer.cancel();
          reject(e);
        },
      });
      send();
    });
  }

  /** A response arrived: hands it to its request (an answer of the wrong kind fails the request). */
  settle(itt: number, opcode: number, pdu: Pdu): void {
    const waiter = this.waiters.get(itt);
    if (waiter === undefined) return;
    this.waiters.delete(itt);
    if (waiter.opcode === opcode) waiter.resolve(pdu);
    else
      waiter.reject(
        new TransportError(
          `answer opcode ${opcode.toString(16)}h to a request expecting ${waiter.opcode.toString(16)}h`,
          'ETRANSPORT',
        ),
      );
  }

  /** Fails one request. */
  fail(itt: number, error: Error): void {
    const waiter = this.waiters.get(itt);
    this.waiters.delete(itt);
    waiter?.reject(error);
  }

  /** Fails every request. */
  failAll(error: Error): void {
    const all = [...this.waiters.values()];
    this.waiters.clear();
    for (const waiter of all) waiter.reject(error);
  }
}
