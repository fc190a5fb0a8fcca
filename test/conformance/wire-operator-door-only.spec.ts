/**
 * The suite as on real hardware against a door-only library (no I/O station) served by `changerbench sim serve`
 * over iSCSI, each run in a child process: without a model the neither-port-nor-door paths skip naming --model
 * instead of passing unearned; with its model and the rig (`--operator exec:`) the door path passes, each door
 * cycle seen over SCSI. Children are killed in after-hooks.
 * Spec: docs/conformance.md "On real hardware"; docs/operator.md.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { serveFixture } from './support/sim-serve.js';
import { conformanceRun, DOOR_ONLY, failures, RIG, useChildRig, verdict } from './support/wire-operator-rig.js';

describe('conformance on hardware terms: --model and --operator exec: over iSCSI (child processes)', function () {
  this.timeout(900_000);
  const rig = useChildRig();

  it('a door-only library without a model: the neither-port-nor-door paths skip naming --model instead of passing unearned', async () => {
    const { iscsi } = await serveFixture(DOOR_ONLY, rig.children);
    const r = await conformanceRun(join(rig.dir, 'door-only'), [
      '--target',
      iscsi,
      '--time-scale',
      '1000',
      '--grep',
      'ResourceNotPresent|PrecedencePortOrDoorOverSlot|InvalidParameter',
    ]);
    for (const id of ['EjectNtmsCleaner.ResourceNotPresent', 'EjectNtmsCleaner.PrecedencePortOrDoorOverSlot']) {
      const cell = r.summary.cells.find((c) => c.pathId === id);
      expect(cell?.outcome, id).to.equal('skipped');
      expect(cell?.reason, id).to.match(
        /needs neither-port-nor-door: .*undeclared: SCSI does not say whether the library has an operator access door.*--model/,
      );
    }
    expect(r.summary.cells.find((c) => c.pathId === 'EjectNtmsCleaner.InvalidParameter')?.outcome).to.equal('passed');
    expect(
      r.summary.evidence.capabilities['door-only-autoloader'] ??
        r.summary.evidence.capabilities[Object.keys(r.summary.evidence.capabilities)[0] ?? ''],
    ).to.deep.include({
      name: 'door',
      present: false,
      source: 'undeclared',
      fact: 'undeclared: SCSI does not say whether the library has an operator access door, and no library model declares it (give --model NAME|FILE)',
    });

    const declared = await conformanceRun(join(rig.dir, 'door-only-model'), [
      '--target',
      iscsi,
      '--time-scale',
      '1000',
      '--model',
      DOOR_ONLY,
      '--grep',
      'ResourceNotPresent|PrecedencePortOrDoorOverSlot',
    ]);
    for (const c of declared.summary.cells)
      expect(c.reason, c.pathId).to.match(/needs neither-port-nor-door: .*declares an access door/);
  });

  it('a door-only library with its model and the rig: the door cycles are seen over SCSI (NOT READY while open, 28/00 after) and the door path passes', async () => {
    const { iscsi, control } = await serveFixture(DOOR_ONLY, rig.children);
    const r = await conformanceRun(join(rig.dir, 'door-only-rig'), [
      '--target',
      iscsi,
      '--model',
      DOOR_ONLY,
      '--operator',
      `exec:node ${RIG} ${control}`,
      '--time-scale',
      '1000',
      '--allow-destructive',
      '--grep',
      'DoorOperatorTakes',
    ]);
    expect(r.summary.cells.map(verdict), failures(r.summary)).to.deep.equal([
      'EjectNtmsCleaner.DoorOperatorTakes: passed',
    ]);
    expect(
      r.summary.evidence.operator.actions.filter((a) => a.test !== undefined).map((a) => a.action),
    ).to.include.members(['open-door', 'put-through-door', 'close-door', 'take-through-door']);
    expect(r.summary.evidence.observation).to.deep.include({
      fact: 'door closed again',
      source: 'scsi',
      how: "the suite's own nexus receives 06/28/00 NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED after the operator closes it (checked each time)",
    });
    expect(r.summary.evidence.notRestored).to.deep.equal([]);
    expect(r.code).to.equal(0);
  });
});
