/**
 * The target's command window: delivers non-immediate commands in CmdSN order, holds early arrivals, drops
 * commands outside [ExpCmdSN, MaxCmdSN], and advances MaxCmdSN as tasks finish (never backwards).
 * Spec: RFC 7143 4.2.2.1 (command numbering and acknowledging; out-of-window commands are silently ignored),
 * 3.2.2.1 (ordering), 11.17.1 (a rejected command leaves a CmdSN gap for the initiator to plug); docs/iscsi.md 7.2.
 */
import { serialAdd, serialGt, serialInWindow, serialLt } from '../serial-number.js';

/** What happened to a delivered command. */
export type Delivery = 'run' | 'held' | 'dropped';

/** CmdSN bookkeeping for one session. */
export class CommandWindow {
  private exp: number;
  private max: number;
  private readonly held = new Map<number, () => void>();

  constructor(
    expCmdSN: number,
    private readonly depth: number,
  ) {
    this.exp = expCmdSN >>> 0;
    this.max = serialAdd(this.exp, depth - 1);
  }

  /** The next CmdSN expected. */
  get expCmdSN(): number {
    return this.exp;
  }

  /** The highest CmdSN the initiator may send. */
  get maxCmdSN(): number {
    return this.max;
  }

  /** Number of commands waiting for an earlier CmdSN. */
  get heldCount(): number {
    return this.held.size;
  }

  /**
   * Takes a non-immediate command. `run` is called now when it is the next expected, later when the gap before it
   * fills, or never when it is outside the window or a duplicate.
   */
  deliver(cmdSN: number, run: () => void): Delivery {
    const sn = cmdSN >>> 0;
    if (sn === this.exp) {
      this.exp = serialAdd(this.exp, 1);
      run();
      this.drain();
      return 'run';
    }
    if (serialInWindow(sn, this.exp, this.max) && !this.held.has(sn)) {
      this.held.set(sn, run);
      return 'held';
    }
    return 'dropped';
  }

  /**
   * Treats `cmdSN` as received without running anything (an ABORT TASK naming a command that never arrived).
   * Returns false when it is outside the window.
   */
  consume(cmdSN: number): boolean {
    const sn = cmdSN >>> 0;
    if (!serialInWindow(sn, this.exp, this.max)) return false;
    if (sn === this.exp) {
      this.held.delete(sn);
      this.exp = serialAdd(this.exp, 1);
      this.drain();
    } else {
      this.held.set(sn, () => undefined);
    }
    return true;
  }

  /** Whether `cmdSN` is a command still waiting in the window (arrived early or not yet arrived). */
  isPending(cmdSN: number): boolean {
    return serialInWindow(cmdSN >>> 0, this.exp, this.max);
  }

  /** Opens the window as tasks finish: MaxCmdSN = ExpCmdSN - 1 + depth - outstanding, never decreasing. */
  update(outstanding: number): void {
    const candidate = serialAdd(this.exp, Math.max(0, this.depth - outstanding) - 1);
    if (serialGt(candidate, this.max)) this.max = candidate;
  }

  private drain(): void {
    for (;;) {
      const next = this.held.get(this.exp);
      if (next === undefined) return;
      this.held.delete(this.exp);
      this.exp = serialAdd(this.exp, 1);
      next();
    }
  }

  /** Drops everything held (session end). */
  clear(): void {
    this.held.clear();
  }

  /** True when `a` comes before ExpCmdSN (already received). */
  isPast(cmdSN: number): boolean {
    return serialLt(cmdSN >>> 0, this.exp);
  }
}
