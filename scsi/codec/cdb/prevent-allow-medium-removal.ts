/**
 * PREVENT ALLOW MEDIUM REMOVAL (1Eh) CDB codec.
 * Spec: SPC-4 (T10/1731-D) PREVENT ALLOW MEDIUM REMOVAL command; SMC-3 (T10/1730-D) clause 6 on its effect
 * on a changer; docs/smc-reference.md 1.2.
 * Layout (6 bytes): 0 opcode 1Eh; 1-3 reserved; 4 bits 1-0 PREVENT (00b allow, 01b prevent; 10b and 11b are
 * not valid for a medium changer); 5 CONTROL.
 */
import { fieldError, ok, type Decoded } from '../cdb-decoded.js';
import { Opcode } from '../opcodes.js';
import { byteAt, checkCdb, controlByte, newCdb, requireInt, type WithDefaults } from './cdb-fields.js';

/** A decoded PREVENT ALLOW MEDIUM REMOVAL CDB. */
export interface PreventAllowMediumRemovalCdb {
  /** PREVENT (byte 4 bits 1-0): 0 allow removal, 1 prevent it. */
  readonly prevent: 0 | 1;
  /** CONTROL byte (byte 5). */
  readonly control: number;
}

/** Encoder input for PREVENT ALLOW MEDIUM REMOVAL: CONTROL defaults to 0; `prevent` is range-checked at run time. */
export type PreventAllowMediumRemovalCdbInput = Omit<
  WithDefaults<PreventAllowMediumRemovalCdb, 'control'>,
  'prevent'
> & { readonly prevent: number };

const NAME = 'PREVENT ALLOW MEDIUM REMOVAL';
const LENGTH = 6;

/** Builds a 6-byte PREVENT ALLOW MEDIUM REMOVAL CDB. Throws RangeError unless `prevent` is 0 or 1. */
export function encodePreventAllowMediumRemovalCdb(fields: PreventAllowMediumRemovalCdbInput): Buffer {
  const cdb = newCdb(Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL, LENGTH);
  cdb[4] = requireInt('prevent', fields.prevent, 0, 1);
  cdb[5] = controlByte(fields.control);
  return cdb;
}

/** Decodes a PREVENT ALLOW MEDIUM REMOVAL CDB; never throws. PREVENT 2 or 3 is a field error at byte 4 bit 1. */
export function decodePreventAllowMediumRemovalCdb(cdb: Uint8Array): Decoded<PreventAllowMediumRemovalCdb> {
  const bad = checkCdb(cdb, Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL, LENGTH, NAME);
  if (bad) return bad;
  const prevent = byteAt(cdb, 4) & 0x03;
  if (prevent > 1) return fieldError(4, `PREVENT value ${prevent} is not valid for a medium changer`, 1);
  return ok({ prevent: prevent as 0 | 1, control: byteAt(cdb, 5) });
}
