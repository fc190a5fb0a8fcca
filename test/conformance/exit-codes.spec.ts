/**
 * The exit codes of `conformance run` (conformance/report/exit-codes.ts) tried as a new user would: a target
 * nobody listens on, --fixtures-dir that does not exist, a malformed fixture under --fixtures-dir, a serial line
 * that does not exist, a one-line serial target: each one clear line and exit 2 before any test runs, the earlier
 * reports untouched. A run in which nothing passed exits 1 unless --allow-all-skipped. In-process.
 * Spec: issue 11 "The CI gate"; docs/conformance.md "Exit codes".
 */
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary } from '../../conformance/harness/reporting/summary.js';
import { conformanceCli } from './support/in-process-cli.js';

const cli = conformanceCli;

/** A port nobody listens on: bound, then closed. */
async function deadPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('conformance run: exit codes and unusable targets', function () {
  this.timeout(120_000);
  let dir: string;
  let reports: string;
  const before = '{"earlier":"report"}\n';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-exit-'));
    reports = join(dir, 'reports');
    mkdirSync(reports);
    writeFileSync(join(reports, 'summary.json'), before);
    writeFileSync(join(reports, 'junit.xml'), '<earlier/>');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Exit 2, one line on stderr matching `message`, nothing on stdout (no test ran), reports untouched. */
  function expectRefused(r: { out: string; err: string; code: number }, message: RegExp): void {
    expect(r.code, r.err).to.equal(2);
    expect(r.err).to.match(message);
    expect(r.err.startsWith('changerbench: ')).to.equal(true);
    expect(r.out).to.not.match(/passed|✔|skipped:/);
    expect(readFileSync(join(reports, 'summary.json'), 'utf8')).to.equal(before);
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).to.equal('<earlier/>');
    expect(readdirSync(reports).sort()).to.deep.equal(['junit.xml', 'summary.json']);
  }

  it('a target nobody listens on: exit 2 saying the connection was refused', async () => {
    const port = await deadPort();
    const r = await cli(
      'conformance',
      'run',
      '--target',
      `iscsi://127.0.0.1:${port}/iqn.2026-01.test:c/0`,
      '--reports',
      reports,
    );
    expectRefused(
      r,
      /^changerbench: target "iscsi:\/\/127\.0\.0\.1:\d+\/iqn\.2026-01\.test:c\/0", library c: cannot be used: .*ECONNREFUSED[^\n]*\n$/,
    );
  });

  it('--fixtures-dir /nonexistent: exit 2 naming the directory (no raw ENOENT)', async () => {
    const r = await cli('conformance', 'run', '--fixtures-dir', join(dir, 'nonexistent'), '--reports', reports);
    expectRefused(r, /^changerbench: --fixtures-dir .*nonexistent: no such directory\n$/);
  });

  it('a malformed fixture under --fixtures-dir: exit 2 naming the file and the field', async () => {
    const fixtures = join(dir, 'fixtures');
    mkdirSync(fixtures);
    writeFileSync(join(fixtures, 'broken.json'), '{"name": 3}');
    const r = await cli('conformance', 'run', '--fixtures-dir', fixtures, '--reports', reports);
    expectRefused(r, /library broken: cannot be used: .*broken\.json: name: expected a product name, got 3/);
  });

  it('--target serial:/nonexistent: exit 2 naming the line (never a green run of skips)', async () => {
    const r = await cli('conformance', 'run', '--target', `serial:${join(dir, 'no-such-line')}`, '--reports', reports);
    expectRefused(r, /serial line .*no-such-line does not exist\n$/);
  });

  it('a run in which nothing passed exits 1 saying so, and 0 with --allow-all-skipped', async () => {
    const args = [
      'conformance',
      'run',
      '--target',
      'sim:ibm-ts3100',
      '--grep',
      'DoorOperatorTakes',
      '--reports',
      reports,
    ];
    const r = await cli(...args);
    expect(r.code).to.equal(1);
    expect(r.out).to.match(/^0 passed, 0 failed, 1 skipped$/m);
    expect(r.out).to.match(
      /- EjectNtmsCleaner\.DoorOperatorTakes on ibm-ts3100: skipped: needs no-ie-port: MODE SENSE page 1Dh reports 1 import\/export element/,
    );
    expect(r.err).to.match(/no test passed \(1 skipped\): nothing was shown to work; pass --allow-all-skipped/);
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.totals).to.deep.equal({ passed: 0, failed: 0, skipped: 1 });
    const allowed = await cli(...args, '--allow-all-skipped');
    expect(allowed.code).to.equal(0);
  });

  it('--shard that is not I/N is a usage error', async () => {
    const r = await cli('conformance', 'run', '--shard', '5/4', '--reports', reports);
    expectRefused(r, /--shard "5\/4": give I\/N with 1 <= I <= N/);
  });

  it('a --sign-key that is missing, not a key, or not Ed25519, or given without --certificate: exit 2 before any test', async () => {
    const run = (...extra: string[]) =>
      cli('conformance', 'run', '--target', 'sim:ibm-ts3100', '--grep', 'AccessDenied', '--reports', reports, ...extra);
    expectRefused(
      await run('--certificate', '--sign-key', join(dir, 'none.pem')),
      /^changerbench: --sign-key .*none\.pem: no such file\n$/,
    );
    const notKey = join(dir, 'not-a-key.pem');
    writeFileSync(notKey, 'hello\n');
    expectRefused(
      await run('--certificate', '--sign-key', notKey),
      /--sign-key .*not-a-key\.pem: not a private key in PEM form/,
    );
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    expectRefused(await run('--certificate', '--sign-key', rsa), /--sign-key .*rsa\.pem: the key is rsa, not Ed25519/);
    const ed = join(dir, 'ed.pem');
    writeFileSync(ed, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expectRefused(await run('--sign-key', ed), /--sign-key signs the certificate: give --certificate too/);
  });
});
