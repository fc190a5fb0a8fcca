/**
 * What a command needs from its process, injected so that the CLI runs in-process in tests: output streams,
 * input for the console, the exit code it sets.
 */
import type { Readable } from 'node:stream';
import type { SgDriver } from '../scsi/transport/sg/sg-driver.js';
import { usableCpus } from '../sim/service/usable-cpus.js';

/** Streams and exit status of one CLI run. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdin: Readable;
  /** Set by a command that fails without throwing (e.g. a conformance run with failures). */
  exitCode: number;
  /** The system calls behind `sg:` targets (tests give a fake kernel; default: the koffi binding). */
  readonly sgDriver?: SgDriver | undefined;
  /** CPUs this process can keep busy (`conformance run --jobs`' default); without it runs are serial. */
  readonly usableCpus?: (() => number) | undefined;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    stdin: process.stdin,
    exitCode: 0,
    usableCpus: () => usableCpus(),
  };
}
