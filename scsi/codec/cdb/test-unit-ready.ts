/**
 * TEST UNIT READY (00h) CDB codec.
 * Spec: SPC-4 (T10/1731-D) TEST UNIT READY command; docs/smc-reference.md 1.1.
 * Layout (6 bytes): 0 opcode 00h; 1-4 reserved; 5 CONTROL.
 */
import { ok, type Decoded } from '../cdb-decoded.js';
import { Opcode } from '../opcodes.js';
import { byteAt, checkCdb, controlByte, newCdb, type WithDefaults } from './cdb-fields.js';

/** A decoded TEST UNIT READY CDB. */
export interface TestUnitReadyCdb {
  /** CONTROL byte (byte 5). */
  readonly control: number;
}

/** Encoder input for TEST UNIT READY: CONTROL defaults to 0. */
export type TestUnitReadyCdbInput = WithDefaults<TestUnitReadyCdb, 'control'>;

const NAME = 'TEST UNIT READY';
const LENGTH = 6;

/** Builds a 6-byte TEST UNIT READY CDB. Throws RangeError when CONTROL does not fit a byte. */
export function encodeTestUnitReadyCdb(fields: TestUnitReadyCdbInput = {}): Buffer {
  const cdb = newCdb(Opcode.TEST_UNIT_READY, LENGTH);
  cdb[5] = controlByte(fields.control);
  return cdb;
}

/** Decodes a TEST UNIT READY CDB; never throws. */
export function decodeTestUnitReadyCdb(cdb: Uint8Array): Decoded<TestUnitReadyCdb> {
  const bad = checkCdb(cdb, Opcode.TEST_UNIT_READY, LENGTH, NAME);
  if (bad) return bad;
  return ok({ control: byteAt(cdb, 5) });
}
