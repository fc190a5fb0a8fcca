/**
 * The RSM model against the real simulator (IBM TS3100 personality) over the in-memory transport, on one
 * VirtualClock: only the arrangement uses the simulator's control API; the model speaks SCSI. Spec: docs/rsm-semantics.md D5, D6,
 * 3.5; docs/smc-reference.md 1.6 (TS3100: OPEN only, the operator closes the station).
 */
import { expect } from 'chai';
import { guidRef, MemoryDbStore, RsmService, seededRandomSource, Win32 } from '../../../rsm/index.js';
import { VirtualClock } from '../../../common/clock/clock.js';
import { InMemoryTransport } from '../../../scsi/transport/in-memory-transport.js';
import { loadPersonality } from '../../../sim/personality/index.js';
import { SILENT_LOGGER } from '../../../common/logger.js';
import { createInProcessTarget } from '../../../sim/changer/in-process-target.js';

async function setUp() {
  const clock = new VirtualClock();
  const { changer: sim, target } = createInProcessTarget(loadPersonality('ibm-ts3100'), {
    clock,
    startReady: true,
    logger: {
      ...SILENT_LOGGER,
      error: (_f, m) => {
        throw new Error(m);
      },
    },
  });
  const transport = new InMemoryTransport(target, { nexus: 'rsm-host' });
  const service = new RsmService({ clock, random: seededRandomSource(5), store: new MemoryDbStore() });
  await service.start();
  const libraryId = (await clock.runUntil(service.attachChanger(transport))) ?? '';
  const { handle } = await service.openNtmsSession(null, 'suite', 0);
  const slot = service.inspect.library(libraryId)?.slots.find((s) => s.address === 4104)?.id ?? '';
  expect(await clock.runUntil(service.reserveNtmsCleanerSlot(handle, guidRef(libraryId), guidRef(slot)))).to.equal(0);
  // Arrangement through the operator's hands: a cleaner into the reserved slot through the door.
  expect(sim.control.openDoor().ok).to.equal(true);
  expect(sim.control.putThroughDoor(4104, { volumeTag: 'CLN002L1', kind: 'cleaning' }).ok).to.equal(true);
  expect(sim.control.closeDoor().ok).to.equal(true);
  return { clock, sim, transport, service, libraryId, handle };
}

describe('rsm model against the simulator (ibm-ts3100)', () => {
  it('ejects the cleaner through the I/O station when the operator takes it (per docs/rsm-semantics.md D5)', async () => {
    const { clock, sim, service, libraryId, handle } = await setUp();
    const op = guidRef();
    expect(await clock.runUntil(service.ejectNtmsCleaner(handle, guidRef(libraryId), op, 0))).to.equal(0);
    const cleaner = service.inspect.cleanerOf(libraryId);
    expect(cleaner).to.deep.include({ barcode: 'CLN002L1', kind: 'cleaner' });
    await clock.runUntil(() => service.inspect.libraryRequest(op.value)?.stateName === 'NTMS_LM_WAITING');
    expect(sim.control.takeFromImportExport(16).ok).to.equal(true);
    expect(sim.control.closeImportExport().ok).to.equal(true);
    const view = await clock.runUntil(service.awaitLibraryRequest(op.value));
    expect(view?.statesVisited).to.deep.equal([
      'NTMS_LM_QUEUED',
      'NTMS_LM_INPROCESS',
      'NTMS_LM_WAITING',
      'NTMS_LM_PASSED',
    ]);
    expect(service.inspect.library(libraryId)).to.deep.include({ cleanerPresent: false, cleanerUsesRemaining: 0 });
    expect(service.inspect.findCartridge(cleaner?.id ?? '')).to.equal(undefined);
    expect(service.inspect.cartridges().map((c) => c.barcode)).to.not.include('CLN002L1');
  });

  it('times out after MaxExtendSecs and puts the cleaner back (per docs/rsm-semantics.md D6)', async () => {
    const { clock, sim, service, libraryId, handle } = await setUp();
    const op = guidRef();
    expect(await clock.runUntil(service.ejectNtmsCleaner(handle, guidRef(libraryId), op, 0))).to.equal(0);
    await clock.runUntil(() => service.inspect.libraryRequest(op.value)?.stateName === 'NTMS_LM_WAITING');
    // TS3100: the host cannot close the station; the operator does, without taking the cleaner.
    await clock.advanceBy(30_000);
    expect(sim.control.closeImportExport().ok).to.equal(true);
    const view = await clock.runUntil(service.awaitLibraryRequest(op.value));
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_TIMEOUT);
    expect(service.inspect.cleanerOf(libraryId)?.location).to.deep.equal({ kind: 'slot', address: 4104 });
  });

  it('injects a cleaner through the I/O station into the reserved slot (docs/rsm-semantics.md 3.5)', async () => {
    const { clock, sim, service, libraryId, handle } = await setUp();
    const eject = guidRef();
    expect(await clock.runUntil(service.ejectNtmsCleaner(handle, guidRef(libraryId), eject, 0))).to.equal(0);
    await clock.runUntil(() => service.inspect.libraryRequest(eject.value)?.stateName === 'NTMS_LM_WAITING');
    sim.control.takeFromImportExport(16);
    sim.control.closeImportExport();
    await clock.runUntil(service.awaitLibraryRequest(eject.value));
    const op = guidRef();
    expect(await clock.runUntil(service.injectNtmsCleaner(handle, guidRef(libraryId), op, 30, 0))).to.equal(0);
    await clock.runUntil(() => service.inspect.libraryRequest(op.value)?.stateName === 'NTMS_LM_WAITING');
    expect(sim.control.putIntoImportExport(16, { volumeTag: 'CLN003L1', kind: 'cleaning' }).ok).to.equal(true);
    await clock.advanceBy(6000);
    expect(service.inspect.libraryRequest(op.value)?.stateName).to.equal('NTMS_LM_WAITING');
    expect(sim.control.closeImportExport().ok).to.equal(true);
    const view = await clock.runUntil(service.awaitLibraryRequest(op.value));
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
    expect(service.inspect.library(libraryId)).to.deep.include({ cleanerPresent: true, cleanerUsesRemaining: 30 });
    expect(service.inspect.cleanerOf(libraryId)).to.deep.include({
      barcode: 'CLN003L1',
      location: { kind: 'slot', address: 4104 },
    });
  });
});
