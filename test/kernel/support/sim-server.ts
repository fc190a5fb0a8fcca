/**
 * `changerbench sim serve` from dist/ in a child process, for the kernel guest to reach over iSCSI: started on an
 * ephemeral loopback port, its iSCSI URL read from the line it prints, killed (SIGKILL, awaited) on stop.
 * Spec: sim/cli/serve-command.ts (`sim serve` prints `iscsi HOST:PORT IQN` once listening); docs/simulator.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './guest-image.js';

/** The compiled CLI the simulator (and the guest) run. */
export const DIST_CLI = join(REPO_ROOT, 'dist/cli/changerbench.js');

/** A running `sim serve`. */
export interface SimServer {
  /** iscsi://127.0.0.1:PORT/IQN/0 */
  readonly url: string;
  readonly port: number;
  readonly iqn: string;
  readonly child: ChildProcess;
  /** The simulator's stderr so far (its pino log). */
  log(): string;
  /** Kills the process and waits for it to be gone; idempotent. */
  stop(): Promise<void>;
}

/** Starts `sim serve --iscsi 127.0.0.1:0 ...args`; rejects when it exits or prints nothing within `timeoutMs`. */
export function startSimServer(args: readonly string[], timeoutMs: number): Promise<SimServer> {
  if (!existsSync(DIST_CLI)) return Promise.reject(new Error(`${DIST_CLI} is missing: run npm run build first`));
  const child = spawn(process.execPath, [DIST_CLI, 'sim', 'serve', '--iscsi', '127.0.0.1:0', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-200_000)));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`sim serve printed no iSCSI endpoint within ${timeoutMs} ms:\n${err.slice(-2000)}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`sim serve exited (${code}) before listening:\n${err.slice(-2000)}`));
    };
    child.once('exit', onExit);
    child.stdout.on('data', () => {
      const m = /^iscsi 127\.0\.0\.1:(\d+) (\S+)$/m.exec(out);
      if (!m?.[1] || !m[2]) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      const port = Number(m[1]);
      resolve({ url: `iscsi://127.0.0.1:${port}/${m[2]}/0`, port, iqn: m[2], child, log: () => err, stop });
    });
  });
}
