/** Check order of the cleaner functions. Spec: docs/rsm-semantics.md D3 (pipeline and precedence), D4, D7, D9, D12, D13, D16; 3.3-3.7, 3.10, 7.1. */
import { expect } from 'chai';
import {
  CHECK_PIPELINES,
  guidRef,
  NtmsLibraryFlags,
  NtmsObjectType,
  NtmsSlotState,
  Win32,
  WellKnownGroup,
} from '../../../rsm/index.js';
import { makeFixture, reserve, slotId, startEject, withCleaner, type RsmFixture } from '../support/rsm-fixture.js';

const START = 0;
const STOP = 1;

async function eject(
  f: RsmFixture,
  action = START,
  lib: string | null = f.libraryId,
  op = guidRef(),
  handle: number | null = f.handle,
): Promise<number> {
  return f.service.ejectNtmsCleaner(handle, lib === null ? null : guidRef(lib), op, action);
}

describe('rsm check pipeline (per docs/rsm-semantics.md D3)', () => {
  it("declares EjectNtmsCleaner's steps in the D3 order, with the D4 refresh before the slot steps", () => {
    expect(CHECK_PIPELINES.ejectNtmsCleaner).to.deep.equal([
      'handle',
      'connection',
      'parameters',
      'library',
      'access',
      'enabled',
      'online',
      'stop-rules',
      'port-or-door',
      'reserved',
      'refresh-slot',
      'slot-present',
      'slot-has-cleaner',
    ]);
    for (const fn of ['injectNtmsCleaner', 'reserveNtmsCleanerSlot', 'releaseNtmsCleanerSlot'] as const) {
      expect(CHECK_PIPELINES[fn].slice(0, 7)).to.deep.equal(CHECK_PIPELINES.ejectNtmsCleaner.slice(0, 7));
    }
  });

  it('step 1-2: an unknown handle gives 6 even while the service is down; a known one 2250 (D3, D13)', async () => {
    const f = await makeFixture();
    await f.service.stop();
    expect(await eject(f, START, null, guidRef(), 0x1234)).to.equal(Win32.ERROR_INVALID_HANDLE);
    expect(await eject(f, 7, null)).to.equal(Win32.ERROR_NOT_CONNECTED);
  });

  it('step 3: NULL pointers and a dwAction other than START/STOP give 87 before the library is looked up', async () => {
    const f = await makeFixture();
    expect(await eject(f, START, null)).to.equal(Win32.ERROR_INVALID_PARAMETER);
    expect(
      await f.service.ejectNtmsCleaner(f.handle, guidRef('00000000-0000-4000-8000-000000000000'), null, START),
    ).to.equal(Win32.ERROR_INVALID_PARAMETER);
    expect(await eject(f, 2, '00000000-0000-4000-8000-000000000000')).to.equal(Win32.ERROR_INVALID_PARAMETER);
  });

  it('step 4: an unknown library gives 4301 before the access check', async () => {
    const f = await makeFixture();
    await f.service.admin.definePrincipal('op', [WellKnownGroup.USERS]);
    const { handle } = await f.service.openNtmsSession(null, null, 0, 'op');
    expect(await eject(f, START, '00000000-0000-4000-8000-000000000000', guidRef(), handle)).to.equal(
      Win32.ERROR_INVALID_LIBRARY,
    );
    expect(await eject(f, START, f.libraryId, guidRef(), handle)).to.equal(Win32.ERROR_ACCESS_DENIED);
  });

  it('step 5: access is checked before enabled, step 6: enabled before online — disabled and offline at once gives 4309', async () => {
    const f = await makeFixture();
    await f.service.admin.definePrincipal('op', [WellKnownGroup.USERS]);
    const { handle } = await f.service.openNtmsSession(null, null, 0, 'op');
    expect(await f.service.disableNtmsObject(f.handle, NtmsObjectType.NTMS_LIBRARY, guidRef(f.libraryId))).to.equal(0);
    await f.service.admin.setLibraryOffline(f.libraryId, true);
    expect(await eject(f, START, f.libraryId, guidRef(), handle)).to.equal(Win32.ERROR_ACCESS_DENIED);
    expect(await eject(f)).to.equal(Win32.ERROR_RESOURCE_DISABLED);
    expect(await f.service.enableNtmsObject(f.handle, NtmsObjectType.NTMS_LIBRARY, guidRef(f.libraryId))).to.equal(0);
    expect(await eject(f)).to.equal(Win32.ERROR_LIBRARY_OFFLINE);
    await f.service.admin.setLibraryOffline(f.libraryId, false);
    expect(await eject(f)).to.equal(f.service.results.code('ERROR_NO_SLOT_SET'));
  });

  it('step 7: the fixed offline library and a library whose link is lost give 4305 (D12)', async () => {
    const f = await makeFixture();
    expect(await eject(f, START, f.service.inspect.offlineLibraryId)).to.equal(Win32.ERROR_LIBRARY_OFFLINE);
    expect(f.service.inspect.library(f.service.inspect.offlineLibraryId)?.flags).to.equal(
      NtmsLibraryFlags.NTMS_LIBRARYFLAG_FIXEDOFFLINE,
    );
    await withCleaner(f);
    f.fake.linkDown = true;
    expect(await eject(f)).to.equal(Win32.ERROR_LIBRARY_OFFLINE);
    expect(f.service.inspect.library(f.libraryId)?.offlineReason).to.equal('link-lost');
    expect(await eject(f)).to.equal(Win32.ERROR_LIBRARY_OFFLINE);
  });

  it('step 8: STOP on a library without an IE port gives 4317 before the port-or-door step (D7, D9)', async () => {
    const f = await makeFixture({ library: { importExport: { first: 16, count: 0 } }, hints: { door: false } });
    expect(await eject(f, STOP)).to.equal(Win32.ERROR_INVALID_OPERATION);
    expect(await eject(f, START)).to.equal(Win32.ERROR_RESOURCE_NOT_PRESENT);
  });

  it('step 8: STOP naming no outstanding eject of this library gives 4317 (D7)', async () => {
    const f = await makeFixture();
    expect(await eject(f, STOP, f.libraryId, guidRef('00000000-0000-4000-8000-000000000000'))).to.equal(
      Win32.ERROR_INVALID_OPERATION,
    );
  });

  it('step 9: neither IE port nor door gives 4316 synchronously, even without a reservation (D9)', async () => {
    const f = await makeFixture({ library: { importExport: { first: 16, count: 0 } }, hints: { door: false } });
    expect(await eject(f)).to.equal(Win32.ERROR_RESOURCE_NOT_PRESENT);
    expect(f.service.inspect.libraryRequests(f.libraryId)).to.have.length(0);
  });

  it('steps 10-12: no reservation gives NO_SLOT_SET; a pulled magazine SLOT_NOT_PRESENT before SLOT_EMPTY (D3, D4, D16)', async () => {
    const f = await makeFixture();
    expect(await eject(f)).to.equal(f.service.results.code('ERROR_NO_SLOT_SET'));
    await reserve(f, 4100);
    expect(await eject(f)).to.equal(f.service.results.code('ERROR_SLOT_EMPTY'));
    f.fake.setMagazine([4100, 4101], false);
    expect(await eject(f)).to.equal(f.service.results.code('ERROR_SLOT_NOT_PRESENT'));
    expect(f.service.inspect.library(f.libraryId)?.reservedSlot?.state).to.equal(
      NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT,
    );
  });

  it('refreshes the reserved slot from the changer at call time (D4): a cleaner taken by hand is seen at once', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    // The cleaner was put in by hand: the database learns of it only when a call reads the slot.
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(false);
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, guidRef(f.libraryId))).to.equal(
      f.service.results.code('ERROR_SLOT_FULL'),
    );
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(true);
    f.fake.clear(4100);
    expect(await eject(f)).to.equal(f.service.results.code('ERROR_SLOT_EMPTY'));
    expect(f.service.inspect.library(f.libraryId)?.cleanerPresent).to.equal(false);
  });

  it('waits on the clock while the changer is becoming ready (04/01) so the refresh still reads the slot (D4)', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    f.fake.failNext(0xb8, 2, 0x04, 0x01);
    f.fake.failNext(0xb8, 2, 0x04, 0x01);
    const before = f.clock.now();
    const result = await f.clock.runUntil(startEject(f));
    expect(result?.rc).to.equal(0);
    expect(f.clock.now() - before).to.equal(2000);
  });

  it('keeps the reservation across a magazine pull and marks reinserted slots NEEDSINVENTORY until read (D16)', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    const state = (address: number) =>
      f.service.inspect.library(f.libraryId)?.slots.find((s) => s.address === address)?.state;
    // The operator pulls the magazine during a door access; the inventory after the close reads every slot.
    expect(await f.service.accessNtmsLibraryDoor(f.handle, guidRef(f.libraryId), 1)).to.equal(0);
    const request = f.service.inspect.libraryRequests(f.libraryId)[0]?.id ?? '';
    await f.clock.runUntil(() => f.service.inspect.libraryRequest(request)?.stateName === 'NTMS_LM_WAITING');
    expect(f.fake.operatorOpenDoor()).to.equal(true);
    f.fake.setMagazine([4100, 4101], false);
    f.fake.operatorCloseDoor();
    expect((await f.clock.runUntil(f.service.awaitLibraryRequest(request)))?.stateName).to.equal('NTMS_LM_PASSED');
    expect(state(4101)).to.equal(NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT);
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, guidRef(f.libraryId))).to.equal(
      f.service.results.code('ERROR_SLOT_NOT_PRESENT'),
    );
    expect(await f.service.injectNtmsCleaner(f.handle, guidRef(f.libraryId), guidRef(), 5, START)).to.equal(
      f.service.results.code('ERROR_SLOT_NOT_PRESENT'),
    );
    expect(f.service.inspect.library(f.libraryId)?.cleanerSlot).to.equal(slotId(f, 4100));
    f.fake.setMagazine([4100, 4101], true);
    // The next command meets unit attention 3B/13: the magazine's slots need an inventory; the refresh reads 4100 only.
    expect(await startEject(f)).to.have.property('rc', 0);
    expect(state(4100)).to.equal(NtmsSlotState.NTMS_SLOTSTATE_FULL);
    expect(state(4101)).to.equal(NtmsSlotState.NTMS_SLOTSTATE_NEEDSINVENTORY);
    expect(f.service.inspect.unitAttentions(f.libraryId).map((e) => e.meaning)).to.include('magazine-inserted');
  });

  it('Reserve: already reserved 4331, unknown slot INVALID_SLOT, pulled SLOT_NOT_PRESENT, full SLOT_FULL (docs/rsm-semantics.md 7.1)', async () => {
    const f = await makeFixture();
    const lib = guidRef(f.libraryId);
    const codes = f.service.results;
    f.fake.place(4102, 'A00002L8');
    f.fake.setMagazine([4103], false);
    expect(await f.service.reserveNtmsCleanerSlot(f.handle, lib, null)).to.equal(Win32.ERROR_INVALID_PARAMETER);
    expect(await f.service.reserveNtmsCleanerSlot(f.handle, lib, guidRef(f.libraryId))).to.equal(
      codes.code('ERROR_INVALID_SLOT'),
    );
    expect(await f.service.reserveNtmsCleanerSlot(f.handle, lib, guidRef(slotId(f, 4103)))).to.equal(
      codes.code('ERROR_SLOT_NOT_PRESENT'),
    );
    expect(await f.service.reserveNtmsCleanerSlot(f.handle, lib, guidRef(slotId(f, 4102)))).to.equal(
      codes.code('ERROR_SLOT_FULL'),
    );
    expect(await f.service.reserveNtmsCleanerSlot(f.handle, lib, guidRef(slotId(f, 4100)))).to.equal(0);
    expect(await f.service.reserveNtmsCleanerSlot(f.handle, lib, guidRef(slotId(f, 4101)))).to.equal(
      codes.code('ERROR_ALREADY_RESERVED'),
    );
    expect(f.service.inspect.library(f.libraryId)?.reservedSlot?.address).to.equal(4100);
  });

  it('Release: NO_SLOT_RESERVED without a reservation; 0 on an empty reserved slot, which clears CleanerSlot', async () => {
    const f = await makeFixture();
    const lib = guidRef(f.libraryId);
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, lib)).to.equal(
      f.service.results.code('ERROR_NO_SLOT_RESERVED'),
    );
    await reserve(f, 4100);
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, lib)).to.equal(0);
    expect(f.service.inspect.library(f.libraryId)?.reservedSlot).to.equal(null);
  });

  it('records the steps it ran, in order, and the step that decided (START skips the STOP rules)', async () => {
    const f = await makeFixture();
    expect(await eject(f)).to.equal(f.service.results.code('ERROR_NO_SLOT_SET'));
    expect(f.service.lastCheck).to.deep.equal({
      fn: 'ejectNtmsCleaner',
      steps: [
        'handle',
        'connection',
        'parameters',
        'library',
        'access',
        'enabled',
        'online',
        'port-or-door',
        'reserved',
      ],
      code: f.service.results.code('ERROR_NO_SLOT_SET'),
      step: 'reserved',
    });
    await eject(f, STOP);
    expect(f.service.lastCheck?.steps.slice(-2)).to.deep.equal(['online', 'stop-rules']);
    await withCleaner(f);
    expect((await startEject(f)).rc).to.equal(0);
    expect(f.service.lastCheck).to.deep.include({ code: 0, step: undefined });
    expect(f.service.lastCheck?.steps.slice(-4)).to.deep.equal([
      'reserved',
      'refresh-slot',
      'slot-present',
      'slot-has-cleaner',
    ]);
  });

  it('AccessNtmsLibraryDoor: dwAction ≥ NTMS_INVENTORY_MAX gives 87; a library without a door 4316 (docs/rsm-semantics.md 3.10)', async () => {
    const f = await makeFixture({ hints: { door: false } });
    expect(await f.service.accessNtmsLibraryDoor(f.handle, guidRef(f.libraryId), 6)).to.equal(
      Win32.ERROR_INVALID_PARAMETER,
    );
    expect(await f.service.accessNtmsLibraryDoor(f.handle, guidRef(f.libraryId), 0)).to.equal(
      Win32.ERROR_RESOURCE_NOT_PRESENT,
    );
  });

  it('CleanNtmsDrive: NULL 87, unknown drive 15, disabled drive 4309, offline library 4316 (docs/rsm-semantics.md 3.7)', async () => {
    const f = await makeFixture();
    const drive = f.service.inspect.library(f.libraryId)?.drives[0]?.id ?? '';
    expect(await f.service.cleanNtmsDrive(f.handle, null)).to.equal(Win32.ERROR_INVALID_PARAMETER);
    expect(await f.service.cleanNtmsDrive(f.handle, guidRef(f.libraryId))).to.equal(Win32.ERROR_INVALID_DRIVE);
    expect(await f.service.disableNtmsObject(f.handle, NtmsObjectType.NTMS_DRIVE, guidRef(drive))).to.equal(0);
    expect(await f.service.cleanNtmsDrive(f.handle, guidRef(drive))).to.equal(Win32.ERROR_RESOURCE_DISABLED);
    expect(await f.service.enableNtmsObject(f.handle, NtmsObjectType.NTMS_DRIVE, guidRef(drive))).to.equal(0);
    await f.service.admin.setLibraryOffline(f.libraryId, true);
    expect(await f.service.cleanNtmsDrive(f.handle, guidRef(drive))).to.equal(Win32.ERROR_RESOURCE_NOT_PRESENT);
  });
});
