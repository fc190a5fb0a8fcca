/**
 * The range check the iSCSI target's and initiator's options share: a whole number from 0 to a maximum, or a
 * RangeError naming the option.
 * Spec: none (option validation).
 */

/** `value` when it is an integer from 0 to `max`; otherwise a RangeError "NAME must be an integer from 0 to MAX, got VALUE". */
export function nonNegativeInteger(value: number, name: string, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new RangeError(`${name} must be an integer from 0 to ${max}, got ${value}`);
  return value;
}
