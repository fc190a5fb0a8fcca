/**
 * The initiator's side of iSCSI numbering on one session: the next CmdSN, the command window the target grants
 * (ExpCmdSN..MaxCmdSN) and the next StatSN expected.
 * Spec: RFC 7143 4.2.2.1 (CmdSN, ExpCmdSN, MaxCmdSN update rules), 4.2.2.2 (StatSN, ExpStatSN); docs/iscsi.md 7.2.
 */
import { serialAdd, serialGt, serialLe, serialLt } from '../serial-number.js';

/** CmdSN, the window and ExpStatSN of one session, updated only as RFC 7143 4.2.2 allows (docs/iscsi.md 7.2). */
export class CommandNumbering {
  /** The CmdSN the next non-immediate request carries (immediate ones carry it without taking it). */
  cmdSN: number;
  /** The StatSN expected next, sent back as ExpStatSN. */
  expStatSN: number;
  private expCmdSN: number;
  private maxCmdSN: number;

  constructor(first: { cmdSN: number; expCmdSN: number; maxCmdSN: number; expStatSN: number }) {
    this.cmdSN = first.cmdSN >>> 0;
    this.expCmdSN = first.expCmdSN;
    this.maxCmdSN = first.maxCmdSN;
    this.expStatSN = first.expStatSN;
  }

  /** Whether the window allows one more numbered command (CmdSN <= MaxCmdSN). */
  get open(): boolean {
    return serialLe(this.cmdSN, this.maxCmdSN);
  }

  /** Takes the current CmdSN for a numbered command. */
  take(): number {
    const taken = this.cmdSN;
    this.cmdSN = serialAdd(this.cmdSN, 1);
    return taken;
  }

  /** A window from the target: ignored when MaxCmdSN < ExpCmdSN - 1; otherwise each edge only moves forward. */
  window(exp: number, max: number): void {
    if (serialLt(max, serialAdd(exp, -1))) return;
    if (serialGt(max, this.maxCmdSN)) this.maxCmdSN = max;
    if (serialGt(exp, this.expCmdSN)) this.expCmdSN = exp;
  }

  /** A StatSN from the target: ExpStatSN moves past it, never back. */
  status(statSN: number): void {
    const next = serialAdd(statSN, 1);
    if (serialGt(next, this.expStatSN)) this.expStatSN = next;
  }
}
