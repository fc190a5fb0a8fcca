/**
 * RESERVE(6): reserves the whole logical unit for this I_T nexus (again from the holder: no change). Third-party
 * and element reservations are not supported (05/24/00 pointing at byte 1 bit 4 or bit 0). Products without
 * RESERVE/RELEASE do not register it (05/20/00).
 * Spec: SPC-2 7.25 RESERVE(6); docs/smc-reference.md 1.1 (Quantum, Dell TL implement 16h/17h) and 1.7 (status 18h).
 */
import { decodeReserve6Cdb, ScsiStatus, SenseKey } from '../../scsi/codec/index.js';
import type { CommandHandler } from './command-handler.js';
import { cdbField, fail, failField, GOOD, statusOnly } from './outcome.js';

/** The RESERVE(6) handler (registered in registry.ts; behaviour in the header above). */
export const reserve6: CommandHandler = {
  name: 'RESERVE(6)',
  opcode: 0x16,
  cdbLength: 6,
  ready: 'none',
  supported: (p) => p.capabilities.reserveRelease,
  execute({ core, nexus, cdb }) {
    const d = decodeReserve6Cdb(cdb);
    if (!d.ok) return failField(d.error);
    if (d.value.thirdParty) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(1, 4));
    if (d.value.element) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(1, 0));
    // SPC-4 5.13.3, docs/scsi-model.md 12: RESERVE(6) conflicts while persistent registrations exist
    if (core.persistent.registeredKeys().length > 0) return statusOnly(ScsiStatus.RESERVATION_CONFLICT);
    const holder = core.nexuses.reservation;
    if (holder !== undefined && holder !== nexus) return statusOnly(ScsiStatus.RESERVATION_CONFLICT);
    core.nexuses.reservation = nexus;
    return GOOD;
  },
};
