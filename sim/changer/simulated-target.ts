/**
 * A SCSI target device hosting the simulated changer at one LUN (default 0), as transports see it. REPORT LUNS
 * is answered for every LUN; a LUN without a logical unit answers INQUIRY with peripheral qualifier 011b and
 * device type 1Fh, REQUEST SENSE with GOOD and 05/25/00 sense data, everything else CHECK CONDITION 05/25/00
 * LOGICAL UNIT NOT SUPPORTED. Task management and nexus loss are passed to the changer.
 * Spec: SPC-4 6.6.2 (peripheral qualifier 011b), 6.33 REPORT LUNS, 6.39 REQUEST SENSE (incorrect logical unit);
 * SAM-5 (task management functions); docs/smc-reference.md 1.5, 1.7 (5/25/00, Dell TL).
 */
import { ScaledClock, type Clock } from '../../common/clock/clock.js';
import { errorField } from '../../common/logger.js';
import type {
  BackendResult,
  ScsiTargetBackend,
  TaskManagementFunction,
} from '../../scsi/transport/scsi-target-backend.js';
import { decodeInquiryCdb, encodeSense, Opcode, ScsiStatus, SenseKey } from '../../scsi/codec/index.js';
import { cut } from '../commands/cut.js';
import { standardInquiryData } from '../commands/inquiry.js';
import { fail, senseOf } from '../commands/outcome.js';
import { answerReportLuns, reportLuns } from '../commands/report-luns.js';
import { checkCdbFrame, resultOf } from './dispatcher.js';
import type { SimulatedChanger } from './simulated-changer.js';

/** One command as the target answered it, for the SCSI log (sim/service/command-record.ts decodes it). */
export interface CommandRecord {
  readonly nexus: string;
  readonly lun: number;
  readonly cdb: Uint8Array;
  readonly result: BackendResult;
  /** When the command arrived (the target's clock, ms since the epoch). */
  readonly startedAt: number;
  /** From arrival to the answer, in ms (robot motion and queueing included). */
  readonly durationMs: number;
}

/** Called after every command the target answers, on every transport. */
export type CommandObserver = (record: CommandRecord) => void;

/** Options of a simulated target. */
export interface SimulatedTargetOptions {
  /** LUN of the changer (default 0). */
  readonly lun?: number | undefined;
  /** Time of command records (default: real time, whatever the changer's mechanical time scale). */
  readonly clock?: Clock | undefined;
}

/** The target side every transport (in-memory, iSCSI, serial) calls. */
export class SimulatedTarget implements ScsiTargetBackend {
  readonly lun: number;
  private readonly clock: Clock;
  private readonly observers = new Set<CommandObserver>();

  constructor(
    readonly changer: SimulatedChanger,
    options: SimulatedTargetOptions = {},
  ) {
    this.lun = options.lun ?? 0;
    this.clock = options.clock ?? new ScaledClock(1);
    const listed = changer.core.reportedLuns;
    if (listed.length !== 1 || listed[0] !== this.lun) {
      throw new RangeError(
        `a changer hosted at LUN ${this.lun} must list [${this.lun}] in REPORT LUNS, not [${listed.join(', ')}]: build it with reportedLuns (createInProcessTarget does)`,
      );
    }
  }

  /** Calls `observer` after every command from now on; the function returned stops it. */
  observe(observer: CommandObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  luns(): readonly number[] {
    return [this.lun];
  }

  async execute(nexus: string, lun: number, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult> {
    if (this.observers.size === 0) return this.answer(nexus, lun, cdb, dataOut);
    const startedAt = this.clock.now();
    const result = await this.answer(nexus, lun, cdb, dataOut);
    const record: CommandRecord = {
      nexus,
      lun,
      cdb: Uint8Array.from(cdb),
      result,
      startedAt,
      durationMs: this.clock.now() - startedAt,
    };
    for (const observer of this.observers) {
      try {
        observer(record);
      } catch (err) {
        this.changer.core.logger.error({ detail: errorField(err) }, 'a SCSI command observer failed');
      }
    }
    return result;
  }

  private answer(nexus: string, lun: number, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult> {
    if (lun === this.lun) return this.changer.execute(nexus, cdb, dataOut);
    return Promise.resolve(this.absentUnit(cdb));
  }

  private absentUnit(cdb: Uint8Array): BackendResult {
    const opcode = cdb[0];
    if (opcode === Opcode.REPORT_LUNS)
      return resultOf(checkCdbFrame(cdb, reportLuns.cdbLength) ?? answerReportLuns(cdb, this.luns()), false);
    if (opcode === Opcode.INQUIRY) {
      const d = decodeInquiryCdb(cdb);
      if (d.ok && !d.value.evpd)
        return {
          status: ScsiStatus.GOOD,
          dataIn: cut(standardInquiryData(this.changer.personality, false), d.value.allocationLength),
        };
    }
    if (opcode === Opcode.REQUEST_SENSE && cdb.length >= 6) {
      const data = encodeSense(
        senseOf(SenseKey.ILLEGAL_REQUEST, 'LOGICAL_UNIT_NOT_SUPPORTED'),
        ((cdb[1] ?? 0) & 0x01) !== 0,
      );
      return { status: ScsiStatus.GOOD, dataIn: cut(data, cdb[4] ?? 0) };
    }
    return resultOf(fail(SenseKey.ILLEGAL_REQUEST, 'LOGICAL_UNIT_NOT_SUPPORTED'), false);
  }

  taskManagement(nexus: string, fn: TaskManagementFunction, lun?: number): void {
    const ours = lun === undefined || lun === this.lun;
    switch (fn) {
      case 'abort-task':
        return;
      case 'abort-task-set':
        if (ours) this.changer.abortTasks(nexus, 'task-set');
        return;
      case 'clear-task-set':
        if (ours) this.changer.abortTasks(nexus, 'clear-task-set');
        return;
      case 'logical-unit-reset':
        if (ours) this.changer.reset('logical-unit');
        return;
      case 'target-warm-reset':
        this.changer.reset('target-warm');
        return;
      case 'target-cold-reset':
        this.changer.reset('power-on');
        return;
    }
  }

  nexusLost(nexus: string): void {
    this.changer.nexusLost(nexus);
  }
}
