/**
 * REPORT LUNS (A0h) CDB codec.
 * Spec: SPC-4 (T10/1731-D) REPORT LUNS command; docs/smc-reference.md 1.5.
 * Layout (12 bytes): 0 opcode A0h; 1 reserved; 2 SELECT REPORT; 3-5 reserved; 6-9 ALLOCATION LENGTH;
 * 10 reserved; 11 CONTROL. Which SELECT REPORT values are supported is the handler's decision.
 */
import { ok, type Decoded } from '../cdb-decoded.js';
import { Opcode } from '../opcodes.js';
import {
  byteAt,
  checkCdb,
  controlByte,
  newCdb,
  readUint,
  requireUint,
  writeUint,
  type WithDefaults,
} from './cdb-fields.js';

/** A decoded REPORT LUNS CDB. */
export interface ReportLunsCdb {
  /**
   * SELECT REPORT (byte 2): 00h addressable LUs, 01h well-known LUs, 02h all (SPC-4 adds 10h-12h;
   * docs/scsi-model.md 9).
   */
  readonly selectReport: number;
  /** ALLOCATION LENGTH (bytes 6-9). */
  readonly allocationLength: number;
  /** CONTROL byte (byte 11). */
  readonly control: number;
}

/** Encoder input for REPORT LUNS: SELECT REPORT and CONTROL default to 0. */
export type ReportLunsCdbInput = WithDefaults<ReportLunsCdb, 'selectReport' | 'control'>;

const NAME = 'REPORT LUNS';
const LENGTH = 12;

/** Builds a 12-byte REPORT LUNS CDB. Throws RangeError when a field does not fit its bits. */
export function encodeReportLunsCdb(fields: ReportLunsCdbInput): Buffer {
  const cdb = newCdb(Opcode.REPORT_LUNS, LENGTH);
  cdb[2] = requireUint('selectReport', fields.selectReport ?? 0, 8);
  writeUint(cdb, 6, 4, requireUint('allocationLength', fields.allocationLength, 32));
  cdb[11] = controlByte(fields.control);
  return cdb;
}

/** Decodes a REPORT LUNS CDB; never throws. */
export function decodeReportLunsCdb(cdb: Uint8Array): Decoded<ReportLunsCdb> {
  const bad = checkCdb(cdb, Opcode.REPORT_LUNS, LENGTH, NAME);
  if (bad) return bad;
  return ok({ selectReport: byteAt(cdb, 2), allocationLength: readUint(cdb, 6, 4), control: byteAt(cdb, 11) });
}
