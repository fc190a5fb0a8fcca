/**
 * The options and the result of a conformance run (run-conformance.ts runs it; parallel/run-jobs.ts runs it in
 * jobs): the target, the reports directory, the selection, the operator, the wall clock, and what the run
 * produced. Design: docs/architecture.md "Top level" (conformance/).
 */
import type { ReportFiles } from '../report/write-reports.js';
import type { TestEvidence } from '../report/evidence.js';
import type { HostFacts, ToolFacts } from '../report/provenance.js';
import type { Shard } from '../report/shard.js';
import type { RunEvidence } from './reporting/run-evidence.js';
import type { RunSummary } from './reporting/summary.js';
import type { SgDriver } from '../../scsi/transport/sg/index.js';

/** Wall-clock readings for the report (the entry point supplies them; the suite itself keeps no wall clock). */
export interface WallClock {
  /** Milliseconds, monotonic (performance.now). */
  elapsed(): number;
  /** ISO time the run started. */
  startedAt(): string;
  /** The current ISO time (each test's start, the run's end); default: startedAt's reading. */
  now?(): string;
}

/** Options of a run. */
export interface ConformanceRunOptions {
  /** Target URL (default sim:, every bundled fixture). */
  readonly target: string;
  /** Where reports go (allure-results, junit.xml, summary.md, summary.json, evidence.json). */
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
  /** The library model for an iscsi://, serial: or sg: target (`--model NAME|FILE`). */
  readonly model?: string | undefined;
  /** `sim`, `prompt` or `exec:COMMAND` (`--operator`); its kind is the reports' operator kind. */
  readonly operator?: string | undefined;
  /** Run destructive paths with an operator other than the simulator's control API (`--allow-destructive`). */
  readonly allowDestructive?: boolean | undefined;
  /** Run on hardware although a drive holds a cartridge (`--allow-loaded-drives`). */
  readonly allowLoadedDrives?: boolean | undefined;
  /** The terminal of `--operator prompt` (tests; default process.stdin/stdout). */
  readonly terminal?: { readonly input: NodeJS.ReadableStream; readonly output: NodeJS.WritableStream } | undefined;
  /** Progress and operator-command stderr lines (default process.stderr). */
  readonly progress?: ((line: string) => void) | undefined;
  /** The system calls of an `sg:` target (tests give a fake kernel; default: the koffi binding). */
  readonly sgDriver?: SgDriver | undefined;
  /** Only this share of the cells (`--shard I/N`). */
  readonly shard?: Shard | undefined;
  /** Compare the matrix with this expected-matrix file (`--expect`). */
  readonly expectFile?: string | undefined;
  /** Write today's matrix as an expected-matrix file (`--write-expect`). */
  readonly writeExpectFile?: string | undefined;
  /** A run in which no test passed is a success (`--allow-all-skipped`). */
  readonly allowAllSkipped?: boolean | undefined;
  /** Shared by the shards of one CI run (`--run-id`); default the configuration hash. */
  readonly runId?: string | undefined;
  /** The operator's name for the reports (`--operator-name`). */
  readonly operatorName?: string | undefined;
  /** Aborting it stops the run after the current test; the reports say "interrupted". */
  readonly signal?: AbortSignal | undefined;
  /** Where the console lines and the count line go (default process.stdout). */
  readonly write?: ((text: string) => void) | undefined;
  /** The tool's and host's facts (default: read from package.json, git and the OS). */
  readonly facts?: { readonly tool: ToolFacts; readonly host: HostFacts } | undefined;
  /**
   * A parallel run's job (parallel/job-worker.ts): given every title --grep selects, in serial order, the ones this
   * job runs (its part of the --shard share).
   * Its console lines then go to onTestLine, one per test, and the suite and count lines are left out.
   */
  readonly job?:
    | { select(titles: readonly string[]): ReadonlySet<string>; onTestLine(title: string, line: string): void }
    | undefined;
}

/** Why a destructive path skips without --allow-destructive. */
export const DESTRUCTIVE_SKIP =
  "destructive: this path moves cartridges or needs the operator at the library; give --allow-destructive to run it here (the suite restores the library after each test), as it runs unasked only where the operator is the simulator's control API";

/** What a run produced. */
export interface ConformanceRunResult {
  readonly summary: RunSummary;
  /** conformance/report/exit-codes.ts: 0, 1, or 130 when interrupted. */
  readonly exitCode: number;
  /** Why the exit code is not 0, one line each. */
  readonly problems: readonly string[];
  readonly files: ReportFiles;
  /** The meta-check (every documented result has a return path file); not counted among the tests. */
  readonly metaCheck: 'passed' | 'failed';
  readonly tests: readonly TestEvidence[];
  /** Capabilities, operator actions, fact sources and restoring (also in summary.json "evidence"). */
  readonly evidence: RunEvidence;
}
