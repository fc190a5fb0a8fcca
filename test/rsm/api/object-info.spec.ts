/** GetNtmsObjectInformation / SetNtmsObjectInformation. Spec: docs/rsm-semantics.md 3.11, 4, 5; D5, D10. */
import { expect } from 'chai';
import {
  guidRef,
  newObjectInformation,
  NtmsDoorState,
  NtmsLibraryFlags,
  NtmsLibraryType,
  NtmsObjectType,
  NtmsPortContent,
  NtmsSlotState,
  Win32,
  WellKnownGroup,
} from '../../../rsm/index.js';
import { makeFixture, slotId, startEject, stateOf, withCleaner } from '../support/rsm-fixture.js';

describe('GetNtmsObjectInformation and SetNtmsObjectInformation (docs/rsm-semantics.md 3.11, 4)', () => {
  it('fills NTMS_LIBRARYINFORMATION: CleanerSlot, CLEANERPRESENT, uses remaining, counts', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, guidRef(f.libraryId))).to.equal(
      f.service.results.code('ERROR_SLOT_FULL'),
    );
    const info = newObjectInformation(NtmsObjectType.NTMS_LIBRARY);
    expect(await f.service.getNtmsObjectInformation(f.handle, guidRef(f.libraryId), info)).to.equal(0);
    expect(info).to.deep.include({ ObjectGuid: f.libraryId, Enabled: true, szName: 'FAKE CHANGER' });
    const lib = info.Info?.Library;
    expect(lib).to.deep.include({
      LibraryType: NtmsLibraryType.NTMS_LIBRARYTYPE_ONLINE,
      CleanerSlot: slotId(f, 4100),
      dwCleanerUsesRemaining: 0xffffffff,
      dwNumberOfSlots: 10,
      dwNumberOfPorts: 1,
      dwNumberOfDoors: 1,
      dwNumberOfDrives: 1,
      dwNumberOfMedia: 1,
    });
    expect((lib?.dwFlags ?? 0) & NtmsLibraryFlags.NTMS_LIBRARYFLAG_CLEANERPRESENT).to.not.equal(0);
  });

  it('fills the IE port, door and storage slot structures', async () => {
    const f = await makeFixture();
    const view = f.service.inspect.library(f.libraryId);
    const port = newObjectInformation(NtmsObjectType.NTMS_IEPORT);
    expect(await f.service.getNtmsObjectInformation(f.handle, guidRef(view?.iePorts[0]?.id ?? ''), port)).to.equal(0);
    expect(port.Info?.IEPort).to.deep.equal({
      Number: 1,
      Content: NtmsPortContent.NTMS_PORTCONTENT_EMPTY,
      Position: 2,
      MaxExtendSecs: 60,
      Library: f.libraryId,
    });
    const door = newObjectInformation(NtmsObjectType.NTMS_IEDOOR);
    expect(await f.service.getNtmsObjectInformation(f.handle, guidRef(view?.doors[0]?.id ?? ''), door)).to.equal(0);
    expect(door.Info?.IEDoor).to.deep.equal({
      Number: 1,
      State: NtmsDoorState.NTMS_DOORSTATE_CLOSED,
      MaxOpenSecs: 300,
      Library: f.libraryId,
    });
    const slot = newObjectInformation(NtmsObjectType.NTMS_STORAGESLOT);
    expect(await f.service.getNtmsObjectInformation(f.handle, guidRef(slotId(f, 4097)), slot)).to.equal(0);
    expect(slot.Info?.StorageSlot).to.deep.equal({
      Number: 2,
      State: NtmsSlotState.NTMS_SLOTSTATE_EMPTY,
      Library: f.libraryId,
    });
  });

  it('answers 87 for a wrong dwSize, a wrong dwType or NULL pointers, and 4312 for an unknown id', async () => {
    const f = await makeFixture();
    const lib = guidRef(f.libraryId);
    expect(
      await f.service.getNtmsObjectInformation(f.handle, lib, { dwSize: 12, dwType: NtmsObjectType.NTMS_LIBRARY }),
    ).to.equal(Win32.ERROR_INVALID_PARAMETER);
    expect(
      await f.service.getNtmsObjectInformation(f.handle, lib, newObjectInformation(NtmsObjectType.NTMS_IEPORT)),
    ).to.equal(Win32.ERROR_INVALID_PARAMETER);
    expect(await f.service.getNtmsObjectInformation(f.handle, lib, null)).to.equal(Win32.ERROR_INVALID_PARAMETER);
    expect(await f.service.getNtmsObjectInformation(f.handle, null, newObjectInformation(9))).to.equal(
      Win32.ERROR_INVALID_PARAMETER,
    );
    expect(
      await f.service.getNtmsObjectInformation(
        f.handle,
        guidRef('00000000-0000-4000-8000-000000000000'),
        newObjectInformation(9),
      ),
    ).to.equal(Win32.ERROR_OBJECT_NOT_FOUND);
  });

  it('shows a cleaner as physical media until its eject passes, then 4312: it is deleted, not moved offline (D5)', async () => {
    const f = await makeFixture();
    await withCleaner(f);
    const { op } = await startEject(f);
    await f.clock.runUntil(() => stateOf(f, op.value) === 'NTMS_LM_WAITING');
    const cleaner = f.service.inspect.cleanerOf(f.libraryId)?.id ?? '';
    const media = newObjectInformation(NtmsObjectType.NTMS_PHYSICAL_MEDIA);
    expect(await f.service.getNtmsObjectInformation(f.handle, guidRef(cleaner), media)).to.equal(0);
    expect(media.Info?.PhysicalMedia).to.deep.include({
      Library: f.libraryId,
      LocationKind: 'ieport',
      szBarCode: 'CLN001',
      Cleaner: true,
    });
    f.fake.operatorTakeFromStation(16);
    await f.clock.runUntil(f.service.awaitLibraryRequest(op.value));
    expect(
      await f.service.getNtmsObjectInformation(
        f.handle,
        guidRef(cleaner),
        newObjectInformation(NtmsObjectType.NTMS_PHYSICAL_MEDIA),
      ),
    ).to.equal(Win32.ERROR_OBJECT_NOT_FOUND);
  });

  it('needs USE on the library on 2003+ and nothing on XP (docs/rsm-semantics.md 5)', async () => {
    const f = await makeFixture();
    await f.service.admin.definePrincipal('guest', ['Guests']);
    const { handle } = await f.service.openNtmsSession(null, null, 0, 'guest');
    expect(await f.service.getNtmsObjectInformation(handle, guidRef(f.libraryId), newObjectInformation(9))).to.equal(
      Win32.ERROR_ACCESS_DENIED,
    );
    await f.service.admin.grant(f.libraryId, 'Guests', ['use']);
    expect(await f.service.getNtmsObjectInformation(handle, guidRef(f.libraryId), newObjectInformation(9))).to.equal(0);
    await f.service.admin.revoke(f.libraryId, 'Guests');
    f.service.setPolicies({ accessPolicy: '2000/XP' });
    expect(await f.service.getNtmsObjectInformation(handle, guidRef(f.libraryId), newObjectInformation(9))).to.equal(0);
  });

  it('sets MaxExtendSecs only to a WORD, and needs MODIFY', async () => {
    const f = await makeFixture();
    const port = f.service.inspect.library(f.libraryId)?.iePorts[0]?.id ?? '';
    const info = newObjectInformation(NtmsObjectType.NTMS_IEPORT);
    info.Info = { IEPort: { Number: 1, Content: 0, Position: 0, MaxExtendSecs: 70000, Library: f.libraryId } };
    expect(await f.service.setNtmsObjectInformation(f.handle, guidRef(port), info)).to.equal(
      Win32.ERROR_INVALID_PARAMETER,
    );
    await f.service.admin.definePrincipal('op', [WellKnownGroup.USERS]);
    const { handle } = await f.service.openNtmsSession(null, null, 0, 'op');
    info.Info = { IEPort: { Number: 1, Content: 0, Position: 0, MaxExtendSecs: 0, Library: f.libraryId } };
    expect(await f.service.setNtmsObjectInformation(handle, guidRef(port), info)).to.equal(Win32.ERROR_ACCESS_DENIED);
    expect(await f.service.setNtmsObjectInformation(f.handle, guidRef(port), info)).to.equal(0);
    expect(f.service.inspect.library(f.libraryId)?.iePorts[0]?.maxExtendSecs).to.equal(0);
  });
});
