/**
 * `--shard I/N` and `changerbench report merge`: four shards of a run, merged, give the same matrix (cells,
 * outcomes, reasons), JUnit testcases and Allure results as the run in one piece; shares are disjoint and
 * deterministic; merge refuses shards of another run, a shard given twice and a missing shard. In-process.
 * Spec: conformance/report/shard.ts, merge.ts; issue 11 "The CI gate".
 */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary } from '../../conformance/harness/reporting/summary.js';
import { parseShard, shareOf } from '../../conformance/report/shard.js';
import { conformanceCli } from './support/in-process-cli.js';

const cli = conformanceCli;

const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunSummary;
const matrixOf = (s: RunSummary) =>
  s.cells.map((c) => `${c.pathId} on ${c.library}: ${c.outcome} ${c.reason ?? ''}`).sort();
const testcases = (dir: string) =>
  (readFileSync(join(dir, 'junit.xml'), 'utf8').match(/<testcase [^>]*name="([^"]+)"/g) ?? []).sort();
const allureResults = (dir: string) =>
  readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json')).length;

describe('--shard and report merge', function () {
  this.timeout(20 * 60_000);
  let dir: string;
  const run = [
    'conformance',
    'run',
    '--target',
    'sim:ibm-ts3100,quantum-superloader3',
    '--grep',
    'Precedence|Slot|Port',
    '--run-id',
    'ci-42',
  ];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-shard-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('splits the cells into disjoint, deterministic shares that cover them all', () => {
    const titles = Array.from({ length: 31 }, (_, k) => `P${k} on lib`);
    const shares = [1, 2, 3, 4].map((i) => shareOf(titles, parseShard(`${i}/4`)));
    expect(shares.map((s) => s.size).reduce((a, b) => a + b, 0)).to.equal(31);
    expect(new Set(shares.flatMap((s) => [...s])).size).to.equal(31);
    expect([...shareOf([...titles].reverse(), parseShard('2/4'))].sort()).to.deep.equal([...(shares[1] ?? [])].sort());
    expect(() => parseShard('0/4')).to.throw(/give I\/N/);
  });

  it('four shards merged give the same matrix, JUnit testcases and Allure results as one run', async () => {
    const whole = await cli(...run, '--reports', join(dir, 'whole'));
    expect(whole.code, whole.err).to.equal(0);
    const shards = [1, 2, 3, 4].map((i) => join(dir, `shard-${i}`));
    for (const [k, d] of shards.entries()) {
      const r = await cli(...run, '--shard', `${k + 1}/4`, '--reports', d, '--allow-all-skipped');
      expect(r.code, r.err).to.equal(0);
      expect(r.out).to.contain(`(shard ${k + 1}/4: `);
    }
    const sizes = shards.map((d) => summaryOf(d).cells.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).to.be.at.most(1);
    const merged = join(dir, 'merged');
    const m = await cli('report', 'merge', ...shards, '--reports', merged);
    expect(m.code, m.err).to.equal(0);
    expect(m.out).to.match(/^merged 4 shards of run ci-42 into .*merged: \d+ cells$/m);
    const one = summaryOf(join(dir, 'whole'));
    const joined = summaryOf(merged);
    expect(matrixOf(joined)).to.deep.equal(matrixOf(one));
    expect(joined.totals).to.deep.equal(one.totals);
    expect(m.out).to.contain(`${one.totals.passed} passed, ${one.totals.failed} failed, ${one.totals.skipped} skipped`);
    expect(testcases(merged)).to.deep.equal(testcases(join(dir, 'whole')));
    expect(allureResults(merged)).to.equal(allureResults(join(dir, 'whole')));
    expect(joined.provenance?.mergedShards).to.equal(4);
    expect(joined.provenance?.shard).to.equal(undefined);
    expect(readFileSync(join(merged, 'allure-results', 'environment.properties'), 'utf8')).to.contain('run.id=ci-42');
  });

  it('refuses shards of another run, a shard given twice and a missing shard', async () => {
    const other = join(dir, 'other-3');
    const r = await cli(...run.slice(0, -1), 'ci-43', '--shard', '3/4', '--reports', other, '--allow-all-skipped');
    expect(r.code, r.err).to.equal(0);
    const s = (i: number) => join(dir, `shard-${i}`);
    const mixed = await cli('report', 'merge', s(1), s(2), other, s(4), '--reports', join(dir, 'bad'));
    expect(mixed.code).to.equal(2);
    expect(mixed.err).to.match(/other-3 is not a shard of the same run as .*shard-1: run id ci-43 vs ci-42/);
    const twice = await cli('report', 'merge', s(1), s(2), s(2), s(4), '--reports', join(dir, 'bad'));
    expect(twice.err).to.match(/shard 2\/4 given twice/);
    const missing = await cli('report', 'merge', s(1), s(2), s(4), '--reports', join(dir, 'bad'));
    expect(missing.code).to.equal(2);
    expect(missing.err).to.match(/shard 3\/4 missing/);
  });
});
