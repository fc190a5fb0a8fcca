/**
 * `changerbench conformance run`: the whole matrix, every return path against every library of the target,
 * in a programmatic mocha run whose suite tree is built here (one suite per path id, one test per library,
 * titles holding the id so --grep selects paths or libraries), reported by SuiteReporter (Allure results, spec
 * on stdout, JUnit XML), then summarised (summary.json, summary.md) from the tests' states. The meta-check runs
 * first, as a test. Design: ARCHITECTURE.md "Top level" (conformance/), style rules 10 and 11.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { describePolicies, resolvePolicies, ResultTable, type CodeProfile } from '../../rsm/index.js';
import { labelTest, reportSkip } from './allure-labels.js';
import { missingCapabilities, withoutOperator, type Capabilities } from './capabilities.js';
import { loadPathModules } from './load-paths.js';
import { coverageProblems, META_CHECK_FILE } from './meta-check.js';
import { OperatorJournal } from './operator.js';
import { openPathTest, probeLibrary, seedOf } from './path-context.js';
import { codeProfileNamed } from './profiles.js';
import type { ReturnPath } from './return-path.js';
import { SuiteReporter } from './suite-reporter.js';
import { formatSummaryMarkdown, totals, type MatrixCell, type RunSummary } from './summary.js';
import { EvidenceLog, formatEvidenceMarkdown, type RunEvidence } from './run-evidence.js';
import type { LibraryTarget } from './target-session.js';
import { resolveTarget } from './targets.js';

/** Wall-clock readings for the report (the entry point supplies them; the suite itself keeps no wall clock). */
export interface WallClock {
  /** Milliseconds, monotonic (performance.now). */
  elapsed(): number;
  /** ISO time the run started. */
  startedAt(): string;
}

/** Options of a run. */
export interface ConformanceRunOptions {
  /** Target URL (default sim:, every bundled fixture). */
  readonly target: string;
  /** Where reports go (allure-results, junit.xml, summary.md, summary.json). */
  readonly reportsDir: string;
  /** Only tests whose full title matches (path ids, library labels). */
  readonly grep?: string | undefined;
  /** Code profile name (default D1-default). */
  readonly profile: string;
  readonly wall: WallClock;
  /** `sim:` fixtures from here instead of fixtures/libraries (tests). */
  readonly fixturesDir?: string | undefined;
  /** Path files from here instead of conformance/eject-ntms-cleaner (tests). */
  readonly pathsDir?: string | undefined;
  /** A simulator's control endpoint for an `iscsi://` target (operator, restoring between tests). */
  readonly control?: string | undefined;
  /** The remote simulator's time scale; the host's clock runs as fast (default 1). */
  readonly timeScale?: number | undefined;
  /** Mocha time-out per test in wall milliseconds (`--test-timeout`); default from the model's mechanical times. */
  readonly timeoutMs?: number | undefined;
  /** The library model for an iscsi:// or serial: target (`--model NAME|FILE`). */
  readonly model?: string | undefined;
  /** `sim`, `prompt` or `exec:COMMAND` (`--operator`). */
  readonly operator?: string | undefined;
  /** Run destructive paths with an operator other than the simulator's control API (`--allow-destructive`). */
  readonly allowDestructive?: boolean | undefined;
  /** Run on hardware although a drive holds a cartridge (`--allow-loaded-drives`). */
  readonly allowLoadedDrives?: boolean | undefined;
  /** The terminal of `--operator prompt` (tests; default process.stdin/stdout). */
  readonly terminal?: { readonly input: NodeJS.ReadableStream; readonly output: NodeJS.WritableStream } | undefined;
  /** Progress and operator-command stderr lines (default process.stderr). */
  readonly progress?: ((line: string) => void) | undefined;
}

/** Why a destructive path skips without --allow-destructive. */
export const DESTRUCTIVE_SKIP = 'destructive: this path moves cartridges or needs the operator at the library; give --allow-destructive to run it here (the suite restores the library after each test), as it runs unasked only where the operator is the simulator\'s control API';

/** What a run produced. */
export interface ConformanceRunResult {
  readonly summary: RunSummary;
  /** 0 when every path passed or skipped with a reason; 1 otherwise. */
  readonly exitCode: number;
  readonly files: { readonly summaryJson: string; readonly summaryMd: string; readonly junit: string; readonly allureResults: string };
  /** The meta-check (every documented result has a return path file), which mocha counts beside the matrix. */
  readonly metaCheck: 'passed' | 'failed' | 'not run';
  /** Capabilities, operator actions, fact sources and restoring (also in summary.json "evidence"). */
  readonly evidence: RunEvidence;
}

interface CellState {
  readonly path: ReturnPath;
  readonly library: LibraryTarget;
  readonly test: Mocha.Test;
  skipReason?: string;
  simulatedMs?: number;
}

type Probed = { readonly caps: Capabilities } | { readonly error: string } | { readonly unavailable: string };

/** Runs the matrix and writes the reports. Throws for a bad target URL, profile or path file. */
export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceRunResult> {
  const t0 = options.wall.elapsed();
  const startedAt = options.wall.startedAt();
  const profile = codeProfileNamed(options.profile);
  const results = new ResultTable(profile);
  const journal = new OperatorJournal();
  const evidence = new EvidenceLog();
  const progress = options.progress ?? ((line: string) => void process.stderr.write(line));
  const target = resolveTarget(options.target, {
    fixturesDir: options.fixturesDir,
    control: options.control,
    timeScale: options.timeScale,
    model: options.model,
    operator: options.operator,
    journal,
    terminal: options.terminal,
    stderr: progress,
    allowLoadedDrives: options.allowLoadedDrives,
  });
  try {
    return await runResolved(options, target, journal, evidence, { t0, startedAt, profile, results });
  } finally {
    await target.close?.();
  }
}

interface RunStart {
  readonly t0: number;
  readonly startedAt: string;
  readonly profile: CodeProfile;
  readonly results: ResultTable;
}

async function runResolved(options: ConformanceRunOptions, target: ReturnType<typeof resolveTarget>, journal: OperatorJournal, evidence: EvidenceLog, start: RunStart): Promise<ConformanceRunResult> {
  const { t0, startedAt, profile, results } = start;
  await target.prepare?.();
  for (const lib of target.libraries) if (lib.unavailable === undefined) await lib.record?.();
  const operatorKind = target.operatorKind;
  const modules = await loadPathModules(options.pathsDir);
  const paths = modules.map((m) => m.path);
  const problems = coverageProblems(paths);
  const probed = new Map<string, Probed>();
  for (const lib of target.libraries) {
    if (lib.unavailable !== undefined) {
      probed.set(lib.label, { unavailable: lib.unavailable });
      continue;
    }
    try {
      const probedCaps = await probeLibrary(lib, profile);
      const withheld = operatorKind !== undefined && operatorKind !== 'sim' && !options.allowDestructive && probedCaps.has.has('operator');
      const caps = withheld ? withoutOperator(probedCaps, `the operator (${operatorKind}) acts only with --allow-destructive: its steps move cartridges in the library`) : probedCaps;
      probed.set(lib.label, { caps });
      evidence.capabilities[lib.label] = caps.list;
      evidence.models[lib.label] = caps.model ?? null;
    } catch (e) {
      probed.set(lib.label, { error: `the library could not be probed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  const files = {
    summaryJson: join(options.reportsDir, 'summary.json'),
    summaryMd: join(options.reportsDir, 'summary.md'),
    junit: join(options.reportsDir, 'junit.xml'),
    allureResults: join(options.reportsDir, 'allure-results'),
  };
  mkdirSync(options.reportsDir, { recursive: true });
  rmSync(files.allureResults, { recursive: true, force: true });
  mkdirSync(files.allureResults, { recursive: true });

  const mocha = new Mocha({
    reporter: SuiteReporter as unknown as string,
    reporterOptions: { resultsDir: files.allureResults, junitFile: files.junit, suiteName: `changerbench conformance (${target.url})` },
    timeout: options.timeoutMs ?? 120_000,
    ...(options.grep !== undefined ? { grep: options.grep } : {}),
  });
  const meta = Mocha.Suite.create(mocha.suite, 'EjectNtmsCleaner.Meta');
  const metaTest = new Mocha.Test('EjectNtmsCleaner.Meta every documented result has a return path file', () => {
    if (problems.length > 0) throw new Error(`the return path files do not cover what is documented:\n  ${problems.join('\n  ')}`);
  });
  metaTest.file = META_CHECK_FILE;
  meta.addTest(metaTest);
  const cells: CellState[] = [];
  /** Per library label: the test after which the restore left something different. */
  const unrestored = new Map<string, string>();
  for (const { path, file } of modules) {
    const suite = Mocha.Suite.create(mocha.suite, path.id);
    for (const library of target.libraries) {
      const cell = { path, library } as CellState;
      const test = new Mocha.Test(`${path.id} on ${library.label}`, async function (this: Mocha.Context) {
        await labelTest(path, library.label, results);
        const p = probed.get(library.label);
        if (!p || 'error' in p) throw new Error(p?.error ?? 'the library was not probed');
        const destructive = path.destructive && operatorKind !== 'sim' && !options.allowDestructive ? DESTRUCTIVE_SKIP : undefined;
        const reason = evidence.aborted ?? ('unavailable' in p ? p.unavailable : (missingCapabilities(path.needs, p.caps) ?? destructive));
        if (reason !== undefined) {
          cell.skipReason = reason;
          await reportSkip(reason);
          this.skip();
        }
        if (!('caps' in p)) return;
        // A library the last restore left different is tried once more; a test never starts from a state it did not expect.
        const left = unrestored.get(library.label);
        if (left) {
          const still = await restoreAfter(library, `before ${this.test?.title ?? path.id}`, evidence);
          if (still.length > 0) {
            const why = `the library is not as it was found after ${left} (${still.join('; ')}); this test would not start from the recorded state`;
            cell.skipReason = why;
            await reportSkip(why);
            this.skip();
          }
          unrestored.delete(library.label);
        }
        journal.setTest(this.test?.title);
        let stopped: Error | undefined;
        try {
          await runCell(cell, p.caps, profile);
        } catch (e) {
          stopped = operatorStop(e);
          if (!stopped) throw e;
        } finally {
          journal.setTest(undefined);
          const problems = await restoreAfter(library, this.test?.title ?? path.id, evidence);
          if (problems.length > 0) unrestored.set(library.label, this.test?.title ?? path.id);
        }
        if (stopped) {
          if (stopped.name === 'OperatorAbortError') evidence.aborted = `not run: ${stopped.message}`;
          cell.skipReason = stopped.message;
          await reportSkip(stopped.message);
          this.skip();
        }
      });
      const limit = options.timeoutMs ?? library.timeLimitMs?.(operatorKind);
      if (limit !== undefined) test.timeout(limit);
      test.file = file;
      suite.addTest(test);
      cells.push(Object.assign(cell, { test }));
    }
  }
  await new Promise<number>((resolve) => mocha.run(resolve));
  for (const lib of target.libraries) {
    if (!lib.restore || lib.unavailable !== undefined || evidence.aborted !== undefined) continue;
    const end = await restoreAfter(lib, 'end of run', evidence);
    evidence.notRestored.push(...end.map((p) => `${lib.label}: ${p}`));
  }

  const ran = cells.filter((c) => c.test.state === 'passed' || c.test.state === 'failed' || c.skipReason !== undefined);
  const matrix: MatrixCell[] = ran.map((c) => ({
    pathId: c.path.id,
    library: c.library.label,
    outcome: c.skipReason !== undefined ? 'skipped' : c.test.state === 'passed' ? 'passed' : 'failed',
    ...(c.skipReason !== undefined ? { reason: c.skipReason } : c.test.state === 'failed' ? { reason: c.test.err?.message ?? 'failed' } : {}),
    durationMs: c.test.duration ?? 0,
    ...(c.simulatedMs !== undefined ? { simulatedMs: c.simulatedMs } : {}),
  }));
  const metaFailed = meta.tests[0]?.state === 'failed';
  const summary: RunSummary = {
    tool: 'changerbench conformance',
    startedAt,
    target: target.url,
    codeProfile: profile.name,
    libraries: target.libraries.map((l) => l.label),
    paths: paths.filter((p) => ran.some((c) => c.path === p)).map((p) => ({ id: p.id, returns: p.returns, code: results.code(p.returns as Parameters<ResultTable['code']>[0]), provenance: p.provenance, decisions: p.decisions, needs: p.needs })),
    policies: Object.fromEntries(describePolicies(resolvePolicies({ codeProfile: profile })).map((l) => [l.policy.trim(), `${l.value} [${l.decision}]`])),
    cells: matrix,
    totals: totals(matrix),
    wallMs: options.wall.elapsed() - t0,
    simulatedMs: matrix.reduce((s, c) => s + (c.simulatedMs ?? 0), 0),
    ...(problems.length > 0 ? { metaProblems: problems } : {}),
  };
  const runEvidence = evidence.build({ kind: operatorKind ?? null, actions: journal.entries() });
  writeFileSync(files.summaryJson, `${JSON.stringify({ ...summary, evidence: runEvidence }, null, 2)}\n`);
  writeFileSync(files.summaryMd, formatSummaryMarkdown(summary) + formatEvidenceMarkdown(runEvidence));
  const exitCode = summary.totals.failed > 0 || metaFailed || matrix.length === 0 || runEvidence.notRestored.length > 0 || runEvidence.aborted !== undefined ? 1 : 0;
  const metaState = meta.tests[0]?.state;
  return { summary, exitCode, files, metaCheck: metaState === 'passed' || metaState === 'failed' ? metaState : 'not run', evidence: runEvidence };
}

/** The operator's skip or abort behind `e` (a step wraps what it meets), or undefined. */
function operatorStop(e: unknown): Error | undefined {
  for (let x: unknown = e, depth = 0; x instanceof Error && depth < 8; x = x.cause, depth++) {
    if (x.name === 'OperatorSkippedError' || x.name === 'OperatorAbortError') return x;
  }
  return undefined;
}

/** Restores `library` after a test (or at the end); records what happened; resolves with the problems left. */
async function restoreAfter(library: LibraryTarget, after: string, evidence: EvidenceLog): Promise<readonly string[]> {
  if (!library.restore) return [];
  try {
    const outcome = await library.restore();
    evidence.addRestore({ after, library: library.label, ...outcome });
    return outcome.problems;
  } catch (e) {
    // Only an operator's abort gets here: the run stops, the library is left as it is.
    evidence.aborted = `not run: ${(e as Error).message}`;
    evidence.addRestore({ after, library: library.label, steps: [], problems: [`not restored: ${(e as Error).message}`] });
    return [(e as Error).message];
  }
}

/** One test: a fresh session and RSM service, the path's body, the trace and evidence attached. */
async function runCell(cell: CellState, caps: Capabilities, profile: CodeProfile): Promise<void> {
  const open = await openPathTest(cell.library, caps, { codeProfile: profile, seed: seedOf(cell.test.title), reporting: true });
  const origin = open.session.time.now();
  try {
    await cell.path.run(open.test);
  } finally {
    cell.simulatedMs = open.session.time.elapsed();
    await open.narrator.attachText('SCSI trace', open.session.trace.format(origin));
    await open.narrator.attachJson('library requests', open.test.rsm.service.inspect.libraryRequests());
    await open.close();
  }
}
