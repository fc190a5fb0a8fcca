/**
 * Counter templates for generated runs in fixtures: "A{n:05}L8" with n = 7 gives "A00007L8" (LTO barcode
 * labels are six characters plus a two-character media id, docs/smc-reference.md 2a "last two chars pick the
 * media type"); "{n}" inserts the number unpadded.
 */

const PLACEHOLDER = /\{n(?::0(\d))?\}/;

/** Fills the single `{n}` / `{n:0W}` placeholder of `template` with `n` (zero-padded to width W). */
export function fillTemplate(template: string, n: number): string {
  return template.replace(PLACEHOLDER, (_all, width: string | undefined) =>
    String(n).padStart(width === undefined ? 0 : Number(width), '0'),
  );
}
