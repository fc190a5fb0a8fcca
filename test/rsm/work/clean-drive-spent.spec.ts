/**
 * CleanNtmsDrive raises the spent-cleaner operator request when a cleaning uses the cleaner's last count, not on
 * the next attempt; a new cleaner completes it. Spec: docs/rsm-model.md "Model decisions" M4;
 * docs/rsm-semantics.md 7.1 ("at the maximum use count RSM raises an operator request"; 4333), 8 (a cleaner reached its
 * maximum usage
 * count; a drive needs cleaning and no usable cleaner), 3.7.
 */
import { expect } from 'chai';
import { guidRef, NtmsOpreqCommand, NtmsOpreqState, Win32 } from '../../../rsm/index.js';
import { makeFixture, reserve, stateOf, type RsmFixture } from '../support/rsm-fixture.js';

async function injectCleaner(f: RsmFixture, uses: number, barcode: string): Promise<void> {
  const op = guidRef();
  expect(await f.service.injectNtmsCleaner(f.handle, guidRef(f.libraryId), op, uses, 0)).to.equal(0);
  await f.clock.runUntil(() => stateOf(f, op.value) === 'NTMS_LM_WAITING');
  f.fake.operatorPutInStation(16, barcode);
  expect((await f.clock.runUntil(f.service.awaitLibraryRequest(op.value)))?.stateName).to.equal('NTMS_LM_PASSED');
}

async function clean(
  f: RsmFixture,
): Promise<{ stateName: string; dwErrorCode: number; timeCompleted: number | null } | undefined> {
  const drive = f.service.inspect.library(f.libraryId)?.drives[0]?.id ?? '';
  expect(await f.service.cleanNtmsDrive(f.handle, guidRef(drive))).to.equal(0);
  const id = f.service.inspect.libraryRequests(f.libraryId).at(-1)?.id ?? '';
  return f.clock.runUntil(f.service.awaitLibraryRequest(id));
}

const spentRequests = (f: RsmFixture) =>
  f.service.inspect.operatorRequests(f.libraryId).filter((o) => /spent/.test(o.message));

describe('CleanNtmsDrive and the spent cleaner (docs/rsm-model.md M4)', () => {
  it('the cleaning that uses the last count raises the operator request then, and it stays open after the request ends', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    await injectCleaner(f, 1, 'CLN010');
    const view = await clean(f);
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
    expect(f.service.inspect.library(f.libraryId)?.cleanerUsesRemaining).to.equal(0);
    const spent = spentRequests(f);
    expect(spent).to.have.length(1);
    expect(spent[0]).to.deep.include({
      command: NtmsOpreqCommand.NTMS_OPREQ_CLEANER,
      state: NtmsOpreqState.NTMS_OPSTATE_ACTIVE,
      timeSubmitted: view?.timeCompleted,
    });
  });

  it('the next attempt fails with ERROR_CLEANER_CARTRIDGE_SPENT and does not raise the same request again', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    await injectCleaner(f, 1, 'CLN011');
    await clean(f);
    const second = await clean(f);
    expect(second?.dwErrorCode).to.equal(Win32.ERROR_CLEANER_CARTRIDGE_SPENT);
    expect(spentRequests(f)).to.have.length(1);
  });

  it('a cleaning that leaves counts raises nothing; an ignored count (0xFFFFFFFF) never reaches the maximum', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    await injectCleaner(f, 0xffffffff, 'CLN012');
    await clean(f);
    await clean(f);
    expect(f.service.inspect.operatorRequests(f.libraryId)).to.have.length(0);
  });

  it('a new cleaner with cleanings left completes the spent-cleaner request', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    await injectCleaner(f, 1, 'CLN013');
    await clean(f);
    const eject = guidRef();
    expect(await f.service.ejectNtmsCleaner(f.handle, guidRef(f.libraryId), eject, 0)).to.equal(0);
    await f.clock.runUntil(() => stateOf(f, eject.value) === 'NTMS_LM_WAITING');
    f.fake.operatorTakeFromStation(16);
    await f.clock.runUntil(f.service.awaitLibraryRequest(eject.value));
    expect(spentRequests(f)[0]?.state).to.equal(NtmsOpreqState.NTMS_OPSTATE_ACTIVE);
    await injectCleaner(f, 20, 'CLN014');
    expect(spentRequests(f)[0]?.state).to.equal(NtmsOpreqState.NTMS_OPSTATE_COMPLETE);
  });
});
