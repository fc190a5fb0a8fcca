/**
 * RELEASE(6): ends this I_T nexus's unit reservation; from a nexus that holds none it is GOOD and changes
 * nothing (so it is exempt from reservation conflicts). Third-party and element releases are not supported.
 * Spec: SPC-2 7.20 RELEASE(6) ("shall not be rejected" when another initiator holds the reservation);
 * docs/smc-reference.md 1.1.
 */
import { decodeRelease6Cdb, SenseKey } from '../../scsi/codec/index.js';
import { ALWAYS, type CommandHandler } from './command-handler.js';
import { cdbField, fail, failField, GOOD } from './outcome.js';

/** The RELEASE(6) handler (registered in registry.ts; behaviour in the header above). */
export const release6: CommandHandler = {
  name: 'RELEASE(6)',
  opcode: 0x17,
  cdbLength: 6,
  ready: 'none',
  reservationExempt: ALWAYS,
  supported: (p) => p.capabilities.reserveRelease,
  execute({ core, nexus, cdb }) {
    const d = decodeRelease6Cdb(cdb);
    if (!d.ok) return failField(d.error);
    if (d.value.thirdParty) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(1, 4));
    if (d.value.element) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(1, 0));
    if (core.nexuses.reservation === nexus) core.nexuses.reservation = undefined;
    return GOOD;
  },
};
