/**
 * The expected matrix as CI's gate (the whole suite against fixtures/expected/bundled.json is checked by
 * matrix.spec.ts, which runs it once): an expected matrix with one cell edited (a pass expected as a skip, and a skip
 * expected as a pass: the pass that turned into a skip) fails the run naming the cell; and the comparison and the
 * file's checks themselves. Spec: conformance/report/expect-matrix.ts; issue 11 "The CI gate".
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compareWithExpected,
  expectedMatrixOf,
  missingExpectedCells,
  readExpectedMatrix,
  type ExpectedMatrix,
} from '../../conformance/report/expect-matrix.js';
import type { MatrixCell } from '../../conformance/harness/reporting/summary.js';
import { conformanceCli } from './support/in-process-cli.js';

/** The bundled fixtures' expected matrix (regenerate: changerbench conformance run --write-expect fixtures/expected/bundled.json). */
const BUNDLED = 'fixtures/expected/bundled.json';

const cli = conformanceCli;

const cell = (pathId: string, library: string, outcome: MatrixCell['outcome'], reason?: string): MatrixCell => ({
  pathId,
  library,
  outcome,
  durationMs: 1,
  ...(reason !== undefined ? { reason } : {}),
});

describe('the expected matrix (--expect, --write-expect)', function () {
  this.timeout(30 * 60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-expect-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('compares cell by cell: a pass turned skip, a changed reason, a failure and an unknown cell differ; unselected cells do not', () => {
    const expected = expectedMatrixOf([
      cell('P.A', 'x', 'passed'),
      cell('P.B', 'x', 'skipped', 'needs door: none'),
      cell('P.C', 'x', 'passed'),
      cell('P.D', 'x', 'passed'),
    ]);
    const changed = compareWithExpected(
      [
        cell('P.A', 'x', 'skipped', 'needs operator: no one'),
        cell('P.B', 'x', 'skipped', 'needs door: other'),
        cell('P.C', 'x', 'failed', 'boom'),
        cell('P.E', 'x', 'passed'),
      ],
      expected,
    );
    expect(changed.map((c) => `${c.pathId} ${c.expected} -> ${c.actual}`)).to.deep.equal([
      'P.A pass -> skip (needs operator: no one)',
      'P.B skip (needs door: none) -> skip (needs door: other)',
      'P.C pass -> FAIL (boom)',
      'P.E not in the expected matrix -> pass',
    ]);
    expect(compareWithExpected([cell('P.A', 'x', 'passed')], expected)).to.deep.equal([]);
    expect(() => expectedMatrixOf([cell('P.A', 'x', 'failed', 'boom')])).to.throw(/holds passes and skips only/);
  });

  it("an expected cell whose return path is gone differs; other libraries, unselected and other shards' cells do not", () => {
    const expected = expectedMatrixOf([
      cell('P.A', 'x', 'passed'),
      cell('P.Gone', 'x', 'passed'),
      cell('P.Gone', 'y', 'passed'),
      cell('Q.Gone', 'x', 'skipped', 'needs door: none'),
    ]);
    const titles = ['P.A on x'];
    const names = (grep?: RegExp, shard?: { index: number; count: number }) =>
      missingExpectedCells(expected, { libraries: ['x'], titles, grep, shard }).map(
        (c) => `${c.pathId} on ${c.library}: ${c.expected} -> ${c.actual}`,
      );
    expect(names()).to.deep.equal([
      'P.Gone on x: pass -> no such test (the return path is not in the suite)',
      'Q.Gone on x: skip (needs door: none) -> no such test (the return path is not in the suite)',
    ]);
    expect(names(/^P\./)).to.deep.equal(['P.Gone on x: pass -> no such test (the return path is not in the suite)']);
    const byShard = [1, 2, 3].flatMap((index) => names(undefined, { index, count: 3 }));
    expect([...byShard].sort()).to.deep.equal(names().sort());
  });

  it('refuses a malformed file naming the file and the field', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'changerbench-expected-matrix/1', cells: { 'P.A': { x: 'passed' } } }));
    expect(() => readExpectedMatrix(bad)).to.throw(
      /bad\.json: cells\."P\.A"\."x" must be "pass" or \{ "skip": "<reason>" \}, got "passed"/,
    );
    expect(() => readExpectedMatrix(join(dir, 'none.json'))).to.throw(/none\.json: no such file/);
  });

  it('one cell edited fails the run naming it: a pass expected as a skip, and a pass that turned into a skip', async () => {
    const edited = JSON.parse(readFileSync(BUNDLED, 'utf8')) as {
      cells: Record<string, Record<string, unknown>>;
    } & ExpectedMatrix;
    const door = edited.cells['EjectNtmsCleaner.DoorOperatorTakes'];
    const access = edited.cells['EjectNtmsCleaner.AccessDenied'];
    expect(door?.['ibm-ts3100']).to.have.property('skip');
    expect(access?.['ibm-ts3100']).to.equal('pass');
    if (!door || !access) throw new Error('bundled.json lacks the cells');
    access['ibm-ts3100'] = { skip: 'needs operator: no operator can act on this target' };
    const file = join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify(edited));
    const grep = ['--target', 'sim:ibm-ts3100', '--grep', '^EjectNtmsCleaner\\.(AccessDenied|DoorOperatorTakes) on'];
    const r = await cli('conformance', 'run', ...grep, '--expect', file, '--reports', join(dir, 'edited'));
    expect(r.code).to.equal(1);
    expect(r.out).to.contain(`expected matrix ${file}: 1 cell(s) changed`);
    expect(r.err).to.contain(
      'EjectNtmsCleaner.AccessDenied on ibm-ts3100: expected skip (needs operator: no operator can act on this target), got pass',
    );

    // The gate's reason to be: today's skip was a pass yesterday.
    access['ibm-ts3100'] = 'pass';
    door['ibm-ts3100'] = 'pass';
    writeFileSync(file, JSON.stringify(edited));
    const turned = await cli('conformance', 'run', ...grep, '--expect', file, '--reports', join(dir, 'turned'));
    expect(turned.code).to.equal(1);
    expect(turned.err).to.match(
      /EjectNtmsCleaner\.DoorOperatorTakes on ibm-ts3100: expected pass, got skip \(needs no-ie-port: MODE SENSE page 1Dh reports 1 import\/export element/,
    );
    expect(readFileSync(join(dir, 'turned', 'summary.md'), 'utf8')).to.contain(
      '**CHANGED** EjectNtmsCleaner.DoorOperatorTakes on ibm-ts3100: expected pass',
    );
  });

  it('an expected pass whose return path no longer exists fails the run naming the cell', async () => {
    const edited = JSON.parse(readFileSync(BUNDLED, 'utf8')) as {
      cells: Record<string, Record<string, unknown>>;
    } & ExpectedMatrix;
    edited.cells['EjectNtmsCleaner.AccessDeniedRenamed'] = { 'ibm-ts3100': 'pass' };
    const file = join(dir, 'gone.json');
    writeFileSync(file, JSON.stringify(edited));
    const r = await cli(
      'conformance',
      'run',
      '--target',
      'sim:ibm-ts3100',
      '--grep',
      '^EjectNtmsCleaner\\.AccessDenied',
      '--expect',
      file,
      '--reports',
      join(dir, 'gone'),
    );
    expect(r.code).to.equal(1);
    expect(r.err).to.contain('EjectNtmsCleaner.AccessDeniedRenamed on ibm-ts3100: expected pass, got no such test');
  });

  it('--write-expect writes what --expect then accepts', async () => {
    const file = join(dir, 'written.json');
    const args = [
      'conformance',
      'run',
      '--target',
      'sim:quantum-superloader3',
      '--grep',
      'Precedence',
      '--reports',
      join(dir, 'written'),
    ];
    expect((await cli(...args, '--write-expect', file)).code).to.equal(0);
    expect(Object.keys(readExpectedMatrix(file).cells).every((p) => p.includes('Precedence'))).to.equal(true);
    expect((await cli(...args, '--expect', file)).code).to.equal(0);
  });
});
