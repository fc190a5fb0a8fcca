/**
 * What a run against a library used and did beyond the verdicts, for the reports: the capability list (each
 * fact probed over SCSI, declared by the model, given by the target, or undeclared), the library model, who the
 * operator was and every action it was asked for with its answer, where each kind of observed fact comes from,
 * and the restoring after each test and at the end. Written into summary.json under "evidence".
 * Design: docs/conformance.md "What the report says about the run".
 */
import type { CapabilityFact } from '../observation/capabilities.js';
import type { LibraryModel } from '../target/library-model.js';
import { OBSERVATION_SOURCES } from '../observation/observe.js';
import type { OperatorEntry, OperatorKind } from '../operator/operator.js';
import type { RestoreOutcome } from '../target/target-session.js';

/** The restoring after one test. */
export interface RestoreRecord extends RestoreOutcome {
  /** The test's title, or "end of run". */
  readonly after: string;
  readonly library: string;
}

/** The run's evidence (summary.json "evidence"). */
export interface RunEvidence {
  /** Per library label: the capabilities the run used. */
  readonly capabilities: Readonly<Record<string, readonly CapabilityFact[]>>;
  /** The model given (`--model`, a sim: fixture, or the simulator's served fixture), per library label; null: none. */
  readonly models: Readonly<Record<string, Pick<LibraryModel, 'id' | 'name' | 'file'> | null>>;
  readonly operator: { readonly kind: OperatorKind | null; readonly actions: readonly OperatorEntry[] };
  readonly observation: typeof OBSERVATION_SOURCES;
  /** Restores that did something or found a problem (quiet ones are left out). */
  readonly restores: readonly RestoreRecord[];
  /** What is still not as it was found after the last restore (the run exits non-zero when not empty). */
  readonly notRestored: readonly string[];
  /** Set when the operator aborted the run. */
  readonly aborted?: string;
}

/** Collects the evidence while the run goes. */
export class EvidenceLog {
  readonly capabilities: Record<string, readonly CapabilityFact[]> = {};
  readonly models: Record<string, Pick<LibraryModel, 'id' | 'name' | 'file'> | null> = {};
  readonly restores: RestoreRecord[] = [];
  notRestored: string[] = [];
  aborted: string | undefined;

  addRestore(r: RestoreRecord): void {
    if (r.steps.length > 0 || r.problems.length > 0) this.restores.push(r);
  }

  build(operator: RunEvidence['operator']): RunEvidence {
    return {
      capabilities: this.capabilities,
      models: this.models,
      operator,
      observation: OBSERVATION_SOURCES,
      restores: this.restores,
      notRestored: this.notRestored,
      ...(this.aborted !== undefined ? { aborted: this.aborted } : {}),
    };
  }
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The evidence as Markdown, appended to summary.md: capabilities with their sources, the operator, the restoring. */
export function formatEvidenceMarkdown(e: RunEvidence): string {
  const out: string[] = [
    '',
    '## Capabilities (probed over SCSI, declared by the model, given by the target, or undeclared)',
    '',
  ];
  for (const [library, caps] of Object.entries(e.capabilities)) {
    const model = e.models[library];
    out.push(
      `### ${library}${model ? ` (model ${model.id}, ${model.file})` : ' (no library model)'}`,
      '',
      '| capability | present | source | fact |',
      '|---|---|---|---|',
    );
    for (const c of caps) out.push(`| ${c.name} | ${c.present ? 'yes' : 'no'} | ${c.source} | ${cell(c.fact)} |`);
    out.push('');
  }
  out.push('## Where the observed facts come from', '', '| fact | source | how |', '|---|---|---|');
  for (const o of e.observation) out.push(`| ${cell(o.fact)} | ${o.source} | ${cell(o.how)} |`);
  out.push(
    '',
    `## Operator: ${e.operator.kind ?? 'none'} (${e.operator.actions.length} action${e.operator.actions.length === 1 ? '' : 's'})`,
    '',
  );
  if (e.operator.actions.length > 0) {
    out.push('| # | test | action | result | answer |', '|---|---|---|---|---|');
    for (const a of e.operator.actions)
      out.push(
        `| ${a.id} | ${cell(a.test ?? '(restoring)')} | ${a.action} ${cell(JSON.stringify(a.args))} | ${a.result} | ${cell(a.answer ? JSON.stringify(a.answer) : '')} |`,
      );
    out.push('');
  }
  out.push('## Leaving the library as found', '');
  if (e.aborted !== undefined) out.push(`The operator aborted the run: ${cell(e.aborted)}`, '');
  if (e.restores.length === 0) out.push('No test left anything to restore.');
  for (const r of e.restores)
    out.push(
      `- after ${cell(r.after)}: ${r.steps.length > 0 ? cell(r.steps.join('; ')) : 'nothing done'}${r.problems.length > 0 ? `; **not restored:** ${cell(r.problems.join('; '))}` : ''}`,
    );
  out.push(
    '',
    e.notRestored.length > 0
      ? `**The library is not as it was found:** ${cell(e.notRestored.join('; '))}`
      : 'At the end the library was as it was found (or nothing was recorded: an in-process simulator is fresh for each test).',
    '',
  );
  return out.join('\n');
}
