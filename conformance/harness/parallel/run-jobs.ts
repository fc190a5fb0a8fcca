/**
 * `conformance run --jobs N` on a `sim:` target: the matrix's cells dealt over N worker threads (job-share.ts,
 * job-worker.ts), each running the serial run's code on its own simulated libraries, then one report as a serial
 * run writes it: console lines printed in serial order as the tests end, the jobs' records merged in that order
 * (merge-jobs.ts), the Allure results of every job in one directory, the verdict judged by the same rules
 * (run-verdict.ts). Only `sim:` parallelises: every other target is one changer (and one operator).
 * Design: docs/architecture.md "Top level" (conformance/).
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { replaceDirectory, writeFileAtomic } from '../../report/atomic-write.js';
import {
  compareWithExpected,
  expectedMatrixOf,
  formatChangedCells,
  missingExpectedCells,
  readExpectedMatrix,
} from '../../report/expect-matrix.js';
import { checkLocalInputs, TargetUnusableError } from '../../report/preflight.js';
import { readHostFacts, readToolFacts } from '../../report/provenance.js';
import { shareOf } from '../../report/shard.js';
import { reportFilesOf, writeReports } from '../../report/write-reports.js';
import { codeProfileNamed } from '../profiles.js';
import { UnusableLibraryError } from '../target/target-session.js';
import { UnsupportedTargetError } from '../target/targets.js';
import type { ConformanceRunOptions, ConformanceRunResult } from '../run-conformance.js';
import { verdictOf } from '../reporting/run-verdict.js';
import { mergeJobs, type JobRecord } from './merge-jobs.js';
import type { JobData, JobError, JobMessage } from './job-messages.js';
import { pathIdOfTitle } from './job-share.js';

const OWN_EXTENSION = extname(fileURLToPath(import.meta.url));
const WORKER = new URL(`./job-worker${OWN_EXTENSION}`, import.meta.url);

/**
 * The young generation of a job's heap, in MB (Node's default for a worker is 48: three 16 MB semi-spaces). A job
 * allocates descriptors, records and views by the 20,000 per cell of a large library, which then live through
 * scavenges and are copied; a larger young generation copies fewer of them (docs/conformance.md "Speed").
 */
const YOUNG_GENERATION_MB = 192;

/** The job's worker. Run from the sources (tests, under tsx), the worker loads its entry through tsx's API: Node 20 does not apply an --import loader to a worker's entry. */
function startWorker(data: JobData): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  if (OWN_EXTENSION !== '.ts') return new Worker(WORKER, { workerData: data, resourceLimits });
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const code = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(WORKER.href)}, ${JSON.stringify(WORKER.href)}))`;
  return new Worker(code, { eval: true, workerData: data, resourceLimits });
}

/** Whether `target` can run in parallel jobs: only the in-process simulator (each job has its own libraries). */
export function isParallelTarget(target: string, operator: string | undefined): boolean {
  return /^sim:/.test(target) && (operator === undefined || operator === 'sim');
}

/**
 * The usage errors a job can meet (conformance/command-io.ts isUsageError tells them by class): rebuilt in the
 * parent with their class, so an unknown `sim:` fixture exits 2 with jobs as without.
 */
const USAGE_ERRORS: Readonly<Record<string, (message: string) => Error>> = {
  TargetUnusableError: (m) => new TargetUnusableError(m),
  UnsupportedTargetError: (m) => new UnsupportedTargetError(m),
  UnusableLibraryError: (m) => new UnusableLibraryError(m),
  RangeError: (m) => new RangeError(m),
};

/** A job's error under its own name, and with its class when it is a usage error (exit 2). */
function rebuild(e: JobError): Error {
  const err = Object.hasOwn(USAGE_ERRORS, e.name) ? USAGE_ERRORS[e.name]!(e.message) : new Error(e.message);
  if (err.name !== e.name) err.name = e.name;
  if (e.stack !== undefined) err.stack = e.stack;
  if (e.code !== undefined) (err as Error & { code?: unknown }).code = e.code;
  return err;
}

/** Prints each test's line in serial order: a line waits until every earlier test's line is out. */
class OrderedLines {
  private order: readonly string[] | undefined;
  private next = 0;
  private lastPath: string | undefined;
  private readonly waiting = new Map<string, string>();
  constructor(private readonly write: (text: string) => void) {}
  setOrder(titles: readonly string[]): void {
    this.order = titles;
    this.release();
  }
  add(title: string, line: string): void {
    this.waiting.set(title, line);
    this.release();
  }
  /** Prints what is still waiting (tests an interrupted run never ended are left out). */
  flush(): void {
    for (; this.order && this.next < this.order.length; this.next++) this.print(this.order[this.next] as string);
  }
  private release(): void {
    for (
      ;
      this.order && this.next < this.order.length && this.waiting.has(this.order[this.next] as string);
      this.next++
    )
      this.print(this.order[this.next] as string);
  }
  private print(title: string): void {
    const line = this.waiting.get(title);
    if (line === undefined) return;
    const path = pathIdOfTitle(title);
    if (path !== this.lastPath) this.write(`\n  ${path}\n`);
    this.lastPath = path;
    this.write(line);
  }
}

/** Runs the matrix of a `sim:` target in `jobs` worker threads and writes one report. Throws as runConformance does. */
export async function runConformanceJobs(options: ConformanceRunOptions, jobs: number): Promise<ConformanceRunResult> {
  const t0 = options.wall.elapsed();
  const startedAt = options.wall.startedAt();
  checkLocalInputs(options.target, options.fixturesDir);
  const expected = options.expectFile !== undefined ? readExpectedMatrix(options.expectFile) : undefined;
  codeProfileNamed(options.profile);
  const write = options.write ?? ((t: string) => void process.stdout.write(t));
  const progress = options.progress ?? ((line: string) => void process.stderr.write(line));
  const facts = options.facts ?? { tool: readToolFacts(), host: readHostFacts() };
  const files = reportFilesOf(options.reportsDir);
  const scratch = join(options.reportsDir, `.jobs-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const lines = new OrderedLines(write);
  let titles: readonly string[] = [];
  const workers: Worker[] = [];
  const abort = () => workers.forEach((w) => w.postMessage({ kind: 'abort' }));
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    const records = await Promise.all(
      Array.from({ length: jobs }, (_, index) => {
        const data: JobData = {
          target: options.target,
          reportsDir: join(scratch, String(index)),
          grep: options.grep,
          profile: options.profile,
          fixturesDir: options.fixturesDir,
          pathsDir: options.pathsDir,
          timeoutMs: options.timeoutMs,
          operator: options.operator,
          shard: options.shard,
          runId: options.runId,
          operatorName: options.operatorName,
          facts,
          index,
          count: jobs,
        };
        const worker = startWorker(data);
        workers.push(worker);
        return new Promise<JobRecord & { metaCheck: 'passed' | 'failed' }>((resolve, reject) => {
          let settled = false;
          worker.on('message', (m: JobMessage) => {
            if (m.kind === 'titles') {
              titles = m.titles;
              const share = shareOf(titles, options.shard);
              lines.setOrder(titles.filter((t) => share.has(t)));
            } else if (m.kind === 'line') lines.add(m.title, m.line);
            else if (m.kind === 'progress') progress(m.line);
            else if (m.kind === 'done') {
              settled = true;
              resolve({ summary: m.summary, tests: m.tests, metaCheck: m.metaCheck });
            } else {
              settled = true;
              reject(rebuild(m.error));
            }
          });
          worker.on('error', (e) => reject(e));
          worker.on('exit', (code) => {
            if (!settled)
              reject(new Error(`conformance job ${index + 1}/${jobs} ended (exit ${code}) before its report`));
          });
        });
      }),
    );
    lines.flush();
    const merged = mergeJobs(records, titles);
    const interrupted = options.signal?.aborted === true;
    const matrix = merged.summary.cells;
    const selection = {
      libraries: merged.summary.libraries,
      titles,
      grep: options.grep !== undefined ? new RegExp(options.grep) : undefined,
      shard: options.shard,
    };
    const changed = expected
      ? formatChangedCells([...compareWithExpected(matrix, expected), ...missingExpectedCells(expected, selection)])
      : [];
    const first = merged.summary.provenance;
    const summary = {
      ...merged.summary,
      startedAt,
      wallMs: options.wall.elapsed() - t0,
      ...(first
        ? {
            provenance: {
              ...first,
              startedAt,
              endedAt: options.wall.now?.() ?? startedAt,
              ...(interrupted ? { interrupted: true } : {}),
            },
          }
        : {}),
      ...(expected && options.expectFile !== undefined ? { expected: { file: options.expectFile, changed } } : {}),
    };
    const fresh = `${files.allureResults}.tmp-${process.pid}`;
    rmSync(fresh, { recursive: true, force: true });
    mkdirSync(fresh, { recursive: true });
    for (let index = 0; index < jobs; index++) {
      const from = reportFilesOf(join(scratch, String(index))).allureResults;
      for (const name of readdirSync(from))
        if (name !== 'environment.properties' && name !== 'executor.json')
          renameSync(join(from, name), join(fresh, name));
    }
    writeReports(files, summary, merged.tests, fresh);
    replaceDirectory(files.allureResults, fresh);
    if (options.writeExpectFile !== undefined && !interrupted)
      writeFileAtomic(options.writeExpectFile, `${JSON.stringify(expectedMatrixOf(matrix), null, 2)}\n`);
    write(`\n${summary.totals.passed} passed, ${summary.totals.failed} failed, ${summary.totals.skipped} skipped\n`);
    const problems = summary.metaProblems ?? [];
    const { exitCode, why } = verdictOf(summary, options, {
      problems,
      changed,
      cellCount: shareOf(titles, options.shard).size,
      interrupted,
    });
    const evidence = summary.evidence as NonNullable<typeof summary.evidence>;
    return {
      summary,
      exitCode,
      problems: why,
      files,
      metaCheck: records[0]?.metaCheck ?? 'passed',
      tests: merged.tests,
      evidence,
    };
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await Promise.all(workers.map((w) => w.terminate()));
    rmSync(scratch, { recursive: true, force: true });
  }
}
