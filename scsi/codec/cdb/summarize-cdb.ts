/**
 * A short, operator-facing name of a CDB for the SCSI log ("READ ELEMENT STATUS storage 4096+23 VOLTAG",
 * "MOVE MEDIUM 4100 → 256"): the command and the fields a lab engineer looks for, addresses in decimal. Where
 * describeCdb (describe-cdb.ts) lists every field for traces, this names what the command does. A CDB that does
 * not decode falls back to describeCdb's text (name, hex bytes and the reason). Never throws.
 * Spec: SMC-3 (T10/1730-D) 6.6 MOVE MEDIUM, 6.10 READ ELEMENT STATUS, and EXCHANGE MEDIUM, INITIALIZE ELEMENT
 * STATUS WITH RANGE, POSITION TO ELEMENT, OPEN/CLOSE IMPORT/EXPORT ELEMENT, PREVENT ALLOW MEDIUM REMOVAL; SPC-4 6.13
 * MODE SENSE(6); docs/smc-reference.md 1.2.
 */
import { Opcode } from '../opcodes.js';
import { hexCode } from './cdb-fields.js';
import { describeCdb, findCdbCommand } from './describe-cdb.js';
import type { ExchangeMediumCdb } from './exchange-medium.js';
import type { InitializeElementStatusWithRangeCdb } from './initialize-element-status-with-range.js';
import type { InquiryCdb } from './inquiry.js';
import type { ModeSense6Cdb } from './mode-sense-6.js';
import type { ModeSense10Cdb } from './mode-sense-10.js';
import type { MoveMediumCdb } from './move-medium.js';
import { ImportExportAction, type OpenCloseImportExportElementCdb } from './open-close-import-export-element.js';
import type { PositionToElementCdb } from './position-to-element.js';
import type { PreventAllowMediumRemovalCdb } from './prevent-allow-medium-removal.js';
import type { ReadElementStatusCdb } from './read-element-status.js';

const TYPE_WORDS = ['all', 'transport', 'storage', 'import/export', 'drive'] as const;
const flag = (on: boolean, word: string): string => (on ? ` ${word}` : '');

/** Per opcode: how the decoded fields read (the name comes from the codec's table). */
const SUMMARIES: ReadonlyMap<number, (f: never) => string> = new Map<number, (f: never) => string>([
  [
    Opcode.READ_ELEMENT_STATUS,
    (f: ReadElementStatusCdb) =>
      `${TYPE_WORDS[f.elementType]} ${f.startingAddress}+${f.numberOfElements}${flag(f.voltag, 'VOLTAG')}${flag(f.dvcid, 'DVCID')}${flag(f.curdata, 'CURDATA')}`,
  ],
  [Opcode.MOVE_MEDIUM, (f: MoveMediumCdb) => `${f.sourceAddress} → ${f.destinationAddress}${flag(f.invert, 'INVERT')}`],
  [
    Opcode.EXCHANGE_MEDIUM,
    (f: ExchangeMediumCdb) => `${f.sourceAddress} → ${f.firstDestinationAddress} → ${f.secondDestinationAddress}`,
  ],
  [Opcode.POSITION_TO_ELEMENT, (f: PositionToElementCdb) => `to ${f.destinationAddress}`],
  [Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL, (f: PreventAllowMediumRemovalCdb) => (f.prevent === 1 ? 'PREVENT' : 'ALLOW')],
  [
    Opcode.OPEN_CLOSE_IMPORT_EXPORT_ELEMENT,
    (f: OpenCloseImportExportElementCdb) =>
      `${f.actionCode === ImportExportAction.OPEN ? 'open' : f.actionCode === ImportExportAction.CLOSE ? 'close' : `action ${hexCode(f.actionCode)}`} ${f.elementAddress}`,
  ],
  [
    Opcode.INITIALIZE_ELEMENT_STATUS_WITH_RANGE,
    (f: InitializeElementStatusWithRangeCdb) =>
      `${f.range ? `${f.startingAddress}+${f.numberOfElements}` : 'all'}${flag(f.fast, 'FAST')}`,
  ],
  [Opcode.INQUIRY, (f: InquiryCdb) => (f.evpd ? `VPD ${hexCode(f.pageCode)}` : 'standard')],
  [Opcode.MODE_SENSE_6, (f: ModeSense6Cdb) => `page ${hexCode(f.pageCode)}`],
  [Opcode.MODE_SENSE_10, (f: ModeSense10Cdb) => `page ${hexCode(f.pageCode)}`],
]);

/** The short operator-facing line of a CDB (see the file comment). */
export function summarizeCdb(cdb: Uint8Array): string {
  const info = cdb.length === 0 ? undefined : findCdbCommand(cdb[0] ?? 0);
  if (info === undefined) return describeCdb(cdb);
  const decoded = info.decode(cdb);
  if (!decoded.ok) return describeCdb(cdb);
  const summary = SUMMARIES.get(info.opcode) as ((f: object) => string) | undefined;
  if (summary === undefined) return info.name;
  return `${info.name} ${summary(decoded.value)}`;
}
