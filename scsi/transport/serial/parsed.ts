/**
 * Result type of the serial message decoders, which never throw on bytes from the line.
 * Spec: docs/serial-framing.md section 7.4 ("Robustness").
 */

/** Either the decoded value or why the bytes are not one. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** A successful parse. */
export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** A failed parse with a human reason. */
export function malformed(reason: string): Parsed<never> {
  return { ok: false, reason };
}
