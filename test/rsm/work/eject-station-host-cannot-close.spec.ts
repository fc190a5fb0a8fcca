/**
 * STOP and the time-out of an eject through the IE port on a changer whose host cannot close the station (TS3100
 * family: OPEN IMPORT/EXPORT ELEMENT only). Spec: docs/rsm-model.md "Stations the host cannot close";
 * docs/rsm-semantics.md D6, D7, D5; docs/smc-reference.md 1.6.
 */
import { expect } from 'chai';
import { guidRef, Win32 } from '../../../rsm/index.js';
import { makeFixture, startEject, stateOf, withCleaner, type RsmFixture } from '../support/rsm-fixture.js';

const STOP = 1;

async function waitingOnOpenOnly(): Promise<{ f: RsmFixture; id: string }> {
  const f = await makeFixture({ library: { ieCommands: 'open-only' } });
  await withCleaner(f);
  const { rc, op } = await startEject(f);
  expect(rc).to.equal(0);
  await f.clock.runUntil(() => stateOf(f, op.value) === 'NTMS_LM_WAITING');
  return { f, id: op.value };
}

const opRequests = (f: RsmFixture, id: string) => f.service.inspect.libraryRequest(id)?.operatorRequests ?? [];

describe('EjectNtmsCleaner where the host cannot close the IE station (docs/rsm-model.md, D6, D7)', () => {
  it('STOP: asks the operator to close the station, waits, then puts the cleaner back and ends STOPPED', async () => {
    const { f, id } = await waitingOnOpenOnly();
    expect(await f.service.ejectNtmsCleaner(f.handle, guidRef(f.libraryId), guidRef(id), STOP)).to.equal(0);
    await f.clock.runUntil(() => opRequests(f, id).length === 1);
    expect(opRequests(f, id)[0]?.message).to.match(/Close I\/O station/);
    await f.clock.advanceBy(30_000);
    expect(stateOf(f, id)).to.equal('NTMS_LM_WAITING');
    expect(f.fake.element(16).full).to.equal(true);
    f.fake.ieOpen = false;
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_STOPPED');
    expect(view?.dwErrorCode).to.equal(0);
    expect(f.fake.element(4100)).to.include({ full: true, barcode: 'CLN001' });
    expect(f.fake.element(16).full).to.equal(false);
    expect(f.service.inspect.cleanerOf(f.libraryId)?.location).to.deep.equal({ kind: 'slot', address: 4100 });
    expect(view?.operatorRequests[0]?.stateName).to.equal('NTMS_OPSTATE_COMPLETE');
  });

  it('time-out: the MaxExtendSecs operator request, then the close request; cleaner back after the close, FAILED ERROR_TIMEOUT', async () => {
    const { f, id } = await waitingOnOpenOnly();
    await f.clock.runUntil(() => opRequests(f, id).length === 2);
    f.fake.ieOpen = false;
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_FAILED');
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_TIMEOUT);
    expect(f.fake.element(4100).full).to.equal(true);
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(true);
  });

  it('the operator takes the cleaner instead of closing the empty-handed station: the eject is complete (PASSED, as D5)', async () => {
    const { f, id } = await waitingOnOpenOnly();
    expect(await f.service.ejectNtmsCleaner(f.handle, guidRef(f.libraryId), guidRef(id), STOP)).to.equal(0);
    await f.clock.runUntil(() => opRequests(f, id).length === 1);
    f.fake.operatorTakeFromStation(16);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_PASSED');
    expect(f.service.inspect.cleanerOf(f.libraryId)).to.equal(undefined);
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(false);
  });

  it('the station never closed: after MaxExtendSecs more the request ends with the cleaner recorded in the IE element', async () => {
    const { f, id } = await waitingOnOpenOnly();
    expect(await f.service.ejectNtmsCleaner(f.handle, guidRef(f.libraryId), guidRef(id), STOP)).to.equal(0);
    const view = await f.clock.runUntil(f.service.awaitLibraryRequest(id));
    expect(view?.stateName).to.equal('NTMS_LM_STOPPED');
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_IO_DEVICE);
    expect(f.service.inspect.cleanerOf(f.libraryId)?.location).to.deep.equal({ kind: 'ieport', address: 16 });
    expect(f.fake.element(16).full).to.equal(true);
  });
});
