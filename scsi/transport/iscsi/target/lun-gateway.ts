/**
 * Where the iSCSI target hands a CDB to the backend. Every CDB, for every LUN and every operation code (REPORT
 * LUNS and LUNs without a logical unit included), goes to the backend unchanged, so the backend is the one place
 * that decides what a command gets, whatever the transport: serial and in-process callers reach the same
 * ScsiTargetBackend.execute with the same bytes and get the same status, sense and data. (The target used to
 * answer REPORT LUNS itself and skipped the backend's CDB checks: no field pointer for a bad SELECT REPORT, NACA
 * accepted; issue 16 defect 1.) A backend that throws becomes a CHECK CONDITION, never a crash.
 * Spec: SAM-5 (Execute Command: the device server decides), SPC-4 6.33 (REPORT LUNS, answered by the
 * device server for any LUN), 4.5.3 (fixed format sense); SAM-5 (the CONTROL byte).
 * See docs/scsi-model.md 1, 9 (REPORT LUNS), 7.1 and 6.
 */
import { Asc, SenseKey, type AscAscq } from '../../../codec/sense-codes.js';
import { ScsiStatus } from '../../../codec/status.js';
import type { BackendResult, ScsiTargetBackend } from '../../scsi-target-backend.js';
import type { Logger } from '../../../../common/logger.js';

/**
 * 18-byte fixed-format current sense data (SPC-4 4.5.3, docs/scsi-model.md 7.1), for the target's own transport-level
 * answers.
 */
export function fixedSense(key: number, code: AscAscq): Buffer {
  const sense = Buffer.alloc(18);
  sense[0] = 0x70;
  sense[2] = key & 0x0f;
  sense[7] = 10;
  sense[12] = code.asc;
  sense[13] = code.ascq;
  return sense;
}

/** A CHECK CONDITION result. */
export function checkCondition(key: number, code: AscAscq): BackendResult {
  return { status: ScsiStatus.CHECK_CONDITION, sense: fixedSense(key, code), dataIn: Buffer.alloc(0) };
}

/** Routes every CDB to the backend; only turns a backend failure into an answer. */
export class LunGateway {
  constructor(
    private readonly backend: ScsiTargetBackend,
    private readonly logger: Logger,
  ) {}

  /** Whether `lun` has a logical unit (task management to other LUNs answers LUN DOES NOT EXIST). */
  hasLun(lun: number): boolean {
    return this.backend.luns().includes(lun);
  }

  async execute(nexus: string, lun: number, cdb: Buffer, dataOut: Buffer | undefined): Promise<BackendResult> {
    try {
      return await this.backend.execute(nexus, lun, cdb, dataOut);
    } catch (err) {
      this.logger.error(
        {
          nexus,
          lun,
          cdb: cdb.toString('hex'),
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        },
        'backend failed a command; answering INTERNAL TARGET FAILURE',
      );
      return checkCondition(SenseKey.HARDWARE_ERROR, Asc.INTERNAL_TARGET_FAILURE);
    }
  }
}
