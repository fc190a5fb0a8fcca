/**
 * A return path of an RSM function, described by its own spec file (docs/architecture.md style rule 10): what it
 * returns, where that result is documented, what it needs from the target, and the test body. The runner builds
 * the matrix (path x library) from these descriptions; the meta-test checks every documented result has a path.
 */
import type { CapabilityName } from './capability.js';
import type { PathTest } from './path-test.js';

export { Capability, type CapabilityName } from './capability.js';

/**
 * Where the expected result is documented: the C-API pages, MS-RSMP, or a project decision D1-D16
 * (docs/rsm-semantics.md 13, 14).
 */
export type Provenance = 'C-API' | 'MS-RSMP' | 'project decision';

/** One return path of one function. */
export interface ReturnPath {
  /** `Function.Case`, e.g. "EjectNtmsCleaner.SlotEmpty" (libiscsi-style ids line up with --grep and reports). */
  readonly id: string;
  /** One sentence for people. */
  readonly title: string;
  /** The result name the call must return (a name of the result table, e.g. "ERROR_SLOT_EMPTY"). */
  readonly returns: string;
  readonly provenance: readonly Provenance[];
  /** Project decisions (docs/rsm-semantics.md section 14) the expectations rest on, e.g. ["D3", "D11"]. */
  readonly decisions: readonly string[];
  /** What the target must offer; a library lacking any of it skips the path with the stated reason. */
  readonly needs: readonly CapabilityName[];
  /** The path is decided by the host model alone; the changer is not touched by the call under test. */
  readonly hostOnly: boolean;
  /** The test moves cartridges or changes library state in ways an operator must restore on real hardware. */
  readonly destructive: boolean;
  /** The test body: arrange, act and expect steps (conformance/harness/path-test.ts). */
  readonly run: (t: PathTest) => Promise<void>;
}

/** The id form: `Function.Case`. */
export const RETURN_PATH_ID = /^[A-Z][A-Za-z]+\.[A-Z][A-Za-z0-9]+$/;

/** Checks a path description (each spec file's default export) and returns it. Throws on a malformed id. */
export function returnPath(path: ReturnPath): ReturnPath {
  if (!RETURN_PATH_ID.test(path.id)) throw new Error(`return path id must look like Function.Case, got "${path.id}"`);
  return path;
}

/** True when `value` looks like a ReturnPath (a path module's default export). */
export function isReturnPath(value: unknown): value is ReturnPath {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['id'] === 'string' &&
    typeof v['returns'] === 'string' &&
    typeof v['run'] === 'function' &&
    Array.isArray(v['needs'])
  );
}
