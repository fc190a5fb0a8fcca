/**
 * Target selection by URL for the conformance suite: `sim:` (every bundled fixture, the default) and
 * `sim:<fixture>[,<fixture>]` make in-process simulators; `iscsi://` and `serial:` targets are parsed but not
 * supported yet (a later issue adds them), and say so. One of the two harness files allowed to import sim/.
 * Design: ARCHITECTURE.md "ScsiTransport" (targets chosen by URL); scsi/transport/target-url.ts (the syntax).
 */
import { parseTargetUrl } from '../../scsi/transport/target-url.js';
import { listFixtures } from '../../sim/personality/index.js';
import { SimLibraryTarget } from './sim-target.js';
import type { ResolvedTarget } from './target-session.js';

/** The suite's default target: every bundled fixture in the in-process simulator. */
export const DEFAULT_TARGET = 'sim:';

/** A target URL the suite cannot run against; the message says why and what works. */
export class UnsupportedTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedTargetError';
  }
}

/** Options of {@link resolveTarget}. */
export interface ResolveTargetOptions {
  /** Where `sim:` fixtures are looked up (default: the bundled fixtures/libraries). */
  readonly fixturesDir?: string | undefined;
}

/**
 * Resolves a target URL into its libraries. Throws UnsupportedTargetError for URL kinds the suite cannot drive
 * yet, TargetUrlError for malformed URLs, and UnsupportedTargetError naming the known fixtures for an unknown one.
 */
export function resolveTarget(url: string, options: ResolveTargetOptions = {}): ResolvedTarget {
  const parsed = parseTargetUrl(url);
  switch (parsed.kind) {
    case 'sim': {
      const known = listFixtures(options.fixturesDir);
      const wanted = parsed.fixtures.length === 0 ? known.map((f) => f.id) : parsed.fixtures;
      const unknown = wanted.filter((id) => !known.some((f) => f.id === id));
      if (unknown.length > 0) throw new UnsupportedTargetError(`target "${url}": no fixture ${unknown.map((u) => `"${u}"`).join(', ')}; known fixtures: ${known.map((f) => f.id).join(', ') || 'none'}`);
      const libraries = wanted.map((id) => new SimLibraryTarget(id, known.find((f) => f.id === id)?.name ?? id, options.fixturesDir));
      return { url, description: `in-process simulator: ${wanted.join(', ')}`, libraries };
    }
    case 'iscsi':
      throw new UnsupportedTargetError(`target "${url}": iSCSI targets are not supported by the conformance suite yet (a later issue adds them); use sim: or sim:<fixture>`);
    case 'serial':
      throw new UnsupportedTargetError(`target "${url}": serial targets are not supported by the conformance suite yet (a later issue adds them); use sim: or sim:<fixture>`);
    case 'sg':
      throw new UnsupportedTargetError(`target "${url}": Linux SCSI generic targets are not supported by the conformance suite; use sim: or sim:<fixture>`);
  }
}
