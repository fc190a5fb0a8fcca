/**
 * Faults a return path can cause at the library while the RSM model's queued work runs: a command answered with a
 * chosen sense (unit attention, NOT READY, destination full), a mechanical failure of the next move, a power
 * cycle. Only the simulator's control API can do this (`--operator sim`: in process, or a served simulator's
 * `--control` endpoint); paths that need it declare Capability.FAULT_INJECTION and skip elsewhere. Every fault
 * goes into the operator journal, so the report lists what was done to the library.
 * Spec: docs/smc-reference.md 1.7 (the sense codes changers report), 1.5 (power-on: 06/29/00, PREVENT cleared);
 * docs/simulator.md "Operator and fault API"; docs/rsm-semantics.md 7.2 (failed: FAILED + dwErrorCode).
 */
import { Opcode } from '../../../scsi/codec/opcodes.js';

/** Sense of a command fault (SPC-4 4.5, docs/scsi-model.md 7.3): key, additional sense code and qualifier. */
export interface InjectedSense {
  readonly key: number;
  readonly asc: number;
  readonly ascq: number;
}

/** A command fault: the next command with `opcode` (any command when omitted) ends CHECK CONDITION with `sense`. */
export interface CommandFault {
  readonly opcode?: number;
  readonly sense: InjectedSense;
}

/** The faults a target can cause; each call resolves once the fault is armed (or done, for a power cycle). */
export interface FaultInjection {
  /** "simulator control API" and the like, for the report. */
  readonly description: string;
  /** Arms a CHECK CONDITION for the next matching command; armed faults fire once each, first armed first. */
  failNextCommand(fault: CommandFault): Promise<void>;
  /** The next MOVE MEDIUM fails mechanically after its motion time (HARDWARE ERROR); the cartridge stays put. */
  failNextMove(kind?: 'positioning' | 'changer'): Promise<void>;
  /** Powers the library off and on (06/29/00 to every nexus, NOT READY 04/01 for the power-on time). */
  powerCycle(): Promise<void>;
  /** How many armed faults have not fired yet (commands and moves). */
  pending(): Promise<number>;
  /** Disarms every armed fault. */
  clear(): Promise<void>;
}

/** Operation codes the paths arm faults for (the suite's own nexus sends none of them, so only the model meets them). */
export const FAULT_OPCODES = { MOVE_MEDIUM: Opcode.MOVE_MEDIUM } as const;
