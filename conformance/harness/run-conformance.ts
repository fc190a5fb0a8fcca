/**
 * `changerbench conformance run`: the whole matrix, every return path against every library of the target,
 * in a programmatic mocha run whose suite tree is built here (one suite per path id, one test per library,
 * titles holding the id so --grep selects paths or libraries, --shard a share of them), reported by SuiteReporter
 * (Allure results, console lines), then written from the tests' evidence (conformance/report/write-reports.ts:
 * summary.json, summary.md, junit.xml, evidence.json, atomically). Before any test or report, the target and every
 * library are checked and identified over SCSI (conformance/report/preflight.ts), and a library over the wire has
 * its inventory recorded; after each test and at the end it is restored (restore.ts). The operator's actions
 * (operator.ts OperatorJournal) go into the run's evidence (run-evidence.ts, summary.json "evidence") and, per
 * test, into evidence.json, JUnit and the certificate. The meta-check is not a test and not counted; it fails the
 * run when it finds a documented result without a return path file. Design: docs/architecture.md "Top level"
 * (conformance/), style rules 10 and 11.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Mocha from 'mocha';
import { describePolicies, resolvePolicies, ResultTable, type CodeProfile } from '../../rsm/index.js';
import { writeFileAtomic, replaceDirectory } from '../report/atomic-write.js';
import { buildProvenance } from '../report/build-provenance.js';
import {
  compareWithExpected,
  expectedMatrixOf,
  formatChangedCells,
  missingExpectedCells,
  readExpectedMatrix,
} from '../report/expect-matrix.js';
import { capabilityEntries, identifyLibraries } from '../report/identify-libraries.js';
import { checkLocalInputs, TargetUnusableError } from '../report/preflight.js';
import { readHostFacts, readToolFacts } from '../report/provenance.js';
import { shareOf } from '../report/shard.js';
import { reportFilesOf, writeReports } from '../report/write-reports.js';
import { labelTest, reportSkip } from './reporting/allure-labels.js';
import { missingCapabilities, type Capabilities } from './observation/capabilities.js';
import { holdLibraries } from './target/changer-hold.js';
import { loadPathModules } from './load-paths.js';
import { coverageProblems } from './meta-check.js';
import { OperatorAbortError, OperatorJournal } from './operator/operator.js';
import { codeProfileNamed } from './profiles.js';
import { SuiteReporter, type SkipReasonCarrier } from './reporting/suite-reporter.js';
import { EvidenceLog } from './reporting/run-evidence.js';
import { verdictOf } from './reporting/run-verdict.js';
import { messageOf, prepareTarget, probeLibraries, recordLibraries } from './prepare-libraries.js';
import { runCell } from './run-cell.js';
import { recordOf, type CellRecord } from './reporting/cell-record.js';
import { operatorDescriptionOf, operatorStop, restoreAfter } from './operator/run-operator.js';
import { totals, type RunSummary } from './reporting/summary.js';
import type { ResolvedTarget } from './target/target-session.js';
import { fixtureFileOf, resolveTarget } from './target/targets.js';

import { DESTRUCTIVE_SKIP, type ConformanceRunOptions, type ConformanceRunResult } from './run-options.js';

export {
  DESTRUCTIVE_SKIP,
  type ConformanceRunOptions,
  type ConformanceRunResult,
  type WallClock,
} from './run-options.js';

type CellState = CellRecord;

/**
 * Runs the matrix and writes the reports. Throws for a bad target URL, profile or path file, and
 * TargetUnusableError for a target, fixture or file that cannot be used: then no test ran and no report changed.
 */
export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceRunResult> {
  const t0 = options.wall.elapsed();
  const startedAt = options.wall.startedAt();
  const isoNow = () => options.wall.now?.() ?? options.wall.startedAt();
  checkLocalInputs(options.target, options.fixturesDir);
  const expected = options.expectFile !== undefined ? readExpectedMatrix(options.expectFile) : undefined;
  const profile = codeProfileNamed(options.profile);
  const results = new ResultTable(profile);
  const journal = new OperatorJournal();
  const progress = options.progress ?? ((line: string) => void process.stderr.write(line));
  const target = resolveTarget(options.target, {
    fixturesDir: options.fixturesDir,
    control: options.control,
    timeScale: options.timeScale,
    sgDriver: options.sgDriver,
    model: options.model,
    operator: options.operator,
    journal,
    terminal: options.terminal,
    stderr: progress,
    allowLoadedDrives: options.allowLoadedDrives,
  });
  try {
    return await runResolved(options, target, journal, { t0, startedAt, isoNow, expected, profile, results });
  } finally {
    // a run that stopped on an error still lets go of the changer (a normal end released it already)
    for (const lib of target.libraries) {
      const problem = await lib.release?.().catch((e: unknown) => messageOf(e));
      if (problem) progress(`changerbench: library ${lib.label}: ${problem}\n`);
    }
    await target.close?.();
  }
}

interface RunStart {
  readonly t0: number;
  readonly startedAt: string;
  readonly isoNow: () => string;
  readonly expected: ReturnType<typeof readExpectedMatrix> | undefined;
  readonly profile: CodeProfile;
  readonly results: ResultTable;
}

async function runResolved(
  options: ConformanceRunOptions,
  target: ResolvedTarget,
  journal: OperatorJournal,
  start: RunStart,
): Promise<ConformanceRunResult> {
  const { t0, startedAt, isoNow, expected, profile, results } = start;
  await prepareTarget(options, target);
  const operatorKind = target.operatorKind;
  const evidence = new EvidenceLog();
  const modules = await loadPathModules(options.pathsDir);
  const paths = modules.map((m) => m.path);
  const problems = coverageProblems(paths);
  const libraries = target.libraries;
  const devices = await identifyLibraries(
    libraries,
    options.target,
    (label) =>
      fixtureFileOf(label, options.fixturesDir) ??
      (options.model !== undefined && existsSync(options.model) ? resolve(options.model) : undefined),
  );
  await recordLibraries(options, libraries);
  const holds = await holdLibraries(libraries).catch((e: unknown) => {
    throw new TargetUnusableError(`target "${options.target}", ${messageOf(e)}`);
  });
  const probed = await probeLibraries(options, libraries, profile, operatorKind, holds, evidence);
  const identities = devices.map((d) => ({
    ...d,
    capabilities: capabilityEntries(probed.get(d.label) as Capabilities),
  }));

  const files = reportFilesOf(options.reportsDir);
  mkdirSync(options.reportsDir, { recursive: true });
  const freshResults = `${files.allureResults}.tmp-${process.pid}`;
  rmSync(freshResults, { recursive: true, force: true });
  mkdirSync(freshResults, { recursive: true });

  const grep = options.grep !== undefined ? new RegExp(options.grep) : undefined;
  const titles = modules
    .flatMap(({ path }) => libraries.map((l) => `${path.id} on ${l.label}`))
    .filter((t) => !grep || grep.test(t));
  const share = options.job ? options.job.select(titles) : shareOf(titles, options.shard);
  const lines = options.job ? { onTestLine: options.job.onTestLine } : options.write ? { write: options.write } : {};
  const mocha = new Mocha({
    reporter: SuiteReporter as unknown as string,
    reporterOptions: { resultsDir: freshResults, ...lines },
    timeout: options.timeoutMs ?? 120_000,
  });
  const cells: CellState[] = [];
  /** Per library label: the test after which the restore left something different. */
  const unrestored = new Map<string, string>();
  for (const { path, file } of modules) {
    const suite = Mocha.Suite.create(mocha.suite, path.id);
    for (const library of libraries) {
      const title = `${path.id} on ${library.label}`;
      if (!share.has(title)) continue;
      const cell = { path, library } as CellState;
      const skip = async (ctx: Mocha.Context, reason: string) => {
        cell.skipReason = reason;
        (test as Mocha.Test & SkipReasonCarrier).skipReason = reason;
        await reportSkip(reason);
        ctx.skip();
      };
      const test = new Mocha.Test(title, async function (this: Mocha.Context) {
        cell.startedAt = isoNow();
        await labelTest(path, library.label, results);
        const caps = probed.get(library.label) as Capabilities;
        const destructive =
          path.destructive && operatorKind !== 'sim' && !options.allowDestructive ? DESTRUCTIVE_SKIP : undefined;
        const reason = evidence.aborted ?? missingCapabilities(path.needs, caps) ?? destructive;
        if (reason !== undefined) await skip(this, reason);
        // A library the last restore left different is tried once more; a test never starts from a state it did not expect.
        const left = unrestored.get(library.label);
        if (left) {
          const still = await restoreAfter(library, `before ${title}`, evidence);
          if (still.length > 0)
            await skip(
              this,
              `the library is not as it was found after ${left} (${still.join('; ')}); this test would not start from the recorded state`,
            );
          unrestored.delete(library.label);
        }
        journal.setTest(title);
        let stopped: Error | undefined;
        try {
          await runCell(cell, caps, profile);
        } catch (e) {
          stopped = operatorStop(e);
          if (!stopped) throw e;
        } finally {
          journal.setTest(undefined);
          const left = await restoreAfter(library, title, evidence);
          if (left.length > 0) unrestored.set(library.label, title);
        }
        if (stopped) {
          if (stopped instanceof OperatorAbortError) evidence.aborted = `not run: ${stopped.message}`;
          await skip(this, stopped.message);
        }
      });
      const limit = options.timeoutMs ?? library.timeLimitMs?.(operatorKind);
      if (limit !== undefined) test.timeout(limit);
      test.file = file;
      suite.addTest(test);
      cells.push(Object.assign(cell, { test }));
    }
  }
  await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    const abort = () => runner.abort();
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
  });
  const interrupted = options.signal?.aborted === true;
  for (const lib of libraries) {
    if (!lib.restore || lib.unavailable !== undefined || evidence.aborted !== undefined) continue;
    const end = await restoreAfter(lib, 'end of run', evidence);
    evidence.notRestored.push(...end.map((p) => `${lib.label}: ${p}`));
  }
  for (const lib of libraries) {
    const problem = await lib.release?.();
    if (problem) evidence.notRestored.push(`${lib.label}: ${problem}`);
  }
  const actions = journal.entries();

  const { ran, matrix, tests } = recordOf(cells, actions);
  mocha.dispose(); // removes the process listeners the run added (several runs in one process must not pile them up)
  const policies = Object.fromEntries(
    describePolicies(resolvePolicies({ codeProfile: profile })).map((l) => [
      l.policy.trim(),
      `${l.value} [${l.decision}]`,
    ]),
  );
  const facts = options.facts ?? { tool: readToolFacts(), host: readHostFacts() };
  const provenance = buildProvenance({
    ...facts,
    targetUrl: options.target,
    targetDescription: target.description,
    control: options.control,
    operatorKind: operatorKind ?? 'none',
    operatorName: options.operatorName,
    operatorDescription: operatorDescriptionOf(target, options.control),
    codeProfile: profile.name,
    policies,
    pathIds: paths.map((p) => p.id),
    libraries: identities,
    grep: options.grep,
    timeScale: options.timeScale,
    shard: options.shard,
    runId: options.runId,
    startedAt,
    endedAt: isoNow(),
    interrupted,
  });
  const runEvidence = evidence.build({ kind: operatorKind ?? null, actions });
  const selection = { libraries: libraries.map((l) => l.label), titles, grep, shard: options.shard };
  const changed = expected
    ? formatChangedCells([...compareWithExpected(matrix, expected), ...missingExpectedCells(expected, selection)])
    : [];
  const summary: RunSummary = {
    tool: 'changerbench conformance',
    startedAt,
    target: provenance.target,
    codeProfile: profile.name,
    libraries: libraries.map((l) => l.label),
    paths: paths
      .filter((p) => ran.some((c) => c.path === p))
      .map((p) => ({
        id: p.id,
        returns: p.returns,
        code: results.code(p.returns as Parameters<ResultTable['code']>[0]),
        provenance: p.provenance,
        decisions: p.decisions,
        needs: p.needs,
      })),
    policies,
    cells: matrix,
    totals: totals(matrix),
    wallMs: options.wall.elapsed() - t0,
    simulatedMs: matrix.reduce((s, c) => s + (c.simulatedMs ?? 0), 0),
    ...(problems.length > 0 ? { metaProblems: problems } : {}),
    provenance,
    devices: identities,
    ...(expected && options.expectFile !== undefined ? { expected: { file: options.expectFile, changed } } : {}),
    evidence: runEvidence,
  };
  // a parallel run's job hands its record to the parent, which writes the reports: only its Allure results are kept
  if (!options.job) writeReports(files, summary, tests, freshResults);
  replaceDirectory(files.allureResults, freshResults);
  if (options.writeExpectFile !== undefined && !interrupted)
    writeFileAtomic(options.writeExpectFile, `${JSON.stringify(expectedMatrixOf(matrix), null, 2)}\n`);

  const { exitCode, why } = verdictOf(summary, options, { problems, changed, cellCount: cells.length, interrupted });
  return {
    summary,
    exitCode,
    problems: why,
    files,
    metaCheck: problems.length > 0 ? 'failed' : 'passed',
    tests,
    evidence: runEvidence,
  };
}
