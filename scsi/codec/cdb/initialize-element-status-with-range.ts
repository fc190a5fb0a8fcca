/**
 * INITIALIZE ELEMENT STATUS WITH RANGE (37h) CDB codec.
 * Spec: SMC-3 (T10/1730-D) clause 6 INITIALIZE ELEMENT STATUS WITH RANGE command; docs/smc-reference.md 1.2.
 * Layout (10 bytes): 0 opcode 37h; 1 bit 1 FAST, bit 0 RANGE; 2-3 STARTING ELEMENT ADDRESS; 4-5 reserved;
 * 6-7 NUMBER OF ELEMENTS; 8 reserved; 9 CONTROL. With RANGE=0 the whole library is scanned and the
 * address and count are ignored (by the handler, not here).
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

/** A decoded INITIALIZE ELEMENT STATUS WITH RANGE CDB. */
export interface InitializeElementStatusWithRangeCdb {
  /** FAST (byte 1 bit 1): only check for presence of media, do not read labels. */
  readonly fast: boolean;
  /** RANGE (byte 1 bit 0): scan only `numberOfElements` elements from `startingAddress`. */
  readonly range: boolean;
  /** STARTING ELEMENT ADDRESS (bytes 2-3). */
  readonly startingAddress: number;
  /** NUMBER OF ELEMENTS (bytes 6-7); 0 = to the end. */
  readonly numberOfElements: number;
  /** CONTROL byte (byte 9). */
  readonly control: number;
}

/** Encoder input for INITIALIZE ELEMENT STATUS WITH RANGE: flags default to false, numbers to 0. */
export type InitializeElementStatusWithRangeCdbInput = WithDefaults<
  InitializeElementStatusWithRangeCdb,
  'fast' | 'range' | 'startingAddress' | 'numberOfElements' | 'control'
>;

const NAME = 'INITIALIZE ELEMENT STATUS WITH RANGE';
const LENGTH = 10;

/** Builds a 10-byte INITIALIZE ELEMENT STATUS WITH RANGE CDB. Throws RangeError for a field out of range. */
export function encodeInitializeElementStatusWithRangeCdb(
  fields: InitializeElementStatusWithRangeCdbInput = {},
): Buffer {
  const cdb = newCdb(Opcode.INITIALIZE_ELEMENT_STATUS_WITH_RANGE, LENGTH);
  cdb[1] =
    flagBit(requireBool('fast', fields.fast ?? false), 1) | flagBit(requireBool('range', fields.range ?? false), 0);
  writeUint(cdb, 2, 2, requireUint('startingAddress', fields.startingAddress ?? 0, 16));
  writeUint(cdb, 6, 2, requireUint('numberOfElements', fields.numberOfElements ?? 0, 16));
  cdb[9] = controlByte(fields.control);
  return cdb;
}

/** Decodes an INITIALIZE ELEMENT STATUS WITH RANGE CDB; never throws. */
export function decodeInitializeElementStatusWithRangeCdb(
  cdb: Uint8Array,
): Decoded<InitializeElementStatusWithRangeCdb> {
  const bad = checkCdb(cdb, Opcode.INITIALIZE_ELEMENT_STATUS_WITH_RANGE, LENGTH, NAME);
  if (bad) return bad;
  return ok({
    fast: bitAt(cdb, 1, 1),
    range: bitAt(cdb, 1, 0),
    startingAddress: readUint(cdb, 2, 2),
    numberOfElements: readUint(cdb, 6, 2),
    control: byteAt(cdb, 9),
  });
}
