/**
 * Tests of the conformance commands in-process: `conformance list` (text and JSON, per code profile), the exit
 * codes of `conformance run` for targets it cannot drive, and `report` without results. Spec: conformance/cli.ts.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { registerConformanceCommands, type ConformanceCommandIo } from '../../conformance/cli.js';
import type { PathListing } from '../../conformance/harness/path-list.js';

async function cli(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const io: ConformanceCommandIo = { out: (t) => (out += t), err: (t) => (err += t), exitCode: 0 };
  let usage = '';
  await registerConformanceCommands(yargs(args).exitProcess(false).strict().demandCommand(1), io)
    .fail((msg) => {
      usage = msg ?? 'usage error';
    })
    .parseAsync();
  return { out, err: err + usage, code: usage ? 2 : io.exitCode };
}

describe('conformance/cli', function () {
  this.timeout(30_000);

  it('conformance list prints every path with its result, number and needs', async () => {
    const r = await cli('conformance', 'list');
    expect(r.code).to.equal(0);
    expect(r.out).to.match(/^EjectNtmsCleaner\.SlotNotPresent {2}ERROR_SLOT_NOT_PRESENT \(5006\)$/m);
    expect(r.out).to.match(/needs: empty-slot, port-or-door, magazines, operator; host-only: no; destructive: yes/);
    expect(r.out).to.contain('ERROR_NOT_ENOUGH_MEMORY: an allocation failure');
  });

  it('conformance list --json --profile resource-not-present gives the numbers of that profile', async () => {
    const r = await cli('conformance', 'list', '--json', '--profile', 'resource-not-present');
    const list = JSON.parse(r.out) as PathListing[];
    expect(list.find((p) => p.id === 'EjectNtmsCleaner.SlotNotPresent')?.code).to.equal(4316);
    expect(list.every((p) => p.needs !== undefined && p.decisions.length > 0)).to.equal(true);
  });

  it('an unknown profile is a usage error', async () => {
    const r = await cli('conformance', 'list', '--profile', 'nope');
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/Invalid values|Choices/);
  });

  it('--control with a sim: target, a bad control URL and a bad --time-scale are usage errors', async () => {
    const reports = join(tmpdir(), 'cb-never');
    expect(
      (
        await cli(
          'conformance',
          'run',
          '--target',
          'sim:ibm-ts3100',
          '--control',
          'http://127.0.0.1:1',
          '--reports',
          reports,
        )
      ).err,
    ).to.match(/--control is for iscsi:\/\/, serial: and sg: targets/);
    const bad = await cli(
      'conformance',
      'run',
      '--target',
      'iscsi://127.0.0.1/iqn.2026-01.test:c/0',
      '--control',
      'ftp://x:1',
      '--reports',
      reports,
    );
    expect(bad.code).to.equal(2);
    expect(bad.err).to.match(/bad control URL/);
    const scale = await cli(
      'conformance',
      'run',
      '--target',
      'iscsi://127.0.0.1/iqn.2026-01.test:c/0',
      '--time-scale',
      '0',
      '--reports',
      reports,
    );
    expect(scale.code).to.equal(2);
    expect(scale.err).to.match(/--time-scale must be a positive number/);
    const fast = await cli(
      'conformance',
      'run',
      '--target',
      'iscsi://127.0.0.1/iqn.2026-01.test:c/0',
      '--time-scale',
      '1000000',
      '--reports',
      reports,
    );
    expect(fast.code).to.equal(2);
    expect(fast.err).to.match(/--time-scale 1000000 is above 10000: .*MaxExtendSecs.*1000 is the recommended scale/);
    const grep = await cli('conformance', 'run', '--grep', '(', '--reports', reports);
    expect(grep.code, 'a --grep that is no regular expression is a usage error').to.equal(2);
    expect(grep.err).to.equal('changerbench: --grep: Invalid regular expression: /(/: Unterminated group\n');
  });

  it('conformance run against an unknown fixture exits 2 naming the known ones', async () => {
    const r = await cli('conformance', 'run', '--target', 'sim:nope', '--reports', join(tmpdir(), 'cb-never'));
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/no fixture "nope"; known fixtures: .*tandberg-magnum-224/);
  });

  it('conformance run prints one count line (the matrix; the meta check is reported beside it, not counted)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-cli-'));
    try {
      const r = await cli(
        'conformance',
        'run',
        '--target',
        'sim:ibm-ts3100',
        '--grep',
        'AccessDenied',
        '--reports',
        dir,
      );
      expect(r.code).to.equal(0);
      expect(r.out.match(/^\d+ passed, \d+ failed, \d+ skipped$/gm)).to.deep.equal(['1 passed, 0 failed, 0 skipped']);
      expect(r.out).to.contain('matrix: 1 return paths x 1 libraries, code profile D1-default');
      expect(r.out).to.contain(
        'meta check (every documented result has a return path file; not counted above): passed',
      );
      expect(r.out).to.not.match(/\d+ passing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('report without results exits 1 saying to run the suite first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-cli-'));
    try {
      const r = await cli('report', '--reports', dir);
      expect(r.code).to.equal(1);
      expect(r.err).to.match(/no Allure results in .*: run "changerbench conformance run/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
