/** EjectNtmsCleaner through the door. Spec: docs/rsm-semantics.md D8, D9, D6, D7, D5. */
import { expect } from 'chai';
import { guidRef, newObjectInformation, NtmsDoorState, NtmsObjectType, Win32 } from '../../../rsm/index.js';
import { makeFixture, startEject, stateOf, withCleaner, type RsmFixture } from '../support/rsm-fixture.js';

const noPort = { library: { importExport: { first: 16, count: 0 } } } as const;

async function startedAndWaiting(f: RsmFixture): Promise<string> {
  await withCleaner(f);
  const { rc, op } = await startEject(f);
  expect(rc).to.equal(0);
  await f.clock.runUntil(() => stateOf(f, op.value) === 'NTMS_LM_WAITING');
  return op.value;
}

describe('EjectNtmsCleaner through the door (per docs/rsm-semantics.md D8, D9)', () => {
  it('unlocks the door, waits for open and close, re-reads the slot: empty → PASSED, door relocked, cleaner deleted (D8, D5)', async () => {
    const f = await makeFixture(noPort);
    const id = await startedAndWaiting(f);
    const cleaner = f.service.inspect.cleanerOf(f.libraryId)?.id ?? '';
    expect(f.fake.prevented).to.equal(false);
    expect(f.service.inspect.library(f.libraryId)?.doors[0]?.locked).to.equal(false);
    expect(f.fake.operatorOpenDoor()).to.equal(true);
    await f.clock.advanceBy(4000);
    expect(f.service.inspect.library(f.libraryId)?.doors[0]?.state).to.equal(NtmsDoorState.NTMS_DOORSTATE_OPEN);
    f.fake.operatorTakeFromSlot(4100);
    f.fake.operatorCloseDoor();
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.statesVisited).to.deep.equal([
      'NTMS_LM_QUEUED',
      'NTMS_LM_INPROCESS',
      'NTMS_LM_WAITING',
      'NTMS_LM_PASSED',
    ]);
    expect(view?.operationName).to.equal('NTMS_LM_EJECTCLEANER');
    expect(f.fake.prevented).to.equal(true);
    const lib = f.service.inspect.library(f.libraryId);
    expect(lib?.doors[0]).to.deep.include({ locked: true, state: NtmsDoorState.NTMS_DOORSTATE_CLOSED });
    expect(lib?.cleanerPresent).to.equal(false);
    expect(lib?.cleanerUsesRemaining).to.equal(0);
    expect(lib?.reservedSlot?.address).to.equal(4100);
    expect(f.service.inspect.findCartridge(cleaner)).to.equal(undefined);
  });

  it('fails with ERROR_CLEANER_CARTRIDGE_INSTALLED when the door closes with the cleaner still in its slot; relocked (D8)', async () => {
    const f = await makeFixture(noPort);
    const id = await startedAndWaiting(f);
    f.fake.operatorOpenDoor();
    f.fake.operatorCloseDoor();
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_FAILED');
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_CLEANER_CARTRIDGE_INSTALLED);
    expect(f.fake.prevented).to.equal(true);
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(true);
  });

  it("does not take a door close from before the unlock as the operator's (D8)", async () => {
    const f = await makeFixture(noPort);
    await withCleaner(f);
    const { op } = await startEject(f);
    f.fake.raise(0x28, 0x00); // pending before the work unlocks: ALLOW MEDIUM REMOVAL meets it
    await f.clock.advanceBy(30_000);
    expect(f.service.inspect.unitAttentions(f.libraryId).map((e) => e.meaning)).to.deep.equal(['not-ready-to-ready']);
    expect(stateOf(f, op.value)).to.equal('NTMS_LM_WAITING');
  });

  it("times out after the door's MaxOpenSecs with ERROR_TIMEOUT and an operator request; relocked (D8, D6)", async () => {
    const f = await makeFixture(noPort);
    const door = f.service.inspect.library(f.libraryId)?.doors[0]?.id ?? '';
    const info = newObjectInformation(NtmsObjectType.NTMS_IEDOOR);
    info.Info = { IEDoor: { Number: 1, State: 0, MaxOpenSecs: 45, Library: f.libraryId } };
    expect(await f.service.setNtmsObjectInformation(f.handle, guidRef(door), info)).to.equal(0);
    const id = await startedAndWaiting(f);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_TIMEOUT);
    expect((view?.timeCompleted ?? 0) - (view?.history[2]?.at ?? 0)).to.equal(45_000);
    expect(view?.operatorRequests[0]?.message).to.match(/door/);
    expect(f.fake.prevented).to.equal(true);
  });

  it('refuses STOP on a door-path eject with ERROR_INVALID_OPERATION: STOP is for IE-port libraries (D7)', async () => {
    const f = await makeFixture(noPort);
    const id = await startedAndWaiting(f);
    expect(await f.service.ejectNtmsCleaner(f.handle, guidRef(f.libraryId), guidRef(id), 1)).to.equal(
      Win32.ERROR_INVALID_OPERATION,
    );
    expect(stateOf(f, id)).to.equal('NTMS_LM_WAITING');
  });

  it('never queues anything when the library has neither IE port nor door: ERROR_RESOURCE_NOT_PRESENT (D9)', async () => {
    const f = await makeFixture({ ...noPort, hints: { door: false } });
    await withCleaner(f);
    const { rc, op } = await startEject(f);
    expect(rc).to.equal(Win32.ERROR_RESOURCE_NOT_PRESENT);
    expect(op.value).to.equal('00000000-0000-0000-0000-000000000000');
    expect(f.service.inspect.libraryRequests()).to.have.length(0);
  });
});
