/**
 * The libraries' identities before a run: each library's device identity read over SCSI (preflight.ts), its model
 * file with the file's SHA-256, and, once probed, its capability list. A library that cannot be identified stops
 * the run with TargetUnusableError (exit 2) before any test or report.
 */
import { isAbsolute, relative } from 'node:path';
import type { Capabilities } from '../harness/observation/capabilities.js';
import type { LibraryTarget } from '../harness/target/target-session.js';
import { identifyLibrary } from './preflight.js';
import { sha256File } from './provenance.js';
import type { CapabilityEntry, LibraryIdentity } from './run-identity.js';

/** The capability list of a probe: present or not, and, when a library model (`--model`) was given, which it declared. */
export function capabilityEntries(caps: Capabilities): CapabilityEntry[] {
  // `declared` only when a library model declared facts (run-evidence.ts lists each capability with its source)
  return caps.list.map((c) => ({
    name: c.name,
    probed: c.present,
    fact: c.fact,
    ...(caps.model ? { declared: c.source === 'declared' } : {}),
  }));
}

/** Identifies every library; `modelFileOf` finds a library's local model file. */
export async function identifyLibraries(
  libraries: readonly LibraryTarget[],
  url: string,
  modelFileOf: (label: string) => string | undefined,
): Promise<LibraryIdentity[]> {
  const out: LibraryIdentity[] = [];
  for (const lib of libraries) {
    const device = await identifyLibrary(lib, url);
    const file = modelFileOf(lib.label);
    const shown = file === undefined ? undefined : relative(process.cwd(), file);
    const path = shown === undefined || shown.startsWith('..') || isAbsolute(shown) ? file : shown;
    out.push({
      label: lib.label,
      name: lib.name,
      device,
      ...(file && path ? { modelFile: { path, sha256: sha256File(file) } } : {}),
      capabilities: [],
    });
  }
  return out;
}
