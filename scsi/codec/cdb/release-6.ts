/**
 * RELEASE(6) (17h) CDB codec, with the medium changer's legacy element release.
 * Spec: SPC-2 (T10/1236-D) RELEASE(6) command; SCSI-2 (X3.131-1994) clause 16, medium changer RELEASE;
 * docs/smc-reference.md 1.1.
 * Layout (6 bytes): 0 opcode 17h; 1 bits 7-5 reserved (LUN in SCSI-2), bit 4 3RDPTY, bits 3-1 THIRD PARTY
 * DEVICE ID, bit 0 ELEMENT; 2 RESERVATION IDENTIFICATION; 3-4 reserved; 5 CONTROL.
 */
import { ok, type Decoded } from '../cdb-decoded.js';
import { Opcode } from '../opcodes.js';
import { bitAt, byteAt, checkCdb, controlByte, newCdb, requireUint, type WithDefaults } from './cdb-fields.js';
import { encodeReservationByte1 } from './reserve-6.js';

/** A decoded RELEASE(6) CDB. */
export interface Release6Cdb {
  /** 3RDPTY (byte 1 bit 4): release the reservation made for `thirdPartyDeviceId`. */
  readonly thirdParty: boolean;
  /** THIRD PARTY DEVICE ID (byte 1 bits 3-1). */
  readonly thirdPartyDeviceId: number;
  /** ELEMENT (byte 1 bit 0): release the element reservation `reservationId` only. */
  readonly element: boolean;
  /** RESERVATION IDENTIFICATION (byte 2). */
  readonly reservationId: number;
  /** CONTROL byte (byte 5). */
  readonly control: number;
}

/** Encoder input for RELEASE(6): flags default to false, numbers to 0. */
export type Release6CdbInput = WithDefaults<
  Release6Cdb,
  'thirdParty' | 'thirdPartyDeviceId' | 'element' | 'reservationId' | 'control'
>;

const NAME = 'RELEASE(6)';
const LENGTH = 6;

/** Builds a 6-byte RELEASE(6) CDB. Throws RangeError when a field does not fit its bits. */
export function encodeRelease6Cdb(fields: Release6CdbInput = {}): Buffer {
  const cdb = newCdb(Opcode.RELEASE_6, LENGTH);
  cdb[1] = encodeReservationByte1(fields.thirdParty ?? false, fields.thirdPartyDeviceId ?? 0, fields.element ?? false);
  cdb[2] = requireUint('reservationId', fields.reservationId ?? 0, 8);
  cdb[5] = controlByte(fields.control);
  return cdb;
}

/** Decodes a RELEASE(6) CDB; never throws. */
export function decodeRelease6Cdb(cdb: Uint8Array): Decoded<Release6Cdb> {
  const bad = checkCdb(cdb, Opcode.RELEASE_6, LENGTH, NAME);
  if (bad) return bad;
  return ok({
    thirdParty: bitAt(cdb, 1, 4),
    thirdPartyDeviceId: (byteAt(cdb, 1) >> 1) & 0x07,
    element: bitAt(cdb, 1, 0),
    reservationId: byteAt(cdb, 2),
    control: byteAt(cdb, 5),
  });
}
