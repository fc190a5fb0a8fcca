/**
 * The one list of SCSI commands the simulated changer implements, and the lookup table built from it for one
 * product (commands the product lacks are left out, so they answer 05/20/00 and REPORT SUPPORTED OPERATION
 * CODES does not list them).
 * Spec: docs/smc-reference.md 1.1 (command set of a changer LU); docs/architecture.md style rule 2 (one file per command,
 * one list, a Map keyed by opcode and service action).
 */
import type { Personality } from '../personality/personality.js';
import type { CommandHandler } from './command-handler.js';
import { exchangeMedium } from './exchange-medium.js';
import { initializeElementStatus } from './initialize-element-status.js';
import { initializeElementStatusWithRange } from './initialize-element-status-with-range.js';
import { inquiry } from './inquiry.js';
import { modeSelect10 } from './mode-select-10.js';
import { modeSelect6 } from './mode-select-6.js';
import { modeSense10 } from './mode-sense-10.js';
import { modeSense6 } from './mode-sense-6.js';
import { moveMedium } from './move-medium.js';
import { openCloseImportExportElement } from './open-close-import-export-element.js';
import { persistentReserveIn } from './persistent-reserve-in.js';
import { persistentReserveOut } from './persistent-reserve-out.js';
import { positionToElement } from './position-to-element.js';
import { preventAllowMediumRemoval } from './prevent-allow-medium-removal.js';
import { readElementStatus } from './read-element-status.js';
import { release6 } from './release-6.js';
import { reportLuns } from './report-luns.js';
import { reportSupportedOperationCodes } from './report-supported-operation-codes.js';
import { requestSense } from './request-sense.js';
import { reserve6 } from './reserve-6.js';
import { testUnitReady } from './test-unit-ready.js';

/** Every handler, in opcode order. */
export const COMMAND_HANDLERS: readonly CommandHandler[] = [
  testUnitReady,
  requestSense,
  initializeElementStatus,
  inquiry,
  modeSelect6,
  reserve6,
  release6,
  modeSense6,
  openCloseImportExportElement,
  preventAllowMediumRemoval,
  positionToElement,
  initializeElementStatusWithRange,
  modeSelect10,
  modeSense10,
  persistentReserveIn,
  persistentReserveOut,
  reportLuns,
  reportSupportedOperationCodes,
  moveMedium,
  exchangeMedium,
  readElementStatus,
];

/** An opcode's entry: its handler, or its handlers by service action. */
export type CommandEntry = CommandHandler | ReadonlyMap<number, CommandHandler>;

/** The commands of one product. */
export interface CommandTable {
  readonly handlers: readonly CommandHandler[];
  readonly byOpcode: ReadonlyMap<number, CommandEntry>;
}

/** Builds the table for a product from {@link COMMAND_HANDLERS}. */
export function buildCommandTable(
  personality: Personality,
  handlers: readonly CommandHandler[] = COMMAND_HANDLERS,
): CommandTable {
  const list = handlers.filter((h) => h.supported?.(personality) ?? true);
  const byOpcode = new Map<number, CommandEntry>();
  for (const h of list) {
    if (h.serviceAction === undefined) {
      if (byOpcode.has(h.opcode)) throw new Error(`two handlers for opcode ${h.opcode.toString(16)}h`);
      byOpcode.set(h.opcode, h);
      continue;
    }
    const entry = byOpcode.get(h.opcode) ?? new Map<number, CommandHandler>();
    if (!(entry instanceof Map) || entry.has(h.serviceAction))
      throw new Error(`opcode ${h.opcode.toString(16)}h mixes handlers with and without service actions`);
    entry.set(h.serviceAction, h);
    byOpcode.set(h.opcode, entry);
  }
  return { handlers: list, byOpcode };
}
