/**
 * The compiled CLI run on the host (the same dist/ the guest runs), with a time bound.
 * Spec: cli/changerbench.ts.
 */
import { execFile } from 'node:child_process';
import { REPO_ROOT } from './guest-image.js';
import { DIST_CLI } from './sim-server.js';

/** Exit code and output of one CLI run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `changerbench ...args` from dist/ on the host; rejects only when it outlives `timeoutMs`. */
export function runHostCli(args: readonly string[], timeoutMs: number): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [DIST_CLI, ...args],
      { cwd: REPO_ROOT, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (error && error.killed)
          return reject(
            new Error(`changerbench ${args.join(' ')}: killed after ${timeoutMs} ms\n${stderr.slice(-2000)}`),
          );
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
