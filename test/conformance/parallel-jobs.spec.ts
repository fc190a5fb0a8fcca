/**
 * `conformance run --jobs N`: a run in two worker-thread jobs gives the same report as the serial run (--jobs 1):
 * the same cells with the same verdicts and reasons in the same order, the same console test lines in the same
 * order, the same evidence per test, JUnit testcases and Allure results; the job shares are disjoint, cover every
 * cell and deal each library's cells over the jobs; --jobs is refused for targets that are one changer.
 * In-process (the jobs are worker threads). Spec: conformance/harness/parallel/; issue 14 "The main job".
 */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobShare, libraryOfTitle } from '../../conformance/harness/parallel/job-share.js';
import type { RunSummary } from '../../conformance/harness/reporting/summary.js';
import { conformanceCli } from './support/in-process-cli.js';

const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunSummary;
const evidenceOf = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'evidence.json'), 'utf8')) as { tests: Record<string, unknown>[] }).tests.map(
    ({ startedAt: _s, durationMs: _d, ...rest }) => rest,
  );
const cellsOf = (s: RunSummary) =>
  s.cells.map((c) => ({
    pathId: c.pathId,
    library: c.library,
    outcome: c.outcome,
    reason: c.reason,
    simulatedMs: c.simulatedMs,
  }));
/** The console lines of the tests and suites, without their wall times. */
const linesOf = (out: string) =>
  out
    .split('\n')
    .filter((l) => /^ {2}\S| {4}[✔✖-] |passed, /.test(l))
    .map((l) => l.replace(/ \(\d+ ms\)$/, ''));
const testcases = (dir: string) =>
  readFileSync(join(dir, 'junit.xml'), 'utf8').match(/<testcase [^>]*name="([^"]+)"/g) ?? [];
const allureResults = (dir: string) =>
  readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json')).length;

describe('conformance run --jobs', function () {
  this.timeout(10 * 60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-jobs-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("deals every library's cells over the jobs: disjoint shares covering every cell", () => {
    const titles = ['A', 'B', 'C', 'D', 'E'].flatMap((p) => ['small', 'large'].map((l) => `P.${p} on ${l}`));
    const shares = [0, 1].map((i) => jobShare(titles, i, 2));
    expect(shares.map((s) => s.size).reduce((a, b) => a + b, 0)).to.equal(titles.length);
    expect(new Set(shares.flatMap((s) => [...s])).size).to.equal(titles.length);
    const large = shares.map((s) => [...s].filter((t) => libraryOfTitle(t) === 'large').length);
    expect(Math.abs((large[0] ?? 0) - (large[1] ?? 0))).to.be.at.most(1);
    expect([...jobShare(titles, 1, 2)]).to.deep.equal([...(shares[1] ?? [])]);
    expect(() => jobShare(titles, 2, 2)).to.throw(RangeError, /0 <= index < count/);
  });

  it("two jobs give the serial run's report: cells, verdicts, order, console lines, evidence, JUnit, Allure", async () => {
    const run = [
      'conformance',
      'run',
      '--target',
      'sim:ibm-ts3100,quantum-superloader3',
      '--grep',
      'Precedence|Slot|Port|Handle',
    ];
    const serial = await conformanceCli(...run, '--jobs', '1', '--reports', join(dir, 'serial'));
    expect(serial.code, serial.err).to.equal(0);
    const parallel = await conformanceCli(...run, '--jobs', '2', '--reports', join(dir, 'parallel'));
    expect(parallel.code, parallel.err).to.equal(0);
    const one = summaryOf(join(dir, 'serial'));
    const two = summaryOf(join(dir, 'parallel'));
    expect(one.cells.length).to.be.greaterThan(10);
    expect(cellsOf(two)).to.deep.equal(cellsOf(one));
    expect(two.totals).to.deep.equal(one.totals);
    expect(two.paths).to.deep.equal(one.paths);
    expect(two.evidence).to.deep.equal(one.evidence);
    expect(two.provenance?.configHash).to.equal(one.provenance?.configHash);
    expect(linesOf(parallel.out)).to.deep.equal(linesOf(serial.out));
    expect(evidenceOf(join(dir, 'parallel'))).to.deep.equal(evidenceOf(join(dir, 'serial')));
    expect(testcases(join(dir, 'parallel'))).to.deep.equal(testcases(join(dir, 'serial')));
    expect(allureResults(join(dir, 'parallel'))).to.equal(allureResults(join(dir, 'serial')));
    expect(readdirSync(join(dir, 'parallel')).filter((f) => f.startsWith('.jobs-'))).to.deep.equal([]);
  });

  it('refuses --jobs above 1 for a target that is one changer, and a --jobs that is not a count (exit 2)', async () => {
    const wire = await conformanceCli(
      'conformance',
      'run',
      '--target',
      'iscsi://127.0.0.1:1/iqn.2026-11.dev.changerbench:x/0',
      '--jobs',
      '2',
      '--reports',
      join(dir, 'wire'),
    );
    expect(wire.code).to.equal(2);
    expect(wire.err).to.match(/--jobs 2: only sim: targets .* is one changer/);
    const zero = await conformanceCli('conformance', 'run', '--jobs', '0', '--reports', join(dir, 'zero'));
    expect(zero.code).to.equal(2);
    expect(zero.err).to.contain('--jobs must be a whole number from 1 to 64, got 0');
    const prompt = await conformanceCli(
      'conformance',
      'run',
      '--operator',
      'exec:true',
      '--jobs',
      '2',
      '--reports',
      join(dir, 'exec'),
    );
    expect(prompt.code).to.equal(2);
    expect(prompt.err).to.contain('with one operator (exec:true)');
  });

  it('an unknown sim: fixture met in the jobs is a usage error, as in a serial run (exit 2)', async () => {
    const r = await conformanceCli(
      'conformance',
      'run',
      '--target',
      'sim:nope',
      '--jobs',
      '2',
      '--reports',
      join(dir, 'nope'),
    );
    expect(r.err).to.match(/no fixture "nope"; known fixtures: .*ibm-ts3100/);
    expect(r.code).to.equal(2);
  });
});
