/**
 * A conformance run's verdict from its summary: the exit code (conformance/report/exit-codes.ts) and why it is not
 * 0, one line each. Shared by the serial run (../run-conformance.ts) and the parallel one (../parallel/run-jobs.ts), so
 * both judge the same matrix the same way. Design: docs/architecture.md "Top level" (conformance/).
 */
import { ExitCode } from '../../report/exit-codes.js';
import type { RunSummary } from './summary.js';

/** The options the verdict reads. */
export interface VerdictOptions {
  readonly grep?: string | undefined;
  readonly shard?: unknown;
  readonly expectFile?: string | undefined;
  readonly allowAllSkipped?: boolean | undefined;
}

/** What else the verdict reads: the meta-check's problems, the cells that differ from --expect, the cell count. */
export interface VerdictFacts {
  readonly problems: readonly string[];
  readonly changed: readonly string[];
  /** Cells selected for this run (0: the selection held none). */
  readonly cellCount: number;
  readonly interrupted: boolean;
}

/** The exit code and its reasons. */
export function verdictOf(
  summary: RunSummary,
  options: VerdictOptions,
  facts: VerdictFacts,
): { exitCode: number; why: string[] } {
  const { problems, changed, cellCount, interrupted } = facts;
  const ev = summary.evidence;
  const why: string[] = [];
  if (summary.totals.failed > 0) why.push(`${summary.totals.failed} test(s) failed`);
  if (problems.length > 0) why.push(`the meta-check failed: ${problems.join('; ')}`);
  if (ev && ev.notRestored.length > 0) why.push(`the library is not as it was found: ${ev.notRestored.join('; ')}`);
  if (ev?.aborted !== undefined) why.push(`the operator aborted the run (${ev.aborted})`);
  if (changed.length > 0)
    why.push(`${changed.length} cell(s) differ from ${options.expectFile}:\n  ${changed.join('\n  ')}`);
  if (cellCount === 0)
    why.push(
      options.grep !== undefined || options.shard ? 'the selection (--grep, --shard) holds no test' : 'no test ran',
    );
  else if (summary.totals.passed === 0 && !options.allowAllSkipped && !interrupted && ev?.aborted === undefined)
    why.push(
      `no test passed (${summary.totals.skipped} skipped): nothing was shown to work; pass --allow-all-skipped to accept such a run`,
    );
  const exitCode = interrupted ? ExitCode.INTERRUPTED : why.length > 0 ? ExitCode.FAILED : ExitCode.OK;
  return { exitCode, why };
}
