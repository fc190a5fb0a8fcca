/**
 * MODE SENSE(6): mode parameter header(6) without block descriptors, then the requested page or all pages
 * (3Fh; subpage 00h or FFh). Page control 00b current, 01b changeable, 10b default; 11b saved: 05/39/00 (no page
 * is saveable). An unknown page or subpage: 05/24/00 with the field pointer.
 * Spec: SPC-4 6.13 MODE SENSE(6), 7.5 mode parameters; SMC-3 7.3; docs/smc-reference.md 1.2 (mtx sends DBD=1, page
 * 1Dh), 1.4.
 */
import { decodeModeSense6Cdb, encodeModeParameterList6, ModePageCode, SenseKey } from '../../scsi/codec/index.js';
import type { ChangerCore } from '../changer/changer-core.js';
import type { CommandHandler } from './command-handler.js';
import { cut } from './cut.js';
import { MODE_PAGE_CODES, modePageBytes, PageControl } from './mode-pages.js';
import { cdbField, fail, failField, good, type Outcome } from './outcome.js';

/** The pages a MODE SENSE asks for, or the failure (shared by MODE SENSE(6) and (10)). */
export function senseModePages(
  core: ChangerCore,
  pc: number,
  pageCode: number,
  subpageCode: number,
): Buffer[] | Outcome {
  if (pc === PageControl.SAVED)
    return fail(SenseKey.ILLEGAL_REQUEST, 'SAVING_PARAMETERS_NOT_SUPPORTED', cdbField(2, 7));
  const all = pageCode === ModePageCode.ALL;
  if (subpageCode !== 0 && !(all && subpageCode === 0xff))
    return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(3));
  if (all) return MODE_PAGE_CODES.map((code) => modePageBytes(core, code, pc) as Buffer);
  const page = modePageBytes(core, pageCode, pc);
  if (!page) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(2, 5));
  return [page];
}

/** The MODE SENSE(6) handler (registered in registry.ts; behaviour in the header above). */
export const modeSense6: CommandHandler = {
  name: 'MODE SENSE(6)',
  opcode: 0x1a,
  cdbLength: 6,
  ready: 'none',
  execute({ core, cdb }) {
    const d = decodeModeSense6Cdb(cdb);
    if (!d.ok) return failField(d.error);
    const pages = senseModePages(core, d.value.pageControl, d.value.pageCode, d.value.subpageCode);
    if (!Array.isArray(pages)) return pages;
    return good(cut(encodeModeParameterList6(pages), d.value.allocationLength));
  },
};
