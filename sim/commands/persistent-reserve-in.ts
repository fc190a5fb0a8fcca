/**
 * PERSISTENT RESERVE IN: READ KEYS (every registered key) and READ RESERVATION (the reservation in force, its
 * holder's key and type), cut to the allocation length. REPORT CAPABILITIES and READ FULL STATUS are not
 * implemented (05/24/00 at byte 1 bit 4). Allowed under any persistent reservation (not under another nexus's
 * RESERVE(6)). Products without persistent reservations do not register it (05/20/00).
 * Spec: SPC-4 6.15 PERSISTENT RESERVE IN (6.15.2 READ KEYS, 6.15.3 READ RESERVATION), 5.13; docs/smc-reference.md 1.8.
 */
import {
  decodePersistentReserveInCdb,
  encodeReadKeysData,
  encodeReadReservationData,
  PrInAction,
  SenseKey,
} from '../../scsi/codec/index.js';
import type { CommandHandler } from './command-handler.js';
import { cut } from './cut.js';
import { cdbField, fail, failField, good } from './outcome.js';

/** The PERSISTENT RESERVE IN handler (registered in registry.ts; behaviour in the header above). */
export const persistentReserveIn: CommandHandler = {
  name: 'PERSISTENT RESERVE IN',
  opcode: 0x5e,
  cdbLength: 10,
  ready: 'none',
  persistentReservationExempt: true,
  supported: (p) => p.capabilities.persistentReservation === true,
  execute({ core, cdb }) {
    const d = decodePersistentReserveInCdb(cdb);
    if (!d.ok) return failField(d.error);
    const pr = core.persistent;
    const { serviceAction, allocationLength } = d.value;
    if (serviceAction === PrInAction.READ_KEYS)
      return good(cut(encodeReadKeysData({ generation: pr.generation, keys: pr.registeredKeys() }), allocationLength));
    if (serviceAction === PrInAction.READ_RESERVATION) {
      const r = pr.reservation;
      const reservation = r ? { key: pr.reservationKey, scope: 0, type: r.type } : undefined;
      return good(cut(encodeReadReservationData({ generation: pr.generation, reservation }), allocationLength));
    }
    return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(1, 4));
  },
};
