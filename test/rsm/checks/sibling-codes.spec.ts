/**
 * Reserve, Release and InjectNtmsCleaner give D12's codes for a library that is not connected or disabled, never
 * ERROR_DEVICE_NOT_AVAILABLE (4319); Reserve and Release change the reservation at once, with no library request.
 * Spec: docs/rsm-model.md "Model decisions" M6; docs/rsm-semantics.md 3.3-3.5 (the C pages' 4319 "library not
 * connected"; MS-RSMP: offline 4305, disabled 4309), 6, 7.5 (a disconnected library is offline), D3, D12.
 */
import { expect } from 'chai';
import { guidRef, NtmsObjectType, Win32 } from '../../../rsm/index.js';
import { makeFixture, reserve, slotId, type RsmFixture } from '../support/rsm-fixture.js';

type Sibling = [string, (f: RsmFixture) => Promise<number>, boolean];
const siblings: Sibling[] = [
  [
    'ReserveNtmsCleanerSlot',
    (f) => f.service.reserveNtmsCleanerSlot(f.handle, guidRef(f.libraryId), guidRef(slotId(f, 4101))),
    false,
  ],
  ['ReleaseNtmsCleanerSlot', (f) => f.service.releaseNtmsCleanerSlot(f.handle, guidRef(f.libraryId)), true],
  ['InjectNtmsCleaner', (f) => f.service.injectNtmsCleaner(f.handle, guidRef(f.libraryId), guidRef(), 10, 0), true],
];

describe('the sibling functions and ERROR_DEVICE_NOT_AVAILABLE (docs/rsm-model.md M6)', () => {
  for (const [name, call, reserved] of siblings) {
    it(`${name}: the changer link lost ("library not connected") gives ERROR_LIBRARY_OFFLINE 4305, not 4319`, async () => {
      const f = await makeFixture();
      if (reserved) await reserve(f, 4100);
      f.fake.linkDown = true;
      const rc = await call(f);
      expect(rc).to.equal(Win32.ERROR_LIBRARY_OFFLINE);
      expect(rc).to.not.equal(Win32.ERROR_DEVICE_NOT_AVAILABLE);
      expect(await call(f)).to.equal(Win32.ERROR_LIBRARY_OFFLINE);
    });

    it(`${name}: a disabled library gives ERROR_RESOURCE_DISABLED 4309, not 4319`, async () => {
      const f = await makeFixture();
      if (reserved) await reserve(f, 4100);
      expect(await f.service.disableNtmsObject(f.handle, NtmsObjectType.NTMS_LIBRARY, guidRef(f.libraryId))).to.equal(
        0,
      );
      expect(await call(f)).to.equal(Win32.ERROR_RESOURCE_DISABLED);
    });
  }

  it('Reserve and Release take effect before they return and queue no library request', async () => {
    const f = await makeFixture();
    await reserve(f, 4100);
    expect(f.service.inspect.library(f.libraryId)?.reservedSlot?.address).to.equal(4100);
    expect(await f.service.releaseNtmsCleanerSlot(f.handle, guidRef(f.libraryId))).to.equal(0);
    expect(f.service.inspect.library(f.libraryId)?.reservedSlot).to.equal(null);
    expect(f.service.inspect.libraryRequests()).to.have.length(0);
  });
});
