/**
 * PERSISTENT RESERVE IN (5Eh) CDB codec.
 * Spec: SPC-4 (T10/1731-D) 6.15 PERSISTENT RESERVE IN; docs/smc-reference.md 1.8.
 * Layout (10 bytes): 0 opcode 5Eh; 1 bits 7-5 reserved, bits 4-0 SERVICE ACTION (00h READ KEYS, 01h READ
 * RESERVATION, 02h REPORT CAPABILITIES, 03h READ FULL STATUS); 2-6 reserved; 7-8 ALLOCATION LENGTH; 9 CONTROL.
 */
import { ok, type Decoded } from '../cdb-decoded.js';
import { Opcode } from '../opcodes.js';
import {
  byteAt,
  checkCdb,
  controlByte,
  newCdb,
  readUint,
  requireUint,
  writeUint,
  type WithDefaults,
} from './cdb-fields.js';

/** PERSISTENT RESERVE IN service actions (SPC-4 6.15.1, table "service action codes"; docs/smc-reference.md 1.8). */
export const PrInAction = {
  READ_KEYS: 0x00,
  READ_RESERVATION: 0x01,
  REPORT_CAPABILITIES: 0x02,
  READ_FULL_STATUS: 0x03,
} as const;

/** A decoded PERSISTENT RESERVE IN CDB. */
export interface PersistentReserveInCdb {
  /** SERVICE ACTION (byte 1 bits 4-0). */
  readonly serviceAction: number;
  /** ALLOCATION LENGTH (bytes 7-8). */
  readonly allocationLength: number;
  /** CONTROL byte (byte 9). */
  readonly control: number;
}

/** Encoder input for PERSISTENT RESERVE IN: CONTROL defaults to 0. */
export type PersistentReserveInCdbInput = WithDefaults<PersistentReserveInCdb, 'control'>;

const NAME = 'PERSISTENT RESERVE IN';
const LENGTH = 10;

/** Builds a 10-byte PERSISTENT RESERVE IN CDB. Throws RangeError when a field does not fit its bits. */
export function encodePersistentReserveInCdb(fields: PersistentReserveInCdbInput): Buffer {
  const cdb = newCdb(Opcode.PERSISTENT_RESERVE_IN, LENGTH);
  cdb[1] = requireUint('serviceAction', fields.serviceAction, 5);
  writeUint(cdb, 7, 2, requireUint('allocationLength', fields.allocationLength, 16));
  cdb[9] = controlByte(fields.control);
  return cdb;
}

/** Decodes a PERSISTENT RESERVE IN CDB; never throws (which service actions are implemented is the target's). */
export function decodePersistentReserveInCdb(cdb: Uint8Array): Decoded<PersistentReserveInCdb> {
  const bad = checkCdb(cdb, Opcode.PERSISTENT_RESERVE_IN, LENGTH, NAME);
  if (bad) return bad;
  return ok({ serviceAction: byteAt(cdb, 1) & 0x1f, allocationLength: readUint(cdb, 7, 2), control: byteAt(cdb, 9) });
}
