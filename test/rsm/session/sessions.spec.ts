/** Sessions, handles and the service connection. Spec: docs/rsm-semantics.md 3.1, 3.2, D13, D15. */
import { expect } from 'chai';
import {
  guidRef,
  INVALID_HANDLE_VALUE,
  MemoryDbStore,
  RsmService,
  seededRandomSource,
  Win32,
  type DbBatch,
} from '../../../rsm/index.js';
import { VirtualClock } from '../../../common/clock/clock.js';
import { makeFixture, startEject, withCleaner } from '../support/rsm-fixture.js';

describe('rsm sessions and service connection', () => {
  it('opens sessions with distinct handles and rejects a foreign server or options', async () => {
    const f = await makeFixture();
    const a = await f.service.openNtmsSession(null, 'a', 0);
    const b = await f.service.openNtmsSession('rsmhost', 'b', 0);
    expect(a.lastError).to.equal(0);
    expect(b.lastError).to.equal(0);
    expect(a.handle).to.not.equal(b.handle);
    expect(await f.service.openNtmsSession('OTHERHOST', null, 0)).to.deep.equal({
      handle: INVALID_HANDLE_VALUE,
      lastError: Win32.ERROR_INVALID_COMPUTERNAME,
    });
    expect((await f.service.openNtmsSession(null, null, 8)).lastError).to.equal(Win32.ERROR_INVALID_PARAMETER);
    expect((await f.service.openNtmsSession(null, null, 0, 'nobody')).lastError).to.equal(Win32.ERROR_ACCESS_DENIED);
  });

  it('gives ERROR_INVALID_HANDLE for NULL, never-issued and closed handles', async () => {
    const f = await makeFixture();
    const lib = guidRef(f.libraryId);
    expect(await f.service.releaseNtmsCleanerSlot(null, lib)).to.equal(Win32.ERROR_INVALID_HANDLE);
    expect(await f.service.releaseNtmsCleanerSlot(0x7777, lib)).to.equal(Win32.ERROR_INVALID_HANDLE);
    expect(await f.service.closeNtmsSession(f.handle)).to.equal(0);
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, lib)).to.equal(Win32.ERROR_INVALID_HANDLE);
    expect(await f.service.closeNtmsSession(f.handle)).to.equal(Win32.ERROR_INVALID_HANDLE);
  });

  it('returns ERROR_NOT_CONNECTED with a once-valid handle while the service is stopped, and ERROR_INVALID_HANDLE after a restart (per docs/rsm-semantics.md D13)', async () => {
    const f = await makeFixture();
    const lib = guidRef(f.libraryId);
    const op = guidRef();
    await f.service.stop();
    expect(await f.service.ejectNtmsCleaner(f.handle, lib, op, 0)).to.equal(Win32.ERROR_NOT_CONNECTED);
    expect(await f.service.closeNtmsSession(f.handle)).to.equal(Win32.ERROR_NOT_CONNECTED);
    expect(await f.service.ejectNtmsCleaner(0x7777, lib, op, 0)).to.equal(Win32.ERROR_INVALID_HANDLE);
    expect((await f.service.openNtmsSession(null, null, 0)).lastError).to.equal(Win32.ERROR_NOT_CONNECTED);
    await f.service.start();
    expect(await f.service.ejectNtmsCleaner(f.handle, lib, op, 0)).to.equal(Win32.ERROR_INVALID_HANDLE);
    const fresh = await f.service.openNtmsSession(null, null, 0);
    expect(await f.service.ejectNtmsCleaner(fresh.handle, lib, op, 0)).to.equal(
      f.service.results.code('ERROR_NO_SLOT_SET'),
    );
  });

  it('gives ERROR_NOT_CONNECTED after a crash (kill) and while the link to the service is cut (per docs/rsm-semantics.md D13)', async () => {
    const f = await makeFixture();
    const lib = guidRef(f.libraryId);
    f.service.setReachable(false);
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, lib)).to.equal(Win32.ERROR_NOT_CONNECTED);
    f.service.setReachable(true);
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, lib)).to.equal(
      f.service.results.code('ERROR_NO_SLOT_RESERVED'),
    );
    await f.service.kill();
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, lib)).to.equal(Win32.ERROR_NOT_CONNECTED);
  });

  it('answers OpenNtmsSession with ERROR_NOT_READY while the service is starting', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const store = new MemoryDbStore();
    const slow = {
      description: 'slow',
      load: async () => {
        await gate;
        return store.load();
      },
      save: (batch: DbBatch) => store.save(batch),
    };
    const service = new RsmService({ clock: new VirtualClock(), random: seededRandomSource(1), store: slow });
    const starting = service.start();
    expect(service.state).to.equal('starting');
    expect((await service.openNtmsSession(null, null, 0)).lastError).to.equal(Win32.ERROR_NOT_READY);
    release();
    await starting;
    expect((await service.openNtmsSession(null, null, 0)).lastError).to.equal(0);
  });

  it('does not cancel queued library requests when their session closes (per docs/rsm-semantics.md D15)', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    const { rc, op } = await startEject(f);
    expect(rc).to.equal(0);
    expect(await f.service.closeNtmsSession(f.handle)).to.equal(0);
    await f.clock.runUntil(() => f.service.inspect.libraryRequest(op.value)?.stateName === 'NTMS_LM_WAITING');
    f.fake.operatorTakeFromStation(16);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(op.value));
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
  });
});
