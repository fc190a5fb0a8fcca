/**
 * `changerbench sim serve` in a child process for tests over the wire; resolves with its iSCSI URL (LUN 0) and
 * control URL once both are printed; {@link serveFixture} is the usual start. The caller kills the child in an
 * after-hook.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './child.js';

/** The CLI entry that has `sim serve` (the real one once the sim commands are registered there). */
export const SIM_ENTRY =
  existsSync(join(REPO_ROOT, 'cli/build-cli.ts')) &&
  readFileSync(join(REPO_ROOT, 'cli/build-cli.ts'), 'utf8').includes('registerSimCommands')
    ? 'cli/changerbench.ts'
    : 'test/sim/service/support/sim-entry.ts';

/**
 * Starts `sim serve ...args`; `ready` reads what it has printed so far and returns the endpoints once they are all
 * there (undefined until then). Rejects when the child exits first, with its stderr.
 */
function startServe<T>(
  args: readonly string[],
  ready: (out: string) => T | undefined,
): { child: ChildProcess; urls: Promise<T> } {
  const child = spawn(process.execPath, ['--import', 'tsx', SIM_ENTRY, 'sim', 'serve', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const urls = new Promise<T>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const found = ready(out);
      if (found !== undefined) resolve(found);
    });
    child.once('exit', (code) =>
      reject(new Error(`sim serve exited (${code}) before printing its endpoints:\n${err.slice(-2000)}`)),
    );
  });
  return { child, urls };
}

/** Starts `sim serve ...args` with an iSCSI portal and a control endpoint. */
export function serveSimulator(args: readonly string[]): {
  child: ChildProcess;
  urls: Promise<{ iscsi: string; control: string }>;
} {
  return startServe(args, (out) => {
    const iscsi = /^iscsi (\S+) (\S+)$/m.exec(out);
    const control = /^control (http:\/\/\S+)$/m.exec(out);
    return iscsi?.[1] && iscsi[2] && control?.[1]
      ? { iscsi: `iscsi://${iscsi[1]}/${iscsi[2]}/0`, control: control[1] }
      : undefined;
  });
}

/**
 * Serves `fixture` over the serial lines `lines` (pseudo-terminal ends) with a control endpoint on a free loopback
 * port, at `--time-scale 1000`, started ready; resolves with the control URL once every line is listed. The child
 * joins `children` (killed by the caller's after-hook).
 */
export function serveOverSerial(fixture: string, lines: readonly string[], children: ChildProcess[]): Promise<string> {
  const args = ['--fixture', fixture, ...lines.flatMap((l) => ['--serial', l])];
  const served = startServe([...args, '--control', '127.0.0.1:0', '--time-scale', '1000', '--start-ready'], (out) => {
    const url = /^control (http:\/\/\S+)$/m.exec(out)?.[1];
    return url && (out.match(/^serial \S+ \d+$/gm) ?? []).length === lines.length ? url : undefined;
  });
  children.push(served.child);
  return served.urls;
}

/**
 * Serves `fixture` (a bundled name or a file) over iSCSI with a control endpoint, both on free loopback ports, at
 * `--time-scale 1000`, started ready; the child joins `children` (killed by the caller's after-hook).
 */
export async function serveFixture(
  fixture: string,
  children: ChildProcess[],
): Promise<{ iscsi: string; control: string }> {
  const served = serveSimulator([
    '--fixture',
    fixture,
    '--iscsi',
    '127.0.0.1:0',
    '--control',
    '127.0.0.1:0',
    '--time-scale',
    '1000',
    '--start-ready',
  ]);
  children.push(served.child);
  return served.urls;
}
