/**
 * The expected matrix CI gates on (`conformance run --expect FILE`, written by `--write-expect FILE`): for every
 * return path and library, "pass" or the skip with its reason. A run fails when a cell it ran differs: a pass that
 * became a skip or a failure, a skip whose reason changed, a skip that now passes, or a cell the file does not
 * know; an expected cell of a library the run tested that the run no longer holds at all (a return path removed or
 * renamed) differs too; cells the run did not select (--grep, --shard) are not compared. The file is JSON, sorted for diffs:
 * `{ "format": "changerbench-expected-matrix/1", "cells": { "<path id>": { "<library>": "pass" | { "skip": "<reason>" } } } }`.
 */
import { readFileSync } from 'node:fs';
import type { MatrixCell } from '../harness/reporting/summary.js';
import { shareOf, type Shard } from './shard.js';

/** One expected cell. */
export type ExpectedCell = 'pass' | { readonly skip: string };

/** The file's content. */
export interface ExpectedMatrix {
  readonly format: typeof EXPECTED_FORMAT;
  readonly cells: Readonly<Record<string, Readonly<Record<string, ExpectedCell>>>>;
}

/** The format tag of the file. */
export const EXPECTED_FORMAT = 'changerbench-expected-matrix/1';

/** A malformed expected-matrix file; the message names the file and the field. */
export class ExpectedMatrixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectedMatrixError';
  }
}

/** One cell that differs from the expected matrix. */
export interface ChangedCell {
  readonly pathId: string;
  readonly library: string;
  readonly expected: string;
  readonly actual: string;
}

const describeExpected = (c: ExpectedCell | undefined) =>
  c === undefined ? 'not in the expected matrix' : c === 'pass' ? 'pass' : `skip (${c.skip})`;
const describeActual = (c: MatrixCell) =>
  c.outcome === 'passed' ? 'pass' : c.outcome === 'skipped' ? `skip (${c.reason ?? ''})` : `FAIL (${c.reason ?? ''})`;

/** The expected matrix of `cells` (failures are not expectations: writing one refuses). */
export function expectedMatrixOf(cells: readonly MatrixCell[]): ExpectedMatrix {
  const failed = cells.filter((c) => c.outcome === 'failed');
  if (failed.length > 0)
    throw new ExpectedMatrixError(
      `--write-expect: ${failed.length} cell(s) failed (${failed
        .map((c) => `${c.pathId} on ${c.library}`)
        .slice(0, 5)
        .join(', ')}); an expected matrix holds passes and skips only`,
    );
  const out: Record<string, Record<string, ExpectedCell>> = {};
  for (const c of [...cells].sort((a, b) =>
    a.pathId === b.pathId ? (a.library < b.library ? -1 : 1) : a.pathId < b.pathId ? -1 : 1,
  )) {
    (out[c.pathId] ??= {})[c.library] = c.outcome === 'passed' ? 'pass' : { skip: c.reason ?? '' };
  }
  return { format: EXPECTED_FORMAT, cells: out };
}

/** Reads and checks an expected-matrix file. Throws ExpectedMatrixError naming the file and the bad field. */
export function readExpectedMatrix(file: string): ExpectedMatrix {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ExpectedMatrixError(
      `--expect ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON: ${(e as Error).message}`}`,
    );
  }
  const v = value as { format?: unknown; cells?: unknown };
  if (typeof v !== 'object' || v === null || v.format !== EXPECTED_FORMAT)
    throw new ExpectedMatrixError(`--expect ${file}: field "format" must be "${EXPECTED_FORMAT}"`);
  if (typeof v.cells !== 'object' || v.cells === null || Array.isArray(v.cells))
    throw new ExpectedMatrixError(`--expect ${file}: field "cells" must be an object of path ids`);
  for (const [path, row] of Object.entries(v.cells as Record<string, unknown>)) {
    if (typeof row !== 'object' || row === null)
      throw new ExpectedMatrixError(`--expect ${file}: cells."${path}" must be an object of libraries`);
    for (const [lib, cell] of Object.entries(row as Record<string, unknown>)) {
      const ok =
        cell === 'pass' ||
        (typeof cell === 'object' && cell !== null && typeof (cell as { skip?: unknown }).skip === 'string');
      if (!ok)
        throw new ExpectedMatrixError(
          `--expect ${file}: cells."${path}"."${lib}" must be "pass" or { "skip": "<reason>" }, got ${JSON.stringify(cell)}`,
        );
    }
  }
  return value as ExpectedMatrix;
}

/** The cells of the run that differ from `expected`, in the run's order. */
export function compareWithExpected(cells: readonly MatrixCell[], expected: ExpectedMatrix): ChangedCell[] {
  const changed: ChangedCell[] = [];
  for (const c of cells) {
    const want = expected.cells[c.pathId]?.[c.library];
    const same =
      want === 'pass'
        ? c.outcome === 'passed'
        : want !== undefined && c.outcome === 'skipped' && c.reason === want.skip;
    if (!same)
      changed.push({
        pathId: c.pathId,
        library: c.library,
        expected: describeExpected(want),
        actual: describeActual(c),
      });
  }
  return changed;
}

/** The changed cells as lines for the console and summary.md. */
export function formatChangedCells(changed: readonly ChangedCell[]): string[] {
  return changed.map((c) => `${c.pathId} on ${c.library}: expected ${c.expected}, got ${c.actual}`);
}

/** What a run selected: the libraries it tested, the titles it could run, its --grep and --shard. */
export interface RunSelection {
  readonly libraries: readonly string[];
  /** Every `<path id> on <library>` of the run before --shard (after --grep). */
  readonly titles: readonly string[];
  readonly grep?: RegExp | undefined;
  readonly shard?: Shard | undefined;
}

/**
 * The expected cells of the run's libraries that the run does not hold at all (their return path is gone): each
 * differs, "expected pass, got no such test". With --grep only the matching titles count; with --shard each
 * missing cell is reported by exactly one shard (shares computed over the run's and the missing titles together,
 * the same on every shard).
 */
export function missingExpectedCells(expected: ExpectedMatrix, run: RunSelection): ChangedCell[] {
  const known = new Set(run.titles);
  const missing: { pathId: string; library: string; title: string; want: ExpectedCell }[] = [];
  for (const [pathId, row] of Object.entries(expected.cells)) {
    for (const [library, want] of Object.entries(row)) {
      const title = `${pathId} on ${library}`;
      if (run.libraries.includes(library) && !known.has(title) && (!run.grep || run.grep.test(title)))
        missing.push({ pathId, library, title, want });
    }
  }
  const owned = shareOf([...run.titles, ...missing.map((m) => m.title)], run.shard);
  return missing
    .filter((m) => owned.has(m.title))
    .map((m) => ({
      pathId: m.pathId,
      library: m.library,
      expected: describeExpected(m.want),
      actual: 'no such test (the return path is not in the suite)',
    }));
}
