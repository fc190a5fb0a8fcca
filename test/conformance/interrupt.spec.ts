/**
 * Ctrl-C during `conformance run` (SIGINT to a child process): the run stops after the test in progress and
 * writes complete reports of the tests that ended, marked interrupted (summary.json's provenance, the JUnit
 * properties), exit 130; junit.xml is never empty or cut, and no temporary file is left. Reports are written to a
 * temporary name and renamed (conformance/report/atomic-write.ts). Spec: issue 11 "Reports CI systems read well".
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary } from '../../conformance/harness/reporting/summary.js';
import { writeFileAtomic } from '../../conformance/report/atomic-write.js';
import { REPO_ROOT } from './support/child.js';

describe('an interrupted run (Ctrl-C)', function () {
  this.timeout(600_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-interrupt-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writeFileAtomic replaces a file whole and leaves no temporary file', () => {
    const file = join(dir, 'a', 'x.txt');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    expect(readFileSync(file, 'utf8')).to.equal('two');
    expect(readdirSync(join(dir, 'a'))).to.deep.equal(['x.txt']);
  });

  it('leaves complete reports of the tests that ended, marked interrupted, and exits 130', async () => {
    const reports = join(dir, 'reports');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/conformance/support/conformance-entry.ts', 'conformance', 'run', '--reports', reports],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no test ended within 5 minutes:\n${out}\n${err}`)), 300_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if ((out.match(/^ {4}[✔-] /gm) ?? []).length >= 3) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 240_000)),
    ]);
    if (code === 'hung') child.kill('SIGKILL');
    expect(code, err).to.equal(130);
    expect(err).to.contain('interrupted: finishing the current test and writing the reports');
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.provenance?.interrupted).to.equal(true);
    expect(summary.cells.length).to.be.greaterThan(2);
    expect(summary.cells.length).to.be.lessThan(248);
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    expect(statSync(join(reports, 'junit.xml')).size).to.be.greaterThan(0);
    expect(junit.trimEnd().endsWith('</testsuites>')).to.equal(true);
    expect(junit).to.contain('<property name="interrupted" value="true"/>');
    expect((junit.match(/<testcase /g) ?? []).length).to.equal(summary.cells.length);
    expect(readdirSync(reports).filter((f) => f.includes('.tmp-'))).to.deep.equal([]);
  });
});
