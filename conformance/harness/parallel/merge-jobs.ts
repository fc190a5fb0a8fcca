/**
 * Joins the jobs of a parallel run into the one record a serial run of the same cells writes: cells, tests,
 * paths, restores and operator actions in serial order (the order of the titles), totals recounted, operator
 * action numbers renumbered in that order. Pure: the caller writes the reports (write-reports.ts).
 * Design: docs/architecture.md "Top level" (conformance/).
 */
import type { TestEvidence } from '../../report/evidence.js';
import type { RunEvidence } from '../reporting/run-evidence.js';
import { totals, type RunSummary } from '../reporting/summary.js';

/** One job's record. */
export interface JobRecord {
  readonly summary: RunSummary;
  readonly tests: readonly TestEvidence[];
}

/** The merged record; the caller sets wall time, times and the expected-matrix comparison. */
export interface MergedRecord {
  readonly summary: RunSummary;
  readonly tests: TestEvidence[];
}

/** Merges `jobs` (job order) given every selected title in serial order. Throws when there is no job. */
export function mergeJobs(jobs: readonly JobRecord[], order: readonly string[]): MergedRecord {
  const first = jobs[0];
  if (!first) throw new Error('a parallel run needs at least one job');
  const rank = new Map(order.map((t, i) => [t, i]));
  const rankOf = (title: string) => rank.get(title) ?? order.length;
  const byTitle =
    <T>(title: (x: T) => string) =>
    (a: T, b: T) =>
      rankOf(title(a)) - rankOf(title(b));
  const cells = jobs.flatMap((j) => j.summary.cells).sort(byTitle((c) => `${c.pathId} on ${c.library}`));
  const tests = jobs.flatMap((j) => j.tests).sort(byTitle((t) => t.title));
  const firstCell = new Map<string, number>();
  for (const [i, c] of cells.entries()) if (!firstCell.has(c.pathId)) firstCell.set(c.pathId, i);
  const paths = [...new Map(jobs.flatMap((j) => j.summary.paths).map((p) => [p.id, p])).values()]
    .filter((p) => firstCell.has(p.id))
    .sort((a, b) => (firstCell.get(a.id) as number) - (firstCell.get(b.id) as number));
  const summary: RunSummary = {
    ...first.summary,
    paths,
    cells,
    totals: totals(cells),
    simulatedMs: cells.reduce((n, c) => n + (c.simulatedMs ?? 0), 0),
    ...(first.summary.evidence
      ? {
          evidence: mergeEvidence(
            jobs.map((j) => j.summary.evidence as RunEvidence),
            rankOf,
            first.summary.libraries,
          ),
        }
      : {}),
  };
  return { summary, tests };
}

/** Restores after a test in that test's place, "end of run" ones last by library; actions in test order. */
function mergeEvidence(
  all: readonly RunEvidence[],
  rankOf: (title: string) => number,
  libraries: readonly string[],
): RunEvidence {
  const first = all[0] as RunEvidence;
  const restoreRank = (after: string, library: string) =>
    after === 'end of run'
      ? Number.MAX_SAFE_INTEGER - libraries.length + libraries.indexOf(library)
      : rankOf(after.replace(/^before /, '')) * 2 + (after.startsWith('before ') ? 0 : 1);
  const restores = all
    .flatMap((e) => e.restores)
    .sort((a, b) => restoreRank(a.after, a.library) - restoreRank(b.after, b.library));
  const actions = all
    .flatMap((e) => e.operator.actions)
    .sort((a, b) => rankOf(a.test ?? '') - rankOf(b.test ?? '') || a.id - b.id)
    .map((a, i) => ({ ...a, id: i + 1 }));
  const aborted = all.find((e) => e.aborted !== undefined)?.aborted;
  return {
    ...first,
    operator: { kind: first.operator.kind, actions },
    restores,
    notRestored: [...new Set(all.flatMap((e) => e.notRestored))],
    ...(aborted !== undefined ? { aborted } : {}),
  };
}
