/**
 * A return path of an RSM function, described by its own spec file (docs/architecture.md style rule 10): what it
 * returns, where that result is documented, what it needs from the target, and the test body. The runner builds
 * the matrix (path x library) from these descriptions; the meta-test checks every documented result has a path.
 */
import type { PathTest } from './path-test.js';

/** What a return path may need from the target; missing capabilities make it skip with a stated reason. */
export const Capability = {
  /** The library has at least one IE element (port). */
  IE_PORT: 'ie-port',
  /**
   * The host can close the IE station it opened, or never opens it (the operator opens and closes it): needed
   * where the model must close the port and put the cleaner back (docs/rsm-semantics.md D6, D7).
   */
  IE_PORT_CLOSABLE: 'ie-port-closable',
  /** The library has no IE element. */
  NO_IE_PORT: 'no-ie-port',
  /** The library has an operator access door (the door path also needs NO_IE_PORT, per docs/rsm-semantics.md D8). */
  DOOR: 'door',
  /** The library has an IE port or a door, so EjectNtmsCleaner(START) reaches the slot checks (D3, D9). */
  PORT_OR_DOOR: 'port-or-door',
  /** The library has neither an IE port nor a door. */
  NEITHER_PORT_NOR_DOOR: 'neither-port-nor-door',
  /**
   * A storage slot the RSM model knows as EMPTY, so a cleaner slot can be reserved (docs/rsm-semantics.md 3.3). Missing
   * where the target reads every slot not accessible (tgt never sets ACCESS, docs/tgt-quirks.md TGT-R5) or full.
   */
  EMPTY_SLOT: 'empty-slot',
  /** Storage slots in removable magazines the operator can pull. */
  MAGAZINES: 'magazines',
  /** Operator actions can be carried out (simulator control API, or a person at the library). */
  OPERATOR: 'operator',
  /** Faults can be injected (simulator control API only). */
  FAULT_INJECTION: 'fault-injection',
  /** The SCSI link can be cut under test (in-process simulator). */
  LINK_DROP: 'link-drop',
  /** The changer is held against other initiators for the run (a persistent reservation; no path needs it). */
  HOLD: 'hold',
} as const;

export type CapabilityName = (typeof Capability)[keyof typeof Capability];

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
