/**
 * Canonical JSON, the byte form a certificate's digest and signature cover: object members sorted by key (UTF-16
 * code unit order, as Array.prototype.sort compares strings), no whitespace, members whose value is undefined
 * left out, arrays in their order, strings and numbers as JSON.stringify writes them (UTF-8 when hashed). Only
 * finite numbers are allowed. Design: docs/certificate.md "Canonical JSON" (the definition users verify against;
 * it matches RFC 8785 for the values the certificate holds: strings, integers, booleans, null).
 */
import { createHash } from 'node:crypto';

/** The canonical JSON text of `value`. Throws TypeError for non-finite numbers, functions, symbols and bigints. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no form for ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON has no form for a ${typeof value}`);
  }
}

/** SHA-256 of the canonical JSON of `value` (UTF-8), as 64 lower-case hex digits. */
export function canonicalDigest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
