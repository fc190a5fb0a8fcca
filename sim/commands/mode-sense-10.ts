/**
 * MODE SENSE(10): as MODE SENSE(6) with the 8-byte mode parameter header(10); LLBAA is ignored (no block
 * descriptors are ever returned).
 * Spec: SPC-4 6.14 MODE SENSE(10), 7.5.5 (mode parameter header(10)); SMC-3 7.3; docs/smc-reference.md 1.4.
 */
import { decodeModeSense10Cdb, encodeModeParameterList10 } from '../../scsi/codec/index.js';
import type { CommandHandler } from './command-handler.js';
import { cut } from './cut.js';
import { senseModePages } from './mode-sense-6.js';
import { failField, good } from './outcome.js';

/** The MODE SENSE(10) handler (registered in registry.ts; behaviour in the header above). */
export const modeSense10: CommandHandler = {
  name: 'MODE SENSE(10)',
  opcode: 0x5a,
  cdbLength: 10,
  ready: 'none',
  execute({ core, cdb }) {
    const d = decodeModeSense10Cdb(cdb);
    if (!d.ok) return failField(d.error);
    const pages = senseModePages(core, d.value.pageControl, d.value.pageCode, d.value.subpageCode);
    if (!Array.isArray(pages)) return pages;
    return good(cut(encodeModeParameterList10(pages), d.value.allocationLength));
  },
};
