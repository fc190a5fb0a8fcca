/**
 * The suite's read-back waits out a changer that is inventorying (NOT READY 04/01) instead of failing the test:
 * over a control endpoint the operator's "close the door" returns before the library's scan ends, and the
 * read-back that follows must see the changer ready (this race failed a CI run of the suite over iSCSI).
 * Spec: SPC-4 6.47 (NOT READY 04/01, docs/scsi-model.md 10); conformance/harness/observation/changer-probe.ts.
 */
import { expect } from 'chai';
import { VirtualClock } from '../../common/clock/clock.js';
import { CommandFailedError } from '../../scsi/host/execute-checked.js';
import { InMemoryTransport } from '../../scsi/transport/in-memory-transport.js';
import { loadPersonality } from '../../sim/personality/index.js';
import { createInProcessTarget } from '../../sim/changer/in-process-target.js';
import { ChangerProbe } from '../../conformance/harness/observation/changer-probe.js';

async function libraryInventorying() {
  const { changer, target, clock } = createInProcessTarget(await loadPersonality('spectra-2k'), {
    clock: new VirtualClock(),
    startReady: true,
  });
  const transport = new InMemoryTransport(target, { nexus: 'probe-test' });
  expect(changer.control.openDoor().ok).to.equal(true);
  expect(changer.control.closeDoor().ok).to.equal(true);
  return { clock, transport };
}

describe('conformance/harness/observation/changer-probe', () => {
  it('without a clock, a read during the inventory after a door close fails with 02/04/01', async () => {
    const { clock, transport } = await libraryInventorying();
    const error = await clock.runUntil(
      new ChangerProbe(transport).readAll().then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(error).to.be.instanceOf(CommandFailedError);
    const sense = (error as CommandFailedError).result.sense;
    expect([sense?.key, sense?.asc, sense?.ascq]).to.deep.equal([0x02, 0x04, 0x01]);
  });

  it('with the session clock, the read waits until the inventory ends and then reads every element', async () => {
    const { clock, transport } = await libraryInventorying();
    const start = clock.now();
    const probe = new ChangerProbe(transport, 0, (ms) => clock.sleep(ms));
    const contents = (await clock.runUntil(probe.readAll()))!;
    expect(clock.now() - start, 'virtual time spent waiting for the scan').to.be.greaterThan(0);
    const layout = await probe.layout();
    expect(contents.elements.filter((e) => e.kind === 'storage')).to.have.length(layout.numberOfStorage);
    expect(contents.elements.filter((e) => e.kind === 'drive')).to.have.length(layout.numberOfDataTransfer);
  });

  it('readSlot waits the same way (the element map already read)', async () => {
    const { changer, target, clock } = createInProcessTarget(await loadPersonality('spectra-2k'), {
      clock: new VirtualClock(),
      startReady: true,
    });
    const transport = new InMemoryTransport(target, { nexus: 'probe-test' });
    const probe = new ChangerProbe(transport, 0, (ms) => clock.sleep(ms));
    const layout = (await clock.runUntil(probe.layout()))!;
    expect(changer.control.openDoor().ok).to.equal(true);
    expect(changer.control.closeDoor().ok).to.equal(true);
    const start = clock.now();
    const slot = await clock.runUntil(probe.readSlot(layout.firstStorage));
    expect(slot?.address).to.equal(layout.firstStorage);
    expect(clock.now() - start, 'virtual time spent waiting for the scan').to.be.greaterThan(0);
  });
  it('an unchanged library reads as the very same contents; a move reads as new contents showing it', async () => {
    const { target, clock } = createInProcessTarget(await loadPersonality('spectra-2k'), {
      clock: new VirtualClock(),
      startReady: true,
    });
    const probe = new ChangerProbe(new InMemoryTransport(target, { nexus: 'probe-test' }), 0, (ms) => clock.sleep(ms));
    const first = (await clock.runUntil(probe.readAll()))!;
    expect(await clock.runUntil(probe.readAll()), 'nothing changed').to.equal(first);
    const full = first.elements.find((e) => e.kind === 'storage' && e.full)!;
    const empty = first.elements.find((e) => e.kind === 'storage' && !e.full && e.access)!;
    await clock.runUntil(probe.move(full.address, empty.address));
    const after = (await clock.runUntil(probe.readAll()))!;
    expect(after).to.not.equal(first);
    expect(after.at(empty.address)).to.include({ full: true, volumeTag: full.volumeTag });
    expect(after.at(full.address)?.full).to.equal(false);
    expect(first.at(full.address)?.full, 'the earlier contents are left as they were').to.equal(true);
  });
});
