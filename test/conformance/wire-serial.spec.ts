/**
 * The suite over serial lines, each run in a child process: `changerbench sim serve` (ibm-ts3100 at
 * --time-scale 1000 --start-ready) serves one library on two socat PTY pairs (`--serial` twice, unpaced) and its
 * control endpoint; `conformance run --target serial:A,B --control http://...` (A the RSM model's line, B the
 * suite's read-back) gives the same cells (outcome and reason) as the in-process run of that fixture and leaves
 * the library as it found it; the same with `--model ibm-ts3100 --operator exec:` (the rig of test/conformance/fixtures/
 * sim-rig.mjs the only one to know the control endpoint): the in-process verdicts, the changer held, the library
 * restored. With one line the run is refused (exit 2) saying a second is needed, without opening it.
 * Children and socat are stopped in after-hooks; the two-line test skips where socat is missing.
 * Spec: docs/conformance.md "Over the wire"; conformance/harness/target/wire-target.ts; docs/serial-framing.md 12.
 */
import { expect } from 'chai';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvidence } from '../../conformance/harness/reporting/run-evidence.js';
import type { RunSummary } from '../../conformance/harness/reporting/summary.js';
import { HttpControlClient } from '../../sim/control/control-http-client.js';
import { PtyPair, socatUnavailable } from '../support/pty-pair.js';
import { expectRigVerdicts } from './support/rig-verdicts.js';
import { conformanceChild, conformanceRun, failures, verdictWithReason } from './support/conformance-run.js';
import { serveOverSerial } from './support/sim-serve.js';
import { elementsOf, RIG, useChildRig } from './support/wire-operator-rig.js';

/** A run in a child process, killed after four minutes. */
const run = (reports: string, args: readonly string[]) => conformanceRun(reports, args, 240_000);

describe('conformance over serial lines (child processes)', function () {
  this.timeout(600_000);
  const pairs: PtyPair[] = [];
  const rig = useChildRig('cb-wire-serial-', { afterKill: () => Promise.all(pairs.map((p) => p.stop())) });
  const children = rig.children;

  it('with one line the run is refused before any test, saying a second line is needed for read-back (exit 2, no line opened, no report)', async () => {
    const line = join(rig.dir, 'one-line');
    writeFileSync(line, ''); // exists, so only the missing second line is at fault; a regular file would fail to open as a serial line
    const reports = join(rig.dir, 'serial-one');
    const r = await conformanceChild(
      reports,
      ['--target', `serial:${line}`, '--grep', 'SlotEmpty|PortOperatorTakes'],
      240_000,
    );
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^changerbench: target "serial:.*one-line": needs a second serial line for read-back/);
    expect(existsSync(join(reports, 'summary.json'))).to.equal(false);
  });

  describe('two lines against sim serve', () => {
    /** Two line pairs (the RSM model's and the read-back's) with ibm-ts3100 served on their far ends. */
    async function twoLinesServed() {
      const rsmLine = await PtyPair.start();
      pairs.push(rsmLine);
      const readBackLine = await PtyPair.start();
      pairs.push(readBackLine);
      const control = await serveOverSerial('ibm-ts3100', [rsmLine.b, readBackLine.b], children);
      return { rsmLine, readBackLine, control, client: new HttpControlClient(control) };
    }

    before(function () {
      const missing = socatUnavailable();
      if (missing !== undefined) {
        console.log(`      skipped: ${missing}`);
        this.skip();
      }
    });

    it('serial:A,B with --control gives the in-process cells of ibm-ts3100, and leaves the library as it found it', async () => {
      const { rsmLine, readBackLine, control, client } = await twoLinesServed();
      const before = await elementsOf(client);

      const local = await run(join(rig.dir, 'local'), ['--target', 'sim:ibm-ts3100']);
      const wire = await run(join(rig.dir, 'serial'), [
        '--target',
        `serial:${rsmLine.a},${readBackLine.a}?baud=115200`,
        '--control',
        control,
        '--time-scale',
        '1000',
      ]);
      expect(local.code).to.equal(0);
      expect(local.summary.totals.passed).to.be.greaterThan(10);
      expect(wire.summary.totals.failed, failures(wire.summary)).to.equal(0);
      expect(wire.code).to.equal(0);
      expect(wire.summary.libraries).to.deep.equal(['ibm-ts3100']);
      expect(wire.summary.cells.map(verdictWithReason)).to.deep.equal(local.summary.cells.map(verdictWithReason));
      expect(await elementsOf(client)).to.deep.equal(before);
    });

    it('serial:A,B with --model and --operator exec: (the control endpoint only the rig knows): the in-process verdicts, held, and restored', async () => {
      const { rsmLine, readBackLine, control, client } = await twoLinesServed();
      const before = await elementsOf(client);

      const local = await run(join(rig.dir, 'local-exec'), ['--target', 'sim:ibm-ts3100']);
      const wire = await run(join(rig.dir, 'serial-exec'), [
        '--target',
        `serial:${rsmLine.a},${readBackLine.a}?baud=115200`,
        '--model',
        'ibm-ts3100',
        '--operator',
        `exec:node ${RIG} ${control}`,
        '--time-scale',
        '1000',
        '--allow-destructive',
      ]);
      expect(wire.summary.totals.failed, failures(wire.summary)).to.equal(0);
      expect(wire.code).to.equal(0);
      await expectRigVerdicts(wire.summary.cells, local.summary.cells);
      const evidence = (wire.summary as RunSummary & { evidence: RunEvidence }).evidence;
      expect(evidence.operator.kind).to.equal('exec');
      expect(evidence.operator.actions.some((a) => a.action === 'take-from-ie' && a.result === 'done')).to.equal(true);
      expect(evidence.capabilities['ibm-ts3100']?.find((c) => c.name === 'hold')).to.include({
        present: true,
        source: 'declared',
      });
      expect(evidence.notRestored).to.deep.equal([]);
      expect(await elementsOf(client)).to.deep.equal(before);
    });
  });
});
