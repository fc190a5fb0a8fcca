/**
 * Tests of the runner on path files of the test's own: a path that passes, one that fails, one that skips, on
 * two libraries; the summary cells, skip reasons, failure messages, the meta-check, the exit code and the JUnit
 * and Allure output. Runs in a child process (one mocha run per process). Spec:
 * conformance/harness/run-conformance.ts, summary.ts, suite-reporter.ts.
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary } from '../../conformance/harness/reporting/summary.js';
import { REPO_ROOT, runTsChild } from './support/child.js';

const harness = (file: string) => JSON.stringify(join(REPO_ROOT, 'conformance', 'harness', file));

function pathFile(id: string, returns: string, needs: string, body: string): string {
  return [
    `import { returnPath } from ${harness('return-path.ts')};`,
    `import { arrangeReady, failsWithoutEffect, UNKNOWN_LIBRARY } from ${harness('path-steps.ts')};`,
    `import { guidRef } from ${JSON.stringify(join(REPO_ROOT, 'rsm', 'index.ts'))};`,
    `export default returnPath({ id: '${id}', title: '${id}', returns: '${returns}', provenance: ['C-API'], decisions: ['D3'], needs: [${needs}], hostOnly: true, destructive: false,`,
    `  async run(t) { ${body} } });`,
  ].join('\n');
}

describe('conformance/harness/run-conformance (child process)', function () {
  this.timeout(120_000);
  let dir: string;
  let summary: RunSummary;
  let code: number | null;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cb-run-'));
    const paths = join(dir, 'paths');
    mkdirSync(paths);
    const call = `const h = await t.rsm.open(); await arrangeReady(t, h); await failsWithoutEffect(t, { act: 'START with an unknown library', expected: EXPECTED, decidedBy: 'library', call: (op) => t.rsm.call('ejectNtmsCleaner', h, guidRef(UNKNOWN_LIBRARY), op, 0) });`;
    writeFileSync(
      join(paths, 'good.spec.ts'),
      pathFile(
        'EjectNtmsCleaner.Good',
        'ERROR_INVALID_LIBRARY',
        '',
        call.replace('EXPECTED', "'ERROR_INVALID_LIBRARY'"),
      ),
    );
    writeFileSync(
      join(paths, 'wrong.spec.ts'),
      pathFile('EjectNtmsCleaner.Wrong', 'ERROR_ACCESS_DENIED', '', call.replace('EXPECTED', "'ERROR_ACCESS_DENIED'")),
    );
    writeFileSync(
      join(paths, 'skipped.spec.ts'),
      pathFile(
        'EjectNtmsCleaner.Skipped',
        'ERROR_RESOURCE_NOT_PRESENT',
        "'neither-port-nor-door'",
        'throw new Error("must not run");',
      ),
    );
    const options = {
      target: 'sim:ibm-ts3100,quantum-superloader3',
      reportsDir: join(dir, 'reports'),
      profile: 'D1-default',
      pathsDir: paths,
    };
    const r = await runTsChild('test/conformance/support/run-entry.ts', [JSON.stringify(options)], 110_000);
    code = r.code;
    expect(r.stdout).to.match(/^\d+ passed, \d+ failed, \d+ skipped$/m);
    summary = JSON.parse(readFileSync(join(dir, 'reports', 'summary.json'), 'utf8')) as RunSummary;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1: a path failed and the meta-check found documented results without a file', () => {
    expect(code).to.equal(1);
    expect(summary.metaProblems?.join('\n')).to.match(
      /ERROR_SUCCESS is documented .* but no return path file expects it/,
    );
  });

  it('has one cell per path and library, with outcomes, reasons and simulated time', () => {
    const cell = (id: string, lib: string) =>
      summary.cells.find((c) => c.pathId === `EjectNtmsCleaner.${id}` && c.library === lib);
    expect(summary.cells).to.have.length(6);
    expect(cell('Good', 'ibm-ts3100')?.outcome).to.equal('passed');
    expect(cell('Good', 'quantum-superloader3')?.outcome).to.equal('passed');
    expect(cell('Good', 'ibm-ts3100')?.simulatedMs).to.be.greaterThan(0);
    expect(cell('Wrong', 'ibm-ts3100')?.outcome).to.equal('failed');
    expect(cell('Wrong', 'ibm-ts3100')?.reason).to.match(
      /returned ERROR_INVALID_LIBRARY \(4301\); expected ERROR_ACCESS_DENIED \(5\)/,
    );
    expect(cell('Skipped', 'ibm-ts3100')?.outcome).to.equal('skipped');
    expect(cell('Skipped', 'ibm-ts3100')?.reason).to.equal(
      'needs neither-port-nor-door: MODE SENSE page 1Dh reports 1 import/export element from address 16; this path needs a library with neither (docs/rsm-semantics.md D9)',
    );
    expect(cell('Skipped', 'quantum-superloader3')?.outcome).to.equal('failed');
    expect(summary.totals).to.deep.equal({ passed: 2, failed: 3, skipped: 1 });
    expect(summary.policies['code profile']).to.match(/^D1-default/);
    expect(summary.codeProfile).to.equal('D1-default');
  });

  it('writes JUnit XML, the Markdown matrix and Allure results with the SCSI trace attached', () => {
    const junit = readFileSync(join(dir, 'reports', 'junit.xml'), 'utf8');
    expect(junit).to.match(/<testsuite /);
    expect(junit).to.contain('EjectNtmsCleaner.Good on ibm-ts3100');
    expect(junit).to.match(/<failure/);
    const md = readFileSync(join(dir, 'reports', 'summary.md'), 'utf8');
    expect(md).to.match(/\| EjectNtmsCleaner\.Good \| ERROR_INVALID_LIBRARY \(4301\) \| pass \| pass \|/);
    expect(md).to.contain('## Meta-check');
    const results = join(dir, 'reports', 'allure-results');
    expect(existsSync(results)).to.equal(true);
    const traces = readdirSync(results)
      .filter((f) => f.endsWith('-attachment.txt'))
      .map((f) => readFileSync(join(results, f), 'utf8'));
    expect(traces.some((t) => t.includes('READ ELEMENT STATUS') && t.includes('==== '))).to.equal(true);
  });
});
