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

/** Starts `sim serve ...args`. */
export function serveSimulator(args: readonly string[]): {
  child: ChildProcess;
  urls: Promise<{ iscsi: string; control: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', SIM_ENTRY, 'sim', 'serve', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const urls = new Promise<{ iscsi: string; control: string }>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const iscsi = /^iscsi (\S+) (\S+)$/m.exec(out);
      const control = /^control (http:\/\/\S+)$/m.exec(out);
      if (iscsi?.[1] && iscsi[2] && control?.[1])
        resolve({ iscsi: `iscsi://${iscsi[1]}/${iscsi[2]}/0`, control: control[1] });
    });
    child.once('exit', (code) =>
      reject(new Error(`sim serve exited (${code}) before printing its endpoints:\n${err}`)),
    );
  });
  return { child, urls };
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
