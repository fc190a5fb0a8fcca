/**
 * INQUIRY (12h) CDB codec.
 * Spec: SPC-4 (T10/1731-D) INQUIRY command; docs/smc-reference.md 1.5.
 * Layout (6 bytes): 0 opcode 12h; 1 bit 0 EVPD (bit 1 CMDDT is obsolete and not decoded); 2 PAGE CODE;
 * 3-4 ALLOCATION LENGTH; 5 CONTROL. A PAGE CODE other than 0 with EVPD=0 is invalid (SPC-4: the device
 * server terminates the command with INVALID FIELD IN CDB).
 */
import { fieldError, ok, type Decoded } from '../cdb-decoded.js';
import { Opcode } from '../opcodes.js';
import {
  bitAt,
  byteAt,
  checkCdb,
  controlByte,
  flagBit,
  hexCode,
  newCdb,
  readUint,
  requireBool,
  requireUint,
  writeUint,
  type WithDefaults,
} from './cdb-fields.js';

/** A decoded INQUIRY CDB. */
export interface InquiryCdb {
  /** EVPD (byte 1 bit 0): return the vital product data page `pageCode` instead of standard data. */
  readonly evpd: boolean;
  /** PAGE CODE (byte 2): the VPD page wanted; always 0 when `evpd` is false. */
  readonly pageCode: number;
  /** ALLOCATION LENGTH (bytes 3-4). */
  readonly allocationLength: number;
  /** CONTROL byte (byte 5). */
  readonly control: number;
}

/** Encoder input for INQUIRY: EVPD defaults to false, PAGE CODE and CONTROL to 0. */
export type InquiryCdbInput = WithDefaults<InquiryCdb, 'evpd' | 'pageCode' | 'control'>;

const NAME = 'INQUIRY';
const LENGTH = 6;

/**
 * Builds a 6-byte INQUIRY CDB. Throws RangeError when a field does not fit its bits, or when a page code
 * other than 0 is given without EVPD (a CDB every target must reject).
 */
export function encodeInquiryCdb(fields: InquiryCdbInput): Buffer {
  const evpd = requireBool('evpd', fields.evpd ?? false);
  const pageCode = requireUint('pageCode', fields.pageCode ?? 0, 8);
  if (!evpd && pageCode !== 0) throw new RangeError(`pageCode must be 0 when evpd is false, got ${hexCode(pageCode)}`);
  const cdb = newCdb(Opcode.INQUIRY, LENGTH);
  cdb[1] = flagBit(evpd, 0);
  cdb[2] = pageCode;
  writeUint(cdb, 3, 2, requireUint('allocationLength', fields.allocationLength, 16));
  cdb[5] = controlByte(fields.control);
  return cdb;
}

/** Decodes an INQUIRY CDB; never throws. A page code with EVPD=0 is a field error at byte 2. */
export function decodeInquiryCdb(cdb: Uint8Array): Decoded<InquiryCdb> {
  const bad = checkCdb(cdb, Opcode.INQUIRY, LENGTH, NAME);
  if (bad) return bad;
  const evpd = bitAt(cdb, 1, 0);
  const pageCode = byteAt(cdb, 2);
  if (!evpd && pageCode !== 0) return fieldError(2, `page code ${hexCode(pageCode)} given with EVPD=0`);
  return ok({ evpd, pageCode, allocationLength: readUint(cdb, 3, 2), control: byteAt(cdb, 5) });
}
