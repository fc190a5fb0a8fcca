/**
 * The suite over the wire, each run in a child process: `conformance run --target iscsi://... --control http://...`
 * against `changerbench sim serve` (another child, ibm-ts3100 at --time-scale 1000 --start-ready) gives the same
 * cells (outcome and reason) as the in-process run of that fixture, leaves the served library as it found it, and
 * a second run gives the same again; against Debian's tgt changer (no control endpoint) the run completes with
 * no failure and states why each skipped path cannot run. Children are killed in after-hooks.
 * Spec: docs/conformance.md "Over the wire"; conformance/harness/target/wire-target.ts; docs/tgt-quirks.md.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { HttpControlClient } from '../../sim/control/control-http-client.js';
import { startTgtChanger, tgtMissingReason, type TgtChanger } from '../support/tgt.js';
import { serveFixture } from './support/sim-serve.js';
import { elementsOf, useChildRig } from './support/wire-operator-rig.js';
import { conformanceRun, failures, verdictWithReason } from './support/conformance-run.js';

/** A run in a child process, killed after four minutes. */
const run = (reports: string, args: readonly string[]) => conformanceRun(reports, args, 240_000);

describe('conformance over the wire (child processes)', function () {
  this.timeout(300_000);
  const rig = useChildRig('cb-wire-');
  const children = rig.children;

  it('iscsi:// with --control against sim serve gives the in-process cells of ibm-ts3100, and leaves the library as it found it', async () => {
    const { iscsi, control } = await serveFixture('ibm-ts3100', children);
    const client = new HttpControlClient(control);
    const before = await elementsOf(client);

    const local = await run(join(rig.dir, 'local'), ['--target', 'sim:ibm-ts3100']);
    const wire = await run(join(rig.dir, 'wire'), ['--target', iscsi, '--control', control, '--time-scale', '1000']);
    expect(local.code).to.equal(0);
    expect(wire.summary.totals.failed, failures(wire.summary)).to.equal(0);
    expect(wire.code).to.equal(0);
    expect(wire.summary.libraries).to.deep.equal(['ibm-ts3100']);
    expect(wire.summary.cells.map(verdictWithReason)).to.deep.equal(local.summary.cells.map(verdictWithReason));
    expect(await elementsOf(client)).to.deep.equal(before);

    const again = await run(join(rig.dir, 'wire-again'), [
      '--target',
      iscsi,
      '--control',
      control,
      '--time-scale',
      '1000',
    ]);
    expect(again.summary.cells.map(verdictWithReason), failures(again.summary)).to.deep.equal(
      local.summary.cells.map(verdictWithReason),
    );
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
      const r = await run(join(rig.dir, 'tgt'), ['--target', tgt.url]);
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
