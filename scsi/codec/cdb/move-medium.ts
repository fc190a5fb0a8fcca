/**
 * MOVE MEDIUM (A5h) CDB codec.
 * Spec: SMC-3 (T10/1730-D) clause 6 MOVE MEDIUM command; docs/smc-reference.md 1.2.
 * Layout (12 bytes): 0 opcode A5h; 1 reserved; 2-3 MEDIUM TRANSPORT ADDRESS (0 = default transport);
 * 4-5 SOURCE ADDRESS; 6-7 DESTINATION ADDRESS; 8-9 reserved; 10 bit 0 INVERT; 11 CONTROL (bits 7-6 are
 * vendor-specific; some libraries and mtx "eepos" use them for the IE tray).
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

/** A decoded MOVE MEDIUM CDB. */
export interface MoveMediumCdb {
  /** MEDIUM TRANSPORT ADDRESS (bytes 2-3); 0 selects the default transport. */
  readonly transportAddress: number;
  /** SOURCE ADDRESS (bytes 4-5). */
  readonly sourceAddress: number;
  /** DESTINATION ADDRESS (bytes 6-7). */
  readonly destinationAddress: number;
  /** INVERT (byte 10 bit 0): turn the medium over on the way. */
  readonly invert: boolean;
  /** CONTROL byte (byte 11). */
  readonly control: number;
}

/** Encoder input for MOVE MEDIUM: INVERT defaults to false, CONTROL to 0. */
export type MoveMediumCdbInput = WithDefaults<MoveMediumCdb, 'invert' | 'control'>;

const NAME = 'MOVE MEDIUM';
const LENGTH = 12;

/** Builds a 12-byte MOVE MEDIUM CDB. Throws RangeError when an address does not fit 16 bits. */
export function encodeMoveMediumCdb(fields: MoveMediumCdbInput): Buffer {
  const cdb = newCdb(Opcode.MOVE_MEDIUM, LENGTH);
  writeUint(cdb, 2, 2, requireUint('transportAddress', fields.transportAddress, 16));
  writeUint(cdb, 4, 2, requireUint('sourceAddress', fields.sourceAddress, 16));
  writeUint(cdb, 6, 2, requireUint('destinationAddress', fields.destinationAddress, 16));
  cdb[10] = flagBit(requireBool('invert', fields.invert ?? false), 0);
  cdb[11] = controlByte(fields.control);
  return cdb;
}

/** Decodes a MOVE MEDIUM CDB; never throws. */
export function decodeMoveMediumCdb(cdb: Uint8Array): Decoded<MoveMediumCdb> {
  const bad = checkCdb(cdb, Opcode.MOVE_MEDIUM, LENGTH, NAME);
  if (bad) return bad;
  return ok({
    transportAddress: readUint(cdb, 2, 2),
    sourceAddress: readUint(cdb, 4, 2),
    destinationAddress: readUint(cdb, 6, 2),
    invert: bitAt(cdb, 10, 0),
    control: byteAt(cdb, 11),
  });
}
