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
import { DEFAULT_TARGET } from './harness/target/targets.js';
import { registerReportSubcommands } from './report/report-cli.js';
import { fail, isUsageError, type ConformanceCommandIo } from './command-io.js';
import { runCommand, type RunArgs } from './run-command.js';

export type { ConformanceCommandIo } from './command-io.js';

/** Where reports go by default. */
export const DEFAULT_REPORTS_DIR = 'reports';

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

const profileOption = {
  type: 'string',
  default: DEFAULT_PROFILE_NAME,
  choices: Object.keys(CODE_PROFILES),
  describe: 'code profile: the numbers behind the pseudo-names (docs/rsm-semantics.md D1)',
} as const;
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
              .option('target', {
                type: 'string',
                default: DEFAULT_TARGET,
                describe:
                  "target URL: sim: (every bundled fixture), sim:<fixture>[,<fixture>], iscsi://HOST:PORT/IQN/LUN (one library over the wire), serial:PATH,PATH2[?baud=N] (the same over two serial lines: the RSM model's and the suite's read-back), sg:/dev/sgN[,/dev/sgM][?timeout-move=S] (a Linux SCSI generic node: real hardware)",
              })
              .option('control', {
                type: 'string',
                describe:
                  'with an iscsi://, serial: or sg: target: the control endpoint of `changerbench sim serve` (http://HOST:PORT), for the operator (--operator sim) and restoring the library between tests',
              })
              .option('model', {
                type: 'string',
                describe:
                  'with an iscsi://, serial: or sg: target: the library model, a bundled fixture name (oracle-sl150) or a fixture file: what SCSI does not say (door, magazines, host control of the IE station, door-open sense, mechanical times); without it paths needing those facts skip',
              })
              .option('operator', {
                type: 'string',
                describe:
                  'who acts at the library: sim (the simulator control API; default for sim: and with --control), prompt (a person at this terminal), exec:COMMAND (a rig answering JSON lines, docs/operator.md); the reports name its kind',
              })
              .option('allow-destructive', {
                type: 'boolean',
                default: false,
                describe:
                  'run the paths that move cartridges or need the operator with an operator other than sim (the library is restored after each test)',
              })
              .option('allow-loaded-drives', {
                type: 'boolean',
                default: false,
                describe: 'start although a drive holds a cartridge (refused on hardware otherwise)',
              })
              .option('jobs', {
                type: 'number',
                describe:
                  'with a sim: target: run the cells in this many parallel jobs (worker threads; one report, in serial order); default: the CPUs this process can use. Other targets are one changer: 1',
              })
              .option('test-timeout', {
                type: 'number',
                describe:
                  "time limit per test in seconds (0: none); default from the model's mechanical times over the wire, 120 s in-process",
              })
              .option('time-scale', {
                type: 'number',
                default: 1,
                describe:
                  "with an iscsi://, serial: or sg: target: the simulator's --time-scale; the RSM model's clock runs as fast (1 for real hardware)",
              })
              .option('grep', {
                type: 'string',
                describe:
                  'only tests whose title matches this regular expression (path ids such as EjectNtmsCleaner.SlotEmpty, library labels)',
              })
              .option('reports', reportsOption)
              .option('profile', profileOption)
              .option('fixtures-dir', {
                type: 'string',
                describe: 'look up sim: fixtures in this directory instead of fixtures/libraries',
              })
              .option('shard', {
                type: 'string',
                describe:
                  'run share I of N of the cells (I/N, e.g. 2/4); merge the shards with `changerbench report merge`',
              })
              .option('expect', {
                type: 'string',
                describe:
                  'expected matrix (JSON, from --write-expect): the run fails when a cell it ran differs, listing the changed cells',
              })
              .option('write-expect', {
                type: 'string',
                describe: "write this run's matrix as an expected-matrix file",
              })
              .option('allow-all-skipped', {
                type: 'boolean',
                default: false,
                describe: 'a run in which no test passed (everything skipped) exits 0 instead of 1',
              })
              .option('run-id', {
                type: 'string',
                describe: 'run id shared by the shards of one CI run (default: the configuration hash)',
              })
              .option('operator-name', {
                type: 'string',
                describe: 'who acted as the operator, for the reports and the certificate',
              })
              .option('certificate', {
                type: 'boolean',
                default: false,
                describe: 'also write reports/certificate.html and certificate.json',
              })
              .option('sign-key', {
                type: 'string',
                describe: 'with --certificate: sign it with this Ed25519 private key (PEM)',
              })
              .strict(),
          (a) => runCommand(a as unknown as RunArgs, io),
        )
        .command(
          'list',
          'print the return paths, the result each expects and what each needs from the target',
          (l) =>
            l
              .option('profile', profileOption)
              .option('json', { type: 'boolean', default: false, describe: 'print JSON' })
              .strict(),
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
