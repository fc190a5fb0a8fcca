/**
 * A matrix cell while the run goes (its path, library, mocha test, and what the test recorded), and the run's
 * record built from the cells once mocha has run them: the cells that ran (passed, failed or skipped with a
 * reason), the matrix (summary.json "cells") and every test's evidence (evidence.json), operator actions by test.
 * Used by run-conformance.ts. Design: docs/architecture.md "Top level" (conformance/).
 */
import type Mocha from 'mocha';
import type { TestEvidence } from '../../report/evidence.js';
import type { TraceEvent } from '../observation/trace-log.js';
import type { OperatorEntry } from '../operator/operator.js';
import { operatorEvidenceOf } from '../operator/run-operator.js';
import type { ReturnPath } from '../return-path.js';
import type { LibraryTarget } from '../target/target-session.js';
import type { MatrixCell } from './summary.js';

/** One cell of the matrix and what its test recorded. */
export interface CellRecord {
  readonly path: ReturnPath;
  readonly library: LibraryTarget;
  readonly test: Mocha.Test;
  skipReason?: string;
  simulatedMs?: number;
  startedAt?: string;
  steps?: TestEvidence['steps'];
  trace?: readonly TraceEvent[];
}

/** The cells that ran, the matrix and the tests' evidence, in the cells' order. */
export function recordOf<C extends CellRecord>(
  cells: readonly C[],
  actions: readonly OperatorEntry[],
): { ran: C[]; matrix: MatrixCell[]; tests: TestEvidence[] } {
  const ran = cells.filter((c) => c.test.state === 'passed' || c.test.state === 'failed' || c.skipReason !== undefined);
  const outcomeOf = (c: CellRecord): MatrixCell['outcome'] =>
    c.skipReason !== undefined ? 'skipped' : c.test.state === 'passed' ? 'passed' : 'failed';
  const reasonOf = (c: CellRecord) =>
    c.skipReason !== undefined
      ? c.skipReason
      : c.test.state === 'failed'
        ? (c.test.err?.message ?? 'failed')
        : undefined;
  const matrix: MatrixCell[] = ran.map((c) => ({
    pathId: c.path.id,
    library: c.library.label,
    outcome: outcomeOf(c),
    ...(c.skipReason !== undefined || c.test.state === 'failed' ? { reason: reasonOf(c) ?? '' } : {}),
    durationMs: c.test.duration ?? 0,
    ...(c.simulatedMs !== undefined ? { simulatedMs: c.simulatedMs } : {}),
  }));
  const tests: TestEvidence[] = ran.map((c) => ({
    title: c.test.title,
    pathId: c.path.id,
    library: c.library.label,
    outcome: outcomeOf(c),
    reason: reasonOf(c),
    ...(c.test.state === 'failed' && c.skipReason === undefined ? { stack: c.test.err?.stack } : {}),
    startedAt: c.startedAt,
    durationMs: c.test.duration ?? 0,
    simulatedMs: c.simulatedMs,
    steps: c.steps ?? [],
    trace: c.trace ?? [],
    operator: actions.filter((a) => a.test === c.test.title).map(operatorEvidenceOf),
  }));
  return { ran, matrix, tests };
}
