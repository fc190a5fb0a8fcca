/**
 * What the conformance commands share: the process they run in (ConformanceCommandIo), how a handler reports an
 * error (one line on stderr and an exit code) and which errors are usage errors (exit 2) rather than failures.
 * Design: docs/architecture.md "A single command-line entry (yargs)".
 */
import type { WallClock } from './harness/run-conformance.js';
import { ControlEndpointError, FixtureError, UnsupportedTargetError } from './harness/target/targets.js';
import { UnusableLibraryError } from './harness/target/target-session.js';
import { TargetUrlError } from '../scsi/transport/target-url.js';
import type { SgDriver } from '../scsi/transport/sg/index.js';
import { ExpectedMatrixError } from './report/expect-matrix.js';
import { TargetUnusableError } from './report/preflight.js';

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

/** Prints `changerbench: message` on stderr and sets the exit code. */
export function fail(io: ConformanceCommandIo, message: string, code: number): void {
  io.err(`changerbench: ${message}\n`);
  io.exitCode = code;
}

/** Bad arguments or an unusable target (exit 2) rather than failures (exit 1). */
export function isUsageError(e: unknown): boolean {
  if (e instanceof TargetUnusableError || e instanceof ExpectedMatrixError) return true;
  if (
    e instanceof UnusableLibraryError ||
    e instanceof UnsupportedTargetError ||
    e instanceof TargetUrlError ||
    e instanceof RangeError ||
    e instanceof FixtureError
  )
    return true;
  // A control URL that does not parse (code EINVAL); an endpoint that does not answer is a failure.
  return e instanceof ControlEndpointError && e.code === 'EINVAL';
}
