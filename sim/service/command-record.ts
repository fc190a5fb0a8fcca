/**
 * A SCSI command the simulator answered, decoded for people: the one line `sim serve` logs at debug level and the
 * lab view's SCSI log shows (time, initiator, CDB as an operator reads it, status and sense named, duration).
 * Spec: SAM-5 5.3 (status codes); SPC-4 4.5 (sense data); scsi/codec/cdb/summarize-cdb.ts for the CDB words.
 * See docs/scsi-model.md 2 and 7.
 */
import {
  decodeSense,
  describeSense,
  isWellFormedSense,
  statusName,
  summarizeCdb,
  ScsiStatus,
} from '../../scsi/codec/index.js';
import type { CommandRecord } from '../changer/simulated-target.js';

/** One decoded command, plain JSON. */
export interface CommandLine {
  /** Sequence number in this simulator's run (1, 2, ...). */
  readonly seq: number;
  /** Arrival, ms since the epoch. */
  readonly time: number;
  /** The I_T nexus (initiator) as the transport names it. */
  readonly initiator: string;
  readonly lun: number;
  readonly opcode: number;
  /** "MOVE MEDIUM 4100 → 256". */
  readonly command: string;
  /** "GOOD", "CHECK CONDITION", "RESERVATION CONFLICT"... */
  readonly status: string;
  /** "UNIT ATTENTION: POWER ON RESET OR BUS DEVICE RESET OCCURRED (29h/00h)", with CHECK CONDITION only. */
  readonly sense: string | null;
  /** The sense triple as KEY/ASC/ASCQ in hex ("06/29/00"), with CHECK CONDITION only. */
  readonly senseCode: string | null;
  readonly durationMs: number;
  /** Data-in bytes returned. */
  readonly dataIn: number;
}

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** Decodes a record (never throws: malformed sense is shown as such). */
export function decodeCommandRecord(record: CommandRecord, seq: number): CommandLine {
  const { result } = record;
  let sense: string | null = null;
  let senseCode: string | null = null;
  if (result.status === ScsiStatus.CHECK_CONDITION) {
    if (result.sense !== undefined && isWellFormedSense(result.sense)) {
      const s = decodeSense(result.sense);
      sense = describeSense(s);
      senseCode = `${hex2(s.key)}/${hex2(s.asc)}/${hex2(s.ascq)}`;
    } else sense = 'no usable sense data';
  }
  return {
    seq,
    time: record.startedAt,
    initiator: record.nexus,
    lun: record.lun,
    opcode: record.cdb[0] ?? -1,
    command: summarizeCdb(record.cdb),
    status: statusName(result.status),
    sense,
    senseCode,
    durationMs: Math.round(record.durationMs * 1000) / 1000,
    dataIn: result.dataIn.length,
  };
}

/** The line as text: "MOVE MEDIUM 4100 → 256: CHECK CONDITION 05/3B/0E ... (12.0 ms)". */
export function formatCommandLine(line: CommandLine): string {
  const outcome =
    line.sense === null ? line.status : `${line.status} ${line.senseCode ?? ''} ${line.sense}`.replace(/\s+/g, ' ');
  return `${line.command}: ${outcome} (${line.durationMs.toFixed(1)} ms)`;
}
