/**
 * Host-side administration of the RSM model (what the Removable Storage snap-in and the machine's user database
 * do, not ntmsapi): principals and groups, library ACLs, marking a library offline or online.
 * Spec: docs/rsm-semantics.md 5 (rights per library ACL; BUILTIN\Administrators), D12 ("marked offline" gives 4305),
 * D14 (ACCESS_DENIED tests run as a non-administrator).
 */
import { setLibraryOffline, setLibraryOnline } from '../db/library-state.js';
import type { AclEntry, LibraryRecord } from '../db/records.js';
import type { Guid } from '../ntms/guid.js';
import { rightsMask, type NtmsRight } from '../security/security-model.js';
import type { ServiceRuntime } from './service-runtime.js';

/** Administrative operations on the running service's database. Each change is persisted before it resolves. */
export class RsmAdmin {
  constructor(private readonly runtime: () => ServiceRuntime) {}

  private library(id: Guid): LibraryRecord {
    const lib = this.runtime().db.libraries.get(id);
    if (!lib) throw new RangeError(`no library ${id}`);
    return lib;
  }

  /** Creates or replaces a principal (a user) and the groups it belongs to. */
  async definePrincipal(name: string, groups: readonly string[]): Promise<void> {
    const rt = this.runtime();
    rt.db.principals.insert({ name, groups: [...groups] });
    await rt.commit();
  }

  /** Removes a principal; its open sessions then fail every access check. */
  async removePrincipal(name: string): Promise<void> {
    const rt = this.runtime();
    rt.db.principals.delete(name);
    await rt.commit();
  }

  /** Replaces a library's ACL. */
  async setLibraryAcl(library: Guid, acl: readonly AclEntry[]): Promise<void> {
    const rt = this.runtime();
    const lib = this.library(library);
    rt.db.libraries.edit(lib, (l) => {
      l.acl = acl.map((e) => ({ ...e }));
      l.modified = rt.db.now();
    });
    await rt.commit();
  }

  /** The library's ACL. */
  libraryAcl(library: Guid): AclEntry[] {
    return this.library(library).acl.map((e) => ({ ...e }));
  }

  /**
   * Sets `trustee`'s entry to exactly `rights`, with the NTMS_CONTROL_ACCESS value of the current policy
   * (per docs/rsm-semantics.md D14).
   */
  async grant(library: Guid, trustee: string, rights: readonly NtmsRight[]): Promise<void> {
    const mask = rightsMask(rights, this.runtime().policies.controlAccessValue);
    const acl = this.libraryAcl(library).filter((e) => e.trustee !== trustee);
    await this.setLibraryAcl(library, [...acl, { trustee, mask }]);
  }

  /** Removes `trustee`'s entry. */
  async revoke(library: Guid, trustee: string): Promise<void> {
    await this.setLibraryAcl(
      library,
      this.libraryAcl(library).filter((e) => e.trustee !== trustee),
    );
  }

  /** Marks a library offline (per docs/rsm-semantics.md D12), or back online when its changer link is up. */
  async setLibraryOffline(library: Guid, offline: boolean): Promise<void> {
    const rt = this.runtime();
    const lib = this.library(library);
    const link = rt.library(library).link;
    if (offline) setLibraryOffline(rt.db, lib, 'marked-offline');
    else if (link && !link.lost) setLibraryOnline(rt.db, lib);
    else if (lib.offlineReason === 'marked-offline') setLibraryOffline(rt.db, lib, link ? 'link-lost' : 'not-attached');
    await rt.commit();
  }
}
