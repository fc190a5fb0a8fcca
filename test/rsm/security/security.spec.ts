/** Principals, ACLs and the access policy. Spec: docs/rsm-semantics.md 5, 2.3 (NTMS_CONTROL_ACCESS), D14. */
import { expect } from 'chai';
import { guidRef, hasAccess, NtmsObjectType, rightsMask, Win32, WellKnownGroup } from '../../../rsm/index.js';
import { makeFixture, slotId } from '../support/rsm-fixture.js';

describe('rsm security', () => {
  const library = (acl: { trustee: string; mask: number }[]) => ({ acl }) as Parameters<typeof hasAccess>[1];
  const admin = { name: 'Administrator', groups: [WellKnownGroup.ADMINISTRATORS] };
  const user = { name: 'alice', groups: [WellKnownGroup.USERS] };

  it('lets Administrators pass every check under the "2003+" policy, whatever the ACL (per docs/rsm-semantics.md D14)', () => {
    expect(hasAccess(admin, library([]), 'control', '2003+', 4)).to.equal(true);
    expect(hasAccess(admin, library([]), 'control', '2000/XP', 4)).to.equal(false);
  });

  it('checks the ACL bits of the principal, its groups and Everyone (per docs/rsm-semantics.md D14)', () => {
    const acl = [
      { trustee: WellKnownGroup.USERS, mask: 0x1 },
      { trustee: 'alice', mask: 0x2 },
    ];
    expect(hasAccess(user, library(acl), 'use', '2003+', 4)).to.equal(true);
    expect(hasAccess(user, library(acl), 'modify', '2003+', 4)).to.equal(true);
    expect(hasAccess(user, library(acl), 'control', '2003+', 4)).to.equal(false);
    expect(hasAccess(user, library([{ trustee: WellKnownGroup.EVERYONE, mask: 0x4 }]), 'control', '2003+', 4)).to.equal(
      true,
    );
  });

  it('shows the MS-RSMP defect when NTMS_CONTROL_ACCESS is 3: USE|MODIFY passes a CONTROL check (docs/rsm-semantics.md 5, D14)', () => {
    const acl = [{ trustee: 'alice', mask: rightsMask(['use', 'modify'], 4) }];
    expect(hasAccess(user, library(acl), 'control', '2003+', 4)).to.equal(false);
    expect(hasAccess(user, library(acl), 'control', '2003+', 3)).to.equal(true);
  });

  it('denies EjectNtmsCleaner to a non-administrator without CONTROL, and allows it once granted (per docs/rsm-semantics.md D14, D3)', async () => {
    const f = await makeFixture();
    await f.service.admin.definePrincipal('op', [WellKnownGroup.USERS]);
    const { handle } = await f.service.openNtmsSession(null, 'test', 0, 'op');
    const lib = guidRef(f.libraryId);
    expect(await f.service.ejectNtmsCleaner(handle, lib, guidRef(), 0)).to.equal(Win32.ERROR_ACCESS_DENIED);
    expect(await f.service.reserveNtmsCleanerSlot(handle, lib, guidRef(slotId(f, 4100)))).to.equal(
      Win32.ERROR_ACCESS_DENIED,
    );
    await f.service.admin.grant(f.libraryId, 'op', ['use', 'control']);
    expect(await f.service.ejectNtmsCleaner(handle, lib, guidRef(), 0)).to.equal(
      f.service.results.code('ERROR_NO_SLOT_SET'),
    );
  });

  it('holds the administrator to the ACL under the "2000/XP" policy (per docs/rsm-semantics.md D14)', async () => {
    const f = await makeFixture({ policies: { accessPolicy: '2000/XP' } });
    const lib = guidRef(f.libraryId);
    expect(await f.service.ejectNtmsCleaner(f.handle, lib, guidRef(), 0)).to.equal(
      f.service.results.code('ERROR_NO_SLOT_SET'),
    );
    await f.service.admin.revoke(f.libraryId, WellKnownGroup.ADMINISTRATORS);
    expect(await f.service.ejectNtmsCleaner(f.handle, lib, guidRef(), 0)).to.equal(Win32.ERROR_ACCESS_DENIED);
    f.service.setPolicies({ accessPolicy: '2003+' });
    expect(await f.service.ejectNtmsCleaner(f.handle, lib, guidRef(), 0)).to.equal(
      f.service.results.code('ERROR_NO_SLOT_SET'),
    );
  });

  it('needs MODIFY for Enable/DisableNtmsObject on 2003+ and CONTROL on 2000/XP (docs/rsm-semantics.md 5)', async () => {
    const f = await makeFixture();
    await f.service.admin.definePrincipal('op', [WellKnownGroup.USERS]);
    const { handle } = await f.service.openNtmsSession(null, 'test', 0, 'op');
    const lib = guidRef(f.libraryId);
    await f.service.admin.grant(f.libraryId, 'op', ['modify']);
    expect(await f.service.disableNtmsObject(handle, NtmsObjectType.NTMS_LIBRARY, lib)).to.equal(0);
    f.service.setPolicies({ accessPolicy: '2000/XP' });
    expect(await f.service.enableNtmsObject(handle, NtmsObjectType.NTMS_LIBRARY, lib)).to.equal(
      Win32.ERROR_ACCESS_DENIED,
    );
    await f.service.admin.grant(f.libraryId, 'op', ['control']);
    expect(await f.service.enableNtmsObject(handle, NtmsObjectType.NTMS_LIBRARY, lib)).to.equal(0);
  });
});
