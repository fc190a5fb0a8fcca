/**
 * Discovery of a large library (docs/rsm-semantics.md 14, "libraries discovered from changers through INQUIRY, MODE SENSE
 * page 1Dh and READ ELEMENT STATUS"): a READ ELEMENT STATUS reply holds only the whole descriptors that fit the
 * allocation length (SMC-3 6.10; docs/smc-reference.md 1.3), so the model must read the 20,000 slots of
 * large-library-20k in chunks and end up knowing every slot and every cartridge the changer reports.
 */
import { expect } from 'chai';
import { MemoryDbStore, NtmsSlotState, RsmService, seededRandomSource } from '../../../rsm/index.js';
import { VirtualClock } from '../../../common/clock/clock.js';
import { InMemoryTransport } from '../../../scsi/transport/in-memory-transport.js';
import { loadPersonality } from '../../../sim/personality/index.js';
import { createInProcessTarget } from '../../../sim/changer/in-process-target.js';

describe('rsm model discovering the 20,000-slot library', () => {
  it('knows every storage slot with its state and every cartridge, read in chunks', async () => {
    const clock = new VirtualClock();
    const { changer: sim, target } = createInProcessTarget(loadPersonality('large-library-20k'), {
      clock,
      startReady: true,
    });
    const service = new RsmService({ clock, random: seededRandomSource(9), store: new MemoryDbStore() });
    await service.start();
    const libraryId =
      (await clock.runUntil(service.attachChanger(new InMemoryTransport(target, { nexus: 'rsm-host' })))) ?? '';
    const library = service.inspect.library(libraryId);
    const status = sim.control.status();
    const storage = status.elements.filter((e) => e.type === 'storage');
    expect(library?.slots).to.have.length(storage.length);
    const full = new Set(storage.filter((e) => e.cartridge).map((e) => e.address));
    const states = new Map(library?.slots.map((s) => [s.address, s.state]));
    for (const e of storage)
      expect(states.get(e.address), `slot ${e.address}`).to.equal(
        full.has(e.address) ? NtmsSlotState.NTMS_SLOTSTATE_FULL : NtmsSlotState.NTMS_SLOTSTATE_EMPTY,
      );
    const barcodes = new Set(service.inspect.cartridges(libraryId).map((c) => c.barcode));
    for (const e of storage.filter((x) => x.cartridge))
      expect(barcodes.has(e.cartridge?.volumeTag ?? ''), e.cartridge?.volumeTag).to.equal(true);
    sim.close();
  });
});
