/**
 * The door path's time-out counts how long the door stays open: MaxOpenSecs from the moment the door is seen open,
 * and MaxOpenSecs 0 raises the operator request as the door opens. Spec: docs/rsm-model.md "Model decisions" M3;
 * docs/rsm-semantics.md 7.4 ("MaxOpenSecs elapsing while OPEN → operator request"; 0: "raised immediately on
 * opening"), 8 (the door stayed open longer than MaxOpenSecs), D8, D6.
 */
import { expect } from 'chai';
import { guidRef, newObjectInformation, NtmsObjectType, Win32 } from '../../../rsm/index.js';
import { makeFixture, startEject, stateOf, withCleaner, type RsmFixture } from '../support/rsm-fixture.js';

const noPort = { library: { importExport: { first: 16, count: 0 } } } as const;

async function doorWith(maxOpenSecs: number): Promise<{ f: RsmFixture; id: string; waitingAt: number }> {
  const f = await makeFixture(noPort);
  const door = f.service.inspect.library(f.libraryId)?.doors[0]?.id ?? '';
  const info = newObjectInformation(NtmsObjectType.NTMS_IEDOOR);
  info.Info = { IEDoor: { Number: 1, State: 0, MaxOpenSecs: maxOpenSecs, Library: f.libraryId } };
  expect(await f.service.setNtmsObjectInformation(f.handle, guidRef(door), info)).to.equal(0);
  await withCleaner(f);
  const { rc, op } = await startEject(f);
  expect(rc).to.equal(0);
  await f.clock.runUntil(() => stateOf(f, op.value) === 'NTMS_LM_WAITING');
  return { f, id: op.value, waitingAt: f.clock.now() };
}

describe('door path: MaxOpenSecs is how long the door may stay open (docs/rsm-model.md M3)', () => {
  it('a door opened late and closed within MaxOpenSecs of the opening passes, though the unlock was longer ago', async () => {
    const { f, id } = await doorWith(45);
    await f.clock.advanceBy(30_000);
    expect(stateOf(f, id)).to.equal('NTMS_LM_WAITING');
    expect(f.fake.operatorOpenDoor()).to.equal(true);
    await f.clock.advanceBy(20_000); // 50 s after the unlock, 20 s open
    f.fake.operatorTakeFromSlot(4100);
    await f.clock.advanceBy(15_000); // 65 s after the unlock, 35 s open
    expect(stateOf(f, id)).to.equal('NTMS_LM_WAITING');
    f.fake.operatorCloseDoor();
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
    expect(view?.operatorRequests).to.have.length(0);
  });

  it('a door left open times out MaxOpenSecs after it was seen open, with the operator request', async () => {
    const { f, id, waitingAt } = await doorWith(45);
    await f.clock.advanceBy(30_000);
    f.fake.operatorOpenDoor();
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_TIMEOUT);
    const took = (view?.timeCompleted ?? 0) - waitingAt;
    // seen open at the first poll after 30 s (polls every 2 s), then 45 s
    expect(took).to.be.within(75_000, 77_000);
    expect(view?.operatorRequests[0]?.message).to.match(/door/);
    expect(f.fake.prevented).to.equal(true);
  });

  it('a door never opened is still bounded: MaxOpenSecs after the unlock, the operator did not act (D8)', async () => {
    const { f, id, waitingAt } = await doorWith(45);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_TIMEOUT);
    expect((view?.timeCompleted ?? 0) - waitingAt).to.equal(45_000);
  });

  it('MaxOpenSecs 0 raises the operator request when the door opens, not at the unlock', async () => {
    const { f, id } = await doorWith(0);
    await f.clock.advanceBy(20_000);
    expect(f.service.inspect.operatorRequests(f.libraryId)).to.have.length(0);
    f.fake.operatorOpenDoor();
    await f.clock.advanceBy(4_000);
    const raised = f.service.inspect.operatorRequests(f.libraryId);
    expect(raised).to.have.length(1);
    expect(raised[0]?.message).to.match(/door/);
    f.fake.operatorTakeFromSlot(4100);
    f.fake.operatorCloseDoor();
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
  });
});
