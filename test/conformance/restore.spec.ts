/**
 * Restoring a library through SCSI and the operator only (conformance/harness/operator/restore.ts), against in-process
 * simulators on a fast scaled clock reached through an InMemoryTransport: a library without a door gets the
 * test's cleaner sent out through its mail slot, a moved cartridge moved home and a cartridge that left handed
 * back in; a door-only library is restored through its door and a pulled magazine put back; two cartridges in each
 * other's place are swapped through a free slot; without an operator the problems are listed, not thrown.
 * Spec: docs/conformance.md "Leaving the library as found".
 */
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { ScaledClock } from '../../common/clock/clock.js';
import { waitUntilReady } from '../../scsi/host/wait-until-ready.js';
import { InMemoryTransport } from '../../scsi/transport/in-memory-transport.js';
import { localControlClient, type ControlClient } from '../../sim/control/control-client.js';
import { loadPersonality } from '../../sim/personality/index.js';
import { ChangerProbe } from '../../conformance/harness/observation/changer-probe.js';
import { OperatorJournal } from '../../conformance/harness/operator/operator.js';
import {
  inventoryDifferences,
  inventoryOf,
  Restorer,
  type Inventory,
} from '../../conformance/harness/operator/restore.js';
import { modelOfPersonality, SimulatorOperator } from '../../conformance/harness/target/sim-target.js';
import { createInProcessTarget } from '../../sim/changer/in-process-target.js';

const DOOR_ONLY = fileURLToPath(new URL('./fixtures/door-only-autoloader.json', import.meta.url));

interface Bench {
  readonly probe: ChangerProbe;
  readonly control: ControlClient;
  readonly restorer: (withOperator?: boolean) => Restorer;
  readonly journal: OperatorJournal;
  record(): Promise<Inventory>;
  ready(): Promise<void>;
  close(): Promise<void>;
}

function bench(fixture: string): Bench {
  const personality = loadPersonality(fixture);
  const clock = new ScaledClock(20_000);
  const { changer, target } = createInProcessTarget(personality, { clock, startReady: true });
  const link = new InMemoryTransport(target, { nexus: 'restore-test', description: 'restore test' });
  const sleep = (ms: number) => clock.sleep(ms);
  const probe = new ChangerProbe(link, 0, sleep);
  const control = localControlClient(changer.control);
  const journal = new OperatorJournal();
  const ready = async () => void (await waitUntilReady(link, { sleep, limitMs: 30 * 60_000 }));
  return {
    probe,
    control,
    journal,
    restorer: (withOperator = true) =>
      new Restorer(
        probe,
        withOperator ? new SimulatorOperator(control, journal) : undefined,
        modelOfPersonality(personality),
        ready,
      ),
    record: async () => inventoryOf(await probe.readAll()),
    ready,
    async close() {
      await link.close();
      changer.close();
    },
  };
}

const ok = async (p: Promise<{ ok: boolean; message?: string }>) => {
  const r = await p;
  if (!r.ok) throw new Error(r.message);
};

describe('conformance/harness/operator/restore', function () {
  this.timeout(60_000);

  it('oracle-sl150 (no door): the cleaner goes out through the mail slot, a moved cartridge goes home, one that left comes back', async () => {
    const b = bench('oracle-sl150');
    try {
      const recorded = await b.record();
      // The test's cleaner ends in slot 1012; ORA001L6 is moved to 1024; ORA002L6 leaves through the mail slot.
      await ok(b.control.openImportExport());
      await ok(b.control.putIntoImportExport(10, { volumeTag: 'CLN900L1', kind: 'cleaning', usesRemaining: 25 }));
      await ok(b.control.closeImportExport());
      await b.ready();
      await b.probe.move(10, 1012);
      await b.probe.move(1000, 1024);
      await b.probe.move(1001, 11);
      await ok(b.control.openImportExport());
      await ok(b.control.takeFromImportExport(11));
      await ok(b.control.closeImportExport());
      expect(inventoryDifferences(recorded, await b.probe.readAll())).to.have.length.greaterThan(0);

      const outcome = await b.restorer().restore(recorded);
      expect(outcome.problems).to.deep.equal([]);
      expect(outcome.steps).to.include.members([
        'MOVE MEDIUM 1024 -> 1000 (ORA001L6 back home)',
        'MOVE MEDIUM 1012 -> 10 (CLN900L1 was not in the library at the start)',
        'operator took CLN900L1 out of IE element 10',
      ]);
      expect(outcome.steps.some((s) => /^operator put ORA002L6 into IE element 1[0-3]$/.test(s))).to.equal(true);
      expect(inventoryDifferences(recorded, await b.probe.readAll())).to.deep.equal([]);
      expect(b.journal.entries().map((e) => e.action)).to.include.members([
        'open-ie',
        'take-from-ie',
        'put-into-ie',
        'close-ie',
      ]);
    } finally {
      await b.close();
    }
  });

  it('a door-only library: a pulled magazine goes back, the door is closed, an extra cartridge leaves through the door, two swapped cartridges swap back', async () => {
    const b = bench(DOOR_ONLY);
    try {
      const recorded = await b.record();
      await b.probe.move(1, 7);
      await b.probe.move(2, 1);
      await b.probe.move(7, 2); // SLA001 and SLA002 stand in each other's place
      await ok(b.control.openDoor());
      await ok(b.control.putThroughDoor(14, { volumeTag: 'CLN900L1', kind: 'cleaning', usesRemaining: 25 }));
      await ok(b.control.closeDoor());
      await b.ready();
      await ok(b.control.pullMagazine('right'));
      await ok(b.control.openDoor());

      const outcome = await b.restorer().restore(recorded);
      expect(outcome.problems).to.deep.equal([]);
      expect(outcome.steps).to.include.members([
        'operator put magazine right back',
        'operator closed the door',
        'operator took CLN900L1 out of element 14 through the door',
      ]);
      expect(outcome.steps.some((s) => /out of the way of SLA00[12]L5/.test(s))).to.equal(true);
      expect(inventoryDifferences(recorded, await b.probe.readAll())).to.deep.equal([]);
    } finally {
      await b.close();
    }
  });

  it('without an operator, what cannot be restored is listed, not thrown', async () => {
    const b = bench('oracle-sl150');
    try {
      const recorded = await b.record();
      await ok(b.control.openImportExport());
      await ok(b.control.putIntoImportExport(10, { volumeTag: 'CLN900L1', kind: 'cleaning', usesRemaining: 25 }));
      await ok(b.control.closeImportExport());
      await b.probe.move(10, 1012);
      const outcome = await b.restorer(false).restore(recorded);
      expect(outcome.problems[0]).to.match(
        /^sending out what the test brought: take CLN900L1 out of storage element 1012: no operator can act on this target$/,
      );
      expect(outcome.problems).to.include('storage element 1012 holds CLN900L1; at the start it held nothing');
    } finally {
      await b.close();
    }
  });
});
