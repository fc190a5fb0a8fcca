/**
 * `changerbench conformance list`: the return paths, the result each expects (name and number under a code
 * profile), what each needs from the target, and the documented results no path provokes (with the reason).
 * Design: docs/architecture.md style rule 10 (self-describing paths).
 */
import type { ResultName, ResultTable } from '../../rsm/index.js';
import { waivedResults } from './documented-results.js';
import type { ReturnPath } from './return-path.js';

/** One path as `conformance list --json` prints it. */
export interface PathListing {
  readonly id: string;
  readonly title: string;
  readonly returns: string;
  readonly code: number;
  readonly needs: readonly string[];
  readonly hostOnly: boolean;
  readonly destructive: boolean;
  readonly decisions: readonly string[];
  readonly provenance: readonly string[];
}

/** The listing of every path. */
export function listPaths(paths: readonly ReturnPath[], results: ResultTable): PathListing[] {
  return paths.map((p) => ({
    id: p.id,
    title: p.title,
    returns: p.returns,
    code: results.code(p.returns as ResultName),
    needs: p.needs,
    hostOnly: p.hostOnly,
    destructive: p.destructive,
    decisions: p.decisions,
    provenance: p.provenance,
  }));
}

/** The listing as text for people. */
export function formatPathList(paths: readonly ReturnPath[], results: ResultTable): string {
  const lines: string[] = [`EjectNtmsCleaner return paths (code profile ${results.profile.name}):`, ''];
  for (const p of listPaths(paths, results)) {
    lines.push(`${p.id}  ${p.returns} (${p.code})`);
    lines.push(`    ${p.title}`);
    lines.push(
      `    needs: ${p.needs.length ? p.needs.join(', ') : 'any library'}; host-only: ${p.hostOnly ? 'yes' : 'no'}; destructive: ${p.destructive ? 'yes' : 'no'}`,
    );
    lines.push(`    rests on: ${p.decisions.join(', ') || '-'}; documented by: ${p.provenance.join(', ')}`);
  }
  const waived = waivedResults();
  if (waived.length > 0) {
    lines.push('', 'Documented results no path provokes:');
    for (const w of waived) lines.push(`  ${w.name}: ${w.waiver ?? ''}`);
  }
  lines.push('', `${paths.length} return paths.`);
  return `${lines.join('\n')}\n`;
}
