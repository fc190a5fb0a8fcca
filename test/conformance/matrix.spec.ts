/**
 * End to end: `changerbench conformance run` in a child process runs the whole matrix (every return path
 * against every library in fixtures/) on the in-process simulator, and its reports hold every path, no failure,
 * a stated reason for every skip, and the JUnit XML and Allure results. Also the door path against the
 * door-only test fixture (no bundled library has a door without an IE port). Spec: conformance/cli.ts,
 * conformance/harness/run-conformance.ts; the matrix requirements.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFixtures } from '../../sim/personality/index.js';
import { listPathFiles } from '../../conformance/harness/load-paths.js';
import type { RunSummary } from '../../conformance/harness/reporting/summary.js';
import { runTsChild } from './support/child.js';

const ENTRY = 'test/conformance/support/conformance-entry.ts';

async function runMatrix(
  dir: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; summary: RunSummary }> {
  const r = await runTsChild(ENTRY, ['conformance', 'run', '--reports', dir, ...args], timeoutMs);
  if (!existsSync(join(dir, 'summary.json')))
    throw new Error(`no summary.json (exit ${r.code}):\n${r.stderr.slice(-3000)}`);
  return {
    code: r.code,
    stdout: r.stdout,
    summary: JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunSummary,
  };
}

function expectClean(summary: RunSummary, libraries: readonly string[]): void {
  const failures = summary.cells
    .filter((c) => c.outcome === 'failed')
    .map((c) => `${c.pathId} on ${c.library}: ${c.reason ?? ''}`);
  expect(failures, 'failed cells').to.deep.equal([]);
  expect(summary.metaProblems ?? []).to.deep.equal([]);
  expect(summary.libraries).to.deep.equal(libraries);
  expect(summary.paths).to.have.length(listPathFiles().length);
  expect(summary.cells).to.have.length(listPathFiles().length * libraries.length);
  for (const c of summary.cells.filter((x) => x.outcome === 'skipped'))
    expect(c.reason, `${c.pathId} on ${c.library}`).to.match(/^needs [a-z-]+: .{10,}/);
}

describe('conformance run: the whole matrix (child process)', function () {
  this.timeout(30 * 60_000);
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'cb-matrix-'));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('every return path against every bundled fixture: no failure, every skip with a reason, the matrix of fixtures/expected/bundled.json, JUnit and Allure written', async () => {
    const dir = tmp();
    const { code, stdout, summary } = await runMatrix(dir, ['--expect', 'fixtures/expected/bundled.json'], 29 * 60_000);
    expectClean(
      summary,
      listFixtures().map((f) => f.id),
    );
    expect(summary.expected?.changed, 'cells that differ from fixtures/expected/bundled.json').to.deep.equal([]);
    expect(stdout).to.contain('expected matrix fixtures/expected/bundled.json: every cell as expected');
    expect(code).to.equal(0);
    expect(stdout).to.match(/^\d+ passed, 0 failed, \d+ skipped$/m);
    expect(summary.totals.passed).to.be.greaterThan(summary.totals.skipped);
    expect(summary.simulatedMs).to.be.greaterThan(summary.wallMs);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).to.match(
      /<testsuite name="changerbench conformance \(sim:\)"/,
    );
    expect(readdirSync(join(dir, 'allure-results')).some((f) => f.endsWith('-result.json'))).to.equal(true);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).to.contain('| code profile | D1-default [D1] |');
  });

  it('the door path passes against the door-only test fixture', async () => {
    const dir = tmp();
    const { code, summary } = await runMatrix(dir, ['--fixtures-dir', 'test/conformance/fixtures'], 5 * 60_000);
    expectClean(summary, ['door-only-autoloader']);
    expect(code).to.equal(0);
    expect(summary.cells.find((c) => c.pathId === 'EjectNtmsCleaner.DoorOperatorTakes')?.outcome).to.equal('passed');
  });
});
