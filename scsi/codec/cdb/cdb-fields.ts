/**
 * Helpers shared by the CDB codecs: range checks for encoders, big-endian field reads for decoders, and the
 * opcode/length check every decoder starts with.
 * Spec: SPC-4 (T10/1731-D) 4.3 "The command descriptor block" (fixed-length CDB formats, big-endian
 * multi-byte fields, CONTROL as the last byte), docs/scsi-model.md 6; docs/dev/codec-api.md "CDBs".
 */
import { checkLength, fieldError, type Decoded } from '../cdb-decoded.js';
import { Asc } from '../sense-codes.js';

/** `T` with the keys `K` made optional: the input type of an encoder whose fields have defaults. */
export type WithDefaults<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/**
 * Returns `value` when it is an integer in `[min, max]`; throws RangeError naming the field otherwise.
 * Encoders call it for every numeric field so that a value too wide for its bits never gets silently cut.
 */
export function requireInt(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${field} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
  return value;
}

/** Returns `value` when it fits an unsigned field of `bits` bits; throws RangeError otherwise. */
export function requireUint(field: string, value: number, bits: number): number {
  return requireInt(field, value, 0, 2 ** bits - 1);
}

/** Returns `value` when it is a boolean; throws RangeError otherwise (guards untyped callers). */
export function requireBool(field: string, value: boolean): boolean {
  if (typeof value !== 'boolean') throw new RangeError(`${field} must be a boolean, got ${String(value)}`);
  return value;
}

/** The CONTROL byte of an encoder input: 0 when omitted, else checked to fit 8 bits. */
export function controlByte(control: number | undefined): number {
  return control === undefined ? 0 : requireUint('control', control, 8);
}

/** A zeroed CDB of `length` bytes with the operation code in byte 0. */
export function newCdb(opcode: number, length: number): Buffer {
  const cdb = Buffer.alloc(length);
  cdb[0] = opcode;
  return cdb;
}

/** `1 << bit` when `flag` is set, else 0: for OR-ing flags into a CDB byte. */
export function flagBit(flag: boolean, bit: number): number {
  return flag ? 1 << bit : 0;
}

/** Byte `offset` of `cdb`, or 0 past its end (decoders check the length first). */
export function byteAt(cdb: Uint8Array, offset: number): number {
  return cdb[offset] ?? 0;
}

/** Whether bit `bit` of byte `offset` is set. */
export function bitAt(cdb: Uint8Array, offset: number, bit: number): boolean {
  return ((byteAt(cdb, offset) >> bit) & 1) === 1;
}

/** Big-endian unsigned integer of `size` bytes (1-4) starting at `offset`. */
export function readUint(cdb: Uint8Array, offset: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + byteAt(cdb, offset + i);
  return value;
}

/** Writes `value` as a big-endian unsigned integer of `size` bytes (1-4) at `offset`. */
export function writeUint(cdb: Buffer, offset: number, size: number, value: number): void {
  cdb.writeUIntBE(value, offset, size);
}

/** Two-digit upper-case hex with an "h" suffix, as T10 writes code values ("0Ch"). */
export function hexCode(value: number): string {
  return `${value.toString(16).toUpperCase().padStart(2, '0')}h`;
}

/**
 * The common prologue of every decoder: byte 0 must be `opcode` (else INVALID COMMAND OPERATION CODE at
 * byte 0) and the CDB must have at least `length` bytes (else a field error at byte 0). Longer CDBs are
 * accepted; the fields, CONTROL included, are read from the first `length` bytes.
 */
export function checkCdb(cdb: Uint8Array, opcode: number, length: number, name: string): Decoded<never> | undefined {
  const tooShort = checkLength(cdb, Math.max(length, 1), name);
  if (cdb.length === 0) return tooShort;
  if (cdb[0] !== opcode) {
    return fieldError(
      0,
      `opcode ${hexCode(byteAt(cdb, 0))} is not ${name} (${hexCode(opcode)})`,
      undefined,
      Asc.INVALID_COMMAND_OPERATION_CODE,
    );
  }
  return tooShort;
}
