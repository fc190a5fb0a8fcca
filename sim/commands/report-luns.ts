/**
 * REPORT LUNS: the LUN inventory. SELECT REPORT 00h and 02h list every logical unit, 01h (well-known LUNs only)
 * an empty list; other values: 05/24/00 byte 2. The target (sim/changer/simulated-target.ts) answers it for every LUN with the same
 * function; the changer's own handler serves in-process use without a target.
 * Spec: SPC-4 6.33 REPORT LUNS (allocation length truncation, no minimum); SAM-5 (not affected by unit
 * attention); docs/smc-reference.md 1.5.
 */
import { decodeReportLunsCdb, encodeReportLunsData, SenseKey } from '../../scsi/codec/index.js';
import { ALWAYS, type CommandHandler } from './command-handler.js';
import { cut } from './cut.js';
import { cdbField, fail, failField, good, type Outcome } from './outcome.js';

/** The answer to a REPORT LUNS CDB for a target with logical units at `luns`. */
export function answerReportLuns(cdb: Uint8Array, luns: readonly number[]): Outcome {
  const d = decodeReportLunsCdb(cdb);
  if (!d.ok) return failField(d.error);
  const { selectReport, allocationLength } = d.value;
  if (selectReport > 2) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(2));
  const list = selectReport === 1 ? [] : [...luns].sort((a, b) => a - b);
  return good(cut(encodeReportLunsData(list), allocationLength));
}

/** The REPORT LUNS handler (registered in registry.ts; behaviour in the header above). */
export const reportLuns: CommandHandler = {
  name: 'REPORT LUNS',
  opcode: 0xa0,
  cdbLength: 12,
  ready: 'none',
  unitAttentionExempt: true,
  reservationExempt: ALWAYS,
  execute: ({ core, cdb }) => answerReportLuns(cdb, core.reportedLuns),
};
