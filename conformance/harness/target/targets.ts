/**
 * Target selection by URL for the conformance suite: `sim:` (every bundled fixture, the default) and
 * `sim:<fixture>[,<fixture>]` make in-process simulators; `iscsi://` is one library over the wire and
 * `serial:PATH,PATH2` the same over two serial lines (a line carries one I_T nexus, the suite needs two: the first
 * is the RSM model's, the second the suite's read-back; with one line every test skips saying a second is needed);
 * `sg:/dev/sgN[,/dev/sgM]` is one library behind a Linux SCSI generic node (real hardware, or a simulator behind a
 * kernel), checked before the first test.
 * Over the wire the library model comes from `--model` (a bundled fixture name or a file) and the operator from
 * `--operator`: `sim` (a simulator's control endpoint, `--control`; the default when it is given), `prompt` (a
 * person at the terminal) or `exec:COMMAND` (a rig on JSON lines). One of the two harness files allowed to import
 * sim/. Design: docs/architecture.md "ScsiTransport" (targets chosen by URL); scsi/transport/target-url.ts (the syntax);
 * docs/operator.md.
 */
import { SgOpenError, SgPlatformError, type SgDriver } from '../../../scsi/transport/sg/index.js';
import { parseTargetUrl } from '../../../scsi/transport/target-url.js';
import { FixtureError, listFixtures } from '../../../sim/personality/index.js';
import { HttpControlClient } from '../../../sim/control/control-http-client.js';
import { ExecChannel } from '../operator/exec-channel.js';
import { InstructionOperator } from '../operator/instruction-operator.js';
import type { LibraryModel } from './library-model.js';
import { OperatorJournal, type Operator } from '../operator/operator.js';
import { PromptChannel } from '../operator/prompt-channel.js';
import { loadLibraryModel, servedFixture, SimLibraryTarget, SimulatorFaults, SimulatorOperator } from './sim-target.js';
import type { ResolvedTarget } from './target-session.js';
import { WireLibraryTarget } from './wire-target.js';

// The simulator's errors a conformance command tells apart (conformance/command-io.ts): re-exported from here, the
// one harness file allowed to import sim/, so the rest of the layer checks them with instanceof.
export { FixtureError } from '../../../sim/personality/index.js';
export { ControlEndpointError } from '../../../sim/control/control-http-client.js';

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
  /** A simulator's HTTP control endpoint (http://HOST:PORT) for `iscsi://`, `serial:` and `sg:` targets: the operator and restoring. */
  readonly control?: string | undefined;
  /** The remote simulator's time scale (`sim serve --time-scale`); the host's clock runs as fast. Default 1. */
  readonly timeScale?: number | undefined;
  /** The library model: a bundled fixture name or a file path (`--model`). */
  readonly model?: string | undefined;
  /** `sim`, `prompt` or `exec:COMMAND` (`--operator`); default sim for sim: and with `control`, none otherwise. */
  readonly operator?: string | undefined;
  /** Where the run's operator actions are recorded (one per run). */
  readonly journal?: OperatorJournal | undefined;
  /** The terminal of `--operator prompt` (default process.stdin and process.stdout). */
  readonly terminal?: { readonly input: NodeJS.ReadableStream; readonly output: NodeJS.WritableStream } | undefined;
  /** Where an `exec:` command's stderr goes (default process.stderr). */
  readonly stderr?: ((text: string) => void) | undefined;
  /** Run on hardware even when a drive holds a cartridge. */
  readonly allowLoadedDrives?: boolean | undefined;
  /** The system calls of an `sg:` target (default: the koffi binding). */
  readonly sgDriver?: SgDriver | undefined;
}

/** Loads `--model`; a missing or malformed file is a usage error naming the file, the field and what was expected. */
function modelNamed(nameOrFile: string, fixturesDir: string | undefined): LibraryModel {
  try {
    return loadLibraryModel(nameOrFile, fixturesDir);
  } catch (e) {
    if (e instanceof FixtureError) throw new UnsupportedTargetError(`--model ${nameOrFile}: ${e.message}`);
    throw e;
  }
}

/** Checks `--operator`'s form; returns its kind. */
export function operatorKindOf(spec: string): 'sim' | 'prompt' | 'exec' {
  if (spec === 'sim' || spec === 'prompt') return spec;
  if (spec.startsWith('exec:') && spec.slice(5).trim() !== '') return 'exec';
  throw new UnsupportedTargetError(
    `--operator must be sim, prompt or exec:COMMAND (a command answering JSON lines, docs/operator.md), got "${spec}"`,
  );
}

function wireOperator(
  options: ResolveTargetOptions,
  control: HttpControlClient | undefined,
  timeScale: number,
): Operator | undefined {
  const journal = options.journal ?? new OperatorJournal();
  const spec = options.operator ?? (control ? 'sim' : undefined);
  if (spec === undefined) return undefined;
  const kind = operatorKindOf(spec);
  if (kind === 'sim') {
    if (!control)
      throw new UnsupportedTargetError(
        '--operator sim needs --control http://HOST:PORT (the control endpoint of `changerbench sim serve`); for hardware use --operator prompt or --operator exec:COMMAND',
      );
    return new SimulatorOperator(control, journal);
  }
  if (control)
    throw new UnsupportedTargetError(
      `--control is the simulator's operator; it cannot be combined with --operator ${kind} (give one)`,
    );
  const channel =
    kind === 'prompt'
      ? new PromptChannel(options.terminal?.input ?? process.stdin, options.terminal?.output ?? process.stdout)
      : new ExecChannel(spec.slice(5), options.stderr ?? ((t) => void process.stderr.write(t)));
  return new InstructionOperator(channel, journal, timeScale);
}

/**
 * Highest --time-scale for a suite over the wire: the default MaxExtendSecs (60 s) then lasts 6 ms of wall time,
 * still longer than an operator action over HTTP on loopback; at 100,000 (0.6 ms) paths fail for want of time.
 */
export const MAX_WIRE_TIME_SCALE = 10_000;

/** How a wire target reaches its library, for the run's description. */
function overDescription(parsed: Exclude<ReturnType<typeof parseTargetUrl>, { kind: 'sim' }>): string {
  if (parsed.kind === 'iscsi') return 'iSCSI';
  if (parsed.kind === 'sg')
    return parsed.secondPath === undefined
      ? `Linux SCSI generic ${parsed.path} (one I_T nexus for the RSM model and the read-back)`
      : `Linux SCSI generic ${parsed.path} and ${parsed.secondPath}`;
  return parsed.secondPath === undefined ? 'one serial line (no read-back line: every test skips)' : 'two serial lines';
}

/**
 * Resolves a target URL into its libraries. Throws TargetUrlError for malformed or unsupported URLs (sg:),
 * and UnsupportedTargetError naming the known fixtures for an unknown one or for options the target cannot use.
 */
export function resolveTarget(url: string, options: ResolveTargetOptions = {}): ResolvedTarget {
  const parsed = parseTargetUrl(url);
  const timeScale = options.timeScale ?? 1;
  if (!Number.isFinite(timeScale) || timeScale <= 0)
    throw new UnsupportedTargetError(`--time-scale must be a positive number, got ${timeScale}`);
  if (timeScale > MAX_WIRE_TIME_SCALE) {
    throw new UnsupportedTargetError(
      `--time-scale ${timeScale} is above ${MAX_WIRE_TIME_SCALE}: the operator acts over the control endpoint in milliseconds of wall time, and at this scale the RSM model's time-outs (MaxExtendSecs, 60 s by default per docs/rsm-semantics.md D6, would last ${((60_000 / timeScale) * 1000).toFixed(1)} µs) end first; 1000 is the recommended scale`,
    );
  }
  if (options.control !== undefined && parsed.kind === 'sim')
    throw new UnsupportedTargetError(
      `--control is for iscsi://, serial: and sg: targets (a simulator served by \`changerbench sim serve\`), not for "${url}"`,
    );
  switch (parsed.kind) {
    case 'sim': {
      const known = listFixtures(options.fixturesDir);
      const wanted = parsed.fixtures.length === 0 ? known.map((f) => f.id) : parsed.fixtures;
      const unknown = wanted.filter((id) => !known.some((f) => f.id === id));
      if (unknown.length > 0)
        throw new UnsupportedTargetError(
          `target "${url}": no fixture ${unknown.map((u) => `"${u}"`).join(', ')}; known fixtures: ${known.map((f) => f.id).join(', ') || 'none'}`,
        );
      if (options.operator !== undefined && options.operator !== 'sim')
        throw new UnsupportedTargetError(
          `--operator ${options.operator} is for iscsi://, serial: and sg: targets; a sim: target is operated through its control API`,
        );
      if (options.model !== undefined)
        throw new UnsupportedTargetError(
          "--model is for iscsi://, serial: and sg: targets; a sim: target's fixture is its model",
        );
      const libraries = wanted.map(
        (id) =>
          new SimLibraryTarget(id, known.find((f) => f.id === id)?.name ?? id, options.fixturesDir, options.journal),
      );
      return { url, description: `in-process simulator: ${wanted.join(', ')}`, libraries, operatorKind: 'sim' };
    }
    case 'iscsi':
    case 'serial':
    case 'sg': {
      const control = options.control === undefined ? undefined : new HttpControlClient(options.control);
      const operator = wireOperator(options, control, timeScale);
      // Faults only through the simulator's own control endpoint, with the simulator as the operator.
      const faults =
        control && operator instanceof SimulatorOperator ? new SimulatorFaults(control, options.journal) : undefined;
      const over = overDescription(parsed);
      const explicit = options.model === undefined ? undefined : modelNamed(options.model, options.fixturesDir);
      const holder: { library?: WireLibraryTarget } = {};
      const make = (model: LibraryModel | undefined) =>
        new WireLibraryTarget({
          url,
          parsed,
          timeScale,
          model,
          operator,
          faults,
          allowLoadedDrives: options.allowLoadedDrives,
          progress: options.stderr,
          sgDriver: options.sgDriver,
        });
      holder.library = make(explicit);
      const resolved: ResolvedTarget = {
        url,
        description: `one library over ${over}, operator: ${operator?.description ?? 'none'}, model: ${explicit ? `${explicit.id} (${explicit.file})` : 'none'}`,
        get libraries() {
          return holder.library ? [holder.library] : [];
        },
        operatorKind: operator?.kind,
        operatorDescription: operator?.description,
        close: () => operator?.close?.() ?? Promise.resolve(),
        // With the simulator's control endpoint and no --model, the simulator's own fixture is the model.
        prepare: async () => {
          // a refused sg: node (missing, not sg, no permission, not a changer) is a bad target: exit 2, like a bad URL
          await holder.library?.checkNodes().catch((e: unknown) => {
            throw e instanceof SgOpenError || e instanceof SgPlatformError ? new UnsupportedTargetError(e.message) : e;
          });
          await operator?.start?.();
          if (!explicit && control)
            holder.library = make(modelNamed(await servedFixture(control), options.fixturesDir));
        },
      };
      return resolved;
    }
  }
}

/**
 * The local fixture file of library `label` (a `sim:` fixture, a `--model` name, or the fixture a control endpoint
 * names), for the reports' model file and its SHA-256; undefined when no such fixture is in `fixturesDir` (or the
 * bundled ones).
 */
export function fixtureFileOf(label: string, fixturesDir?: string): string | undefined {
  try {
    return listFixtures(fixturesDir).find((f) => f.id === label)?.file;
  } catch {
    return undefined;
  }
}
