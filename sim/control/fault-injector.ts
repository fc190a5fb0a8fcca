/**
 * Faults the operator API arms: fail the next command (optionally of one opcode) with a given sense, or make
 * the next robot move fail mechanically. Each armed fault fires once.
 * Spec: docs/smc-reference.md 1.7 (4/15/01 mechanical positioning error: tgt, LTFS; 4/3B/16 mechanical positioning
 * or changer error: standard ASC, sense key 4 assumed [I]); SPC-4 4.5 (deferred errors).
 */
import type { SenseTriple } from '../personality/personality.js';

/** A command fault: the next command (of `opcode`, when given) ends CHECK CONDITION with `sense`. */
export interface CommandFault {
  readonly opcode?: number | undefined;
  readonly sense: SenseTriple;
  /** The command completes normally and the error is reported as deferred (71h) on the next command. */
  readonly deferred?: boolean | undefined;
}

/** Which sense a failed move reports: 4/15/01 (positioning) or 4/3B/16 (changer error). */
export type MoveFaultKind = 'positioning' | 'changer';

/** Armed faults of one simulator. */
export class FaultInjector {
  private readonly commands: CommandFault[] = [];
  private readonly moves: MoveFaultKind[] = [];

  /** Arms a command fault (several may be armed; each fires once, first armed first). */
  failNextCommand(fault: CommandFault): void {
    this.commands.push(fault);
  }

  /** Takes the first armed fault that applies to `opcode`, if any. */
  takeCommandFault(opcode: number): CommandFault | undefined {
    if (this.commands.length === 0) return undefined;
    const i = this.commands.findIndex((f) => f.opcode === undefined || f.opcode === opcode);
    if (i < 0) return undefined;
    return this.commands.splice(i, 1)[0];
  }

  /** Arms a mechanical failure for the next MOVE MEDIUM or EXCHANGE MEDIUM. */
  failNextMove(kind: MoveFaultKind): void {
    this.moves.push(kind);
  }

  takeMoveFault(): MoveFaultKind | undefined {
    return this.moves.shift();
  }

  /** What is armed, for the status view. */
  pending(): { commands: CommandFault[]; moves: MoveFaultKind[] } {
    return { commands: [...this.commands], moves: [...this.moves] };
  }

  clear(): void {
    this.commands.length = 0;
    this.moves.length = 0;
  }
}
