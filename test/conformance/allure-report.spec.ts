/**
 * Tests of `changerbench report`'s checks: no results, no Java, no allure binary, each with what to do; and the
 * allure command it runs. Spec: conformance/harness/reporting/allure-report.ts.
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALLURE_HINT,
  buildAllureReport,
  checkJava,
  findAllureBinary,
  JAVA_HINT,
  ReportError,
  type RunProgram,
} from '../../conformance/harness/reporting/allure-report.js';

const missing: RunProgram = () => ({
  status: null,
  stdout: '',
  stderr: '',
  error: Object.assign(new Error('spawn java ENOENT'), { code: 'ENOENT' }),
});

describe('conformance/harness/reporting/allure-report', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-report-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says to run the suite first when there are no results', () => {
    expect(() => buildAllureReport({ reportsDir: dir, run: missing })).to.throw(
      ReportError,
      /no Allure results in .*allure-results: run "changerbench conformance run/,
    );
  });

  it('says what to install when java is missing', () => {
    expect(() => checkJava(missing)).to.throw(ReportError, `no "java" on the PATH; ${JAVA_HINT}`);
  });

  it('says what to install when the allure binary is missing, and runs allure generate when it is there', () => {
    mkdirSync(join(dir, 'allure-results'));
    writeFileSync(join(dir, 'allure-results', 'x-result.json'), '{}');
    const calls: string[][] = [];
    const ok: RunProgram = (command, args, env) => {
      calls.push([command, ...args, ...Object.entries(env ?? {}).map(([k, v]) => `${k}=${v}`)]);
      return { status: 0, stdout: '', stderr: command === 'java' ? 'openjdk version "17"\n' : '' };
    };
    expect(() => buildAllureReport({ reportsDir: dir, run: ok, findAllure: () => undefined })).to.throw(
      ReportError,
      ALLURE_HINT,
    );
    calls.length = 0;
    const line = buildAllureReport({ reportsDir: dir, run: ok, findAllure: () => '/opt/allure' });
    expect(calls).to.deep.equal([
      ['java', '-version'],
      [
        '/opt/allure',
        'generate',
        join(dir, 'allure-results'),
        '--clean',
        '--single-file',
        '-o',
        join(dir, 'allure'),
        'ALLURE_NO_ANALYTICS=true',
      ],
    ]);
    expect(line).to.match(
      /Allure report written to .*allure \(open .*index\.html, one self-contained file; openjdk version "17"\)/,
    );
  });

  it('finds the allure binary of the installed allure-commandline package', () => {
    expect(findAllureBinary()).to.match(/allure-commandline\/dist\/bin\/allure$/);
  });
});
