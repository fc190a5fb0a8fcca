/**
 * MODE SELECT(6) (15h) CDB codec.
 * Spec: SPC-4 (T10/1731-D) MODE SELECT(6) command; docs/smc-reference.md 1.1.
 * Layout (6 bytes): 0 opcode 15h; 1 bit 4 PF, bit 0 SP; 2-3 reserved; 4 PARAMETER LIST LENGTH; 5 CONTROL.
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
  requireBool,
  requireUint,
  type WithDefaults,
} from './cdb-fields.js';

/** A decoded MODE SELECT(6) CDB. */
export interface ModeSelect6Cdb {
  /** PF (byte 1 bit 4): the parameter list uses the standard page format. */
  readonly pf: boolean;
  /** SP (byte 1 bit 0): save the pages. */
  readonly sp: boolean;
  /** PARAMETER LIST LENGTH (byte 4): bytes of data-out. */
  readonly parameterListLength: number;
  /** CONTROL byte (byte 5). */
  readonly control: number;
}

/** Encoder input for MODE SELECT(6): SP defaults to false, CONTROL to 0. */
export type ModeSelect6CdbInput = WithDefaults<ModeSelect6Cdb, 'sp' | 'control'>;

const NAME = 'MODE SELECT(6)';
const LENGTH = 6;

/** Builds a 6-byte MODE SELECT(6) CDB. Throws RangeError when a field does not fit its bits. */
export function encodeModeSelect6Cdb(fields: ModeSelect6CdbInput): Buffer {
  const cdb = newCdb(Opcode.MODE_SELECT_6, LENGTH);
  cdb[1] = flagBit(requireBool('pf', fields.pf), 4) | flagBit(requireBool('sp', fields.sp ?? false), 0);
  cdb[4] = requireUint('parameterListLength', fields.parameterListLength, 8);
  cdb[5] = controlByte(fields.control);
  return cdb;
}

/** Decodes a MODE SELECT(6) CDB; never throws. */
export function decodeModeSelect6Cdb(cdb: Uint8Array): Decoded<ModeSelect6Cdb> {
  const bad = checkCdb(cdb, Opcode.MODE_SELECT_6, LENGTH, NAME);
  if (bad) return bad;
  return ok({
    pf: bitAt(cdb, 1, 4),
    sp: bitAt(cdb, 1, 0),
    parameterListLength: byteAt(cdb, 4),
    control: byteAt(cdb, 5),
  });
}
