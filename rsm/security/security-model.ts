/**
 * RSM security: principals in groups, per-library ACLs of NTMS_USE, NTMS_MODIFY and NTMS_CONTROL access, and
 * the access check under the D14 policy. Spec: docs/rsm-semantics.md 5 (rights, which function needs which right on
 * which object, BUILTIN\Administrators pass every check on 2003+), 2.3 (NTMS_CONTROL_ACCESS 4 or 3), D14.
 */
import type { AclEntry, LibraryRecord, PrincipalRecord } from '../db/records.js';
import type { AccessPolicy } from '../policy/rsm-policies.js';

/** Well-known group names. */
export const WellKnownGroup = {
  ADMINISTRATORS: 'BUILTIN\\Administrators',
  USERS: 'BUILTIN\\Users',
  EVERYONE: 'Everyone',
} as const;

/** A right a function needs (docs/rsm-semantics.md 5). */
export type NtmsRight = 'use' | 'modify' | 'control';

/** The mask bits of a right, with the policy's NTMS_CONTROL_ACCESS value (per docs/rsm-semantics.md D14). */
export function rightMask(right: NtmsRight, controlAccessValue: 4 | 3): number {
  switch (right) {
    case 'use':
      return 0x1;
    case 'modify':
      return 0x2;
    case 'control':
      return controlAccessValue;
  }
}

/** The mask of several rights together. */
export function rightsMask(rights: readonly NtmsRight[], controlAccessValue: 4 | 3): number {
  return rights.reduce((m, r) => m | rightMask(r, controlAccessValue), 0);
}

/** The principals a new database starts with: an administrator and an ordinary operator. */
export function defaultPrincipals(): PrincipalRecord[] {
  return [
    { name: 'Administrator', groups: [WellKnownGroup.ADMINISTRATORS] },
    { name: 'Operator', groups: [WellKnownGroup.USERS] },
  ];
}

/** The ACL a newly discovered library gets: Administrators full control, Users use. */
export function defaultLibraryAcl(controlAccessValue: 4 | 3): AclEntry[] {
  return [
    { trustee: WellKnownGroup.ADMINISTRATORS, mask: rightsMask(['use', 'modify', 'control'], controlAccessValue) },
    { trustee: WellKnownGroup.USERS, mask: rightMask('use', controlAccessValue) },
  ];
}

/** The names a principal acts as: itself, its groups, and Everyone. */
export function identitiesOf(principal: PrincipalRecord): Set<string> {
  return new Set([principal.name, ...principal.groups, WellKnownGroup.EVERYONE]);
}

/** The access mask the ACL grants a principal (the OR of every entry naming it or one of its groups). */
export function grantedMask(principal: PrincipalRecord, acl: readonly AclEntry[]): number {
  const ids = identitiesOf(principal);
  return acl.reduce((mask, e) => (ids.has(e.trustee) ? mask | e.mask : mask), 0);
}

/**
 * Whether `principal` holds `right` on `library`. Per docs/rsm-semantics.md D14: under "2003+" members of
 * BUILTIN\Administrators pass every check whatever the ACL says; under "2000/XP" they are checked like anyone.
 * With NTMS_CONTROL_ACCESS = 3 a CONTROL check is met by USE|MODIFY (the MS-RSMP defect docs/rsm-semantics.md 5 notes).
 */
export function hasAccess(
  principal: PrincipalRecord,
  library: Pick<LibraryRecord, 'acl'>,
  right: NtmsRight,
  policy: AccessPolicy,
  controlAccessValue: 4 | 3,
): boolean {
  if (policy === '2003+' && principal.groups.includes(WellKnownGroup.ADMINISTRATORS)) return true;
  const needed = rightMask(right, controlAccessValue);
  return (grantedMask(principal, library.acl) & needed) === needed;
}

/**
 * The right a function needs on the library, per the docs/rsm-semantics.md 5 table: CONTROL for the cleaner, door and
 * cancel functions; Enable/Disable MODIFY on 2003+ and CONTROL on 2000/XP; object information USE on 2003+ and
 * none on XP (undefined: no check).
 */
export function requiredRight(
  fn: 'cleaner' | 'door' | 'clean' | 'cancel' | 'enable' | 'object-info' | 'set-object-info',
  policy: AccessPolicy,
): NtmsRight | undefined {
  switch (fn) {
    case 'enable':
      return policy === '2003+' ? 'modify' : 'control';
    case 'object-info':
      return policy === '2003+' ? 'use' : undefined;
    case 'set-object-info':
      return 'modify';
    default:
      return 'control';
  }
}
