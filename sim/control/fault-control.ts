/**
 * Power, online state, timing and fault injection of the control API (the operator actions are in
 * changer-control.ts, which extends this class).
 * Spec: docs/smc-reference.md 1.7 (02/04/12 offline; 4/15/01 and 4/3B/16 for mechanical failures), 1.5 (power-on
 * clears PREVENT and reservations, 06/29/00). Design: docs/simulator.md "Operator and fault API".
 */
import { Asc, SenseKey } from '../../scsi/codec/sense-codes.js';
import type { ChangerCore } from '../changer/changer-core.js';
import { done, isIntIn, refuse } from './control-checks.js';
import { ControlError, type ControlResult } from './control-types.js';
import type { MoveFaultKind } from './fault-injector.js';

/** A fault for the next command, as the control API takes it. */
export interface CommandFaultInput {
  /** Only a command with this operation code fails; any command when omitted. */
  readonly opcode?: number | undefined;
  readonly key: number;
  readonly asc: number;
  readonly ascq: number;
  /** Report it as a deferred error on the command after (the armed command itself completes). */
  readonly deferred?: boolean | undefined;
}

/** The sense each kind of mechanical move failure reports. */
export const MOVE_FAULT_SENSE = {
  positioning: { key: SenseKey.HARDWARE_ERROR, ...Asc.MECHANICAL_POSITIONING_ERROR },
  changer: { key: SenseKey.HARDWARE_ERROR, ...Asc.MECHANICAL_POSITIONING_OR_CHANGER_ERROR },
} as const;

/** Power, online and fault operations. */
/** The slow-motion factors accepted: a millionth to a million times the product's durations. */
export const SLOW_MOTION_RANGE = Object.freeze({ min: 1e-6, max: 1e6 });

/** Why `factor` is no slow-motion factor (naming the allowed range), or undefined when it is one. */
export function slowMotionProblem(factor: unknown): string | undefined {
  const { min, max } = SLOW_MOTION_RANGE;
  if (typeof factor === 'number' && Number.isFinite(factor) && factor >= min && factor <= max) return undefined;
  return `factor must be a number from ${min.toFixed(6)} to ${max} (1 is the product's own speed), got ${typeof factor === 'number' ? String(factor) : JSON.stringify(factor)}`;
}

export class FaultControl {
  constructor(protected readonly core: ChangerCore) {}

  /**
   * Power off and on: the robot stops where it is (a cartridge in the gripper goes back to its source at
   * power-on), timers die, PREVENT and reservations end, every nexus gets 06/29/00, and the library is NOT READY
   * 02/04/01 for the product's power-on time.
   */
  powerCycle(): ControlResult {
    this.core.powerCycle();
    return done(null);
  }

  /** Takes the library offline (NOT READY 02/04/12) or back online. */
  setOnline(online: boolean): ControlResult {
    this.core.setOnline(online === true);
    if (!this.core.offline) this.core.cleaning.retryAutoClean();
    return done(null);
  }

  /** Fails the next command (of one opcode, if given) with CHECK CONDITION and the given sense. */
  failNextCommand(fault: CommandFaultInput): ControlResult {
    if (typeof fault !== 'object' || fault === null)
      return refuse(ControlError.INVALID_ARGUMENT, 'a fault is { opcode?, key, asc, ascq, deferred? }');
    if (fault.opcode !== undefined && !isIntIn(fault.opcode, 0, 0xff))
      return refuse(ControlError.INVALID_ARGUMENT, 'opcode must be 0-255');
    if (!isIntIn(fault.key, 0, 0x0f)) return refuse(ControlError.INVALID_ARGUMENT, 'key must be 0-15');
    if (!isIntIn(fault.asc, 0, 0xff) || !isIntIn(fault.ascq, 0, 0xff))
      return refuse(ControlError.INVALID_ARGUMENT, 'asc and ascq must be 0-255');
    this.core.faults.failNextCommand({
      opcode: fault.opcode,
      sense: { key: fault.key, asc: fault.asc, ascq: fault.ascq },
      deferred: fault.deferred === true,
    });
    return done(null);
  }

  /**
   * Makes the next MOVE MEDIUM or EXCHANGE MEDIUM fail mechanically after its motion time: HARDWARE ERROR
   * 4/15/01 ('positioning', default) or 4/3B/16 ('changer'); the cartridge stays in its source.
   */
  failNextMove(kind: MoveFaultKind = 'positioning'): ControlResult {
    if (kind !== 'positioning' && kind !== 'changer')
      return refuse(ControlError.INVALID_ARGUMENT, 'kind must be "positioning" or "changer"');
    this.core.faults.failNextMove(kind);
    return done(null);
  }

  /** Disarms every armed fault. */
  clearFaults(): ControlResult {
    this.core.faults.clear();
    return done(null);
  }

  /** Slows (factor > 1) or speeds up (< 1) every mechanical duration started from now on; SLOW_MOTION_RANGE. */
  setSlowMotion(factor: number): ControlResult {
    const problem = slowMotionProblem(factor);
    if (problem !== undefined) return refuse(ControlError.INVALID_ARGUMENT, problem);
    this.core.setSlowFactor(factor);
    return done(null);
  }
}
