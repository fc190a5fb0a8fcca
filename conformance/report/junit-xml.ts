/**
 * The JUnit XML file CI systems read (reports/junit.xml), written from the run's evidence rather than by mocha's
 * xunit reporter, so that it holds what CI needs: one testsuite with the identity as properties, each test a
 * testcase (classname the path id), a skip as `<skipped message=...>` with its reason, a failure as
 * `<failure message=...>` (never an error), ISO-8601 timestamps, and the test's SCSI trace in `system-out`.
 * Format: the JUnit XML schema as Jenkins, GitLab and GitHub Actions read it (testsuites/testsuite/testcase,
 * properties, skipped, failure, system-out).
 */
import { formatTraceEvents } from '../harness/observation/trace-log.js';
import type { TestEvidence } from './evidence.js';
import { xmlAttr, xmlText } from './xml-text.js';

/** What the JUnit file is made of. */
export interface JunitInput {
  readonly suiteName: string;
  readonly timestamp: string;
  readonly hostname: string;
  readonly properties: readonly (readonly [string, string])[];
  readonly tests: readonly TestEvidence[];
  /** A failing meta-check (documented results without a return path file) as a testcase of its own. */
  readonly metaProblems?: readonly string[] | undefined;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(t: TestEvidence): string {
  const head = `    <testcase classname="${xmlAttr(t.pathId)}" name="${xmlAttr(t.title)}" time="${seconds(t.durationMs)}"${t.startedAt ? ` timestamp="${xmlAttr(t.startedAt)}"` : ''}>`;
  const body: string[] = [];
  if (t.outcome === 'skipped') body.push(`      <skipped message="${xmlAttr(t.reason ?? 'skipped')}"/>`);
  if (t.outcome === 'failed')
    body.push(
      `      <failure message="${xmlAttr(t.reason ?? 'failed')}" type="AssertionError">${xmlText(t.stack ?? t.reason ?? '')}</failure>`,
    );
  const steps = t.steps.map((s) => `${s.outcome.padEnd(7)} ${s.kind}: ${s.name}`).join('\n');
  const operator = t.operator
    .map(
      (o) =>
        `operator ${o.action}(${o.args.map((a) => JSON.stringify(a)).join(', ')}) -> ${o.refused !== undefined ? `refused: ${o.refused}` : JSON.stringify(o.answer ?? null)}`,
    )
    .join('\n');
  const out = [
    steps && `steps:\n${steps}`,
    operator && `operator (not visible over SCSI):\n${operator}`,
    t.trace.length > 0 && `SCSI trace:\n${formatTraceEvents(t.trace)}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  if (out) body.push(`      <system-out>${xmlText(out)}</system-out>`);
  return [head, ...body, '    </testcase>'].join('\n');
}

/** The JUnit XML text. */
export function formatJunitXml(input: JunitInput): string {
  const tests = input.tests;
  const meta = input.metaProblems?.length ? 1 : 0;
  const failures = tests.filter((t) => t.outcome === 'failed').length + meta;
  const skipped = tests.filter((t) => t.outcome === 'skipped').length;
  const time = seconds(tests.reduce((s, t) => s + t.durationMs, 0));
  const counts = `tests="${tests.length + meta}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="changerbench conformance" ${counts}>`];
  lines.push(
    `  <testsuite name="${xmlAttr(input.suiteName)}" ${counts} timestamp="${xmlAttr(input.timestamp)}" hostname="${xmlAttr(input.hostname)}">`,
  );
  lines.push('    <properties>');
  for (const [name, value] of input.properties)
    lines.push(`      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`);
  lines.push('    </properties>');
  if (meta) {
    const msg = `the return path files do not cover what is documented: ${input.metaProblems?.join('; ')}`;
    lines.push(
      `    <testcase classname="EjectNtmsCleaner.Meta" name="EjectNtmsCleaner.Meta every documented result has a return path file" time="0.000">`,
      `      <failure message="${xmlAttr(msg)}" type="MetaCheck">${xmlText(input.metaProblems?.join('\n') ?? '')}</failure>`,
      '    </testcase>',
    );
  }
  for (const t of tests) lines.push(testcase(t));
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
