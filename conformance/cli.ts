/**
 * The conformance commands of the changerbench CLI: `conformance run` (the matrix of return paths by library,
 * reports in reports/), `conformance list` (the paths and what each needs) and `report` (the Allure HTML from
 * a run's results). The entry (cli/changerbench.ts) only registers them. Handlers print their own errors and
 * set `io.exitCode` (2 for a bad target URL or profile, 1 for failures), so they never throw into yargs.
 * Design: docs/architecture.md "A single command-line entry (yargs)"; docs/toolchain.md "yargs".
 */
import type { Argv } from 'yargs';
import { ResultTable } from '../rsm/index.js';
import { CONFORMANCE_COMMAND, REPORT_COMMAND } from './commands.js';
import { buildAllureReport, ReportError } from './harness/reporting/allure-report.js';
import { loadReturnPaths } from './harness/load-paths.js';
import { formatPathList, listPaths } from './harness/path-list.js';
import { CODE_PROFILES, codeProfileNamed, DEFAULT_PROFILE_NAME } from './harness/profiles.js';
import { isParallelTarget, runConformanceJobs } from './harness/parallel/run-jobs.js';
import { runConformance, type ConformanceRunOptions, type WallClock } from './harness/run-conformance.js';
import { DEFAULT_TARGET, UnsupportedTargetError } from './harness/target/targets.js';
import { UnusableLibraryError } from './harness/target/target-session.js';
import { TargetUrlError } from '../scsi/transport/target-url.js';
import type { SgDriver } from '../scsi/transport/sg/index.js';
import { ExitCode } from './report/exit-codes.js';
import { ExpectedMatrixError } from './report/expect-matrix.js';
import { TargetUnusableError } from './report/preflight.js';
import { readSigningKey, registerReportSubcommands, writeCertificateFiles } from './report/report-cli.js';
import { parseShard } from './report/shard.js';

/** What the conformance commands need from their process; cli/cli-io.ts's CliIo fits. */
export interface ConformanceCommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Set by the commands: 0, 1 when a path failed or the report could not be built, 2 for bad arguments. */
  exitCode: number;
  /** Wall-clock readings for the run's report (default: performance.now and the current date). */
  readonly wall?: WallClock | undefined;
  /** The system calls behind `sg:` targets (tests give a fake kernel; default: the koffi binding). */
  readonly sgDriver?: SgDriver | undefined;
  /** Whether stdin is a terminal (default process.stdin.isTTY), for `--operator prompt`. */
  readonly stdinIsTerminal?: boolean | undefined;
  /** CPUs this process can keep busy: `--jobs`' default on a sim: target (without it: 1, a serial run). */
  readonly usableCpus?: (() => number) | undefined;
}

/** Where reports go by default. */
export const DEFAULT_REPORTS_DIR = 'reports';

const processWall: WallClock = { elapsed: () => performance.now(), startedAt: () => new Date().toISOString(), now: () => new Date().toISOString() };

function fail(io: ConformanceCommandIo, message: string, code: number): void {
  io.err(`changerbench: ${message}\n`);
  io.exitCode = code;
}

/** Bad arguments or an unusable target (exit 2) rather than failures (exit 1). */
export function isUsageError(e: unknown): boolean {
  if (e instanceof TargetUnusableError || e instanceof ExpectedMatrixError) return true;
  if (e instanceof UnusableLibraryError || e instanceof UnsupportedTargetError || e instanceof TargetUrlError || e instanceof RangeError) return true;
  // The simulator's own errors (sim/ is out of this layer's reach, docs/architecture.md 1) are told by name.
  if (e instanceof Error && e.name === 'FixtureError') return true;
  return e instanceof Error && e.name === 'ControlEndpointError' && (e as Error & { code?: unknown }).code === 'EINVAL';
}

interface RunArgs {
  target: string;
  grep?: string | undefined;
  reports: string;
  profile: string;
  'fixtures-dir'?: string | undefined;
  control?: string | undefined;
  'time-scale': number;
  shard?: string | undefined;
  expect?: string | undefined;
  'write-expect'?: string | undefined;
  'allow-all-skipped': boolean;
  'run-id'?: string | undefined;
  'operator-name'?: string | undefined;
  certificate: boolean;
  'sign-key'?: string | undefined;
  model?: string | undefined;
  operator?: string | undefined;
  'allow-destructive': boolean;
  'allow-loaded-drives': boolean;
  'test-timeout'?: number | undefined;
  jobs?: number | undefined;
}

/** Ctrl-C stops the run after the current test (the reports say "interrupted"); a second Ctrl-C ends the process. */
function interruptOnSigint(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    process.stderr.write('\nchangerbench: interrupted: finishing the current test and writing the reports (Ctrl-C again to stop at once)\n');
    process.removeListener('SIGINT', onSigint);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, release: () => process.removeListener('SIGINT', onSigint) };
}

/** How many jobs run the matrix (`--jobs`; default the usable CPUs on a sim: target, else 1), or why the value is refused. */
function jobsOf(a: RunArgs, io: ConformanceCommandIo): number | string {
  const parallel = isParallelTarget(a.target, a.operator);
  if (a.jobs === undefined) return parallel ? Math.max(1, io.usableCpus?.() ?? 1) : 1;
  if (!Number.isInteger(a.jobs) || a.jobs < 1 || a.jobs > 64) return `--jobs must be a whole number from 1 to 64, got ${a.jobs}`;
  if (a.jobs > 1 && !parallel) return `--jobs ${a.jobs}: only sim: targets with the simulator as operator run in parallel; ${a.target} is one changer${a.operator !== undefined ? ` with one operator (${a.operator})` : ''}, its cells run one after another (leave --jobs out)`;
  return a.jobs;
}

async function run(a: RunArgs, io: ConformanceCommandIo): Promise<void> {
  let shard;
  try {
    if (a.grep !== undefined) new RegExp(a.grep);
    shard = a.shard !== undefined ? parseShard(a.shard) : undefined;
  } catch (e) {
    fail(io, `${a.grep !== undefined && !(e instanceof RangeError) ? '--grep: ' : ''}${(e as Error).message}`, ExitCode.USAGE_OR_TARGET);
    return;
  }
  try {
    // the signing key is checked before any test, so a bad one leaves the earlier reports alone (exit 2)
    if (a['sign-key'] !== undefined && !a.certificate) throw new Error('--sign-key signs the certificate: give --certificate too');
    if (a['sign-key'] !== undefined) readSigningKey(a['sign-key']);
  } catch (e) {
    fail(io, (e as Error).message, ExitCode.USAGE_OR_TARGET);
    return;
  }
  if (a.operator === 'prompt' && !(io.stdinIsTerminal ?? process.stdin.isTTY === true)) {
    fail(io, '--operator prompt needs a terminal on stdin (a person answers each step); for a rig or a script use --operator exec:COMMAND (JSON lines, docs/operator.md)', ExitCode.USAGE_OR_TARGET);
    return;
  }
  const timeout = a['test-timeout'];
  if (timeout !== undefined && (!Number.isFinite(timeout) || timeout < 0)) {
    fail(io, `--test-timeout must be a number of seconds (0: no limit), got ${timeout}`, ExitCode.USAGE_OR_TARGET);
    return;
  }
  const jobs = jobsOf(a, io);
  if (typeof jobs === 'string') {
    fail(io, jobs, ExitCode.USAGE_OR_TARGET);
    return;
  }
  const interrupt = interruptOnSigint();
  try {
    const result = await (jobs > 1 ? (o: ConformanceRunOptions) => runConformanceJobs(o, jobs) : runConformance)({
      target: a.target,
      grep: a.grep,
      reportsDir: a.reports,
      profile: a.profile,
      fixturesDir: a['fixtures-dir'],
      control: a.control,
      timeScale: a['time-scale'],
      wall: io.wall ?? processWall,
      shard,
      expectFile: a.expect,
      writeExpectFile: a['write-expect'],
      allowAllSkipped: a['allow-all-skipped'],
      runId: a['run-id'],
      operatorName: a['operator-name'],
      signal: interrupt.signal,
      write: io.out,
      sgDriver: io.sgDriver,
      model: a.model,
      operator: a.operator,
      allowDestructive: a['allow-destructive'],
      allowLoadedDrives: a['allow-loaded-drives'],
      timeoutMs: timeout === undefined ? undefined : timeout * 1000,
      progress: (line) => io.err(line),
    });
    const s = result.summary;
    const ratio = s.wallMs > 0 ? Math.round(s.simulatedMs / s.wallMs) : 0;
    io.out(`matrix: ${s.paths.length} return paths x ${s.libraries.length} libraries${shard ? ` (shard ${shard.index}/${shard.count}: ${s.cells.length} cells)` : ''}, code profile ${a.profile}\n`);
    io.out(`meta check (every documented result has a return path file; not counted above): ${result.metaCheck}\n`);
    if (a.expect !== undefined) io.out(`expected matrix ${a.expect}: ${s.expected?.changed.length ? `${s.expected.changed.length} cell(s) changed` : 'every cell as expected'}\n`);
    if (a['write-expect'] !== undefined && result.exitCode !== ExitCode.INTERRUPTED) io.out(`expected matrix written to ${a['write-expect']}\n`);
    io.out(`time: ${(s.wallMs / 1000).toFixed(2)} s wall for ${(s.simulatedMs / 1000).toFixed(0)} s simulated (${ratio}x)\n`);
    io.out(`reports: ${result.files.summaryMd}, ${result.files.summaryJson}, ${result.files.junit}, ${result.files.evidence}, ${result.files.allureResults}\n`);
    const ev = result.evidence;
    if (ev.aborted !== undefined) io.out(`the operator aborted the run: ${ev.aborted}\n`);
    if (ev.notRestored.length > 0) io.out(`the library is NOT as it was found:\n  ${ev.notRestored.join('\n  ')}\n`);
    else if (ev.restores.length > 0) io.out(`the library was restored after each test (${ev.restores.length} restores did something; see summary.json "evidence")\n`);
    if (a.certificate) io.out(`${writeCertificateFiles(a.reports, a['sign-key'])}\n`);
    if (result.exitCode === ExitCode.INTERRUPTED) fail(io, 'interrupted: the reports hold the tests that ended and are marked interrupted', ExitCode.INTERRUPTED);
    else if (result.exitCode !== ExitCode.OK) fail(io, result.problems.join('; '), result.exitCode);
  } catch (e) {
    fail(io, (e as Error).message, isUsageError(e) ? ExitCode.USAGE_OR_TARGET : ExitCode.FAILED);
  } finally {
    interrupt.release();
  }
}

async function list(a: { profile: string; json: boolean }, io: ConformanceCommandIo): Promise<void> {
  try {
    const results = new ResultTable(codeProfileNamed(a.profile));
    const paths = await loadReturnPaths();
    io.out(a.json ? `${JSON.stringify(listPaths(paths, results), null, 2)}\n` : formatPathList(paths, results));
  } catch (e) {
    fail(io, (e as Error).message, isUsageError(e) ? 2 : 1);
  }
}

function report(a: { reports: string }, io: ConformanceCommandIo): void {
  try {
    io.out(`${buildAllureReport({ reportsDir: a.reports })}\n`);
  } catch (e) {
    fail(io, e instanceof ReportError ? e.message : `the Allure report failed: ${(e as Error).message}`, 1);
  }
}

const profileOption = { type: 'string', default: DEFAULT_PROFILE_NAME, choices: Object.keys(CODE_PROFILES), describe: 'code profile: the numbers behind the pseudo-names (docs/rsm-semantics.md D1)' } as const;
const reportsOption = { type: 'string', default: DEFAULT_REPORTS_DIR, describe: 'reports directory' } as const;

/**
 * Registers `conformance run`, `conformance list` and `report` on `cli`. Call it from the CLI entry:
 * `y = registerConformanceCommands(y, io)`.
 */
export function registerConformanceCommands<T>(cli: Argv<T>, io: ConformanceCommandIo): Argv<T> {
  return cli
    .command(CONFORMANCE_COMMAND.name, CONFORMANCE_COMMAND.describe, (y) =>
      y
        .command(
          'run',
          'run every return path against every library of the target; writes reports/ (Allure results, junit.xml, summary.md, summary.json); exits 1 when a path fails',
          (r) =>
            r
              .option('target', { type: 'string', default: DEFAULT_TARGET, describe: 'target URL: sim: (every bundled fixture), sim:<fixture>[,<fixture>], iscsi://HOST:PORT/IQN/LUN (one library over the wire), serial:PATH,PATH2[?baud=N] (the same over two serial lines: the RSM model\'s and the suite\'s read-back), sg:/dev/sgN[,/dev/sgM][?timeout-move=S] (a Linux SCSI generic node: real hardware)' })
              .option('control', { type: 'string', describe: 'with an iscsi://, serial: or sg: target: the control endpoint of `changerbench sim serve` (http://HOST:PORT), for the operator (--operator sim) and restoring the library between tests' })
              .option('model', { type: 'string', describe: 'with an iscsi://, serial: or sg: target: the library model, a bundled fixture name (oracle-sl150) or a fixture file: what SCSI does not say (door, magazines, host control of the IE station, door-open sense, mechanical times); without it paths needing those facts skip' })
              .option('operator', { type: 'string', describe: 'who acts at the library: sim (the simulator control API; default for sim: and with --control), prompt (a person at this terminal), exec:COMMAND (a rig answering JSON lines, docs/operator.md); the reports name its kind' })
              .option('allow-destructive', { type: 'boolean', default: false, describe: 'run the paths that move cartridges or need the operator with an operator other than sim (the library is restored after each test)' })
              .option('allow-loaded-drives', { type: 'boolean', default: false, describe: 'start although a drive holds a cartridge (refused on hardware otherwise)' })
              .option('jobs', { type: 'number', describe: 'with a sim: target: run the cells in this many parallel jobs (worker threads; one report, in serial order); default: the CPUs this process can use. Other targets are one changer: 1' })
              .option('test-timeout', { type: 'number', describe: 'time limit per test in seconds (0: none); default from the model\'s mechanical times over the wire, 120 s in-process' })
              .option('time-scale', { type: 'number', default: 1, describe: 'with an iscsi://, serial: or sg: target: the simulator\'s --time-scale; the RSM model\'s clock runs as fast (1 for real hardware)' })
              .option('grep', { type: 'string', describe: 'only tests whose title matches this regular expression (path ids such as EjectNtmsCleaner.SlotEmpty, library labels)' })
              .option('reports', reportsOption)
              .option('profile', profileOption)
              .option('fixtures-dir', { type: 'string', describe: 'look up sim: fixtures in this directory instead of fixtures/libraries' })
              .option('shard', { type: 'string', describe: 'run share I of N of the cells (I/N, e.g. 2/4); merge the shards with `changerbench report merge`' })
              .option('expect', { type: 'string', describe: 'expected matrix (JSON, from --write-expect): the run fails when a cell it ran differs, listing the changed cells' })
              .option('write-expect', { type: 'string', describe: "write this run's matrix as an expected-matrix file" })
              .option('allow-all-skipped', { type: 'boolean', default: false, describe: 'a run in which no test passed (everything skipped) exits 0 instead of 1' })
              .option('run-id', { type: 'string', describe: 'run id shared by the shards of one CI run (default: the configuration hash)' })
              .option('operator-name', { type: 'string', describe: 'who acted as the operator, for the reports and the certificate' })
              .option('certificate', { type: 'boolean', default: false, describe: 'also write reports/certificate.html and certificate.json' })
              .option('sign-key', { type: 'string', describe: 'with --certificate: sign it with this Ed25519 private key (PEM)' })
              .strict(),
          (a) => run(a as unknown as RunArgs, io),
        )
        .command(
          'list',
          'print the return paths, the result each expects and what each needs from the target',
          (l) => l.option('profile', profileOption).option('json', { type: 'boolean', default: false, describe: 'print JSON' }).strict(),
          (a) => list(a as unknown as { profile: string; json: boolean }, io),
        )
        .demandCommand(1, 'choose a conformance command: run or list')
        .strict(),
    )
    .command(
      REPORT_COMMAND.name,
      REPORT_COMMAND.describe,
      (r) => registerReportSubcommands(r.option('reports', reportsOption), io).strict(),
      (a) => report(a as unknown as { reports: string }, io),
    );
}
