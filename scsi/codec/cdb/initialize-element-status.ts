/**
 * INITIALIZE ELEMENT STATUS (07h) CDB codec.
 * Spec: SMC-3 (T10/1730-D) clause 6 INITIALIZE ELEMENT STATUS command; docs/smc-reference.md 1.1.
 * Layout (6 bytes): 0 opcode 07h; 1-4 reserved; 5 CONTROL.
 */
import { ok, type Decoded } from '../cdb-decoded.js';
import { Opcode } from '../opcodes.js';
import { byteAt, checkCdb, controlByte, newCdb, type WithDefaults } from './cdb-fields.js';

/** A decoded INITIALIZE ELEMENT STATUS CDB (it has no parameters: the whole library is rescanned). */
export interface InitializeElementStatusCdb {
  /** CONTROL byte (byte 5). */
  readonly control: number;
}

/** Encoder input for INITIALIZE ELEMENT STATUS: CONTROL defaults to 0. */
export type InitializeElementStatusCdbInput = WithDefaults<InitializeElementStatusCdb, 'control'>;

const NAME = 'INITIALIZE ELEMENT STATUS';
const LENGTH = 6;

/** Builds a 6-byte INITIALIZE ELEMENT STATUS CDB. Throws RangeError when CONTROL does not fit a byte. */
export function encodeInitializeElementStatusCdb(fields: InitializeElementStatusCdbInput = {}): Buffer {
  const cdb = newCdb(Opcode.INITIALIZE_ELEMENT_STATUS, LENGTH);
  cdb[5] = controlByte(fields.control);
  return cdb;
}

/** Decodes an INITIALIZE ELEMENT STATUS CDB; never throws. */
export function decodeInitializeElementStatusCdb(cdb: Uint8Array): Decoded<InitializeElementStatusCdb> {
  const bad = checkCdb(cdb, Opcode.INITIALIZE_ELEMENT_STATUS, LENGTH, NAME);
  if (bad) return bad;
  return ok({ control: byteAt(cdb, 5) });
}
