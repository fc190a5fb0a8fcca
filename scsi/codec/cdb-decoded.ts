/**
 * Result of decoding a CDB: the fields, or the first bad field with its location, so that a target can
 * answer CHECK CONDITION, ILLEGAL REQUEST, INVALID FIELD IN CDB with a sense-key-specific field pointer.
 * Spec: SPC-4 4.5.2.4, field pointer sense key specific data (C/D = 1 for a CDB byte, BPV + bit pointer).
 * See docs/scsi-model.md 7.2.
 */
import { Asc, type AscAscq } from './sense-codes.js';

/** Where a CDB is wrong, and which ASC/ASCQ a target should report for it. */
export interface CdbFieldError {
  /** Byte offset in the CDB of the bad field (its most significant byte). */
  readonly byte: number;
  /** Bit of `byte` where the bad field starts (most significant bit of the field), when it is a bit field. */
  readonly bit?: number;
  /** Usually INVALID FIELD IN CDB; INVALID COMMAND OPERATION CODE for a wrong length. */
  readonly sense: AscAscq;
  /** Human explanation for traces and logs. */
  readonly reason: string;
}

/** Either decoded fields or the first field error. Decoders never throw on malformed input. */
export type Decoded<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CdbFieldError };

export function ok<T>(value: T): Decoded<T> {
  return { ok: true, value };
}

export function fieldError(
  byte: number,
  reason: string,
  bit?: number,
  sense: AscAscq = Asc.INVALID_FIELD_IN_CDB,
): Decoded<never> {
  return { ok: false, error: bit === undefined ? { byte, sense, reason } : { byte, bit, sense, reason } };
}

/** Checks that a CDB has at least `length` bytes; a short CDB points at byte 0 (the opcode). */
export function checkLength(cdb: Uint8Array, length: number, name: string): Decoded<never> | undefined {
  if (cdb.length < length) return fieldError(0, `${name} CDB needs ${length} bytes, got ${cdb.length}`);
  return undefined;
}
