/**
 * `npm run bench` section "main-job": what a newcomer waits for. `npm run conformance` in a fresh clone of this
 * checkout's commit (git clone, the checkout's node_modules linked in, `npm run build` as `npm ci`'s prepare does),
 * its first run (cold: nothing compiled or cached yet by node) and repeated runs, with the jobs it used and a
 * serial run (--jobs 1) beside it; and the start-up of `changerbench --help` and `changerbench status --fixture`
 * from dist/. Wall times, medians of several runs, with the load average they were taken under. Targets (issue
 * 14): the main job under 5 s on 2 cores, each start-up under 0.25 s. Figures only, never pass/fail.
 * Uncommitted changes are not in the clone: commit first to measure them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Row } from './measure.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

/** Wall milliseconds of one command; throws with its output when it fails (exit 1 of a failing matrix included). */
function timed(cmd: string, args: readonly string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}: ${(r.stderr || r.stdout).slice(-800)}`);
  return ms;
}

/** A fresh clone of HEAD with this checkout's node_modules, built as `npm ci` builds it. */
function freshClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cb-main-job-'));
  const clone = join(dir, 'changerbench');
  timed('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], dir);
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  timed('npm', ['run', 'build', '--silent'], clone);
  return clone;
}

/** Runs the section: the main job (first and repeated runs) and the two start-up times. */
export async function benchMainJob(): Promise<Row[]> {
  const rows: Row[] = [];
  const clone = freshClone();
  try {
    const reports = join(clone, 'reports');
    const conformance = (extra: string[] = []) =>
      timed('npm', ['run', '--silent', 'conformance', '--', '--reports', reports, ...extra], clone);
    const first = conformance();
    rows.push({
      group: 'main-job',
      name: 'npm run conformance, first run in a fresh clone',
      value: seconds(first),
      target: '< 5 s',
      note: load(),
    });
    const again = [conformance(), conformance(), conformance()];
    rows.push({
      group: 'main-job',
      name: 'npm run conformance, repeated (median of 3)',
      value: seconds(median(again)),
      target: '< 5 s',
      note: `${again.map(seconds).join(', ')}; ${load()}`,
    });
    const serial = [conformance(['--jobs', '1']), conformance(['--jobs', '1'])];
    rows.push({
      group: 'main-job',
      name: 'npm run conformance -- --jobs 1 (serial, median of 2)',
      value: seconds(median(serial)),
      note: load(),
    });
    const cli = join(clone, 'dist', 'cli', 'changerbench.js');
    const startUp = (args: string[]) => {
      timed(process.execPath, [cli, ...args], clone); // warm the file cache once
      return Array.from({ length: 10 }, () => timed(process.execPath, [cli, ...args], clone));
    };
    for (const args of [['--help'], ['status', '--fixture', 'ibm-ts3100']]) {
      const runs = startUp(args);
      rows.push({
        group: 'main-job',
        name: `start-up: changerbench ${args.join(' ')} (median of 10)`,
        value: seconds(median(runs)),
        target: '< 0.25 s',
        note: `min ${seconds(Math.min(...runs))}; ${load()}`,
      });
    }
    const bare = Array.from({ length: 10 }, () => timed(process.execPath, ['-e', '0'], clone));
    rows.push({
      group: 'main-job',
      name: 'node -e 0 on this machine now (median of 10)',
      value: seconds(median(bare)),
      note: 'the floor under the start-up rows',
    });
  } finally {
    rmSync(join(clone, '..'), { recursive: true, force: true });
  }
  return rows;
}
