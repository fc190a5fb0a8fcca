/** EjectNtmsCleaner through the IE port. Spec: docs/rsm-semantics.md D5, D6, D7, D10, D11, D12; 7.2, 7.3; docs/smc-reference.md 1.6, 1.7. */
import { expect } from 'chai';
import {
  guidRef,
  newObjectInformation,
  NtmsLmOperation,
  NtmsObjectType,
  NtmsOpreqState,
  NtmsPortContent,
  Win32,
} from '../../../rsm/index.js';
import { makeFixture, slotId, startEject, stateOf, withCleaner, type RsmFixture } from '../support/rsm-fixture.js';

const STOP = 1;

async function waiting(f: RsmFixture, id: string): Promise<void> {
  await f.clock.runUntil(() => stateOf(f, id) === 'NTMS_LM_WAITING');
}

async function started(f: RsmFixture): Promise<string> {
  await withCleaner(f);
  const { rc, op } = await startEject(f);
  expect(rc).to.equal(0);
  return op.value;
}

describe('EjectNtmsCleaner through the IE port (per docs/rsm-semantics.md D5-D7, D10, D11)', () => {
  it('START then the operator takes the cleaner: QUEUED → INPROCESS → WAITING → PASSED; the cleaner is deleted (D5)', async () => {
    const f = await makeFixture();
    const id = await started(f);
    const cleanerId = f.service.inspect.cleanerOf(f.libraryId)?.id ?? '';
    expect(stateOf(f, id)).to.equal('NTMS_LM_QUEUED');
    await waiting(f, id);
    expect(f.fake.element(16)).to.include({ full: true, barcode: 'CLN001' });
    expect(f.fake.element(4100).full).to.equal(false);
    expect(f.fake.ieOpen).to.equal(true);
    expect(f.service.inspect.findCartridge(cleanerId)?.location).to.deep.equal({ kind: 'ieport', address: 16 });
    f.fake.operatorTakeFromStation(16);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.statesVisited).to.deep.equal([
      'NTMS_LM_QUEUED',
      'NTMS_LM_INPROCESS',
      'NTMS_LM_WAITING',
      'NTMS_LM_PASSED',
    ]);
    expect(view?.dwErrorCode).to.equal(0);
    expect(view?.timeCompleted).to.be.a('number');
    const lib = f.service.inspect.library(f.libraryId);
    expect(lib?.cleanerPresent).to.equal(false);
    expect(lib?.cleanerUsesRemaining).to.equal(0);
    expect(lib?.reservedSlot?.address).to.equal(4100);
    expect(lib?.iePorts[0]?.content).to.equal(NtmsPortContent.NTMS_PORTCONTENT_EMPTY);
    expect(f.service.inspect.findCartridge(cleanerId)).to.equal(undefined);
    expect(f.service.inspect.cartridges(f.service.inspect.offlineLibraryId)).to.have.length(0);
    expect(f.fake.prevented).to.equal(true);
    expect(f.service.inspect.unitAttentions(f.libraryId).map((e) => e.meaning)).to.include('ie-accessed');
  });

  it('sees the operator took the cleaner by polling READ ELEMENT STATUS when the changer sends no unit attention', async () => {
    const f = await makeFixture();
    const id = await started(f);
    await waiting(f, id);
    f.fake.clear(16);
    f.fake.ieOpen = false;
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
    expect(f.service.inspect.unitAttentions(f.libraryId)).to.have.length(0);
  });

  it('keeps waiting when the changer cannot report the IE element for a moment (NOT READY)', async () => {
    const f = await makeFixture();
    const id = await started(f);
    await waiting(f, id);
    f.fake.failNext(0xb8, 2, 0x04, 0x83);
    await f.clock.advanceBy(4000);
    expect(stateOf(f, id)).to.equal('NTMS_LM_WAITING');
    f.fake.operatorTakeFromStation(16);
    expect((await f.clock.runUntil(f.service.awaitLibraryRequest(id)))?.stateName).to.equal('NTMS_LM_PASSED');
  });

  it('exposes the operation GUID as the library request: OperationCode 11, Library, SlotId (D10)', async () => {
    const f = await makeFixture();
    const id = await started(f);
    const info = newObjectInformation(NtmsObjectType.NTMS_LIBREQUEST);
    expect(await f.service.getNtmsObjectInformation(f.handle, guidRef(id), info)).to.equal(0);
    expect(info.Info?.LibRequest).to.deep.include({
      OperationCode: NtmsLmOperation.NTMS_LM_EJECTCLEANER,
      Library: f.libraryId,
      SlotId: slotId(f, 4100),
      State: 0,
      dwErrorCode: 0,
    });
    expect(info.Info?.LibRequest?.TimeQueued).to.equal(f.clock.now());
  });

  it('writes lpEjectOperation only when START returns 0 (D10)', async () => {
    const f = await makeFixture();
    const op = guidRef('11111111-1111-4111-8111-111111111111');
    expect(await f.service.ejectNtmsCleaner(f.handle, guidRef(f.libraryId), op, 0)).to.equal(
      f.service.results.code('ERROR_NO_SLOT_SET'),
    );
    expect(op.value).to.equal('11111111-1111-4111-8111-111111111111');
  });

  it('START then STOP while WAITING: port closed and relocked, cleaner back in its slot, STOPPED (D7)', async () => {
    const f = await makeFixture();
    const id = await started(f);
    await waiting(f, id);
    expect(await f.service.ejectNtmsCleaner(f.handle, guidRef(f.libraryId), guidRef(id), STOP)).to.equal(0);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.statesVisited).to.deep.equal([
      'NTMS_LM_QUEUED',
      'NTMS_LM_INPROCESS',
      'NTMS_LM_WAITING',
      'NTMS_LM_STOPPED',
    ]);
    expect(view?.dwErrorCode).to.equal(0);
    expect(f.fake.element(4100)).to.include({ full: true, barcode: 'CLN001' });
    expect(f.fake.element(16).full).to.equal(false);
    expect(f.fake.ieOpen).to.equal(false);
    expect(f.fake.prevented).to.equal(true);
    expect(f.service.inspect.cleanerOf(f.libraryId)?.location).to.deep.equal({ kind: 'slot', address: 4100 });
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(true);
    expect(await f.service.ejectNtmsCleaner(f.handle, guidRef(f.libraryId), guidRef(id), STOP)).to.equal(
      Win32.ERROR_INVALID_OPERATION,
    );
  });

  it('START then the time-out: operator request, port closed, cleaner back, FAILED with ERROR_TIMEOUT after MaxExtendSecs (D6)', async () => {
    const f = await makeFixture();
    const id = await started(f);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.statesVisited).to.deep.equal([
      'NTMS_LM_QUEUED',
      'NTMS_LM_INPROCESS',
      'NTMS_LM_WAITING',
      'NTMS_LM_FAILED',
    ]);
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_TIMEOUT);
    const waitedMs = (view?.timeCompleted ?? 0) - (view?.history[2]?.at ?? 0);
    expect(waitedMs).to.equal(60_000);
    expect(view?.operatorRequests).to.have.length(1);
    expect(view?.operatorRequests[0]?.stateName).to.equal('NTMS_OPSTATE_COMPLETE');
    expect(f.service.inspect.operatorRequests(f.libraryId)[0]?.message).to.match(/Remove the cleaning cartridge/);
    expect(f.fake.element(4100).full).to.equal(true);
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(true);
  });

  it("uses the IE port's MaxExtendSecs as set through SetNtmsObjectInformation (D6)", async () => {
    const f = await makeFixture();
    const port = f.service.inspect.library(f.libraryId)?.iePorts[0]?.id ?? '';
    const info = newObjectInformation(NtmsObjectType.NTMS_IEPORT);
    info.Info = { IEPort: { Number: 1, Content: 0, Position: 0, MaxExtendSecs: 10, Library: f.libraryId } };
    expect(await f.service.setNtmsObjectInformation(f.handle, guidRef(port), info)).to.equal(0);
    const id = await started(f);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect((view?.timeCompleted ?? 0) - (view?.history[2]?.at ?? 0)).to.equal(10_000);
  });

  it('with MaxExtendSecs 0 raises the operator request at once and never times out (D6, model choice)', async () => {
    const f = await makeFixture();
    const port = f.service.inspect.library(f.libraryId)?.iePorts[0]?.id ?? '';
    const info = newObjectInformation(NtmsObjectType.NTMS_IEPORT);
    info.Info = { IEPort: { Number: 1, Content: 0, Position: 0, MaxExtendSecs: 0, Library: f.libraryId } };
    expect(await f.service.setNtmsObjectInformation(f.handle, guidRef(port), info)).to.equal(0);
    const id = await started(f);
    await waiting(f, id);
    expect(f.service.inspect.operatorRequests(f.libraryId)).to.have.length(1);
    await f.clock.advanceBy(3600_000);
    expect(stateOf(f, id)).to.equal('NTMS_LM_WAITING');
    f.fake.operatorTakeFromStation(16);
    expect((await f.clock.runUntil(f.service.awaitLibraryRequest(id)))?.stateName).to.equal('NTMS_LM_PASSED');
  });

  it('under the "operator request only" policy the request stays WAITING after the time-out (D6, switchable)', async () => {
    const f = await makeFixture({ policies: { timeoutPolicy: 'operator-request-only' } });
    const id = await started(f);
    await waiting(f, id);
    await f.clock.advanceBy(120_000);
    expect(stateOf(f, id)).to.equal('NTMS_LM_WAITING');
    const ops = f.service.inspect.operatorRequests(f.libraryId);
    expect(ops).to.have.length(1);
    expect(ops[0]?.state).to.equal(NtmsOpreqState.NTMS_OPSTATE_ACTIVE);
    f.fake.operatorTakeFromStation(16);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
    expect(f.service.inspect.operatorRequests(f.libraryId)[0]?.state).to.equal(NtmsOpreqState.NTMS_OPSTATE_COMPLETE);
  });

  it('a second START while the first is outstanding sees no cleaner: SLOT_EMPTY (D11)', async () => {
    const f = await makeFixture();
    const id = await started(f);
    expect((await startEject(f)).rc).to.equal(f.service.results.code('ERROR_SLOT_EMPTY'));
    await waiting(f, id);
    expect((await startEject(f)).rc).to.equal(f.service.results.code('ERROR_SLOT_EMPTY'));
    expect(f.service.inspect.libraryRequests(f.libraryId)).to.have.length(1);
    expect(f.service.inspect.cartridges(f.libraryId).filter((c) => c.kind === 'cleaner')).to.have.length(1);
  });

  it('runs requests of one library one at a time; STOP and CancelNtmsLibraryRequest end a QUEUED one without moving anything (D7, D10, D11)', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    expect(await f.service.accessNtmsLibraryDoor(f.handle, guidRef(f.libraryId), 0)).to.equal(0);
    const door = f.service.inspect.libraryRequests(f.libraryId)[0]?.id ?? '';
    await waiting(f, door);
    const first = await startEject(f);
    await f.clock.advanceBy(5000);
    expect(stateOf(f, first.op.value)).to.equal('NTMS_LM_QUEUED');
    expect(await f.service.cancelNtmsLibraryRequest(f.handle, guidRef(door))).to.equal(Win32.ERROR_INVALID_OPERATION);
    expect(await f.service.cancelNtmsLibraryRequest(f.handle, guidRef(first.op.value))).to.equal(0);
    expect(stateOf(f, first.op.value)).to.equal('NTMS_LM_CANCELLED');
    expect(await f.service.cancelNtmsLibraryRequest(f.handle, guidRef(first.op.value))).to.equal(
      Win32.ERROR_OBJECT_NOT_FOUND,
    );
    const second = await startEject(f);
    expect(second.rc).to.equal(0);
    expect(await f.service.ejectNtmsCleaner(f.handle, guidRef(f.libraryId), guidRef(second.op.value), STOP)).to.equal(
      0,
    );
    expect(f.service.inspect.libraryRequest(second.op.value)?.statesVisited).to.deep.equal([
      'NTMS_LM_QUEUED',
      'NTMS_LM_STOPPED',
    ]);
    expect(f.fake.element(4100).full).to.equal(true);
    expect(f.fake.log.filter((op) => op === 'a5')).to.have.length(0);
  });

  it('fails with ERROR_IEPORT_FULL (4341) when no IE element is free; the cleaner stays in its slot', async () => {
    const f = await makeFixture();
    f.fake.place(16, 'A00009L8');
    const id = await started(f);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_FAILED');
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_IEPORT_FULL);
    expect(f.fake.element(4100).full).to.equal(true);
    expect(f.service.inspect.cleanerOf(f.libraryId)?.leavingRequest).to.equal(null);
    expect((await startEject(f)).rc).to.equal(0);
  });

  it('fails with ERROR_IEPORT_FULL when the changer answers MOVE MEDIUM with destination full (3B/0D)', async () => {
    const f = await makeFixture();
    f.fake.failNext(0xa5, 5, 0x3b, 0x0d);
    const id = await started(f);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_IEPORT_FULL);
  });

  it('fails with ERROR_IO_DEVICE on a mechanical failure (HARDWARE ERROR 15/01) and leaves the cleaner where it is', async () => {
    const f = await makeFixture();
    f.fake.failNext(0xa5, 4, 0x15, 0x01);
    const id = await started(f);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_FAILED');
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_IO_DEVICE);
    expect(view?.history.at(-1)?.note).to.match(/mechanical/);
    expect(f.service.inspect.cleanerOf(f.libraryId)?.location).to.deep.equal({ kind: 'slot', address: 4100 });
  });

  it('after a mechanical failure re-reads the destination: a cleaner the changer moved anyway is recorded in the IE element', async () => {
    const f = await makeFixture();
    f.fake.failNext(0xa5, 4, 0x3b, 0x16, 0, () => {
      f.fake.clear(4100);
      f.fake.place(16, 'CLN001');
    });
    const id = await started(f);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_FAILED');
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_IO_DEVICE);
    expect(f.service.inspect.cleanerOf(f.libraryId)?.location).to.deep.equal({ kind: 'ieport', address: 16 });
  });

  it('fails with ERROR_CONTROLLING_IEPORT when the port cannot be opened, and puts the cleaner back', async () => {
    const f = await makeFixture();
    f.fake.failNext(0x1b, 4, 0x3b, 0x16);
    const id = await started(f);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_CONTROLLING_IEPORT);
    expect(f.fake.element(4100).full).to.equal(true);
    expect(f.service.inspect.cleanerOf(f.libraryId)?.location).to.deep.equal({ kind: 'slot', address: 4100 });
  });

  it('takes the library offline when the link is lost mid-operation: FAILED with ERROR_LIBRARY_OFFLINE (D12)', async () => {
    const f = await makeFixture();
    const id = await started(f);
    await waiting(f, id);
    f.fake.linkDown = true;
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_FAILED');
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_LIBRARY_OFFLINE);
    expect(f.service.inspect.library(f.libraryId)).to.deep.include({ online: false, offlineReason: 'link-lost' });
    expect((await startEject(f)).rc).to.equal(Win32.ERROR_LIBRARY_OFFLINE);
    expect(f.service.inspect.cleanerOf(f.libraryId)?.location).to.deep.equal({ kind: 'ieport', address: 16 });
  });

  it('works with a TS3100-style changer (OPEN only; the operator closes the station) and one without PREVENT (tgt)', async () => {
    const f = await makeFixture({ library: { ieCommands: 'open-only', prevent: false } });
    const id = await started(f);
    await waiting(f, id);
    f.fake.operatorTakeFromStation(16);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
    expect(view?.history.at(-1)?.note).to.match(/left for the operator to close, relock not supported/);
  });

  it('works with a changer that gives CHECK CONDITION without sense: unit attentions come through REQUEST SENSE', async () => {
    const f = await makeFixture({ library: { autosense: false } });
    const id = await started(f);
    await waiting(f, id);
    f.fake.operatorTakeFromStation(16);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
    expect(f.service.inspect.unitAttentions(f.libraryId).map((e) => e.meaning)).to.include('ie-accessed');
    expect(f.fake.log).to.include('03');
  });
});
