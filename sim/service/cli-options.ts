/**
 * Coerce functions for the simulator's command-line options. yargs turns "abc" into NaN for `type: 'number'`
 * without a word (docs/toolchain.md), so numbers and addresses are parsed here, each error naming its option.
 * sim/ may not import cli/, hence these few of its own. Design: docs/toolchain.md "yargs".
 */
import { parseHostPort, type HostPort } from './host-port.js';

function asText(value: unknown, name: string): string {
  if (Array.isArray(value)) throw new Error(`--${name} was given more than once`);
  return String(value).trim();
}

/** A number option within [min, max] (whole numbers only when `integer`). */
export function numberOption(
  name: string,
  range: { readonly min: number; readonly max: number; readonly integer?: boolean; readonly exclusiveMin?: boolean },
) {
  return (value: unknown): number | undefined => {
    if (value === undefined) return undefined;
    const text = typeof value === 'number' ? String(value) : asText(value, name);
    const n = text === '' ? Number.NaN : Number(text);
    const low = range.exclusiveMin ? n > range.min : n >= range.min;
    if (!Number.isFinite(n) || !low || n > range.max || (range.integer === true && !Number.isInteger(n))) {
      const what = range.integer ? 'a whole number' : 'a number';
      const bounds = range.exclusiveMin
        ? `greater than ${range.min} and at most ${range.max}`
        : `from ${range.min} to ${range.max}`;
      throw new Error(`--${name}: expected ${what} ${bounds}, got ${JSON.stringify(value)}`);
    }
    return n;
  };
}

/** A HOST:PORT option. */
export function hostPortOption(name: string) {
  return (value: unknown): HostPort | undefined =>
    value === undefined ? undefined : parseHostPort(asText(value, name), `--${name}`);
}

/** A string option given at most once. */
export function singleStringOption(name: string) {
  return (value: unknown): string | undefined => {
    if (value === undefined) return undefined;
    const text = asText(value, name);
    if (text === '') throw new Error(`--${name} must not be empty`);
    return text;
  };
}

/** A string option that may be repeated (`--serial A --serial B`): the values in order, none empty. */
export function stringListOption(name: string) {
  return (value: unknown): string[] | undefined => {
    if (value === undefined) return undefined;
    const texts = (Array.isArray(value) ? value : [value]).map((v) => String(v).trim());
    if (texts.some((t) => t === '')) throw new Error(`--${name} must not be empty`);
    return texts;
  };
}
