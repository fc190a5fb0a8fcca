/**
 * Target selection by URL for the conformance suite: `sim:` (every bundled fixture, the default) and
 * `sim:<fixture>[,<fixture>]` make in-process simulators; `iscsi://` is one library over the wire, with the
 * operator and the restoring between tests through a simulator's control endpoint when `control` is given, and
 * without an operator otherwise (tgt, real hardware); `serial:PATH,PATH2` is the same over two serial lines (a line
 * carries one I_T nexus, the suite needs two: the first is the RSM model's, the second the suite's read-back), and
 * with one line every test skips saying a second is needed; `sg:/dev/sgN[,/dev/sgM]` is one library behind a Linux
 * SCSI generic node (real hardware, or a simulator behind a kernel), checked before the first test. One of the two
 * harness files allowed to import sim/.
 * Design: ARCHITECTURE.md "ScsiTransport" (targets chosen by URL); scsi/transport/target-url.ts (the syntax).
 */
import { SgOpenError, SgPlatformError, type SgDriver } from '../../scsi/transport/sg/index.js';
import { parseTargetUrl } from '../../scsi/transport/target-url.js';
import { listFixtures } from '../../sim/personality/index.js';
import { HttpControlClient } from '../../sim/service/control-http-client.js';
import { RemoteSimulatorControl, SimLibraryTarget } from './sim-target.js';
import type { ResolvedTarget } from './target-session.js';
import { WireLibraryTarget } from './wire-target.js';

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
  /** A simulator's HTTP control endpoint (http://HOST:PORT) for `iscsi://` and `serial:` targets: the operator and restoring. */
  readonly control?: string | undefined;
  /** The remote simulator's time scale (`sim serve --time-scale`); the host's clock runs as fast. Default 1. */
  readonly timeScale?: number | undefined;
  /** The system calls of an `sg:` target (default: the koffi binding). */
  readonly sgDriver?: SgDriver | undefined;
}

/**
 * Highest --time-scale for a suite over the wire: the default MaxExtendSecs (60 s) then lasts 6 ms of wall time,
 * still longer than an operator action over HTTP on loopback; at 100,000 (0.6 ms) paths fail for want of time.
 */
export const MAX_WIRE_TIME_SCALE = 10_000;

/** How a wire target reaches its library, for the run's description. */
function overDescription(parsed: Exclude<ReturnType<typeof parseTargetUrl>, { kind: 'sim' }>): string {
  if (parsed.kind === 'iscsi') return 'iSCSI';
  if (parsed.kind === 'sg') return parsed.secondPath === undefined ? `Linux SCSI generic ${parsed.path} (one I_T nexus for the RSM model and the read-back)` : `Linux SCSI generic ${parsed.path} and ${parsed.secondPath}`;
  return parsed.secondPath === undefined ? 'one serial line (no read-back line: every test skips)' : 'two serial lines';
}

/**
 * Resolves a target URL into its libraries. Throws TargetUrlError for malformed URLs,
 * and UnsupportedTargetError naming the known fixtures for an unknown one or for options the target cannot use.
 */
export function resolveTarget(url: string, options: ResolveTargetOptions = {}): ResolvedTarget {
  const parsed = parseTargetUrl(url);
  const timeScale = options.timeScale ?? 1;
  if (!Number.isFinite(timeScale) || timeScale <= 0) throw new UnsupportedTargetError(`--time-scale must be a positive number, got ${timeScale}`);
  if (timeScale > MAX_WIRE_TIME_SCALE) {
    throw new UnsupportedTargetError(
      `--time-scale ${timeScale} is above ${MAX_WIRE_TIME_SCALE}: the operator acts over the control endpoint in milliseconds of wall time, and at this scale the RSM model's time-outs (MaxExtendSecs, 60 s by default per rsm-semantics D6, would last ${((60_000 / timeScale) * 1000).toFixed(1)} µs) end first; 1000 is the recommended scale`,
    );
  }
  if (options.control !== undefined && parsed.kind === 'sim') throw new UnsupportedTargetError(`--control is for iscsi://, serial: and sg: targets (a simulator served by \`changerbench sim serve\`), not for "${url}"`);
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
    case 'serial':
    case 'sg': {
      const control = options.control === undefined ? undefined : new HttpControlClient(options.control);
      const wire = control ? new RemoteSimulatorControl(control, control.url, timeScale, options.fixturesDir) : undefined;
      const library = new WireLibraryTarget({ url, parsed, timeScale, control: wire, sgDriver: options.sgDriver });
      const over = overDescription(parsed);
      // a refused sg: node (missing, not sg, no permission, not a changer) is a bad target: exit 2, like a bad URL
      const prepare = () =>
        library.identify().catch((e: unknown) => {
          throw e instanceof SgOpenError || e instanceof SgPlatformError ? new UnsupportedTargetError(e.message) : e;
        });
      return { url, description: `one library over ${over}${control ? `, operator at ${control.url}` : ', no control endpoint'}`, libraries: [library], prepare };
    }
  }
}

/**
 * The local fixture file of library `label` (a `sim:` fixture, or the fixture a control endpoint names), for the
 * reports' model file and its SHA-256; undefined when no such fixture is in `fixturesDir` (or the bundled ones).
 */
export function fixtureFileOf(label: string, fixturesDir?: string): string | undefined {
  try {
    return listFixtures(fixturesDir).find((f) => f.id === label)?.file;
  } catch {
    return undefined;
  }
}
