/**
 * PERSISTENT RESERVE OUT (5Fh) CDB codec.
 * Spec: SPC-4 (T10/1731-D) 6.16 PERSISTENT RESERVE OUT; docs/smc-reference.md 1.8.
 * Layout (10 bytes): 0 opcode 5Fh; 1 bits 7-5 reserved, bits 4-0 SERVICE ACTION; 2 bits 7-4 SCOPE (0h LU_SCOPE),
 * bits 3-0 TYPE; 3-4 reserved; 5-8 PARAMETER LIST LENGTH; 9 CONTROL.
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

/** PERSISTENT RESERVE OUT service actions (SPC-4 6.16.1, docs/smc-reference.md 1.8). */
export const PrOutAction = {
  REGISTER: 0x00,
  RESERVE: 0x01,
  RELEASE: 0x02,
  CLEAR: 0x03,
  PREEMPT: 0x04,
  PREEMPT_AND_ABORT: 0x05,
  REGISTER_AND_IGNORE_EXISTING_KEY: 0x06,
  REGISTER_AND_MOVE: 0x07,
} as const;

/** Persistent reservation types (SPC-4 6.16.2, the TYPE field; docs/smc-reference.md 1.8). */
export const PrType = {
  WRITE_EXCLUSIVE: 0x1,
  EXCLUSIVE_ACCESS: 0x3,
  WRITE_EXCLUSIVE_REGISTRANTS_ONLY: 0x5,
  EXCLUSIVE_ACCESS_REGISTRANTS_ONLY: 0x6,
  WRITE_EXCLUSIVE_ALL_REGISTRANTS: 0x7,
  EXCLUSIVE_ACCESS_ALL_REGISTRANTS: 0x8,
} as const;

/** A decoded PERSISTENT RESERVE OUT CDB. */
export interface PersistentReserveOutCdb {
  /** SERVICE ACTION (byte 1 bits 4-0). */
  readonly serviceAction: number;
  /** SCOPE (byte 2 bits 7-4); 0 is LU_SCOPE, the only scope SPC-4 keeps (docs/smc-reference.md 1.8). */
  readonly scope: number;
  /** TYPE (byte 2 bits 3-0), used by RESERVE, RELEASE and the PREEMPTs. */
  readonly type: number;
  /** PARAMETER LIST LENGTH (bytes 5-8); 24 for the basic parameter list. */
  readonly parameterListLength: number;
  /** CONTROL byte (byte 9). */
  readonly control: number;
}

/** Encoder input for PERSISTENT RESERVE OUT: scope and type default to 0, the length to 24, CONTROL to 0. */
export type PersistentReserveOutCdbInput = WithDefaults<
  PersistentReserveOutCdb,
  'scope' | 'type' | 'parameterListLength' | 'control'
>;

const NAME = 'PERSISTENT RESERVE OUT';
const LENGTH = 10;

/** Builds a 10-byte PERSISTENT RESERVE OUT CDB. Throws RangeError when a field does not fit its bits. */
export function encodePersistentReserveOutCdb(fields: PersistentReserveOutCdbInput): Buffer {
  const cdb = newCdb(Opcode.PERSISTENT_RESERVE_OUT, LENGTH);
  cdb[1] = requireUint('serviceAction', fields.serviceAction, 5);
  cdb[2] = (requireUint('scope', fields.scope ?? 0, 4) << 4) | requireUint('type', fields.type ?? 0, 4);
  writeUint(cdb, 5, 4, requireUint('parameterListLength', fields.parameterListLength ?? 24, 32));
  cdb[9] = controlByte(fields.control);
  return cdb;
}

/** Decodes a PERSISTENT RESERVE OUT CDB; never throws. */
export function decodePersistentReserveOutCdb(cdb: Uint8Array): Decoded<PersistentReserveOutCdb> {
  const bad = checkCdb(cdb, Opcode.PERSISTENT_RESERVE_OUT, LENGTH, NAME);
  if (bad) return bad;
  return ok({
    serviceAction: byteAt(cdb, 1) & 0x1f,
    scope: byteAt(cdb, 2) >> 4,
    type: byteAt(cdb, 2) & 0x0f,
    parameterListLength: readUint(cdb, 5, 4),
    control: byteAt(cdb, 9),
  });
}
