/**
 * The run's summary matrix (return path x library, pass / fail / skip) as JSON and Markdown, with the policies
 * (code profile, time-out and access policies of docs/rsm-semantics.md section 14) the run used, so the evidence says
 * which numbers were asserted.
 */

import { formatIdentityMarkdown } from '../../report/identity-markdown.js';
import type { LibraryIdentity, RunProvenance } from '../../report/run-identity.js';
import type { RunEvidence } from './run-evidence.js';

/** The outcome of one path against one library. */
export interface MatrixCell {
  readonly pathId: string;
  readonly library: string;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  /** Skip reason or failure message. */
  readonly reason?: string;
  /** Wall-clock duration in ms. */
  readonly durationMs: number;
  /** Simulated (clock) time the test covered, in ms. */
  readonly simulatedMs?: number;
}

/** Everything summary.json holds. */
export interface RunSummary {
  readonly tool: string;
  readonly startedAt: string;
  readonly target: string;
  /** The code profile the run asserted numbers with (docs/rsm-semantics.md D1). */
  readonly codeProfile: string;
  readonly libraries: readonly string[];
  readonly paths: readonly {
    id: string;
    returns: string;
    code?: number;
    provenance: readonly string[];
    decisions: readonly string[];
    needs: readonly string[];
  }[];
  readonly policies: Readonly<Record<string, string | number | boolean>>;
  readonly cells: readonly MatrixCell[];
  readonly totals: { passed: number; failed: number; skipped: number };
  readonly wallMs: number;
  readonly simulatedMs: number;
  /** What the meta-check found missing (documented results without a return path file), if anything. */
  readonly metaProblems?: readonly string[];
  /** Which tool, host, target, operator and times (conformance/report/run-identity.ts). */
  readonly provenance?: RunProvenance;
  /** Capabilities with their sources, the operator's actions, where facts come from, the restoring (run-evidence.ts). */
  readonly evidence?: RunEvidence;
  /** Each library's identity read over SCSI, its model file and capabilities. */
  readonly devices?: readonly LibraryIdentity[];
  /** With `--expect FILE`: the file and the cells that differ from it (empty when none). */
  readonly expected?: { readonly file: string; readonly changed: readonly string[] };
}

const mark = { passed: 'pass', failed: '**FAIL**', skipped: 'skip' } as const;

/** Counts the cells by outcome. */
export function totals(cells: readonly MatrixCell[]): RunSummary['totals'] {
  const t = { passed: 0, failed: 0, skipped: 0 };
  for (const c of cells) t[c.outcome]++;
  return t;
}

const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown summary: header, policies, the matrix, then every skip and failure with its reason. */
export function formatSummaryMarkdown(s: RunSummary): string {
  const out: string[] = [];
  out.push(`# changerbench conformance: EjectNtmsCleaner`, '');
  out.push(
    `- target: ${s.target}`,
    `- code profile: ${s.codeProfile}`,
    `- started: ${s.startedAt}`,
    `- result: ${s.totals.passed} passed, ${s.totals.failed} failed, ${s.totals.skipped} skipped`,
  );
  out.push(
    `- wall time: ${(s.wallMs / 1000).toFixed(2)} s; simulated time covered: ${(s.simulatedMs / 1000).toFixed(0)} s`,
    '',
  );
  if (s.provenance && s.devices) out.push(...formatIdentityMarkdown(s.provenance, s.devices));
  if (s.expected) {
    out.push(
      '## Expected matrix',
      '',
      `- file: ${s.expected.file}`,
      `- changed cells: ${s.expected.changed.length === 0 ? 'none' : s.expected.changed.length}`,
    );
    for (const c of s.expected.changed) out.push(`- **CHANGED** ${escape(c)}`);
    out.push('');
  }
  out.push('## Policies', '', '| policy | value |', '|---|---|');
  for (const [k, v] of Object.entries(s.policies)) out.push(`| ${escape(k)} | ${escape(String(v))} |`);
  out.push('', '## Matrix', '');
  out.push(`| return path | result | ${s.libraries.map(escape).join(' | ')} |`);
  out.push(`|---|---|${s.libraries.map(() => '---').join('|')}|`);
  for (const p of s.paths) {
    const row = s.libraries.map((lib) => {
      const c = s.cells.find((x) => x.pathId === p.id && x.library === lib);
      return c ? mark[c.outcome] : '-';
    });
    const code = p.code !== undefined ? ` (${p.code})` : '';
    out.push(`| ${escape(p.id)} | ${escape(p.returns)}${code} | ${row.join(' | ')} |`);
  }
  if (s.metaProblems?.length) {
    out.push('', '## Meta-check', '');
    for (const p of s.metaProblems) out.push(`- **FAIL** ${escape(p)}`);
  }
  const notes = s.cells.filter((c) => c.outcome !== 'passed');
  if (notes.length) {
    out.push('', '## Skips and failures', '');
    for (const c of notes)
      out.push(
        `- ${c.outcome === 'failed' ? '**FAIL**' : 'skip'} ${escape(c.pathId)} on ${escape(c.library)}: ${escape(c.reason ?? '')}`,
      );
  }
  return out.join('\n') + '\n';
}
