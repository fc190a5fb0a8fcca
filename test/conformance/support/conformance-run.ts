/**
 * A conformance run in a child process, read back from its reports: the entry the children run, the summary with
 * its evidence, and the one-line forms the specs compare verdicts by.
 * Spec: docs/conformance.md "Over the wire", "What the report says about the run".
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvidence } from '../../../conformance/harness/reporting/run-evidence.js';
import type { RunSummary } from '../../../conformance/harness/reporting/summary.js';
import { readReport, runTsChild, type ChildResult } from './child.js';

/** The conformance entry the children run. */
export const CONFORMANCE_ENTRY = 'test/conformance/support/conformance-entry.ts';
/** A run's summary.json with its evidence. */
export type Summary = RunSummary & { evidence: RunEvidence };
type Cell = RunSummary['cells'][number];
/** "PATH: OUTCOME" of a cell. */
export const verdict = (c: Cell) => `${c.pathId}: ${c.outcome}`;
/** The failed cells with their reasons, one a line (an assertion message). */
export const failures = (s: RunSummary) =>
  s.cells
    .filter((c) => c.outcome === 'failed')
    .map((c) => `${c.pathId}: ${c.reason ?? ''}`)
    .join('\n');

/** Runs `conformance run --reports REPORTS ...args` in a child process, killed after `timeoutMs`. */
export function conformanceChild(reports: string, args: readonly string[], timeoutMs: number): Promise<ChildResult> {
  return runTsChild(CONFORMANCE_ENTRY, ['conformance', 'run', '--reports', reports, ...args], timeoutMs);
}

/** {@link conformanceChild}, read back: throws when the run wrote no summary. */
export async function conformanceRun(
  reports: string,
  args: readonly string[],
  timeoutMs = 480_000,
): Promise<{ code: number | null; summary: Summary; stdout: string; stderr: string }> {
  const r = await conformanceChild(reports, args, timeoutMs);
  if (!existsSync(join(reports, 'summary.json')))
    throw new Error(`no summary (exit ${r.code}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return {
    code: r.code,
    summary: readReport<Summary>(reports),
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

/** "PATH: OUTCOME", with a skipped cell's reason in parentheses (the same skip for the same reason). */
export const verdictWithReason = (c: Cell) =>
  `${c.pathId}: ${c.outcome}${c.reason !== undefined && c.outcome === 'skipped' ? ` (${c.reason})` : ''}`;
