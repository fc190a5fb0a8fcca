/**
 * Runs a TypeScript entry of the test support in a child Node process (with tsx), collecting its output; kills
 * the children a describe started (its after-hook); reads a run's report files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the child's working directory). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** What a child process left behind. */
export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node --import tsx <entry> ...args` from the repository root. */
export function runTsChild(entry: string, args: readonly string[], timeoutMs: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${entry} did not finish within ${timeoutMs} ms\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`),
      );
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Kills (SIGKILL) every child of `children` still running and waits until each has exited (for after-hooks). */
export async function killChildren(children: readonly ChildProcess[]): Promise<void> {
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of running) c.kill('SIGKILL');
  await Promise.all(running.map((c) => new Promise((resolve) => c.once('exit', resolve))));
}

/** Reads `summary.json` (or `file`) of a run's reports directory. */
export function readReport<T>(reports: string, file = 'summary.json'): T {
  return JSON.parse(readFileSync(join(reports, file), 'utf8')) as T;
}
