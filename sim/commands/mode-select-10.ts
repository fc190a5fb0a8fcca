/**
 * MODE SELECT(10): applies a parameter list with the 8-byte mode parameter header(10) (see mode-select-apply.ts).
 * Spec: SPC-4 6.12 MODE SELECT(10); docs/smc-reference.md 1.1.
 */
import { decodeModeSelect10Cdb } from '../../scsi/codec/index.js';
import type { CommandHandler } from './command-handler.js';
import { applyModeSelect } from './mode-select-apply.js';
import { failField } from './outcome.js';

/** The MODE SELECT(10) handler (registered in registry.ts; behaviour in the header above). */
export const modeSelect10: CommandHandler = {
  name: 'MODE SELECT(10)',
  opcode: 0x55,
  cdbLength: 10,
  ready: 'none',
  execute(ctx) {
    const d = decodeModeSelect10Cdb(ctx.cdb);
    if (!d.ok) return failField(d.error);
    return applyModeSelect(ctx, 8, d.value.sp, d.value.parameterListLength);
  },
};
