/**
 * One table of result names, real and pseudo, resolved through a code profile; and toHResult.
 * Spec: docs/rsm-semantics.md D1 (one exported table; tests assert names; reports print name, number, confidence)
 * and D2 (toHResult(code) = 0x80070000 | code, the MS-RSMP form; HRESULT_FROM_WIN32 keeps 0 as S_OK).
 */
import { PSEUDO_RESULTS, type CodeProfile, type Confidence, type PseudoResultName } from './code-profile.js';
import { Win32, type Win32Name } from './win32-codes.js';

/** Any result name the model knows: a winerror.h name or a pseudo-name. */
export type ResultName = Win32Name | PseudoResultName;

/** One row of the table, as reports print it. */
export interface ResultDescription {
  readonly name: ResultName;
  readonly code: number;
  /** "0x10DC" */
  readonly hex: string;
  /** The MS-RSMP form ("0x800710DC"), per docs/rsm-semantics.md D2. */
  readonly hresult: string;
  /** Real names are certain; pseudo-names carry their confidence (docs/rsm-semantics.md 2.2). */
  readonly confidence: Confidence | 'winerror.h';
  /** For a pseudo-name, the winerror.h name of its number in the current profile, when there is one. */
  readonly realName?: string;
}

/**
 * The MS-RSMP HRESULT of a Win32 code, per docs/rsm-semantics.md D2: 0x80070000 | code (HRESULT_FROM_WIN32), and 0 for
 * ERROR_SUCCESS (S_OK).
 */
export function toHResult(code: number): number {
  if (code === 0) return 0;
  return (0x80070000 | (code & 0xffff)) >>> 0;
}

/** "0x800710D1" */
export function formatHResult(hresult: number): string {
  return `0x${(hresult >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

function isPseudo(name: ResultName): name is PseudoResultName {
  return Object.hasOwn(PSEUDO_RESULTS, name);
}

/** The result table under one code profile: names to numbers and back. */
export class ResultTable {
  constructor(readonly profile: CodeProfile) {}

  /** The number of `name` under this profile. */
  code(name: ResultName): number {
    return isPseudo(name) ? this.profile.codes[name] : Win32[name];
  }

  /** Every name (real first, then pseudo) whose number is `code` under this profile. */
  namesOf(code: number): ResultName[] {
    const real = (Object.keys(Win32) as Win32Name[]).filter((n) => Win32[n] === code);
    const pseudo = (Object.keys(PSEUDO_RESULTS) as PseudoResultName[]).filter((n) => this.profile.codes[n] === code);
    return [...real, ...pseudo];
  }

  /** "ERROR_EMPTY (4306)", or the bare number when no name has it. */
  label(code: number): string {
    const names = this.namesOf(code);
    return names.length === 0 ? String(code) : `${names.join('/')} (${code})`;
  }

  /** A row for reports. */
  describe(name: ResultName): ResultDescription {
    const code = this.code(name);
    const hex = `0x${code.toString(16).toUpperCase()}`;
    const hresult = formatHResult(toHResult(code));
    if (!isPseudo(name)) return { name, code, hex, hresult, confidence: 'winerror.h' };
    const realName = (Object.keys(Win32) as Win32Name[]).find((n) => Win32[n] === code);
    const spec = PSEUDO_RESULTS[name];
    const confidence: Confidence = code === spec.defaultCode ? spec.confidence : 'low';
    return realName === undefined
      ? { name, code, hex, hresult, confidence }
      : { name, code, hex, hresult, confidence, realName };
  }

  /** Every pseudo-name row: what reports print to say which numbers a run used (docs/rsm-semantics.md D1). */
  pseudoRows(): ResultDescription[] {
    return (Object.keys(PSEUDO_RESULTS) as PseudoResultName[]).map((n) => this.describe(n));
  }
}
