/** InjectNtmsCleaner, CleanNtmsDrive and AccessNtmsLibraryDoor work. Spec: docs/rsm-semantics.md 3.5, 3.7, 3.10, 7.1, 8. */
import { expect } from 'chai';
import { guidRef, NtmsLibraryFlags, NtmsOpreqCommand, Win32 } from '../../../rsm/index.js';
import { makeFixture, reserve, stateOf, withCleaner, type RsmFixture } from '../support/rsm-fixture.js';

async function inject(f: RsmFixture, uses: number, action = 0, op = guidRef()): Promise<{ rc: number; id: string }> {
  const rc = await f.service.injectNtmsCleaner(f.handle, guidRef(f.libraryId), op, uses, action);
  return { rc, id: op.value };
}

describe('InjectNtmsCleaner, CleanNtmsDrive and AccessNtmsLibraryDoor work', () => {
  it('injects through the IE port: the operator puts the cleaner in, the model moves it to the reserved slot (docs/rsm-semantics.md 3.5, 7.1)', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    const { rc, id } = await inject(f, 25);
    expect(rc).to.equal(0);
    await f.clock.runUntil(() => stateOf(f, id) === 'NTMS_LM_WAITING');
    expect(f.fake.ieOpen).to.equal(true);
    f.fake.operatorPutInStation(16, 'CLN777');
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.statesVisited).to.deep.equal([
      'NTMS_LM_QUEUED',
      'NTMS_LM_INPROCESS',
      'NTMS_LM_WAITING',
      'NTMS_LM_PASSED',
    ]);
    expect(f.fake.element(4100)).to.include({ full: true, barcode: 'CLN777' });
    expect(f.service.inspect.library(f.libraryId)).to.deep.include({ cleanerPresent: true, cleanerUsesRemaining: 25 });
    expect(f.service.inspect.cleanerOf(f.libraryId)).to.deep.include({
      barcode: 'CLN777',
      location: { kind: 'slot', address: 4100 },
    });
    expect((await inject(f, 5)).rc).to.equal(f.service.results.code('ERROR_SLOT_FULL'));
  });

  it('records 0xFFFFFFFF cleanings as IGNORECLEANERUSESREMAINING (docs/rsm-semantics.md 3.5)', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    const { id } = await inject(f, 0xffffffff);
    await f.clock.runUntil(() => stateOf(f, id) === 'NTMS_LM_WAITING');
    f.fake.operatorPutInStation(16, 'CLN778');
    await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    const lib = f.service.inspect.library(f.libraryId);
    expect((lib?.flags ?? 0) & NtmsLibraryFlags.NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING).to.not.equal(0);
    expect(lib?.cleanerUsesRemaining).to.equal(0xffffffff);
  });

  it('refuses a second inject while one is outstanding, and stops one with NTMS_INJECT_STOP', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    const { id } = await inject(f, 5);
    expect((await inject(f, 5)).rc).to.equal(f.service.results.code('ERROR_SLOT_FULL'));
    await f.clock.runUntil(() => stateOf(f, id) === 'NTMS_LM_WAITING');
    expect((await inject(f, 5, 1, guidRef(id))).rc).to.equal(0);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_STOPPED');
    expect(f.fake.ieOpen).to.equal(false);
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(false);
  });

  it('injects through the door when there is no IE port (no inventory, only the reserved slot is read)', async () => {
    const f = await makeFixture({ library: { importExport: { first: 16, count: 0 } } });
    await reserve(f, 4100);
    const { id } = await inject(f, 3);
    await f.clock.runUntil(() => stateOf(f, id) === 'NTMS_LM_WAITING');
    f.fake.operatorOpenDoor();
    f.fake.place(4100, 'CLN900', true);
    f.fake.operatorCloseDoor();
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
    expect(f.service.inspect.library(f.libraryId)).to.deep.include({ cleanerPresent: true, cleanerUsesRemaining: 3 });
  });

  it("cleans a drive with the library's cleaner and counts the use (docs/rsm-semantics.md 7.1)", async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    const { id: injectId } = await inject(f, 10);
    await f.clock.runUntil(() => stateOf(f, injectId) === 'NTMS_LM_WAITING');
    f.fake.operatorPutInStation(16, 'CLN001');
    await f.clock.runUntil(f.service.awaitLibraryRequest(injectId));
    const drive = f.service.inspect.library(f.libraryId)?.drives[0]?.id ?? '';
    f.fake.failNext(0xa5, 2, 0x04, 0x01, 1); // the drive is still cleaning when first asked to give the cleaner back
    expect(await f.service.cleanNtmsDrive(f.handle, guidRef(drive))).to.equal(0);
    const request = f.service.inspect.libraryRequests(f.libraryId).at(-1)?.id ?? '';
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(request));
    expect(view).to.deep.include({ stateName: 'NTMS_LM_PASSED', operationName: 'NTMS_LM_CLEANDRIVE' });
    expect(f.service.inspect.library(f.libraryId)?.cleanerUsesRemaining).to.equal(9);
    expect(f.service.inspect.library(f.libraryId)?.drives[0]?.lastCleaned).to.be.a('number');
    expect(f.fake.element(4100).full).to.equal(true);
    expect(f.fake.log.filter((op) => op === 'a5').length).to.equal(4);
  });

  it('fails CleanNtmsDrive without a cleaner (4311) and with a spent one (4333), raising NTMS_OPREQ_CLEANER (docs/rsm-semantics.md 8)', async () => {
    const f = await makeFixture();
    const drive = f.service.inspect.library(f.libraryId)?.drives[0]?.id ?? '';
    expect(await f.service.cleanNtmsDrive(f.handle, guidRef(drive))).to.equal(0);
    const first = f.service.inspect.libraryRequests(f.libraryId).at(-1)?.id ?? '';
    expect((await f.clock.runUntil(f.service.awaitLibraryRequest(first)))?.dwErrorCode).to.equal(
      Win32.ERROR_UNABLE_TO_CLEAN,
    );
    expect(f.service.inspect.operatorRequests(f.libraryId)[0]?.command).to.equal(NtmsOpreqCommand.NTMS_OPREQ_CLEANER);
    await reserve(f, 4100);
    const { id } = await inject(f, 0);
    await f.clock.runUntil(() => stateOf(f, id) === 'NTMS_LM_WAITING');
    f.fake.operatorPutInStation(16, 'CLN002');
    await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(await f.service.cleanNtmsDrive(f.handle, guidRef(drive))).to.equal(0);
    const second = f.service.inspect.libraryRequests(f.libraryId).at(-1)?.id ?? '';
    expect((await f.clock.runUntil(f.service.awaitLibraryRequest(second)))?.dwErrorCode).to.equal(
      Win32.ERROR_CLEANER_CARTRIDGE_SPENT,
    );
  });

  it('AccessNtmsLibraryDoor unlocks, waits for the close, relocks and runs the inventory asked for (docs/rsm-semantics.md 3.10)', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    expect(await f.service.accessNtmsLibraryDoor(f.handle, guidRef(f.libraryId), 1)).to.equal(0);
    const id = f.service.inspect.libraryRequests(f.libraryId)[0]?.id ?? '';
    await f.clock.runUntil(() => stateOf(f, id) === 'NTMS_LM_WAITING');
    expect(f.fake.operatorOpenDoor()).to.equal(true);
    f.fake.place(4105, 'A00005L8');
    f.fake.operatorCloseDoor();
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view).to.deep.include({ stateName: 'NTMS_LM_PASSED', operationName: 'NTMS_LM_DOORACCESS' });
    expect(f.fake.prevented).to.equal(true);
    expect(f.service.inspect.cartridges(f.libraryId).map((c) => c.barcode)).to.include.members(['A00005L8', 'CLN001']);
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(true);
  });
});
