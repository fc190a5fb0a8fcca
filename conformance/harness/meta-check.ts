/**
 * The meta-check: every documented result of EjectNtmsCleaner has at least one return path file (unless it is
 * waived with a reason), every path returns a documented result, ids are unique and well formed, decisions name
 * D1-D16 and needs name known capabilities. Runs inside `conformance run` (as the suite's first test) and as a
 * unit test. Design: docs/architecture.md style rule 10 ("a meta-test fails when a documented result has no file").
 */
import { fileURLToPath } from 'node:url';
import { EJECT_NTMS_CLEANER_RESULTS, type DocumentedResult } from './documented-results.js';
import { Capability, RETURN_PATH_ID, type ReturnPath } from './return-path.js';

const KNOWN_CAPABILITIES: readonly string[] = Object.values(Capability);
const DECISION = /^D([1-9]|1[0-6])$/;

/** This file, named as the meta-test's source in reports. */
export const META_CHECK_FILE: string = fileURLToPath(import.meta.url);

/** The function whose paths are checked against the documented list. */
export const CHECKED_FUNCTION = 'EjectNtmsCleaner';

/** Problems with the set of return paths; empty when the suite covers what is documented. */
export function coverageProblems(
  paths: readonly ReturnPath[],
  documented: readonly DocumentedResult[] = EJECT_NTMS_CLEANER_RESULTS,
): string[] {
  const problems: string[] = [];
  const own = paths.filter((p) => p.id.startsWith(`${CHECKED_FUNCTION}.`));
  for (const d of documented) {
    const covering = own.filter((p) => p.returns === d.name);
    if (d.waiver === undefined && covering.length === 0)
      problems.push(
        `${d.name} is documented (${d.documentedBy.join(', ')}: ${d.where}) but no return path file expects it`,
      );
    if (d.waiver !== undefined && covering.length > 0)
      problems.push(
        `${d.name} is waived (${d.waiver}) but ${covering.map((p) => p.id).join(', ')} expect it: drop the waiver`,
      );
  }
  const seen = new Set<string>();
  for (const p of paths) {
    if (!RETURN_PATH_ID.test(p.id)) problems.push(`${p.id}: ids look like Function.Case`);
    if (seen.has(p.id)) problems.push(`${p.id}: two return path files have this id`);
    seen.add(p.id);
    if (!p.id.startsWith(`${CHECKED_FUNCTION}.`)) problems.push(`${p.id}: the suite checks ${CHECKED_FUNCTION} only`);
    if (!documented.some((d) => d.name === p.returns))
      problems.push(`${p.id} expects ${p.returns}, which no source documents for ${CHECKED_FUNCTION}`);
    for (const d of p.decisions)
      if (!DECISION.test(d))
        problems.push(`${p.id}: decision "${d}" is not one of D1-D16 (docs/rsm-semantics.md section 14)`);
    for (const n of p.needs) if (!KNOWN_CAPABILITIES.includes(n)) problems.push(`${p.id}: unknown capability "${n}"`);
    if (p.provenance.length === 0) problems.push(`${p.id}: says nowhere where its result is documented (provenance)`);
    if (p.title.trim() === '') problems.push(`${p.id}: has no title`);
  }
  return problems;
}
