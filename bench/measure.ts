/**
 * Measurement helpers for `npm run bench`: repeat a timed block, report the median and spread. Figures only,
 * never pass/fail (timed assertions fail at random on shared machines).
 */
import { performance } from 'node:perf_hooks';

/** Median, min and max of samples. */
export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

export function stats(values: readonly number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  return { median, min: s[0] ?? 0, max: s[s.length - 1] ?? 0, samples: s.length };
}

/** Runs `fn` `rounds` times (after `warmup` unmeasured runs) and returns per-round milliseconds. */
export async function timeRounds(rounds: number, warmup: number, fn: () => Promise<void> | void): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return stats(times);
}

/** Operations per second: runs `fn` `perRound` times per round, `rounds` rounds; median of the rounds' rates. */
export async function rate(rounds: number, perRound: number, fn: () => Promise<unknown> | unknown): Promise<Stats> {
  const rates: number[] = [];
  for (let i = 0; i < perRound; i++) await fn(); // warm-up round
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) await fn();
    const ms = performance.now() - t0;
    rates.push((perRound * 1000) / ms);
  }
  return stats(rates);
}

/** A figure row for the printed table. */
export interface Row {
  readonly group: string;
  readonly name: string;
  readonly value: string;
  readonly target?: string;
  readonly note?: string;
}

export function printRows(rows: readonly Row[]): void {
  const w = (k: keyof Row) => Math.max(k.length, ...rows.map((r) => String(r[k] ?? '').length));
  const cols: (keyof Row)[] = ['group', 'name', 'value', 'target', 'note'];
  const widths = cols.map(w);
  const line = (r: Partial<Record<keyof Row, string>>) =>
    cols
      .map((c, i) => String(r[c] ?? '').padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line({ group: 'group', name: 'figure', value: 'value', target: 'target', note: 'note' }));
  console.log(widths.map((n) => '-'.repeat(n)).join('  '));
  for (const r of rows) console.log(line(r));
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
