/**
 * Process and network tools for the private tgt instance of ./tgt.ts: finding tgt's executables, running them
 * with a limit, loopback ports, and killing what is still alive when the test process ends.
 * Sources: docs/tgt-quirks.md (how tgt was found to behave when run this way).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** Thrown when tgtd or tgtadm cannot be found; tests log the message and skip. */
export class TgtMissingError extends Error {
  override readonly name = 'TgtMissingError';
}

const SEARCH = ['/usr/sbin', '/sbin', '/usr/local/sbin'];

/** Absolute path of an executable on PATH or in the sbin directories (non-root PATHs often lack them). */
export function findExecutable(name: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), ...SEARCH]) {
    if (!dir) continue;
    const path = join(dir, name);
    try {
      accessSync(path, fsConstants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Why tgt tests must be skipped, or undefined when tgtd, tgtadm and tgtimg are installed. */
export function tgtMissingReason(): string | undefined {
  const missing = ['tgtd', 'tgtadm', 'tgtimg'].filter((n) => findExecutable(n) === undefined);
  return missing.length
    ? `${missing.join(', ')} not installed (apt-get install -y tgt): tgt interop skipped`
    : undefined;
}

/** Resolves after ms milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `p` at most `ms` milliseconds, leaving no timer behind. */
export async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a TCP connection to host:port succeeds. */
export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Runs a tool with a 30 s limit; rejects with its stderr. */
export function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { env, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err)
        reject(
          new Error(
            `${file.split('/').pop() ?? file} ${args.join(' ')} failed (${err.code ?? err.signal ?? 'error'}): ${stderr.trim() || err.message}`,
          ),
        );
      else resolve(stdout);
    });
  });
}

/** Instances not yet stopped: killed synchronously (with their files removed) if this process ends first. */
export const live = new Set<{ kill(): void }>();
let hooksInstalled = false;
export function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killAll = () => {
    for (const l of live) l.kill();
    live.clear();
  };
  process.once('exit', killAll);
  // tgtd has its own process group, so a Ctrl-C at the terminal does not reach it: kill it, then let the signal
  // do what it would have done.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killAll();
      if (process.listenerCount(signal) === 0) setImmediate(() => process.kill(process.pid, signal));
    };
    process.once(signal, onSignal);
  }
}
