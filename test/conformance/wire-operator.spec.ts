/**
 * The suite as on real hardware, each run in a child process against `changerbench sim serve` over iSCSI, with no
 * control endpoint given to the suite: the library model from `--model`, the operator a rig script
 * (`--operator exec:`, test/conformance/fixtures/sim-rig.mjs) that alone knows the simulator's control endpoint.
 * Every path gives the verdict it gives in-process and the library is left as it was found; the prompt operator is
 * refused on a stdin that is not a terminal; the oracle-sl150 `--control` scenario restores cleanly.
 * The door-only library is in wire-operator-door-only.spec.ts. Children are killed in after-hooks.
 * Spec: docs/conformance.md "On real hardware"; docs/operator.md; conformance/harness/operator/restore.ts.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { HttpControlClient } from '../../sim/control/control-http-client.js';
import { runTsChild } from './support/child.js';
import { expectRigVerdicts } from './support/rig-verdicts.js';
import { serveFixture } from './support/sim-serve.js';
import {
  CONFORMANCE_ENTRY,
  conformanceRun,
  elementsOf,
  failures,
  RIG,
  useChildRig,
  verdict,
} from './support/wire-operator-rig.js';

describe('conformance on hardware terms: --model and --operator exec: over iSCSI (child processes)', function () {
  this.timeout(900_000);
  const rig = useChildRig();

  it('oracle-sl150 with --model and a rig as the operator: the in-process verdicts, and the library as it was found', async () => {
    const { iscsi, control } = await serveFixture('oracle-sl150', rig.children);
    const client = new HttpControlClient(control);
    const before = await elementsOf(client);

    const local = await conformanceRun(join(rig.dir, 'local'), ['--target', 'sim:oracle-sl150']);
    const wire = await conformanceRun(join(rig.dir, 'wire'), [
      '--target',
      iscsi,
      '--model',
      'oracle-sl150',
      '--operator',
      `exec:node ${RIG} ${control}`,
      '--time-scale',
      '1000',
      '--allow-destructive',
    ]);
    expect(wire.summary.totals.failed, failures(wire.summary)).to.equal(0);
    expect(wire.code, wire.stderr.slice(-2000)).to.equal(0);
    await expectRigVerdicts(wire.summary.cells, local.summary.cells);
    expect(await elementsOf(client)).to.deep.equal(before);

    const ev = wire.summary.evidence;
    expect(ev.notRestored).to.deep.equal([]);
    expect(ev.operator.kind).to.equal('exec');
    // The test cleaner was sent out through the mail slot after the tests that left it in its slot (no door).
    expect(ev.restores.some((r) => r.steps.some((s) => /^MOVE MEDIUM \d+ -> 1[0-3] \(CLN900L1/.test(s)))).to.equal(
      true,
    );
    expect(
      ev.operator.actions.some(
        (a) => a.action === 'take-from-ie' && a.result === 'done' && a.answer?.['volumeTag'] === 'CLN900L1',
      ),
    ).to.equal(true);
    const caps = ev.capabilities['oracle-sl150'] ?? [];
    expect(caps.find((c) => c.name === 'door')).to.include({ present: false, source: 'declared' });
    expect(caps.find((c) => c.name === 'ie-port')).to.include({ present: true, source: 'probed' });
    expect(ev.observation.map((o) => o.source)).to.include.members(['scsi', 'model', 'operator']);
  });

  it("the issue's scenario: oracle-sl150 served at --time-scale 1000 --start-ready, run over iSCSI with --control, no longer fails on restore", async () => {
    const { iscsi, control } = await serveFixture('oracle-sl150', rig.children);
    const client = new HttpControlClient(control);
    const before = await elementsOf(client);
    const local = await conformanceRun(join(rig.dir, 'local-control'), ['--target', 'sim:oracle-sl150']);
    const wire = await conformanceRun(join(rig.dir, 'wire-control'), [
      '--target',
      iscsi,
      '--control',
      control,
      '--time-scale',
      '1000',
    ]);
    expect(wire.summary.totals.failed, failures(wire.summary)).to.equal(0);
    expect(wire.code, wire.stderr.slice(-2000)).to.equal(0);
    expect(wire.summary.cells.map(verdict)).to.deep.equal(local.summary.cells.map(verdict));
    expect(wire.summary.totals).to.include({
      passed: local.summary.totals.passed,
      skipped: local.summary.totals.skipped,
    });
    expect(wire.summary.evidence.notRestored).to.deep.equal([]);
    expect(await elementsOf(client)).to.deep.equal(before);
  });

  it('without --allow-destructive an exec: operator runs only what leaves the library untouched', async () => {
    const { iscsi, control } = await serveFixture('oracle-sl150', rig.children);
    const r = await conformanceRun(join(rig.dir, 'careful'), [
      '--target',
      iscsi,
      '--model',
      'oracle-sl150',
      '--operator',
      `exec:node ${RIG} ${control}`,
      '--time-scale',
      '1000',
      '--grep',
      'PortOperatorTakes|InvalidParameter',
    ]);
    expect(r.summary.cells.find((c) => c.pathId === 'EjectNtmsCleaner.PortOperatorTakes')).to.include({
      outcome: 'skipped',
    });
    expect(r.summary.cells.find((c) => c.pathId === 'EjectNtmsCleaner.PortOperatorTakes')?.reason).to.match(
      /needs operator: the operator \(exec\) acts only with --allow-destructive/,
    );
    expect(r.summary.evidence.operator.actions).to.deep.equal([]);
    expect(r.summary.evidence.restores).to.deep.equal([]);
    expect(r.summary.cells.find((c) => c.pathId === 'EjectNtmsCleaner.InvalidParameter')).to.include({
      outcome: 'passed',
    });
    expect(r.code).to.equal(0);
  });

  it('a cartridge the operator cannot take out is listed as not restored, the test after it skips saying so instead of failing, and the run exits 1', async () => {
    const { iscsi, control } = await serveFixture('oracle-sl150', rig.children);
    const r = await conformanceRun(join(rig.dir, 'jammed'), [
      '--target',
      iscsi,
      '--model',
      'oracle-sl150',
      '--operator',
      `exec:node ${RIG} ${control} take-from-ie`,
      '--time-scale',
      '1000',
      '--allow-destructive',
      '--grep',
      'InvalidParameter|NotConnected',
    ]);
    // NotConnected runs first and leaves its cleaner; InvalidParameter would start from another state: it skips saying so.
    expect(r.summary.cells.map(verdict)).to.deep.equal([
      'EjectNtmsCleaner.NotConnected: passed',
      'EjectNtmsCleaner.InvalidParameter: skipped',
    ]);
    expect(r.summary.cells[1]?.reason).to.match(
      /^the library is not as it was found after EjectNtmsCleaner.NotConnected on oracle-sl150 \(.*CLN900L1.*\); this test would not start from the recorded state$/,
    );
    expect(
      r.summary.evidence.notRestored.some((p) =>
        /(storage|ie) element \d+ holds CLN900L1; at the start it held nothing/.test(p),
      ),
    ).to.equal(true);
    expect(r.summary.evidence.restores.flatMap((x) => x.problems).join('\n')).to.match(
      /operator could not take the cartridge CLN900L1 out of I\/O station element 1[0-3] and keep it: the rig is told to refuse take-from-ie/,
    );
    expect(r.stdout).to.match(/the library is NOT as it was found/);
    expect(r.code).to.equal(1);
  });

  it('--operator prompt on a stdin that is not a terminal is refused, naming exec:', async () => {
    const r = await runTsChild(
      CONFORMANCE_ENTRY,
      [
        'conformance',
        'run',
        '--target',
        'iscsi://127.0.0.1:1/iqn.2026-01.test:x/0',
        '--operator',
        'prompt',
        '--reports',
        join(rig.dir, 'no-tty'),
      ],
      60_000,
    );
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/--operator prompt needs a terminal on stdin .* use --operator exec:COMMAND/);
  });
});
