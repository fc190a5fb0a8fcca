/**
 * The numbers the suite expects behind each result name, kept here and not taken from the RSM model under test,
 * so a wrong number in the model's table fails a spec instead of moving the expectation with it. Real Win32
 * names carry their winerror.h numbers (docs/rsm-semantics.md 2.1); the pseudo-names of the C-API pages get theirs
 * from the run's code profile, by profile name (D1: ERROR_NO_SLOT_SET 4332, ERROR_SLOT_NOT_PRESENT 5006,
 * ERROR_SLOT_EMPTY 4306 by default; 2.2 for the others; `resource-not-present` moves the not-present and
 * invalid-slot results to 4316).
 * Spec: docs/rsm-semantics.md D1 (tests assert names; the profile decides the numbers), 2.1, 2.2.
 */

/** winerror.h numbers of the real names the suite's paths expect (docs/rsm-semantics.md 2.1). */
export const EXPECTED_WIN32: Readonly<Record<string, number>> = Object.freeze({
  ERROR_SUCCESS: 0,
  ERROR_ACCESS_DENIED: 5,
  ERROR_INVALID_HANDLE: 6,
  ERROR_NOT_READY: 21,
  ERROR_INVALID_PARAMETER: 87,
  ERROR_BUSY: 170,
  ERROR_IO_DEVICE: 1117,
  ERROR_SOURCE_ELEMENT_EMPTY: 1160,
  ERROR_MAGAZINE_NOT_PRESENT: 1163,
  ERROR_DEVICE_DOOR_OPEN: 1166,
  ERROR_REQUEST_ABORTED: 1235,
  ERROR_TIMEOUT: 1460,
  ERROR_NOT_CONNECTED: 2250,
  ERROR_INVALID_LIBRARY: 4301,
  ERROR_LIBRARY_OFFLINE: 4305,
  ERROR_EMPTY: 4306,
  ERROR_RESOURCE_DISABLED: 4309,
  ERROR_UNABLE_TO_CLEAN: 4311,
  ERROR_OBJECT_NOT_FOUND: 4312,
  ERROR_RESOURCE_NOT_PRESENT: 4316,
  ERROR_INVALID_OPERATION: 4317,
  ERROR_DEVICE_NOT_AVAILABLE: 4319,
  ERROR_CONTROLLING_IEPORT: 4329,
  ERROR_CLEANER_SLOT_SET: 4331,
  ERROR_CLEANER_SLOT_NOT_SET: 4332,
  ERROR_CLEANER_CARTRIDGE_SPENT: 4333,
  ERROR_CLEANER_CARTRIDGE_INSTALLED: 4340,
  ERROR_IEPORT_FULL: 4341,
  ERROR_RESOURCE_NOT_AVAILABLE: 5006,
});

const D1_DEFAULT = Object.freeze({
  ERROR_NO_SLOT_SET: 4332,
  ERROR_NO_SLOT_RESERVED: 4332,
  ERROR_ALREADY_RESERVED: 4331,
  ERROR_SLOT_FULL: 5006,
  ERROR_SLOT_NOT_PRESENT: 5006,
  ERROR_SLOT_EMPTY: 4306,
  ERROR_INVALID_SLOT: 4312,
});

/** The pseudo-names' numbers per code profile name (docs/rsm-semantics.md D1, 2.2). */
export const EXPECTED_PSEUDO: Readonly<Record<string, Readonly<Record<string, number>>>> = Object.freeze({
  'D1-default': D1_DEFAULT,
  'resource-not-present': Object.freeze({ ...D1_DEFAULT, ERROR_SLOT_NOT_PRESENT: 4316, ERROR_INVALID_SLOT: 4316 }),
});

/**
 * The number the suite expects for `name` under the code profile called `profile`. Throws naming the profile or
 * the name when this table does not know it (a path expecting a result the table lacks must add it here, cited).
 */
export function expectedCode(profile: string, name: string): number {
  const pseudo = EXPECTED_PSEUDO[profile];
  if (!pseudo)
    throw new RangeError(
      `expected-results: no expected numbers for code profile "${profile}"; known: ${Object.keys(EXPECTED_PSEUDO).join(', ')}`,
    );
  const n = pseudo[name] ?? EXPECTED_WIN32[name];
  if (n === undefined)
    throw new RangeError(
      `expected-results: no expected number for ${name} (add it to conformance/harness/observation/expected-results.ts with its source)`,
    );
  return n;
}
