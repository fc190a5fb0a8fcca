/**
 * Shared option parsing: yargs turns "abc" into NaN for number options (toolchain-notes), so every numeric
 * option goes through a coerce that rejects it with a message naming the option.
 */

/** A coerce function for an integer option within [min, max]. */
export function integerOption(name: string, min: number, max: number): (value: unknown) => number | undefined {
  return (value: unknown) => {
    if (value === undefined) return undefined;
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new Error(`--${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return n;
  };
}

/** A coerce function for a positive finite number option. */
export function positiveNumberOption(name: string): (value: unknown) => number | undefined {
  return (value: unknown) => {
    if (value === undefined) return undefined;
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: expected a positive number, got ${JSON.stringify(value)}`);
    return n;
  };
}
