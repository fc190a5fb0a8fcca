/**
 * TEST UNIT READY: GOOD when the library is ready; every NOT READY condition (powering on 02/04/01, offline
 * 02/04/12, inventory 02/04/01, door open per product) is reported by the dispatcher before this runs.
 * Spec: SPC-4 6.47 TEST UNIT READY; docs/smc-reference.md 1.1 ("NOT READY while initialising / offline / door open").
 */
import { ALWAYS, type CommandHandler } from './command-handler.js';
import { GOOD } from './outcome.js';

/** The TEST UNIT READY handler (registered in registry.ts; behaviour in the header above). */
export const testUnitReady: CommandHandler = {
  name: 'TEST UNIT READY',
  opcode: 0x00,
  cdbLength: 6,
  ready: 'motion',
  reservationExempt: ALWAYS,
  execute: () => GOOD,
};
