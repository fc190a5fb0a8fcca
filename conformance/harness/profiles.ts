/**
 * The code profiles a conformance run can use (`--profile NAME`): the numbers behind the pseudo-names such as
 * ERROR_SLOT_EMPTY. Tests assert names; the profile decides the numbers, and the report prints which profile a
 * run used. Spec: docs/rsm-semantics.md D1 (switchable numbers, reports print name, number and confidence).
 */
import { DEFAULT_CODE_PROFILE, RESOURCE_NOT_PRESENT_PROFILE, type CodeProfile } from '../../rsm/index.js';

/** Every profile by name. */
export const CODE_PROFILES: Readonly<Record<string, CodeProfile>> = Object.freeze({
  [DEFAULT_CODE_PROFILE.name]: DEFAULT_CODE_PROFILE,
  [RESOURCE_NOT_PRESENT_PROFILE.name]: RESOURCE_NOT_PRESENT_PROFILE,
});

/** The default profile's name. */
export const DEFAULT_PROFILE_NAME = DEFAULT_CODE_PROFILE.name;

/** The profile called `name`; throws naming the known profiles. */
export function codeProfileNamed(name: string): CodeProfile {
  const p = CODE_PROFILES[name];
  if (!p)
    throw new RangeError(`unknown code profile "${name}"; known profiles: ${Object.keys(CODE_PROFILES).join(', ')}`);
  return p;
}
