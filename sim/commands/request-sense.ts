/**
 * REQUEST SENSE: returns, in this order, the oldest pending unit attention (and clears it), the pending deferred
 * error (and clears it), the pollable NOT READY condition (powering on, offline, inventory, door open), else
 * NO SENSE. DESC=1 asks for descriptor format. Status is GOOD.
 * Spec: SPC-4 6.39 REQUEST SENSE and 5.11.2 (pollable sense data); SAM-5 (REQUEST SENSE reports a unit
 * attention as data); docs/smc-reference.md 1.5.
 */
import { decodeRequestSenseCdb, encodeSense, SenseKey, type SenseData } from '../../scsi/codec/index.js';
import { ALWAYS, type CommandHandler } from './command-handler.js';
import { cut } from './cut.js';
import { failField, good, senseOf } from './outcome.js';

/** The REQUEST SENSE handler (registered in registry.ts; behaviour in the header above). */
export const requestSense: CommandHandler = {
  name: 'REQUEST SENSE',
  opcode: 0x03,
  cdbLength: 6,
  ready: 'none',
  unitAttentionExempt: true,
  reservationExempt: ALWAYS,
  execute({ core, nexus, cdb }) {
    const d = decodeRequestSenseCdb(cdb);
    if (!d.ok) return failField(d.error);
    const state = core.nexuses.get(nexus);
    let sense: SenseData;
    const ua = core.nexuses.takeUnitAttention(state);
    if (ua) sense = senseOf(SenseKey.UNIT_ATTENTION, ua);
    else if (state.deferred) {
      sense = senseOf(state.deferred.key, state.deferred, undefined, true);
      state.deferred = undefined;
    } else {
      const nr = core.notReady(true);
      sense = nr ? senseOf(nr.key, nr) : senseOf(SenseKey.NO_SENSE, 'NO_ADDITIONAL_SENSE_INFORMATION');
    }
    return good(cut(encodeSense(sense, d.value.desc), d.value.allocationLength));
  },
};
