/**
 * PREVENT ALLOW MEDIUM REMOVAL: PREVENT=01b adds this I_T nexus to the holders, 00b removes it; the library is
 * prevented while any nexus holds it (it locks the door, magazines or IE station against the operator as the
 * product does, see the control API). 10b/11b are rejected by the CDB decoder (05/24/00, byte 4).
 * Spec: SMC-3 PREVENT ALLOW MEDIUM REMOVAL command (SPC-4 leaves it to the device-type standards);
 * docs/smc-reference.md 1.2 and 1.6.
 */
import { decodePreventAllowMediumRemovalCdb } from '../../scsi/codec/index.js';
import { ALWAYS, type CommandHandler } from './command-handler.js';
import { failField, GOOD } from './outcome.js';

/** The PREVENT ALLOW MEDIUM REMOVAL handler (registered in registry.ts; behaviour in the header above). */
export const preventAllowMediumRemoval: CommandHandler = {
  name: 'PREVENT ALLOW MEDIUM REMOVAL',
  opcode: 0x1e,
  cdbLength: 6,
  ready: 'none',
  reservationExempt: ALWAYS,
  execute({ core, nexus, cdb }) {
    const d = decodePreventAllowMediumRemovalCdb(cdb);
    if (!d.ok) return failField(d.error);
    core.nexuses.setPrevent(nexus, d.value.prevent === 1);
    return GOOD;
  },
};
