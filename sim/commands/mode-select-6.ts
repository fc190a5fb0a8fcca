/**
 * MODE SELECT(6): applies a parameter list with the 4-byte mode parameter header(6) (see mode-select-apply.ts).
 * SP=1 is rejected (05/24/00, byte 1 bit 0): no page is saveable.
 * Spec: SPC-4 6.11 MODE SELECT(6); docs/smc-reference.md 1.1.
 */
import { decodeModeSelect6Cdb } from '../../scsi/codec/index.js';
import type { CommandHandler } from './command-handler.js';
import { applyModeSelect } from './mode-select-apply.js';
import { failField } from './outcome.js';

/** The MODE SELECT(6) handler (registered in registry.ts; behaviour in the header above). */
export const modeSelect6: CommandHandler = {
  name: 'MODE SELECT(6)',
  opcode: 0x15,
  cdbLength: 6,
  ready: 'none',
  execute(ctx) {
    const d = decodeModeSelect6Cdb(ctx.cdb);
    if (!d.ok) return failField(d.error);
    return applyModeSelect(ctx, 4, d.value.sp, d.value.parameterListLength);
  },
};
