/**
 * Adaptive busy polling for a target process: after each answer a host waits for, keep the event
 * loop turning (one zero-timeout poll of the sockets per turn) for a short window instead of sleeping in the
 * kernel, so the host's next command is read without the cost of waking a sleeping process.
 *
 * Why: with one command in flight a round trip over loopback is mostly two process wake-ups. Measured on the
 * project's 2-core machine (`npm run bench -- --only iscsi`), keeping the simulator awake for 50 µs after each
 * answer about doubles TEST UNIT READY round trips per second at 1 command in flight. It is the technique of
 * Linux's SO_BUSY_POLL and of poll-mode storage targets (SPDK), applied only while answers are being waited on:
 * an idle target sleeps as before. With several commands in flight it helps too, now that the target writes the
 * answers to one read in at most two writes (pdu-channel.ts batchAnswers); before that batching, polling there
 * cost throughput, so it was limited to hosts with one command in flight.
 * It costs CPU: up to the window's length of one core after each answer. With a single CPU the spinning
 * process would keep its peer from running, so `sim serve` turns it off there (see docs/iscsi.md).
 *
 * Spec: none (an implementation choice of the target; the wire is unchanged).
 */
import { performance } from 'node:perf_hooks';
import { Iscsi, IscsiOpcode } from './constants.js';
import { pduInitiatorTaskTag, pduOpcode } from './pdu/pdu.js';

/** What a BusyPoller uses; injected in tests. */
export interface BusyPollerHost {
  /** Milliseconds, monotonic (default performance.now). */
  now(): number;
  /** Runs `work` in the next turn of the event loop, after its I/O poll (default setImmediate). */
  nextTurn(work: () => void): void;
}

/**
 * The wall clock and the event loop, on purpose (an exception to injected time, docs/architecture.md rule 9): polling
 * spends real CPU time while real sockets fill, and a virtual clock would never end a window.
 */
const REAL_HOST: BusyPollerHost = {
  now: () => performance.now(),
  nextTurn: (work) => {
    setImmediate(work);
  },
};

/** Longest busy-poll window accepted, in microseconds (beyond this it is spinning, not polling). */
export const MAX_BUSY_POLL_MICROS = 10_000;

/** Target PDUs a host answers at once (NOP-In only when it answers the host's own ping). */
const AWAITED_OPCODES: ReadonlySet<number> = new Set([
  IscsiOpcode.SCSI_RESPONSE,
  IscsiOpcode.DATA_IN,
  IscsiOpcode.R2T,
  IscsiOpcode.TASK_MANAGEMENT_RESPONSE,
  IscsiOpcode.TEXT_RESPONSE,
  IscsiOpcode.NOP_IN,
]);

/**
 * True for a PDU the host was waiting for, after which its next PDU comes soon: a command's status or data, an
 * R2T (Data-Out follows), a task management or text response, a NOP-In answering the host's NOP-Out. Not for what
 * the target sends on its own (its NOP-In pings, asynchronous messages) nor for the end of a conversation
 * (logout, reject). Spec: RFC 7143 11.18 and 11.19 (a target's ping carries ITT 0xffffffff); docs/iscsi.md 7.7.
 */
export function isAwaitedAnswer(bhs: Buffer): boolean {
  const opcode = pduOpcode(bhs);
  if (!AWAITED_OPCODES.has(opcode)) return false;
  return opcode !== IscsiOpcode.NOP_IN || pduInitiatorTaskTag(bhs) !== Iscsi.RESERVED_TAG;
}

/**
 * Keeps the event loop polling for `windowMicros` after each {@link keepAwake}. An IscsiTarget has one for all its
 * connections: the turns it keeps going serve every socket of the process. keepAwake during a window extends it.
 */
export class BusyPoller {
  private readonly windowMs: number;
  private deadline = 0;
  private spinning = false;
  private stopped = false;
  /** Turns spent polling so far (for tests and diagnostics). */
  turns = 0;

  constructor(
    readonly windowMicros: number,
    private readonly host: BusyPollerHost = REAL_HOST,
  ) {
    if (!Number.isInteger(windowMicros) || windowMicros < 1 || windowMicros > MAX_BUSY_POLL_MICROS) {
      throw new RangeError(
        `busy-poll window must be an integer from 1 to ${MAX_BUSY_POLL_MICROS} µs, got ${windowMicros}`,
      );
    }
    this.windowMs = windowMicros / 1000;
  }

  /** True while the loop is being kept awake. */
  get active(): boolean {
    return this.spinning;
  }

  /** Keeps the event loop awake until `windowMicros` from now. */
  keepAwake(): void {
    if (this.stopped) return;
    this.deadline = this.host.now() + this.windowMs;
    if (this.spinning) return;
    this.spinning = true;
    this.host.nextTurn(this.turn);
  }

  /** Ends the current window and ignores later keepAwake calls (the target is closing). */
  stop(): void {
    this.stopped = true;
    this.deadline = 0;
  }

  private readonly turn = (): void => {
    this.turns++;
    if (!this.stopped && this.host.now() < this.deadline) {
      this.host.nextTurn(this.turn);
      return;
    }
    this.spinning = false;
  };
}
