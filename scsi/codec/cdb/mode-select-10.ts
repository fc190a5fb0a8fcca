/**
 * MODE SELECT(10) (55h) CDB codec.
 * Spec: SPC-4 (T10/1731-D) MODE SELECT(10) command; docs/smc-reference.md 1.1.
 * Layout (10 bytes): 0 opcode 55h; 1 bit 4 PF, bit 0 SP; 2-6 reserved; 7-8 PARAMETER LIST LENGTH; 9 CONTROL.
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

/** A decoded MODE SELECT(10) CDB. */
export interface ModeSelect10Cdb {
  /** PF (byte 1 bit 4): the parameter list uses the standard page format. */
  readonly pf: boolean;
  /** SP (byte 1 bit 0): save the pages. */
  readonly sp: boolean;
  /** PARAMETER LIST LENGTH (bytes 7-8). */
  readonly parameterListLength: number;
  /** CONTROL byte (byte 9). */
  readonly control: number;
}

/** Encoder input for MODE SELECT(10): SP defaults to false, CONTROL to 0. */
export type ModeSelect10CdbInput = WithDefaults<ModeSelect10Cdb, 'sp' | 'control'>;

const NAME = 'MODE SELECT(10)';
const LENGTH = 10;

/** Builds a 10-byte MODE SELECT(10) CDB. Throws RangeError when a field does not fit its bits. */
export function encodeModeSelect10Cdb(fields: ModeSelect10CdbInput): Buffer {
  const cdb = newCdb(Opcode.MODE_SELECT_10, LENGTH);
  cdb[1] = flagBit(requireBool('pf', fields.pf), 4) | flagBit(requireBool('sp', fields.sp ?? false), 0);
  writeUint(cdb, 7, 2, requireUint('parameterListLength', fields.parameterListLength, 16));
  cdb[9] = controlByte(fields.control);
  return cdb;
}

/** Decodes a MODE SELECT(10) CDB; never throws. */
export function decodeModeSelect10Cdb(cdb: Uint8Array): Decoded<ModeSelect10Cdb> {
  const bad = checkCdb(cdb, Opcode.MODE_SELECT_10, LENGTH, NAME);
  if (bad) return bad;
  return ok({
    pf: bitAt(cdb, 1, 4),
    sp: bitAt(cdb, 1, 0),
    parameterListLength: readUint(cdb, 7, 2),
    control: byteAt(cdb, 9),
  });
}
