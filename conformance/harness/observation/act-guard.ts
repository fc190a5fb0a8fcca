/**
 * What a path's declaration promises about the changer, enforced on the SCSI trace of the RSM model's own
 * I_T nexus during each act step: `hostOnly: true` means the call under test sends the changer no command at
 * all (the host model decides alone); `destructive: false` means it sends none that moves a cartridge or changes
 * what the operator can reach (MOVE MEDIUM, EXCHANGE MEDIUM, OPEN/CLOSE IMPORT/EXPORT ELEMENT, PREVENT ALLOW
 * MEDIUM REMOVAL, INITIALIZE ELEMENT STATUS). A path that breaks its declaration fails its act step, naming the
 * commands.
 * Spec: conformance/harness/return-path.ts (hostOnly, destructive); SMC-3 6 (command set), SPC-4 6 (commands for
 * all device types).
 * See docs/smc-reference.md 1.1 (the command set).
 */
import { Opcode } from '../../../scsi/codec/index.js';
import type { TraceEntry } from '../../../scsi/host/tracing-transport.js';

/** A path's declarations the guard enforces. */
export interface ActRules {
  readonly hostOnly: boolean;
  readonly destructive: boolean;
}

/**
 * Operation codes of commands that move media or change what the operator can reach (SMC-3, SPC-4:
 * docs/smc-reference.md 1.1).
 */
export const CHANGING_OPCODES: ReadonlyMap<number, string> = new Map([
  [Opcode.MOVE_MEDIUM, 'MOVE MEDIUM'],
  [Opcode.EXCHANGE_MEDIUM, 'EXCHANGE MEDIUM'],
  [Opcode.OPEN_CLOSE_IMPORT_EXPORT_ELEMENT, 'OPEN/CLOSE IMPORT/EXPORT ELEMENT'],
  [Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL, 'PREVENT ALLOW MEDIUM REMOVAL'],
  [Opcode.INITIALIZE_ELEMENT_STATUS, 'INITIALIZE ELEMENT STATUS'],
  [Opcode.INITIALIZE_ELEMENT_STATUS_WITH_RANGE, 'INITIALIZE ELEMENT STATUS WITH RANGE'],
]);

const opcodeOf = (e: TraceEntry) => Number.parseInt(e.cdb.slice(0, 2), 16);
const shown = (e: TraceEntry) => `#${e.seq} ${e.command} (${e.cdb})`;

/** Why `sent` (the RSM nexus's commands during one act) breaks `rules`; undefined when it does not. */
export function actViolation(rules: ActRules, act: string, sent: readonly TraceEntry[]): string | undefined {
  if (rules.hostOnly && sent.length > 0) {
    return `the path is declared hostOnly, but during "${act}" the RSM model sent the changer ${sent.length} command(s): ${sent.map(shown).join(', ')}`;
  }
  const changing = sent.filter((e) => CHANGING_OPCODES.has(opcodeOf(e)));
  if (!rules.destructive && changing.length > 0) {
    return `the path is declared destructive: false, but during "${act}" the RSM model sent ${changing.map(shown).join(', ')}`;
  }
  return undefined;
}
