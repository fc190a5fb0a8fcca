/**
 * REQUEST SENSE (03h) CDB codec.
 * Spec: SPC-4 (T10/1731-D) REQUEST SENSE command; docs/smc-reference.md 1.5.
 * Layout (6 bytes): 0 opcode 03h; 1 bit 0 DESC; 2-3 reserved; 4 ALLOCATION LENGTH; 5 CONTROL.
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

/** A decoded REQUEST SENSE CDB. */
export interface RequestSenseCdb {
  /** DESC (byte 1 bit 0): the initiator asks for descriptor-format sense data. */
  readonly desc: boolean;
  /** ALLOCATION LENGTH (byte 4): at most this many bytes of sense data are returned. */
  readonly allocationLength: number;
  /** CONTROL byte (byte 5). */
  readonly control: number;
}

/** Encoder input for REQUEST SENSE: DESC defaults to false, CONTROL to 0. */
export type RequestSenseCdbInput = WithDefaults<RequestSenseCdb, 'desc' | 'control'>;

const NAME = 'REQUEST SENSE';
const LENGTH = 6;

/** Builds a 6-byte REQUEST SENSE CDB. Throws RangeError when a field does not fit its bits. */
export function encodeRequestSenseCdb(fields: RequestSenseCdbInput): Buffer {
  const cdb = newCdb(Opcode.REQUEST_SENSE, LENGTH);
  cdb[1] = flagBit(requireBool('desc', fields.desc ?? false), 0);
  cdb[4] = requireUint('allocationLength', fields.allocationLength, 8);
  cdb[5] = controlByte(fields.control);
  return cdb;
}

/** Decodes a REQUEST SENSE CDB; never throws. */
export function decodeRequestSenseCdb(cdb: Uint8Array): Decoded<RequestSenseCdb> {
  const bad = checkCdb(cdb, Opcode.REQUEST_SENSE, LENGTH, NAME);
  if (bad) return bad;
  return ok({ desc: bitAt(cdb, 1, 0), allocationLength: byteAt(cdb, 4), control: byteAt(cdb, 5) });
}
