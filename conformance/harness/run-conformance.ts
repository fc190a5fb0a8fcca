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
import { missingCapabilities, type Capabilities } from './capabilities.js';
import { loadPathModules } from './load-paths.js';
import { coverageProblems, META_CHECK_FILE } from './meta-check.js';
import { openPathTest, probeLibrary, seedOf } from './path-context.js';
import { codeProfileNamed } from './profiles.js';
import type { ReturnPath } from './return-path.js';
import { SuiteReporter } from './suite-reporter.js';
import { formatSummaryMarkdown, totals, type MatrixCell, type RunSummary } from './summary.js';
import type { LibraryTarget } from './target-session.js';
import { resolveTarget } from './targets.js';
import type { SgDriver } from '../../scsi/transport/sg/index.js';

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
  /** Mocha time-out per test in wall milliseconds. */
  readonly timeoutMs?: number | undefined;
  /** The system calls of an `sg:` target (tests give a fake kernel; default: the koffi binding). */
  readonly sgDriver?: SgDriver | undefined;
}

/** What a run produced. */
export interface ConformanceRunResult {
  readonly summary: RunSummary;
  /** 0 when every path passed or skipped with a reason; 1 otherwise. */
  readonly exitCode: number;
  readonly files: { readonly summaryJson: string; readonly summaryMd: string; readonly junit: string; readonly allureResults: string };
  /** The meta-check (every documented result has a return path file), which mocha counts beside the matrix. */
  readonly metaCheck: 'passed' | 'failed' | 'not run';
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
  const target = resolveTarget(options.target, { fixturesDir: options.fixturesDir, control: options.control, timeScale: options.timeScale, sgDriver: options.sgDriver });
  await target.prepare?.();
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
      probed.set(lib.label, { caps: await probeLibrary(lib, profile) });
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
  for (const { path, file } of modules) {
    const suite = Mocha.Suite.create(mocha.suite, path.id);
    for (const library of target.libraries) {
      const cell = { path, library } as CellState;
      const test = new Mocha.Test(`${path.id} on ${library.label}`, async function (this: Mocha.Context) {
        await labelTest(path, library.label, results);
        const p = probed.get(library.label);
        if (!p || 'error' in p) throw new Error(p?.error ?? 'the library was not probed');
        const reason = 'unavailable' in p ? p.unavailable : missingCapabilities(path.needs, p.caps);
        if (reason !== undefined) {
          cell.skipReason = reason;
          await reportSkip(reason);
          this.skip();
        }
        if ('caps' in p) await runCell(cell, p.caps, profile);
      });
      test.file = file;
      suite.addTest(test);
      cells.push(Object.assign(cell, { test }));
    }
  }
  await new Promise<number>((resolve) => mocha.run(resolve));

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
  writeFileSync(files.summaryJson, `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(files.summaryMd, formatSummaryMarkdown(summary));
  const exitCode = summary.totals.failed > 0 || metaFailed || matrix.length === 0 ? 1 : 0;
  const metaState = meta.tests[0]?.state;
  return { summary, exitCode, files, metaCheck: metaState === 'passed' || metaState === 'failed' ? metaState : 'not run' };
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
