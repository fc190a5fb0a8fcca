/**
 * RESERVE(6) (16h) CDB codec, with the medium changer's legacy element reservation.
 * Spec: SPC-2 (T10/1236-D) RESERVE(6) command; SCSI-2 (X3.131-1994) clause 16, medium changer RESERVE (element
 * reservations); docs/smc-reference.md 1.1.
 * Layout (6 bytes): 0 opcode 16h; 1 bits 7-5 reserved (LUN in SCSI-2), bit 4 3RDPTY, bits 3-1 THIRD PARTY
 * DEVICE ID, bit 0 ELEMENT; 2 RESERVATION IDENTIFICATION; 3-4 ELEMENT LIST LENGTH; 5 CONTROL.
 */
import { ok, type Decoded } from '../cdb-decoded.js';
import { Opcode } from '../opcodes.js';
import {
  bitAt,
  byteAt,
  checkCdb,
  controlByte,
  flagBit,
  newCdb,
  readUint,
  requireBool,
  requireUint,
  writeUint,
  type WithDefaults,
} from './cdb-fields.js';

/** A decoded RESERVE(6) CDB. */
export interface Reserve6Cdb {
  /** 3RDPTY (byte 1 bit 4): reserve on behalf of `thirdPartyDeviceId`. */
  readonly thirdParty: boolean;
  /** THIRD PARTY DEVICE ID (byte 1 bits 3-1). */
  readonly thirdPartyDeviceId: number;
  /** ELEMENT (byte 1 bit 0): reserve the elements in the data-out element list, not the whole unit. */
  readonly element: boolean;
  /** RESERVATION IDENTIFICATION (byte 2): names an element reservation. */
  readonly reservationId: number;
  /** ELEMENT LIST LENGTH (bytes 3-4): bytes of element list in data-out. */
  readonly elementListLength: number;
  /** CONTROL byte (byte 5). */
  readonly control: number;
}

/** Encoder input for RESERVE(6): nothing is required; flags default to false, numbers to 0. */
export type Reserve6CdbInput = WithDefaults<
  Reserve6Cdb,
  'thirdParty' | 'thirdPartyDeviceId' | 'element' | 'reservationId' | 'elementListLength' | 'control'
>;

const NAME = 'RESERVE(6)';
const LENGTH = 6;

/** Builds byte 1 of RESERVE(6)/RELEASE(6): 3RDPTY, THIRD PARTY DEVICE ID, ELEMENT. */
export function encodeReservationByte1(thirdParty: boolean, thirdPartyDeviceId: number, element: boolean): number {
  return (
    flagBit(requireBool('thirdParty', thirdParty), 4) |
    (requireUint('thirdPartyDeviceId', thirdPartyDeviceId, 3) << 1) |
    flagBit(requireBool('element', element), 0)
  );
}

/** Builds a 6-byte RESERVE(6) CDB. Throws RangeError when a field does not fit its bits. */
export function encodeReserve6Cdb(fields: Reserve6CdbInput = {}): Buffer {
  const cdb = newCdb(Opcode.RESERVE_6, LENGTH);
  cdb[1] = encodeReservationByte1(fields.thirdParty ?? false, fields.thirdPartyDeviceId ?? 0, fields.element ?? false);
  cdb[2] = requireUint('reservationId', fields.reservationId ?? 0, 8);
  writeUint(cdb, 3, 2, requireUint('elementListLength', fields.elementListLength ?? 0, 16));
  cdb[5] = controlByte(fields.control);
  return cdb;
}

/** Decodes a RESERVE(6) CDB; never throws. */
export function decodeReserve6Cdb(cdb: Uint8Array): Decoded<Reserve6Cdb> {
  const bad = checkCdb(cdb, Opcode.RESERVE_6, LENGTH, NAME);
  if (bad) return bad;
  return ok({
    thirdParty: bitAt(cdb, 1, 4),
    thirdPartyDeviceId: (byteAt(cdb, 1) >> 1) & 0x07,
    element: bitAt(cdb, 1, 0),
    reservationId: byteAt(cdb, 2),
    elementListLength: readUint(cdb, 3, 2),
    control: byteAt(cdb, 5),
  });
}
