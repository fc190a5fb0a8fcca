/**
 * What the target answers itself before a CDB reaches the backend: REPORT LUNS for any LUN (the list comes from
 * the backend), and the SPC answers for LUNs without a logical unit (INQUIRY with peripheral qualifier 011b,
 * REQUEST SENSE and everything else reporting LOGICAL UNIT NOT SUPPORTED). A backend that throws becomes a
 * CHECK CONDITION, never a crash.
 * Spec: SPC-4 6.33 (REPORT LUNS; well-known LUN answers for any LUN), 6.6.2 and table 141 (peripheral qualifier
 * 011b, device type 1Fh), 6.39 (REQUEST SENSE), 4.5.3 (fixed format sense), SAM-5 4.7 (LUN formats).
 */
import { Opcode } from '../../../codec/opcodes.js';
import { Asc, SenseKey, type AscAscq } from '../../../codec/sense-codes.js';
import { ScsiStatus } from '../../../codec/status.js';
import type { BackendResult, ScsiTargetBackend } from '../../scsi-target-backend.js';
import type { IscsiLogger } from '../logger.js';
import { encodeLun } from '../pdu/pdu.js';

/** 18-byte fixed-format current sense data (SPC-4 4.5.3). */
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

/** REPORT LUNS parameter data for `luns` (8-byte header, 8 bytes per LUN), cut to `allocationLength`. */
export function reportLunsData(luns: readonly number[], allocationLength: number): Buffer {
  const sorted = [...new Set(luns)].sort((x, y) => x - y);
  const data = Buffer.alloc(8 + sorted.length * 8);
  data.writeUInt32BE(sorted.length * 8, 0);
  sorted.forEach((lun, i) => encodeLun(lun, data, 8 + i * 8));
  return data.subarray(0, Math.min(data.length, allocationLength));
}

function absentLunInquiry(allocationLength: number): Buffer {
  const data = Buffer.alloc(36, 0x20);
  data[0] = 0x7f; // peripheral qualifier 011b, device type 1Fh: no logical unit here
  data[1] = 0;
  data[2] = 0x06; // SPC-4
  data[3] = 0x02;
  data[4] = 31;
  data.fill(0, 5, 8);
  return data.subarray(0, Math.min(36, allocationLength));
}

/** Routes CDBs to the backend, answering REPORT LUNS and absent LUNs itself. */
export class LunGateway {
  constructor(
    private readonly backend: ScsiTargetBackend,
    private readonly logger: IscsiLogger,
  ) {}

  /** Whether `lun` has a logical unit. */
  hasLun(lun: number): boolean {
    return this.backend.luns().includes(lun);
  }

  async execute(nexus: string, lun: number, cdb: Buffer, dataOut: Buffer | undefined): Promise<BackendResult> {
    const opcode = cdb[0] as number;
    if (opcode === Opcode.REPORT_LUNS) return this.reportLuns(cdb);
    if (!this.hasLun(lun)) return this.absentLun(cdb);
    try {
      return await this.backend.execute(nexus, lun, cdb, dataOut);
    } catch (err) {
      this.logger.error('backend failed a command; answering INTERNAL TARGET FAILURE', {
        nexus,
        lun,
        cdb: cdb.toString('hex'),
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
      return checkCondition(SenseKey.HARDWARE_ERROR, Asc.INTERNAL_TARGET_FAILURE);
    }
  }

  private reportLuns(cdb: Buffer): BackendResult {
    if (cdb.length < 12) return checkCondition(SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB);
    const selectReport = cdb[2] as number;
    const allocationLength = cdb.readUInt32BE(6);
    let luns: readonly number[];
    if (selectReport === 0x00 || selectReport === 0x02) luns = this.backend.luns();
    else if (selectReport === 0x01) luns = [];
    else return checkCondition(SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB);
    return { status: ScsiStatus.GOOD, dataIn: reportLunsData(luns, allocationLength) };
  }

  private absentLun(cdb: Buffer): BackendResult {
    const opcode = cdb[0] as number;
    if (opcode === Opcode.INQUIRY && cdb.length >= 6 && ((cdb[1] as number) & 0x01) === 0) {
      return { status: ScsiStatus.GOOD, dataIn: absentLunInquiry(cdb.readUInt16BE(3)) };
    }
    if (opcode === Opcode.REQUEST_SENSE && cdb.length >= 6) {
      const sense = fixedSense(SenseKey.ILLEGAL_REQUEST, Asc.LOGICAL_UNIT_NOT_SUPPORTED);
      return { status: ScsiStatus.GOOD, dataIn: sense.subarray(0, Math.min(sense.length, cdb[4] as number)) };
    }
    return checkCondition(SenseKey.ILLEGAL_REQUEST, Asc.LOGICAL_UNIT_NOT_SUPPORTED);
  }
}
