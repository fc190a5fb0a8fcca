/** The database across restarts, kills and malformed files. Spec: docs/rsm-model.md "Persistence" and "Restart"; docs/rsm-semantics.md 3.7, D5, D11. */
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileDbStore,
  MemoryDbStore,
  RsmDatabaseError,
  RsmService,
  seededRandomSource,
  Win32,
} from '../../../rsm/index.js';
import { VirtualClock } from '../../../common/clock/clock.js';
import { makeFixture, slotId, startEject, stateOf, withCleaner, type RsmFixture } from '../support/rsm-fixture.js';

/** A second service object on the same store and changer, as after the process was restarted. */
async function reborn(f: RsmFixture, seed = 99): Promise<{ service: RsmService; libraryId: string }> {
  const service = new RsmService({ clock: f.clock, random: seededRandomSource(seed), store: f.store });
  await service.start();
  const libraryId = await service.attachChanger(f.changer);
  return { service, libraryId };
}

describe('rsm database persistence', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rsm-db-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every change durably before the call returns (database file and journal) and leaves no temporary file behind', async () => {
    const path = join(dir, 'rsm.json');
    const f = await makeFixture({ store: new FileDbStore(path) });
    // What a process started now would read: the database file with its journal replayed.
    const stored = async () => {
      const s = await new FileDbStore(path).load();
      if (!s) throw new Error('nothing stored');
      return s;
    };
    const before = await stored();
    expect(before.format).to.equal('changerbench-rsm-db');
    expect(before.libraries.find((l) => l.id === f.libraryId)?.cleanerSlot).to.equal(
      '00000000-0000-0000-0000-000000000000',
    );
    await withCleaner(f);
    const after = await stored();
    expect(after.libraries.find((l) => l.id === f.libraryId)?.cleanerSlot).to.equal(slotId(f, 4100));
    for (const leftover of [`${path}.tmp`, `${path}.journal.tmp`]) {
      const tmp = await readFile(leftover).then(
        () => 'exists',
        (e: NodeJS.ErrnoException) => e.code,
      );
      expect(tmp).to.equal('ENOENT');
    }
  });

  it('reloads the library, its GUIDs, the reservation and the offline library in a new service object', async () => {
    const path = join(dir, 'rsm.json');
    const f = await makeFixture({ store: new FileDbStore(path) });
    await withCleaner(f);
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, { value: f.libraryId })).to.equal(
      f.service.results.code('ERROR_SLOT_FULL'),
    );
    const offline = f.service.inspect.offlineLibraryId;
    await f.service.kill();
    const service = new RsmService({ clock: f.clock, random: seededRandomSource(99), store: new FileDbStore(path) });
    await service.start();
    expect(service.inspect.library(f.libraryId)).to.deep.include({ online: false, offlineReason: 'not-attached' });
    const libraryId = await service.attachChanger(f.changer);
    expect(libraryId).to.equal(f.libraryId);
    expect(service.inspect.offlineLibraryId).to.equal(offline);
    const lib = service.inspect.library(libraryId);
    expect(lib).to.deep.include({ online: true, cleanerPresent: true, cleanerSlot: slotId(f, 4100) });
    expect(service.inspect.cartridges(libraryId).filter((c) => c.kind === 'cleaner')).to.have.length(1);
  });

  it('refuses to start on a file that is not JSON, with an error naming the file', async () => {
    const path = join(dir, 'rsm.json');
    await writeFile(path, '{ "format": "changerbench-rsm-db", ');
    const service = new RsmService({ clock: new VirtualClock(), random: seededRandomSource(1), dbPath: path });
    const err = await service.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(RsmDatabaseError);
    expect((err as Error).message)
      .to.contain(path)
      .and.to.contain('not JSON');
    expect(service.state).to.equal('stopped');
  });

  it('refuses a JSON file that is not a database, naming the bad fields', async () => {
    const store = new MemoryDbStore(
      JSON.stringify({
        format: 'changerbench-rsm-db',
        version: 1,
        computer: 'X',
        offlineLibrary: 'nope',
        savedAt: 0,
        libraries: [],
        slots: [],
        iePorts: [],
        doors: [],
        drives: [],
        cartridges: [],
        libRequests: [],
        opRequests: [],
      }),
    );
    const service = new RsmService({ clock: new VirtualClock(), random: seededRandomSource(1), store });
    const err = await service.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(RsmDatabaseError);
    expect((err as Error).message)
      .to.contain('offlineLibrary')
      .and.to.contain('principals');
  });

  it('ignores a temporary file a killed write left behind', async () => {
    const path = join(dir, 'rsm.json');
    const f = await makeFixture({ store: new FileDbStore(path) });
    await f.service.kill();
    await writeFile(`${path}.tmp`, 'garbage from a cut-short write');
    const service = new RsmService({ clock: f.clock, random: seededRandomSource(3), store: new FileDbStore(path) });
    await service.start();
    expect(service.inspect.library(f.libraryId)?.name).to.equal('FAKE CHANGER');
  });

  it('fails a request left WAITING by a kill with ERROR_REQUEST_ABORTED and puts the cleaner back: counted once, never lost', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    const { op } = await startEject(f);
    await f.clock.runUntil(() => stateOf(f, op.value) === 'NTMS_LM_WAITING');
    await f.service.kill();
    f.fake.ieOpen = false; // the operator closed the station without taking the cleaner
    const { service, libraryId } = await reborn(f);
    const view = service.inspect.libraryRequest(op.value);
    expect(view?.statesVisited).to.deep.equal([
      'NTMS_LM_QUEUED',
      'NTMS_LM_INPROCESS',
      'NTMS_LM_WAITING',
      'NTMS_LM_FAILED',
    ]);
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_REQUEST_ABORTED);
    expect(f.fake.element(4100).full).to.equal(true);
    expect(f.fake.element(16).full).to.equal(false);
    const cleaners = service.inspect.cartridges().filter((c) => c.kind === 'cleaner');
    expect(cleaners).to.have.length(1);
    expect(cleaners[0]?.location).to.deep.equal({ kind: 'slot', address: 4100 });
    expect(cleaners[0]?.leavingRequest).to.equal(null);
    expect(service.inspect.library(libraryId)?.cleanerPresent).to.equal(true);
    const { handle } = await service.openNtmsSession(null, null, 0);
    expect(await service.ejectNtmsCleaner(handle, { value: libraryId }, { value: '' }, 0)).to.equal(0);
  });

  it('deletes the cleaner when the operator took it while the service was down', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    const { op } = await startEject(f);
    await f.clock.runUntil(() => stateOf(f, op.value) === 'NTMS_LM_WAITING');
    await f.service.kill();
    f.fake.operatorTakeFromStation(16);
    const { service, libraryId } = await reborn(f);
    expect(service.inspect.cartridges().filter((c) => c.kind === 'cleaner')).to.have.length(0);
    expect(service.inspect.library(libraryId)).to.deep.include({ cleanerPresent: false, cleanerUsesRemaining: 0 });
    expect(service.inspect.libraryRequest(op.value)?.dwErrorCode).to.equal(Win32.ERROR_REQUEST_ABORTED);
  });

  it('rejects awaitLibraryRequest when the service stops first', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    const { op } = await startEject(f);
    const waiting = f.service.awaitLibraryRequest(op.value);
    await f.service.stop();
    const err = await waiting.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as Error).name).to.equal('ServiceStoppedError');
  });
});
