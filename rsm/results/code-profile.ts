/**
 * The seed document's result names that winerror.h lacks ("pseudo-names"), the number behind each, and
 * switchable code profiles. Spec: docs/rsm-semantics.md 2.2 (candidates and confidence) and D1 (defaults:
 * ERROR_NO_SLOT_SET 4332, ERROR_SLOT_NOT_PRESENT 5006, ERROR_SLOT_EMPTY 4306; the value 4 is never returned).
 */
import { Win32 } from './win32-codes.js';

/** How sure the project is that a pseudo-name's number is what Windows returned (docs/rsm-semantics.md 2.2). */
export type Confidence = 'high' | 'medium' | 'low';

/** What the project knows about one pseudo-name. */
export interface PseudoResultSpec {
  /** The number used when no profile overrides it (per docs/rsm-semantics.md D1 and 2.2). */
  readonly defaultCode: number;
  readonly confidence: Confidence;
  /** The real winerror.h name of the default number. */
  readonly realName: string;
  /** Functions whose documentation uses the name, and the evidence. */
  readonly basis: string;
}

/** The pseudo-names and their defaults, per docs/rsm-semantics.md D1 and 2.2. */
export const PSEUDO_RESULTS = {
  ERROR_NO_SLOT_SET: {
    defaultCode: Win32.ERROR_CLEANER_SLOT_NOT_SET,
    confidence: 'high',
    realName: 'ERROR_CLEANER_SLOT_NOT_SET',
    basis: 'Eject/InjectNtmsCleaner; MS-RSMP InjectNtmsCleaner pairs the same condition with 4332 (D1)',
  },
  ERROR_NO_SLOT_RESERVED: {
    defaultCode: Win32.ERROR_CLEANER_SLOT_NOT_SET,
    confidence: 'medium',
    realName: 'ERROR_CLEANER_SLOT_NOT_SET',
    basis: 'ReleaseNtmsCleanerSlot; same meaning as ERROR_NO_SLOT_SET (2.2)',
  },
  ERROR_ALREADY_RESERVED: {
    defaultCode: Win32.ERROR_CLEANER_SLOT_SET,
    confidence: 'high',
    realName: 'ERROR_CLEANER_SLOT_SET',
    basis: 'ReserveNtmsCleanerSlot; MS-RSMP Reserve uses 4331 (2.2)',
  },
  ERROR_SLOT_FULL: {
    defaultCode: Win32.ERROR_RESOURCE_NOT_AVAILABLE,
    confidence: 'high',
    realName: 'ERROR_RESOURCE_NOT_AVAILABLE',
    basis: 'Reserve and InjectNtmsCleaner; MS-RSMP uses 5006 for a full slot (2.2); Release: low confidence',
  },
  ERROR_SLOT_NOT_PRESENT: {
    defaultCode: Win32.ERROR_RESOURCE_NOT_AVAILABLE,
    confidence: 'medium',
    realName: 'ERROR_RESOURCE_NOT_AVAILABLE',
    basis: 'MS-RSMP Reserve uses 5006 for a slot that is not present (D1)',
  },
  ERROR_SLOT_EMPTY: {
    defaultCode: Win32.ERROR_EMPTY,
    confidence: 'low',
    realName: 'ERROR_EMPTY',
    basis: 'EjectNtmsCleaner; no MS-RSMP counterpart (D1)',
  },
  ERROR_INVALID_SLOT: {
    defaultCode: Win32.ERROR_OBJECT_NOT_FOUND,
    confidence: 'low',
    realName: 'ERROR_OBJECT_NOT_FOUND',
    basis: 'ReserveNtmsCleanerSlot: the slot is not in the database; candidates 4312 or 4316 (2.2)',
  },
} as const satisfies Record<string, PseudoResultSpec>;

/** A pseudo-name. */
export type PseudoResultName = keyof typeof PSEUDO_RESULTS;

/** The pseudo-names in a stable order. */
export const PSEUDO_RESULT_NAMES = Object.keys(PSEUDO_RESULTS) as PseudoResultName[];

/** A named assignment of numbers to the pseudo-names (per docs/rsm-semantics.md D1, switchable). */
export interface CodeProfile {
  readonly name: string;
  readonly codes: Readonly<Record<PseudoResultName, number>>;
}

/** The value winioctl.h gives ERROR_SLOT_NOT_PRESENT, which is not a Win32 result (docs/rsm-semantics.md 1.1, D1). */
export const FORBIDDEN_RESULT_CODE = 4;

/**
 * Builds a profile from the defaults and `overrides`. Throws RangeError for a number that is not a DWORD, and
 * for 4 (per docs/rsm-semantics.md D1 the winioctl.h value is never returned).
 */
export function defineCodeProfile(
  name: string,
  overrides: Partial<Record<PseudoResultName, number>> = {},
): CodeProfile {
  const codes = {} as Record<PseudoResultName, number>;
  for (const key of PSEUDO_RESULT_NAMES) {
    const value = overrides[key] ?? PSEUDO_RESULTS[key].defaultCode;
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new RangeError(`code profile ${name}: ${key} = ${value} is not a DWORD`);
    }
    if (value === FORBIDDEN_RESULT_CODE) {
      throw new RangeError(
        `code profile ${name}: ${key} = 4 is the winioctl.h exception bit, never a Win32 result (D1)`,
      );
    }
    codes[key] = value;
  }
  return Object.freeze({ name, codes: Object.freeze(codes) });
}

/** The project default, per docs/rsm-semantics.md D1. */
export const DEFAULT_CODE_PROFILE: CodeProfile = defineCodeProfile('D1-default');

/**
 * An alternative reading of docs/rsm-semantics.md 2.2 for runs that want to see the low-confidence rows differently:
 * a missing slot as ERROR_RESOURCE_NOT_PRESENT and an unknown slot as ERROR_RESOURCE_NOT_PRESENT.
 */
export const RESOURCE_NOT_PRESENT_PROFILE: CodeProfile = defineCodeProfile('resource-not-present', {
  ERROR_SLOT_NOT_PRESENT: Win32.ERROR_RESOURCE_NOT_PRESENT,
  ERROR_INVALID_SLOT: Win32.ERROR_RESOURCE_NOT_PRESENT,
});
