/**
 * The suite as on real hardware, each run in a child process against `changerbench sim serve` over iSCSI, with no
 * control endpoint given to the suite: the library model from `--model`, the operator a rig script
 * (`--operator exec:`, test/conformance/fixtures/sim-rig.mjs) that alone knows the simulator's control endpoint.
 * Every path gives the verdict it gives in-process and the library is left as it was found; a door-only library
 * without a model no longer passes the neither-port-nor-door paths it has not earned; the prompt operator is
 * refused on a stdin that is not a terminal; the oracle-sl150 `--control` scenario restores cleanly; a
 * door-only library with its model and the rig passes its door path, each door cycle seen over SCSI. Children are
 * killed in after-hooks.
 * Spec: docs/conformance.md "On real hardware"; docs/operator.md; conformance/harness/operator/restore.ts.
 */
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvidence } from '../../conformance/harness/reporting/run-evidence.js';
import type { RunSummary } from '../../conformance/harness/reporting/summary.js';
import { HttpControlClient } from '../../sim/control/control-http-client.js';
import { REPO_ROOT, runTsChild } from './support/child.js';
import { expectRigVerdicts } from './support/rig-verdicts.js';
import { serveSimulator } from './support/sim-serve.js';

const CONFORMANCE_ENTRY = 'test/conformance/support/conformance-entry.ts';
const RIG = join(REPO_ROOT, 'test/conformance/fixtures/sim-rig.mjs');
const DOOR_ONLY = join(REPO_ROOT, 'test/conformance/fixtures/door-only-autoloader.json');

type Summary = RunSummary & { evidence: RunEvidence };
type Cell = RunSummary['cells'][number];
const verdict = (c: Cell) => `${c.pathId}: ${c.outcome}`;
const failures = (s: RunSummary) => s.cells.filter((c) => c.outcome === 'failed').map((c) => `${c.pathId}: ${c.reason ?? ''}`).join('\n');

async function conformanceRun(reports: string, args: readonly string[]): Promise<{ code: number | null; summary: Summary; stdout: string; stderr: string }> {
  const r = await runTsChild(CONFORMANCE_ENTRY, ['conformance', 'run', '--reports', reports, ...args], 480_000);
  if (!existsSync(join(reports, 'summary.json'))) throw new Error(`no summary (exit ${r.code}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return { code: r.code, summary: JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as Summary, stdout: r.stdout, stderr: r.stderr };
}

const elementsOf = async (client: HttpControlClient) => (await client.status()).elements.map((e) => `${e.address}:${e.cartridge?.volumeTag ?? ''}`);

describe('conformance on hardware terms: --model and --operator exec: over iSCSI (child processes)', function () {
  this.timeout(900_000);
  let dir: string;
  const children: ChildProcess[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-wire-op-'));
  });

  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((resolve) => c.once('exit', resolve)) : undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  it('oracle-sl150 with --model and a rig as the operator: the in-process verdicts, and the library as it was found', async () => {
    const served = serveSimulator(['--fixture', 'oracle-sl150', '--iscsi', '127.0.0.1:0', '--control', '127.0.0.1:0', '--time-scale', '1000', '--start-ready']);
    children.push(served.child);
    const { iscsi, control } = await served.urls;
    const client = new HttpControlClient(control);
    const before = await elementsOf(client);

    const local = await conformanceRun(join(dir, 'local'), ['--target', 'sim:oracle-sl150']);
    const wire = await conformanceRun(join(dir, 'wire'), ['--target', iscsi, '--model', 'oracle-sl150', '--operator', `exec:node ${RIG} ${control}`, '--time-scale', '1000', '--allow-destructive']);
    expect(wire.summary.totals.failed, failures(wire.summary)).to.equal(0);
    expect(wire.code, wire.stderr.slice(-2000)).to.equal(0);
    await expectRigVerdicts(wire.summary.cells, local.summary.cells);
    expect(await elementsOf(client)).to.deep.equal(before);

    const ev = wire.summary.evidence;
    expect(ev.notRestored).to.deep.equal([]);
    expect(ev.operator.kind).to.equal('exec');
    // The test cleaner was sent out through the mail slot after the tests that left it in its slot (no door).
    expect(ev.restores.some((r) => r.steps.some((s) => /^MOVE MEDIUM \d+ -> 1[0-3] \(CLN900L1/.test(s)))).to.equal(true);
    expect(ev.operator.actions.some((a) => a.action === 'take-from-ie' && a.result === 'done' && a.answer?.['volumeTag'] === 'CLN900L1')).to.equal(true);
    const caps = ev.capabilities['oracle-sl150'] ?? [];
    expect(caps.find((c) => c.name === 'door')).to.include({ present: false, source: 'declared' });
    expect(caps.find((c) => c.name === 'ie-port')).to.include({ present: true, source: 'probed' });
    expect(ev.observation.map((o) => o.source)).to.include.members(['scsi', 'model', 'operator']);
  });

  it('the issue\'s scenario: oracle-sl150 served at --time-scale 1000 --start-ready, run over iSCSI with --control, no longer fails on restore', async () => {
    const served = serveSimulator(['--fixture', 'oracle-sl150', '--iscsi', '127.0.0.1:0', '--control', '127.0.0.1:0', '--time-scale', '1000', '--start-ready']);
    children.push(served.child);
    const { iscsi, control } = await served.urls;
    const client = new HttpControlClient(control);
    const before = await elementsOf(client);
    const local = await conformanceRun(join(dir, 'local-control'), ['--target', 'sim:oracle-sl150']);
    const wire = await conformanceRun(join(dir, 'wire-control'), ['--target', iscsi, '--control', control, '--time-scale', '1000']);
    expect(wire.summary.totals.failed, failures(wire.summary)).to.equal(0);
    expect(wire.code, wire.stderr.slice(-2000)).to.equal(0);
    expect(wire.summary.cells.map(verdict)).to.deep.equal(local.summary.cells.map(verdict));
    expect(wire.summary.totals).to.include({ passed: local.summary.totals.passed, skipped: local.summary.totals.skipped });
    expect(wire.summary.evidence.notRestored).to.deep.equal([]);
    expect(await elementsOf(client)).to.deep.equal(before);
  });

  it('without --allow-destructive an exec: operator runs only what leaves the library untouched', async () => {
    const served = serveSimulator(['--fixture', 'oracle-sl150', '--iscsi', '127.0.0.1:0', '--control', '127.0.0.1:0', '--time-scale', '1000', '--start-ready']);
    children.push(served.child);
    const { iscsi, control } = await served.urls;
    const r = await conformanceRun(join(dir, 'careful'), ['--target', iscsi, '--model', 'oracle-sl150', '--operator', `exec:node ${RIG} ${control}`, '--time-scale', '1000', '--grep', 'PortOperatorTakes|InvalidParameter']);
    expect(r.summary.cells.find((c) => c.pathId === 'EjectNtmsCleaner.PortOperatorTakes')).to.include({ outcome: 'skipped' });
    expect(r.summary.cells.find((c) => c.pathId === 'EjectNtmsCleaner.PortOperatorTakes')?.reason).to.match(/needs operator: the operator \(exec\) acts only with --allow-destructive/);
    expect(r.summary.evidence.operator.actions).to.deep.equal([]);
    expect(r.summary.evidence.restores).to.deep.equal([]);
    expect(r.summary.cells.find((c) => c.pathId === 'EjectNtmsCleaner.InvalidParameter')).to.include({ outcome: 'passed' });
    expect(r.code).to.equal(0);
  });

  it('a cartridge the operator cannot take out is listed as not restored, the test after it skips saying so instead of failing, and the run exits 1', async () => {
    const served = serveSimulator(['--fixture', 'oracle-sl150', '--iscsi', '127.0.0.1:0', '--control', '127.0.0.1:0', '--time-scale', '1000', '--start-ready']);
    children.push(served.child);
    const { iscsi, control } = await served.urls;
    const r = await conformanceRun(join(dir, 'jammed'), ['--target', iscsi, '--model', 'oracle-sl150', '--operator', `exec:node ${RIG} ${control} take-from-ie`, '--time-scale', '1000', '--allow-destructive', '--grep', 'InvalidParameter|NotConnected']);
    // NotConnected runs first and leaves its cleaner; InvalidParameter would start from another state: it skips saying so.
    expect(r.summary.cells.map(verdict)).to.deep.equal(['EjectNtmsCleaner.NotConnected: passed', 'EjectNtmsCleaner.InvalidParameter: skipped']);
    expect(r.summary.cells[1]?.reason).to.match(/^the library is not as it was found after EjectNtmsCleaner.NotConnected on oracle-sl150 \(.*CLN900L1.*\); this test would not start from the recorded state$/);
    expect(r.summary.evidence.notRestored.some((p) => /(storage|ie) element \d+ holds CLN900L1; at the start it held nothing/.test(p))).to.equal(true);
    expect(r.summary.evidence.restores.flatMap((x) => x.problems).join('\n')).to.match(/operator could not take the cartridge CLN900L1 out of I\/O station element 1[0-3] and keep it: the rig is told to refuse take-from-ie/);
    expect(r.stdout).to.match(/the library is NOT as it was found/);
    expect(r.code).to.equal(1);
  });

  it('a door-only library without a model: the neither-port-nor-door paths skip naming --model instead of passing unearned', async () => {
    const served = serveSimulator(['--fixture', DOOR_ONLY, '--iscsi', '127.0.0.1:0', '--control', '127.0.0.1:0', '--time-scale', '1000', '--start-ready']);
    children.push(served.child);
    const { iscsi } = await served.urls;
    const r = await conformanceRun(join(dir, 'door-only'), ['--target', iscsi, '--time-scale', '1000', '--grep', 'ResourceNotPresent|PrecedencePortOrDoorOverSlot|InvalidParameter']);
    for (const id of ['EjectNtmsCleaner.ResourceNotPresent', 'EjectNtmsCleaner.PrecedencePortOrDoorOverSlot']) {
      const cell = r.summary.cells.find((c) => c.pathId === id);
      expect(cell?.outcome, id).to.equal('skipped');
      expect(cell?.reason, id).to.match(/needs neither-port-nor-door: .*undeclared: SCSI does not say whether the library has an operator access door.*--model/);
    }
    expect(r.summary.cells.find((c) => c.pathId === 'EjectNtmsCleaner.InvalidParameter')?.outcome).to.equal('passed');
    expect(r.summary.evidence.capabilities['door-only-autoloader'] ?? r.summary.evidence.capabilities[Object.keys(r.summary.evidence.capabilities)[0] ?? '']).to.deep.include({ name: 'door', present: false, source: 'undeclared', fact: 'undeclared: SCSI does not say whether the library has an operator access door, and no library model declares it (give --model NAME|FILE)' });

    const declared = await conformanceRun(join(dir, 'door-only-model'), ['--target', iscsi, '--time-scale', '1000', '--model', DOOR_ONLY, '--grep', 'ResourceNotPresent|PrecedencePortOrDoorOverSlot']);
    for (const c of declared.summary.cells) expect(c.reason, c.pathId).to.match(/needs neither-port-nor-door: .*declares an access door/);
  });

  it('a door-only library with its model and the rig: the door cycles are seen over SCSI (NOT READY while open, 28/00 after) and the door path passes', async () => {
    const served = serveSimulator(['--fixture', DOOR_ONLY, '--iscsi', '127.0.0.1:0', '--control', '127.0.0.1:0', '--time-scale', '1000', '--start-ready']);
    children.push(served.child);
    const { iscsi, control } = await served.urls;
    const r = await conformanceRun(join(dir, 'door-only-rig'), ['--target', iscsi, '--model', DOOR_ONLY, '--operator', `exec:node ${RIG} ${control}`, '--time-scale', '1000', '--allow-destructive', '--grep', 'DoorOperatorTakes']);
    expect(r.summary.cells.map(verdict), failures(r.summary)).to.deep.equal(['EjectNtmsCleaner.DoorOperatorTakes: passed']);
    expect(r.summary.evidence.operator.actions.filter((a) => a.test !== undefined).map((a) => a.action)).to.include.members(['open-door', 'put-through-door', 'close-door', 'take-through-door']);
    expect(r.summary.evidence.observation).to.deep.include({ fact: 'door closed again', source: 'scsi', how: 'the suite\'s own nexus receives 06/28/00 NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED after the operator closes it (checked each time)' });
    expect(r.summary.evidence.notRestored).to.deep.equal([]);
    expect(r.code).to.equal(0);
  });

  it('--operator prompt on a stdin that is not a terminal is refused, naming exec:', async () => {
    const r = await runTsChild(CONFORMANCE_ENTRY, ['conformance', 'run', '--target', 'iscsi://127.0.0.1:1/iqn.2026-01.test:x/0', '--operator', 'prompt', '--reports', join(dir, 'no-tty')], 60_000);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/--operator prompt needs a terminal on stdin .* use --operator exec:COMMAND/);
  });
});
