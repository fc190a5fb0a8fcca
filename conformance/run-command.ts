/**
 * `conformance run`: checks the arguments (grep, shard, signing key, operator, timeout, jobs; exit 2 when one is
 * unusable), runs the matrix serially or in parallel jobs, prints the summary lines and sets the exit code.
 * Design: docs/architecture.md "A single command-line entry (yargs)".
 */
import { isParallelTarget, runConformanceJobs } from './harness/parallel/run-jobs.js';
import { runConformance, type ConformanceRunOptions, type WallClock } from './harness/run-conformance.js';
import { ExitCode } from './report/exit-codes.js';
import { readSigningKey, writeCertificateFiles } from './report/report-cli.js';
import { parseShard } from './report/shard.js';
import { fail, isUsageError, type ConformanceCommandIo } from './command-io.js';

const processWall: WallClock = {
  elapsed: () => performance.now(),
  startedAt: () => new Date().toISOString(),
  now: () => new Date().toISOString(),
};

/** The parsed options of `conformance run` (conformance/cli.ts declares them). */
export interface RunArgs {
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
    process.stderr.write(
      '\nchangerbench: interrupted: finishing the current test and writing the reports (Ctrl-C again to stop at once)\n',
    );
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
  if (!Number.isInteger(a.jobs) || a.jobs < 1 || a.jobs > 64)
    return `--jobs must be a whole number from 1 to 64, got ${a.jobs}`;
  if (a.jobs > 1 && !parallel)
    return `--jobs ${a.jobs}: only sim: targets with the simulator as operator run in parallel; ${a.target} is one changer${a.operator !== undefined ? ` with one operator (${a.operator})` : ''}, its cells run one after another (leave --jobs out)`;
  return a.jobs;
}

/** Runs `conformance run` with parsed options; errors are printed and set `io.exitCode`, never thrown. */
export async function runCommand(a: RunArgs, io: ConformanceCommandIo): Promise<void> {
  let shard;
  try {
    if (a.grep !== undefined) new RegExp(a.grep);
    shard = a.shard !== undefined ? parseShard(a.shard) : undefined;
  } catch (e) {
    fail(
      io,
      `${a.grep !== undefined && !(e instanceof RangeError) ? '--grep: ' : ''}${(e as Error).message}`,
      ExitCode.USAGE_OR_TARGET,
    );
    return;
  }
  try {
    // the signing key is checked before any test, so a bad one leaves the earlier reports alone (exit 2)
    if (a['sign-key'] !== undefined && !a.certificate)
      throw new Error('--sign-key signs the certificate: give --certificate too');
    if (a['sign-key'] !== undefined) readSigningKey(a['sign-key']);
  } catch (e) {
    fail(io, (e as Error).message, ExitCode.USAGE_OR_TARGET);
    return;
  }
  if (a.operator === 'prompt' && !(io.stdinIsTerminal ?? process.stdin.isTTY === true)) {
    fail(
      io,
      '--operator prompt needs a terminal on stdin (a person answers each step); for a rig or a script use --operator exec:COMMAND (JSON lines, docs/operator.md)',
      ExitCode.USAGE_OR_TARGET,
    );
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
    io.out(
      `matrix: ${s.paths.length} return paths x ${s.libraries.length} libraries${shard ? ` (shard ${shard.index}/${shard.count}: ${s.cells.length} cells)` : ''}, code profile ${a.profile}\n`,
    );
    io.out(`meta check (every documented result has a return path file; not counted above): ${result.metaCheck}\n`);
    if (a.expect !== undefined)
      io.out(
        `expected matrix ${a.expect}: ${s.expected?.changed.length ? `${s.expected.changed.length} cell(s) changed` : 'every cell as expected'}\n`,
      );
    if (a['write-expect'] !== undefined && result.exitCode !== ExitCode.INTERRUPTED)
      io.out(`expected matrix written to ${a['write-expect']}\n`);
    io.out(
      `time: ${(s.wallMs / 1000).toFixed(2)} s wall for ${(s.simulatedMs / 1000).toFixed(0)} s simulated (${ratio}x)\n`,
    );
    io.out(
      `reports: ${result.files.summaryMd}, ${result.files.summaryJson}, ${result.files.junit}, ${result.files.evidence}, ${result.files.allureResults}\n`,
    );
    const ev = result.evidence;
    if (ev.aborted !== undefined) io.out(`the operator aborted the run: ${ev.aborted}\n`);
    if (ev.notRestored.length > 0) io.out(`the library is NOT as it was found:\n  ${ev.notRestored.join('\n  ')}\n`);
    else if (ev.restores.length > 0)
      io.out(
        `the library was restored after each test (${ev.restores.length} restores did something; see summary.json "evidence")\n`,
      );
    if (a.certificate) io.out(`${writeCertificateFiles(a.reports, a['sign-key'])}\n`);
    if (result.exitCode === ExitCode.INTERRUPTED)
      fail(io, 'interrupted: the reports hold the tests that ended and are marked interrupted', ExitCode.INTERRUPTED);
    else if (result.exitCode !== ExitCode.OK) fail(io, result.problems.join('; '), result.exitCode);
  } catch (e) {
    fail(io, (e as Error).message, isUsageError(e) ? ExitCode.USAGE_OR_TARGET : ExitCode.FAILED);
  } finally {
    interrupt.release();
  }
}
