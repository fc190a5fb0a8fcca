/**
 * The operator's part of a conformance run: the journal's entries as each test's operator evidence, the operator
 * in words for the provenance, an operator's skip or abort found behind a step's error, and the restoring of a
 * library after a test or at the end, recorded in the run's evidence.
 * Design: docs/conformance.md "On real hardware", "What the report says about the run"; docs/operator.md.
 */
import type { OperatorEvidence } from '../../report/evidence.js';
import { OperatorAbortError, OperatorSkippedError, type OperatorEntry } from './operator.js';
import type { EvidenceLog } from '../reporting/run-evidence.js';
import type { LibraryTarget, ResolvedTarget } from '../target/target-session.js';

/** A journal entry as a test's operator evidence (evidence.json, JUnit, the certificate). */
export function operatorEvidenceOf(e: OperatorEntry): OperatorEvidence {
  const done = e.result === 'done';
  return {
    action: e.action,
    args: [e.args],
    ...(done
      ? { answer: e.answer ?? null }
      : { refused: `${e.result}${e.answer ? `: ${JSON.stringify(e.answer)}` : ''} (asked: ${e.text})` }),
  };
}

/** Who the operator was, in words, for the reports' provenance. */
export function operatorDescriptionOf(target: ResolvedTarget, control: string | undefined): string {
  if (target.operatorKind === undefined) return 'no operator';
  if (target.operatorKind !== 'sim') return target.operatorDescription ?? target.operatorKind;
  return control !== undefined ? `simulator control API at ${control}` : 'in-process simulator control API';
}

/** The operator's skip or abort behind `e` (a step wraps what it meets), or undefined. */
export function operatorStop(e: unknown): Error | undefined {
  for (let x: unknown = e, depth = 0; x instanceof Error && depth < 8; x = x.cause, depth++) {
    if (x instanceof OperatorSkippedError || x instanceof OperatorAbortError) return x;
  }
  return undefined;
}

/** Restores `library` after a test (or at the end); records what happened; resolves with the problems left. */
export async function restoreAfter(
  library: LibraryTarget,
  after: string,
  evidence: EvidenceLog,
): Promise<readonly string[]> {
  if (!library.restore) return [];
  try {
    const outcome = await library.restore();
    evidence.addRestore({ after, library: library.label, ...outcome });
    return outcome.problems;
  } catch (e) {
    // Only an operator's abort gets here: the run stops, the library is left as it is.
    evidence.aborted = `not run: ${(e as Error).message}`;
    evidence.addRestore({
      after,
      library: library.label,
      steps: [],
      problems: [`not restored: ${(e as Error).message}`],
    });
    return [(e as Error).message];
  }
}
