/**
 * PERSISTENT RESERVE OUT: REGISTER, REGISTER AND IGNORE EXISTING KEY, RESERVE, RELEASE and CLEAR on the logical
 * unit's persistent reservations (sim/model/persistent-reservations.ts). The parameter list is the basic 24-byte
 * one (any other length: 05/1A/00); SPEC_I_PT, ALL_TG_PT and APTPL are not supported (05/26/00 at byte 20). RESERVE
 * and RELEASE take LU_SCOPE only (05/24/00 byte 2 bit 7) and a defined TYPE (05/24/00 byte 2 bit 3). A wrong key or
 * an unregistered nexus gets RESERVATION CONFLICT; the holder releasing another type gets 05/26/04. PREEMPT,
 * PREEMPT AND ABORT and REGISTER AND MOVE are not implemented (05/24/00 byte 1 bit 4). Other registrants get 06/2A/04
 * RESERVATIONS RELEASED when a registrants-only reservation ends, 06/2A/03 RESERVATIONS PREEMPTED on CLEAR.
 * Spec: SPC-4 6.16 PERSISTENT RESERVE OUT, 6.16.3 (parameter list), 5.13.7-5.13.11; docs/smc-reference.md 1.8.
 */
import {
  Asc,
  decodePersistentReserveOutCdb,
  decodePrOutParameters,
  PR_OUT_PARAMETER_LENGTH,
  PrOutAction,
  ScsiStatus,
  SenseKey,
} from '../../scsi/codec/index.js';
import { isPrType, type PrVerdict } from '../model/persistent-reservations.js';
import type { CommandHandler } from './command-handler.js';
import { cdbField, fail, failField, GOOD, paramField, statusOnly, type Outcome } from './outcome.js';

const IMPLEMENTED: ReadonlySet<number> = new Set([
  PrOutAction.REGISTER,
  PrOutAction.RESERVE,
  PrOutAction.RELEASE,
  PrOutAction.CLEAR,
  PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY,
]);
const badParam = (bit: number): Outcome =>
  fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_PARAMETER_LIST', paramField(20, bit));

/** The PERSISTENT RESERVE OUT handler (registered in registry.ts; behaviour in the header above). */
export const persistentReserveOut: CommandHandler = {
  name: 'PERSISTENT RESERVE OUT',
  opcode: 0x5f,
  cdbLength: 10,
  ready: 'none',
  persistentReservationExempt: true,
  supported: (p) => p.capabilities.persistentReservation === true,
  execute({ core, nexus, cdb, dataOut }) {
    const d = decodePersistentReserveOutCdb(cdb);
    if (!d.ok) return failField(d.error);
    const { serviceAction: sa, scope, type, parameterListLength } = d.value;
    if (!IMPLEMENTED.has(sa)) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(1, 4));
    if (parameterListLength !== PR_OUT_PARAMETER_LENGTH || !dataOut || dataOut.length < PR_OUT_PARAMETER_LENGTH) {
      return fail(SenseKey.ILLEGAL_REQUEST, 'PARAMETER_LIST_LENGTH_ERROR');
    }
    const p = decodePrOutParameters(dataOut.subarray(0, PR_OUT_PARAMETER_LENGTH));
    if (p.specIPt) return badParam(3);
    if (p.allTgPt) return badParam(2);
    if (p.aptpl) return badParam(0);
    if (sa === PrOutAction.RESERVE || sa === PrOutAction.RELEASE) {
      if (scope !== 0) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(2, 7));
      if (!isPrType(type)) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(2, 3));
    }
    const pr = core.persistent;
    let verdict: PrVerdict;
    if (sa === PrOutAction.REGISTER || sa === PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY) {
      verdict = pr.register(
        nexus,
        p.reservationKey,
        p.serviceActionKey,
        sa === PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY,
      );
    } else if (sa === PrOutAction.RESERVE) verdict = pr.reserve(nexus, p.reservationKey, type);
    else if (sa === PrOutAction.RELEASE) verdict = pr.release(nexus, p.reservationKey, type);
    else verdict = pr.clear(nexus, p.reservationKey);
    if (verdict.kind === 'conflict') return statusOnly(ScsiStatus.RESERVATION_CONFLICT);
    if (verdict.kind === 'invalid-release')
      return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_RELEASE_OF_PERSISTENT_RESERVATION');
    const ua = sa === PrOutAction.CLEAR ? Asc.RESERVATIONS_PREEMPTED : Asc.RESERVATIONS_RELEASED;
    for (const other of verdict.notify) core.nexuses.raiseFor(other, ua);
    return GOOD;
  },
};
