/**
 * The suite over the wire, each run in a child process: `conformance run --target iscsi://... --control http://...`
 * against `changerbench sim serve` (another child, ibm-ts3100 at --time-scale 1000 --start-ready) gives the same
 * cells (outcome and reason) as the in-process run of that fixture, leaves the served library as it found it, and
 * a second run gives the same again; against Debian's tgt changer (no control endpoint) the run completes with
 * no failure and states why each skipped path cannot run. Children are killed in after-hooks.
 * Spec: docs/conformance.md "Over the wire"; conformance/harness/target/wire-target.ts; docs/tgt-quirks.md.
 */
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary } from '../../conformance/harness/reporting/summary.js';
import { HttpControlClient } from '../../sim/control/control-http-client.js';
import { startTgtChanger, tgtMissingReason, type TgtChanger } from '../support/tgt.js';
import { runTsChild } from './support/child.js';
import { serveSimulator } from './support/sim-serve.js';

const CONFORMANCE_ENTRY = 'test/conformance/support/conformance-entry.ts';
type Cell = RunSummary['cells'][number];
const key = (c: Cell) =>
  `${c.pathId}: ${c.outcome}${c.reason !== undefined && c.outcome === 'skipped' ? ` (${c.reason})` : ''}`;

const failures = (s: RunSummary) =>
  s.cells
    .filter((c) => c.outcome === 'failed')
    .map((c) => `${c.pathId}: ${c.reason ?? ''}`)
    .join('\n');

async function conformanceRun(
  reports: string,
  args: readonly string[],
): Promise<{ code: number | null; summary: RunSummary; stdout: string }> {
  const r = await runTsChild(CONFORMANCE_ENTRY, ['conformance', 'run', '--reports', reports, ...args], 240_000);
  if (!existsSync(join(reports, 'summary.json')))
    throw new Error(`no summary (exit ${r.code}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return {
    code: r.code,
    summary: JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as RunSummary,
    stdout: r.stdout,
  };
}

describe('conformance over the wire (child processes)', function () {
  this.timeout(300_000);
  let dir: string;
  const children: ChildProcess[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-wire-'));
  });

  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(
      children.map((c) =>
        c.exitCode === null && c.signalCode === null ? new Promise((resolve) => c.once('exit', resolve)) : undefined,
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('iscsi:// with --control against sim serve gives the in-process cells of ibm-ts3100, and leaves the library as it found it', async () => {
    const served = serveSimulator([
      '--fixture',
      'ibm-ts3100',
      '--iscsi',
      '127.0.0.1:0',
      '--control',
      '127.0.0.1:0',
      '--time-scale',
      '1000',
      '--start-ready',
    ]);
    children.push(served.child);
    const { iscsi, control } = await served.urls;
    const client = new HttpControlClient(control);
    const before = (await client.status()).elements.map((e) => `${e.address}:${e.cartridge?.volumeTag ?? ''}`);

    const local = await conformanceRun(join(dir, 'local'), ['--target', 'sim:ibm-ts3100']);
    const wire = await conformanceRun(join(dir, 'wire'), [
      '--target',
      iscsi,
      '--control',
      control,
      '--time-scale',
      '1000',
    ]);
    expect(local.code).to.equal(0);
    expect(wire.summary.totals.failed, failures(wire.summary)).to.equal(0);
    expect(wire.code).to.equal(0);
    expect(wire.summary.libraries).to.deep.equal(['ibm-ts3100']);
    expect(wire.summary.cells.map(key)).to.deep.equal(local.summary.cells.map(key));
    expect((await client.status()).elements.map((e) => `${e.address}:${e.cartridge?.volumeTag ?? ''}`)).to.deep.equal(
      before,
    );

    const again = await conformanceRun(join(dir, 'wire-again'), [
      '--target',
      iscsi,
      '--control',
      control,
      '--time-scale',
      '1000',
    ]);
    expect(again.summary.cells.map(key), failures(again.summary)).to.deep.equal(local.summary.cells.map(key));
  });

  describe('against Debian tgt (no control endpoint)', () => {
    let tgt: TgtChanger | undefined;

    before(async function () {
      const reason = tgtMissingReason();
      if (reason !== undefined) {
        console.log(`      skipped: ${reason}`);
        this.skip();
      }
      tgt = await startTgtChanger({ importExport: { start: 10, count: 2 } });
    });

    after(async () => {
      await tgt?.stop();
    });

    it('completes without a failure, running the host-only paths and saying why the others skip', async () => {
      if (!tgt) throw new Error('tgt did not start');
      const r = await conformanceRun(join(dir, 'tgt'), ['--target', tgt.url]);
      const failed = r.summary.cells.filter((c) => c.outcome === 'failed');
      expect(failed.map((c) => `${c.pathId}: ${c.reason ?? ''}`)).to.deep.equal([]);
      expect(r.code).to.equal(0);
      expect(r.summary.totals.passed).to.be.greaterThan(10);
      const skipped = r.summary.cells.filter((c) => c.outcome === 'skipped');
      expect(skipped.length).to.be.greaterThan(0);
      expect(skipped.every((c) => (c.reason ?? '').startsWith('needs '))).to.equal(true);
      expect(r.summary.cells.find((c) => c.pathId === 'EjectNtmsCleaner.PortOperatorTakes')?.reason).to.contain(
        'needs operator: no operator can act on this target',
      );
      // tgt sets ACCESS on no element (docs/tgt-quirks.md TGT-R5): its slots are present to the RSM model
      // (docs/rsm-model.md M2), so the paths that only need a reserved empty slot run.
      expect(r.summary.cells.find((c) => c.pathId === 'EjectNtmsCleaner.SlotEmpty')?.outcome).to.equal('passed');
    });
  });
});
