/**
 * The RSM model over the sg transport when the changer's SCSI generic node vanishes mid-run (hot unplug, HBA
 * reset that removes the device): the next command fails with ENODEV, the model's changer link is lost and the
 * library goes offline with ERROR_LIBRARY_OFFLINE for the calls that need it (docs/rsm-semantics.md D12).
 * Spec: docs/rsm-semantics.md section 14 D12, D3 (online before the slot steps), D4 (the refresh reads the changer);
 * rsm/changer/changer-link.ts (a transport fault is LinkLostError); scsi/transport/sg/sg-transport.ts (ENODEV).
 */
import { expect } from 'chai';
import { guidRef, MemoryDbStore, RsmService, seededRandomSource, Win32 } from '../../../rsm/index.js';
import { DEFAULT_SG_TIMEOUTS, openSgTransport } from '../../../scsi/transport/sg/index.js';
import { FakeSgKernel } from '../../support/fake-sg-kernel.js';
import { createSimulatedBackend } from '../../scsi/transport/contract/contract-harness.js';

describe('rsm model over sg: when the device vanishes', () => {
  it('takes the library offline (link lost) and answers ERROR_LIBRARY_OFFLINE (D12)', async () => {
    const { changer, target, clock } = createSimulatedBackend('ibm-ts3100');
    const kernel = new FakeSgKernel(clock);
    kernel.addSgNode('/dev/sg3', target);
    const transport = await openSgTransport({ path: '/dev/sg3', timeouts: DEFAULT_SG_TIMEOUTS }, { driver: kernel });
    const service = new RsmService({ clock, random: seededRandomSource(3), store: new MemoryDbStore() });
    await service.start();
    try {
      const libraryId = (await clock.runUntil(service.attachChanger(transport))) ?? expect.fail('attached');
      expect(service.inspect.library(libraryId)).to.deep.include({ online: true });
      const { handle } = await service.openNtmsSession(null, 'test', 0);
      const slot = service.inspect
        .library(libraryId)
        ?.slots.find(
          (s) =>
            s.address ===
            changer.control.status().elements.find((e) => e.type === 'storage' && e.cartridge === null)?.address,
        );
      if (!slot) return expect.fail('an empty storage slot');

      kernel.remove('/dev/sg3');
      const rc =
        (await clock.runUntil(service.reserveNtmsCleanerSlot(handle, guidRef(libraryId), guidRef(slot.id)))) ??
        expect.fail('answered');
      expect(rc, 'the call that met the lost link').to.equal(Win32.ERROR_LIBRARY_OFFLINE);
      expect(service.inspect.library(libraryId)).to.deep.include({ online: false, offlineReason: 'link-lost' });
      const eject =
        (await clock.runUntil(service.ejectNtmsCleaner(handle, guidRef(libraryId), guidRef(), 0))) ??
        expect.fail('answered');
      expect(eject).to.equal(Win32.ERROR_LIBRARY_OFFLINE);
      // what the link met: the refresh of the slot (D4) failing with ENODEV, which every later command repeats
      const later = await transport.execute({ lun: 0, cdb: Buffer.alloc(6), allocationLength: 0 }).then(
        () => undefined,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(later?.code).to.equal('ENODEV');
      expect(later?.message).to.equal(
        'READ ELEMENT STATUS (b8h) on sg:/dev/sg3: the device is gone (ENODEV: no such device)',
      );
    } finally {
      await service.stop();
      await transport.close();
      changer.close();
    }
  });
});
