/**
 * The dispatcher: enforces the common rules before a handler runs, in this order — CDB length for the opcode,
 * control byte (NACA or LINK set: 05/24/00 pointing at the bit), unknown opcode (05/20/00) or service action
 * (05/24/00 byte 1), unit attention (one reported and cleared per command; INQUIRY, REPORT LUNS and REQUEST SENSE
 * exempt) and then a pending deferred error, reservation conflict (status 18h), not ready, injected faults,
 * BUSY under busyPolicy 'busy' — then the handler, then a durable commit of what changed, then the status.
 * Nothing escapes execute(): a handler that throws is answered 04/44/00 INTERNAL TARGET FAILURE and logged.
 * Spec: SAM-5 5.3 (status), the unit attention condition, the CONTROL byte (NACA, LINK); SPC-4 4.5 deferred
 * errors; SPC-2 reservations (reservation conflict); docs/smc-reference.md 1.5, 1.7; docs/architecture.md style
 * rule 3.
 */
import { errorField } from '../../common/logger.js';
import { cdbLengthForOpcode, describeCdb, encodeSense, ScsiStatus, SenseKey } from '../../scsi/codec/index.js';
import type { ChangerCore } from './changer-core.js';
import type { BackendResult } from '../../scsi/transport/scsi-target-backend.js';
import type { CommandContext, CommandHandler } from '../commands/command-handler.js';
import { cdbField, fail, failWith, senseOf, statusOnly, type Outcome } from '../commands/outcome.js';
import type { CommandTable } from '../commands/registry.js';
import { MotionAborted } from '../mechanics/robot.js';

const NO_DATA = Buffer.alloc(0);
const GOOD_NO_DATA: BackendResult = Object.freeze({ status: ScsiStatus.GOOD, dataIn: NO_DATA });

/** A command's outcome as the answer a transport carries; sense in descriptor format when `dSense`. */
export function resultOf(o: Outcome, dSense: boolean): BackendResult {
  switch (o.kind) {
    case 'good':
      return o.data.length === 0 ? GOOD_NO_DATA : { status: ScsiStatus.GOOD, dataIn: o.data };
    case 'check':
      return { status: ScsiStatus.CHECK_CONDITION, sense: encodeSense(o.sense, dSense), dataIn: NO_DATA };
    case 'status':
      return { status: o.status, dataIn: NO_DATA };
  }
}

/**
 * The checks of a CDB's frame for a command `length` bytes long: too short 05/24/00 byte 0; the control byte's
 * NACA (bit 2) or LINK (bit 0) set 05/24/00 pointing at the bit. Undefined when the frame is fine.
 */
export function checkCdbFrame(cdb: Uint8Array, length: number): Outcome | undefined {
  if (cdb.length < length) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(0));
  const control = cdb[length - 1] as number;
  if (control & 0x04) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(length - 1, 2));
  if (control & 0x01) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(length - 1, 0));
  return undefined;
}

/** Runs CDBs against one changer core. */
export class Dispatcher {
  constructor(
    private readonly core: ChangerCore,
    private readonly table: CommandTable,
  ) {}

  /** Executes one command; never throws or rejects. */
  async execute(nexus: string, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult> {
    try {
      return this.toResult(await this.dispatch(nexus, cdb, dataOut));
    } catch (e) {
      if (e instanceof MotionAborted) return this.aborted(nexus, e);
      this.core.logger.error({ detail: errorField(e) }, `internal target failure on ${describeCdb(cdb)}`);
      return this.toResult(fail(SenseKey.HARDWARE_ERROR, 'INTERNAL_TARGET_FAILURE'));
    }
  }

  private toResult(o: Outcome): BackendResult {
    return resultOf(o, this.core.dSense);
  }

  /** A command stopped by a power loss learns of it at once (06/29/00); one dropped by task management: TASK ABORTED. */
  private aborted(nexus: string, e: MotionAborted): BackendResult {
    if (e.why === 'task-aborted') return this.toResult(statusOnly(ScsiStatus.TASK_ABORTED));
    this.core.nexuses.adopt(nexus);
    return this.toResult(fail(SenseKey.UNIT_ATTENTION, 'POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED'));
  }

  /** Finds the handler, or the failure of the CDB-level checks. */
  private resolve(cdb: Uint8Array): CommandHandler | Outcome {
    if (cdb.length === 0) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_COMMAND_OPERATION_CODE', cdbField(0));
    const opcode = cdb[0] as number;
    const entry = this.table.byOpcode.get(opcode);
    const length =
      entry === undefined
        ? cdbLengthForOpcode(opcode)
        : entry instanceof Map
          ? (entry.values().next().value as CommandHandler).cdbLength
          : (entry as CommandHandler).cdbLength;
    const frame = length === undefined ? undefined : checkCdbFrame(cdb, length);
    if (frame !== undefined) return frame;
    if (entry === undefined) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_COMMAND_OPERATION_CODE', cdbField(0));
    if (!(entry instanceof Map)) return entry as CommandHandler;
    const handler = entry.get((cdb[1] ?? 0) & 0x1f);
    return handler ?? fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(1, 4));
  }

  private async dispatch(nexus: string, cdb: Uint8Array, dataOut: Uint8Array | undefined): Promise<Outcome> {
    const handler = this.resolve(cdb);
    if ('kind' in handler) return handler;
    const core = this.core;
    const ns = core.nexuses.get(nexus);
    if (!handler.unitAttentionExempt) {
      const ua = ns.unitAttentions.shift();
      if (ua) return fail(SenseKey.UNIT_ATTENTION, ua);
      const deferred = ns.deferred;
      if (deferred) {
        ns.deferred = undefined;
        return { kind: 'check', sense: senseOf(deferred.key, deferred, undefined, true) };
      }
    }
    const holder = core.nexuses.reservation;
    const exempt = handler.reservationExempt?.(cdb) ?? false;
    if (holder !== undefined && holder !== nexus && !exempt) return statusOnly(ScsiStatus.RESERVATION_CONFLICT);
    if (!exempt && !handler.persistentReservationExempt && !core.persistent.allows(nexus, handler.robot === true))
      return statusOnly(ScsiStatus.RESERVATION_CONFLICT);
    if (handler.ready !== 'none') {
      const nr = core.notReady(handler.ready === 'motion');
      if (nr) return failWith(nr);
    }
    const fault = core.faults.takeCommandFault(cdb[0] as number);
    if (fault && !fault.deferred) return failWith(fault.sense);
    if (handler.robot && core.busyPolicy === 'busy' && core.robot.busy) return statusOnly(ScsiStatus.BUSY);
    const ctx: CommandContext = { core, nexus, cdb, dataOut, commands: this.table.handlers };
    const outcome = await handler.execute(ctx);
    const durable = core.commitForAnswer();
    if (durable !== undefined) await durable;
    if (fault?.deferred) core.nexuses.get(nexus).deferred = fault.sense;
    return outcome;
  }
}
