/**
 * What a command handler answers, and the one helper every failure is built with: a sense key and an ASC/ASCQ
 * named from the T10 table (or a product's sense triple), plus a field pointer for a bad CDB or parameter field.
 * Spec: SAM-5 5.3 (status), SPC-4 4.5.2.4 (field pointer: C/D, BPV, bit pointer); docs/architecture.md style rule 6.
 * See docs/scsi-model.md 2 and 7.2.
 */
import {
  Asc,
  type AscAscq,
  type AscName,
  senseFromFieldError,
  type CdbFieldError,
  type FieldPointer,
  type SenseData,
} from '../../scsi/codec/index.js';
import type { SenseTriple } from '../personality/personality.js';

/** A handler's answer: GOOD with data-in, CHECK CONDITION with sense, or a bare status (BUSY, RESERVATION CONFLICT). */
export type Outcome =
  | { readonly kind: 'good'; readonly data: Buffer }
  | { readonly kind: 'check'; readonly sense: SenseData }
  | { readonly kind: 'status'; readonly status: number };

const NO_DATA = Buffer.alloc(0);

/** GOOD without data (shared, never written to). */
export const GOOD: Outcome = Object.freeze({ kind: 'good', data: NO_DATA });

/** GOOD with data-in (already cut to the allocation length by the handler). */
export function good(data: Buffer): Outcome {
  return { kind: 'good', data };
}

/** A bare status without sense data. */
export function statusOnly(status: number): Outcome {
  return { kind: 'status', status };
}

/** A field pointer into the CDB (C/D=1). */
export function cdbField(byte: number, bit?: number): FieldPointer {
  return bit === undefined ? { cd: true, byte } : { cd: true, byte, bit };
}

/** A field pointer into the parameter list (C/D=0). */
export function paramField(byte: number, bit?: number): FieldPointer {
  return bit === undefined ? { cd: false, byte } : { cd: false, byte, bit };
}

/** The sense data of a failure: key + ASC/ASCQ (by T10 name or value) + optional field pointer. */
export function senseOf(key: number, asc: AscName | AscAscq, pointer?: FieldPointer, deferred = false): SenseData {
  const code = typeof asc === 'string' ? Asc[asc] : asc;
  const sense: SenseData = { key, asc: code.asc, ascq: code.ascq };
  if (pointer) sense.fieldPointer = pointer;
  if (deferred) sense.deferred = true;
  return sense;
}

/** CHECK CONDITION: the one way handlers and the dispatcher fail a command. */
export function fail(key: number, asc: AscName | AscAscq, pointer?: FieldPointer): Outcome {
  return { kind: 'check', sense: senseOf(key, asc, pointer) };
}

/** CHECK CONDITION with a product's sense triple (door open, open IE station, injected faults). */
export function failWith(triple: SenseTriple): Outcome {
  return fail(triple.key, triple);
}

/** CHECK CONDITION for a CDB field a decoder rejected (ILLEGAL REQUEST, C/D=1 field pointer). */
export function failField(error: CdbFieldError): Outcome {
  return { kind: 'check', sense: senseFromFieldError(error) };
}
