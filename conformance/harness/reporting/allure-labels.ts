/**
 * What a conformance test tells the Allure report about itself before it runs: the function, the result it
 * expects (name and number under the run's code profile), the path's documentation and decisions, what it needs,
 * the library, and for a skip the stated reason. Design: docs/architecture.md style rule 10 (self-describing files).
 */
import { description, epic, feature, label, logStep, parameter, Status, story } from 'allure-js-commons';
import type { ResultTable } from '../../../rsm/index.js';
import type { ReturnPath } from '../return-path.js';

/** Markdown describing a return path (also printed by `conformance list`). */
export function describePath(path: ReturnPath, results: ResultTable): string {
  const r = results.describe(path.returns as Parameters<ResultTable['describe']>[0]);
  return [
    `**${path.id}**: ${path.title}`,
    '',
    `- expects: ${r.name} = ${r.code} (${r.hex}, HRESULT ${r.hresult}; confidence ${r.confidence}${r.realName ? `, winerror.h ${r.realName}` : ''})`,
    `- documented by: ${path.provenance.join(', ')}`,
    `- decisions: ${path.decisions.length ? path.decisions.join(', ') : 'none'}`,
    `- needs: ${path.needs.length ? path.needs.join(', ') : 'nothing beyond a library'}`,
    `- host-only: ${path.hostOnly ? 'yes (the call under test does not touch the changer)' : 'no'}`,
    `- destructive: ${path.destructive ? 'yes (moves cartridges or changes library state)' : 'no'}`,
  ].join('\n');
}

/** Labels and description of one test (path x library) in the Allure report. */
export async function labelTest(path: ReturnPath, library: string, results: ResultTable): Promise<void> {
  const [fn] = path.id.split('.');
  await epic(fn ?? path.id);
  await feature(path.returns);
  await story(path.id);
  await label('library', library);
  await parameter('library', library);
  await parameter('code profile', results.profile.name);
  await description(describePath(path, results));
}

/** Records the skip reason in the Allure report (a skipped step), before the test skips. */
export async function reportSkip(reason: string): Promise<void> {
  await logStep(`guard: skipped: ${reason}`, Status.SKIPPED);
}
