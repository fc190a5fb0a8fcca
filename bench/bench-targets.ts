/**
 * The targets the iSCSI benchmarks compare (iscsi-bench.ts, neutral-bench.ts): the simulator as `changerbench sim
 * serve` in a child process or in this process, a tgt changer shaped like a fixture, and the CPU time and
 * resident memory of a target's process.
 * Spec: docs/iscsi.md 5 (Performance); docs/tgt-quirks.md (tgt's replies are 8 bytes short).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScaledClock } from '../common/clock/clock.js';
import { IscsiTarget } from '../scsi/transport/iscsi/index.js';
import { loadPersonality } from '../sim/personality/index.js';
import { startTgtChanger, type TgtChanger } from '../test/support/tgt.js';
import { createInProcessTarget } from '../sim/changer/in-process-target.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** CPU time (user + system, all threads) of process `pid` in ms, from /proc; undefined where there is none. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * (1000 / CLOCK_TICKS_PER_SECOND) : undefined;
  } catch {
    return undefined;
  }
}

/** USER_HZ of Linux /proc/<pid>/stat times (100 on every mainstream architecture). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Serves `fixture` over iSCSI on a free loopback port in this process (`--iscsi-sim-in-process`). */
async function serveSimulator(fixture: string, scale: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const sim = createInProcessTarget(loadPersonality(fixture), { clock: new ScaledClock(scale), startReady: true });
  const changer = sim.changer;
  const target = await IscsiTarget.listen({
    port: 0,
    targetName: `iqn.2026-11.dev.changerbench.sim:${fixture}`,
    backend: sim.target,
  });
  return {
    url: target.url(0),
    stop: async () => {
      await target.close();
      changer.close();
    },
  };
}

/**
 * Starts the simulator's target: by default the product itself in a child process, `changerbench sim serve` from
 * the compiled dist/ (as tgtd runs in its own process, and as users run the simulator), at time scale SCALE with
 * --start-ready; with `--iscsi-sim-in-process`, serveSimulator in this process. Resolves to the target's URL.
 */
export async function startSimulator(
  fixture: string,
  scale: number,
  inProcess: boolean,
  profileDir: string | undefined,
  extraArgs: readonly string[] = [],
): Promise<{ url: string; stop: () => Promise<void>; pid?: number }> {
  if (inProcess) return serveSimulator(fixture, scale);
  const cli = join(root, 'dist', 'cli', 'changerbench.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build (npm run bench does)`);
  const prof = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const args = [
    ...prof,
    cli,
    'sim',
    'serve',
    '--fixture',
    fixture,
    '--iscsi',
    '127.0.0.1:0',
    '--time-scale',
    String(scale),
    '--start-ready',
    '--log-level',
    'warn',
    ...extraArgs,
  ];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A bench stopped by a signal or an exception must not leave a simulator behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  let timer: NodeJS.Timeout | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^iscsi (\S+) (\S+)$/.exec(line.trim());
      if (m) resolve(`iscsi://${m[1]}/${m[2]}/0`);
    });
    child.once('error', (e) => reject(new Error(`cannot start changerbench sim serve: ${e.message}`)));
    child.once('exit', (c) =>
      reject(new Error(`changerbench sim serve exited (${c}) before printing its iSCSI endpoint`)),
    );
    timer = setTimeout(() => reject(new Error('changerbench sim serve printed no iSCSI endpoint within 60 s')), 60_000);
  })
    .catch(async (e: unknown) => {
      child.kill('SIGKILL');
      if (child.pid !== undefined) await exited;
      throw e;
    })
    .finally(() => clearTimeout(timer));
  return {
    url,
    ...(child.pid !== undefined ? { pid: child.pid } : {}),
    stop: async () => {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

/**
 * A tgt changer shaped like the fixture it is compared with: `storageCount` slots, 1 IE, 2 drives (unmapped: no
 * tape LUs). 23 slots: 14 cartridges (the TS3100 fixture has 15); 20,000: one slot in `cartridgeEvery` full, which
 * keeps configuration short (one tgtadm call per cartridge) and changes no byte of a READ ELEMENT STATUS reply.
 */
export async function startTgt(storageCount: number, cartridgeEvery: number): Promise<TgtChanger> {
  const storage = { start: 1000, count: storageCount };
  const cartridges = new Map<number, string>();
  const every = storageCount <= 24 ? 1 : cartridgeEvery;
  const last = storageCount <= 24 ? storage.start + 15 : storage.start + storageCount;
  for (let a = storage.start; a < last; a += every) if (a !== storage.start + 3) cartridges.set(a, `TG${a}`);
  return startTgtChanger({
    name: `bench-${storageCount}`,
    storage,
    importExport: { start: 10, count: 1 },
    drives: { start: 500, count: 2 },
    tapeDrives: false,
    cartridges,
  });
}

/** Resident memory of process `pid` in MB, from /proc; undefined where there is none. */
export function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
