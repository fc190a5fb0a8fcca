/**
 * POSITION TO ELEMENT (2Bh) CDB codec.
 * Spec: SMC-3 (T10/1730-D) clause 6 POSITION TO ELEMENT command; docs/smc-reference.md 1.2.
 * Layout (10 bytes): 0 opcode 2Bh; 1 reserved; 2-3 MEDIUM TRANSPORT ADDRESS; 4-5 DESTINATION ADDRESS;
 * 6-7 reserved; 8 bit 0 INVERT; 9 CONTROL.
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

/** A decoded POSITION TO ELEMENT CDB. */
export interface PositionToElementCdb {
  /** MEDIUM TRANSPORT ADDRESS (bytes 2-3). */
  readonly transportAddress: number;
  /** DESTINATION ADDRESS (bytes 4-5): the element to position the transport in front of. */
  readonly destinationAddress: number;
  /** INVERT (byte 8 bit 0). */
  readonly invert: boolean;
  /** CONTROL byte (byte 9). */
  readonly control: number;
}

/** Encoder input for POSITION TO ELEMENT: INVERT defaults to false, CONTROL to 0. */
export type PositionToElementCdbInput = WithDefaults<PositionToElementCdb, 'invert' | 'control'>;

const NAME = 'POSITION TO ELEMENT';
const LENGTH = 10;

/** Builds a 10-byte POSITION TO ELEMENT CDB. Throws RangeError when an address does not fit 16 bits. */
export function encodePositionToElementCdb(fields: PositionToElementCdbInput): Buffer {
  const cdb = newCdb(Opcode.POSITION_TO_ELEMENT, LENGTH);
  writeUint(cdb, 2, 2, requireUint('transportAddress', fields.transportAddress, 16));
  writeUint(cdb, 4, 2, requireUint('destinationAddress', fields.destinationAddress, 16));
  cdb[8] = flagBit(requireBool('invert', fields.invert ?? false), 0);
  cdb[9] = controlByte(fields.control);
  return cdb;
}

/** Decodes a POSITION TO ELEMENT CDB; never throws. */
export function decodePositionToElementCdb(cdb: Uint8Array): Decoded<PositionToElementCdb> {
  const bad = checkCdb(cdb, Opcode.POSITION_TO_ELEMENT, LENGTH, NAME);
  if (bad) return bad;
  return ok({
    transportAddress: readUint(cdb, 2, 2),
    destinationAddress: readUint(cdb, 4, 2),
    invert: bitAt(cdb, 8, 0),
    control: byteAt(cdb, 9),
  });
}
