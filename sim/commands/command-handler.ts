/**
 * The shape of one command handler and what the dispatcher needs to know about it to enforce the common rules
 * before it runs (CDB length, unit attention, reservation, readiness, robot use).
 * Spec: SAM-5 (unit attention: INQUIRY and REPORT LUNS are not affected, REQUEST SENSE reports it as data);
 * SPC-2 reservations and docs/smc-reference.md 1.7 (commands allowed under another nexus's reservation);
 * docs/architecture.md style rules 2 and 3.
 */
import type { ChangerCore } from '../changer/changer-core.js';
import type { Personality } from '../personality/personality.js';
import type { Outcome } from './outcome.js';

/** Everything a handler may use. */
export interface CommandContext {
  readonly core: ChangerCore;
  readonly nexus: string;
  readonly cdb: Uint8Array;
  readonly dataOut: Uint8Array | undefined;
  /** The handlers this product implements (for REPORT SUPPORTED OPERATION CODES). */
  readonly commands: readonly CommandHandler[];
}

/**
 * When the library must be ready: 'none' (always answered: INQUIRY, REQUEST SENSE, MODE SENSE...), 'ready'
 * (not while powering on, offline or inventorying: READ ELEMENT STATUS), 'motion' (also not while the door is
 * open: robot commands and TEST UNIT READY).
 */
export type ReadyRule = 'none' | 'ready' | 'motion';

/** One SCSI command the simulated changer implements. */
export interface CommandHandler {
  /** T10 name ("MOVE MEDIUM"). */
  readonly name: string;
  readonly opcode: number;
  /** Service action (byte 1 bits 4-0) for commands that have one. */
  readonly serviceAction?: number;
  /** CDB length; shorter CDBs are rejected before the handler runs. */
  readonly cdbLength: number;
  /** INQUIRY, REPORT LUNS, REQUEST SENSE: neither blocked by nor clearing a unit attention or deferred error. */
  readonly unitAttentionExempt?: boolean;
  /** Allowed while another nexus holds the reservation (docs/smc-reference.md 1.7 exempt list). */
  readonly reservationExempt?: (cdb: Uint8Array) => boolean;
  /** Never refused for a persistent reservation (PERSISTENT RESERVE IN/OUT judge their own service actions). */
  readonly persistentReservationExempt?: boolean;
  readonly ready: ReadyRule;
  /** Uses the robot: gets BUSY under busyPolicy 'busy' while the robot moves. */
  readonly robot?: boolean;
  /** Whether the product implements it (else the opcode is unknown: 05/20/00). Default: yes. */
  readonly supported?: (p: Personality) => boolean;
  execute(ctx: CommandContext): Outcome | Promise<Outcome>;
}

/** Reservation exemption for commands always allowed. */
export const ALWAYS = (): boolean => true;
