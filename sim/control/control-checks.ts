/**
 * Small helpers shared by the operator and fault API: results, refusals, argument checks.
 * Design: docs/simulator.md "Operator and fault API".
 */
import { MAX_USES_REMAINING } from '../model/element.js';
import type { CartridgeSpec, LibraryState } from '../model/library-state.js';
import { ControlError, type CartridgeInput, type ControlErrorCode, type ControlResult } from './control-types.js';

/** A success. */
export function done<T>(value: T): ControlResult<T> {
  return { ok: true, value };
}

/** A refusal. */
export function refuse(code: ControlErrorCode, message: string): ControlResult<never> {
  return { ok: false, code, message };
}

/** True for a whole number in [min, max]. */
export function isIntIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** Checks an operator's cartridge and turns it into a spec, or explains what is wrong. */
export function cartridgeSpec(state: LibraryState, input: CartridgeInput): ControlResult<CartridgeSpec> {
  if (typeof input !== 'object' || input === null)
    return refuse(ControlError.INVALID_ARGUMENT, 'a cartridge is { volumeTag, kind?, usesRemaining? }');
  const tag = input.volumeTag;
  if (typeof tag !== 'string' || tag.length > 32 || !/^[\x20-\x7e]*$/.test(tag)) {
    return refuse(ControlError.INVALID_ARGUMENT, 'volumeTag must be at most 32 printable ASCII characters');
  }
  const kind = input.kind ?? state.kindForLabel(tag);
  if (kind !== 'data' && kind !== 'cleaning')
    return refuse(ControlError.INVALID_ARGUMENT, `kind must be "data" or "cleaning", not ${JSON.stringify(kind)}`);
  if (input.usesRemaining !== undefined) {
    if (kind !== 'cleaning')
      return refuse(ControlError.INVALID_ARGUMENT, 'usesRemaining is for cleaning cartridges only');
    if (!isIntIn(input.usesRemaining, 0, MAX_USES_REMAINING))
      return refuse(ControlError.INVALID_ARGUMENT, 'usesRemaining must be a whole number from 0');
  }
  return done({ volumeTag: tag, kind, usesRemaining: input.usesRemaining });
}
