/**
 * `--shard I/N`: a deterministic share of the matrix's cells, so N CI jobs together run every cell once. Cells
 * are ordered by title (`<path id> on <library>`, code unit order) and cell k (0-based) goes to shard (k mod N)+1:
 * the same inputs give the same shares on every machine, and the shares are as even as they can be.
 */

/** A shard: 1-based index and count. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses "I/N" (1 <= I <= N). Throws RangeError with the accepted form otherwise. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || count > 10_000)
    throw new RangeError(`--shard "${text}": give I/N with 1 <= I <= N, e.g. --shard 2/4`);
  return { index, count };
}

/** The titles of `titles` that belong to `shard` (all of them without one). */
export function shareOf(titles: readonly string[], shard: Shard | undefined): Set<string> {
  if (!shard) return new Set(titles);
  const sorted = [...new Set(titles)].sort();
  return new Set(sorted.filter((_, k) => k % shard.count === shard.index - 1));
}
