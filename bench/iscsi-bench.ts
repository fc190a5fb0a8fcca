/**
 * Issue 4's benchmark: the simulator's iSCSI target (IscsiTarget + SimulatedTarget) and tgt's changer side by side
 * over loopback iSCSI, driven by the same initiator (ours, IscsiInitiator, busy-polling while commands run: see
 * INITIATOR_BUSY_POLL_MICROS) in a worker thread per target (iscsi-load.ts says why). Rows: TEST UNIT READY
 * round trips, READ ELEMENT STATUS of a 24-slot and a 20,000-slot library (storage page, VOLTAG), MOVE MEDIUM
 * pairs (there and back), each with 1 and 8 commands in flight; medians of timed rounds, the ratio
 * simulator/tgt, and the CPU time each target's process spent per operation (from /proc, over the timed rounds:
 * a figure that where the scheduler puts the two processes changes little). Figures only, never pass/fail. Target from the issue: the simulator at least as fast as tgt.
 * The simulator is the product, `changerbench sim serve` from the compiled dist/, in a child process (as tgtd runs
 * in its own), unless `--iscsi-sim-in-process` is given (`--iscsi-sim-prof DIR` writes the child's --cpu-prof
 * profiles there). Its mechanics run at time scale SCALE with --start-ready: a 12 s move asks for a 12 µs timer,
 * which ScaledClock fires after the current work rather than on a 1 ms setTimeout (common/clock/clock.ts); the MOVE
 * rows are repeated at INSTANT_SCALE, where the robot no longer bounds the rate (the SCALE rows are mechanics-bound
 * and carry no target). `sim serve` busy-polls after answers by default on this many CPUs (busy-poll.ts); one
 * more TEST UNIT READY row runs a second simulator with `--iscsi-busy-poll 0` to show what that buys and costs,
 * and another drives both targets with initiators that sleep until each answer.
 * Spec: SMC-3 6.6, 6.10; SPC-4 6.47 TEST UNIT READY; docs/tgt-quirks.md (tgt's replies are 8 bytes short).
 * See docs/smc-reference.md 1.2 (MOVE MEDIUM, READ ELEMENT STATUS), docs/scsi-model.md 10 (TEST UNIT READY).
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { loadPersonality } from '../sim/personality/index.js';
import { tgtMissingReason } from '../test/support/tgt.js';
import type { LoadOp, LoadReply, LoadRequest, LoadSettings, RoundResult } from './iscsi-load.js';
import { fmt, stats, type Row, type Stats } from './measure.js';
import { processCpuMs, startSimulator, startTgt } from './bench-targets.js';

/** Mechanical time scale of the simulated libraries: a 12 s move takes 12 µs of wall time. */
const SCALE = 1_000_000;
/**
 * The scale of the second MOVE row: a 12 s move takes 12 ns, so the row measures command handling, as tgt's
 * changer (which has no mechanical time) does. At SCALE the robot itself caps a library at 1 / (2 x 12 µs) =
 * 41,667 pairs per second, whatever the software.
 */
const INSTANT_SCALE = 1_000_000_000;
const ROUNDS = 7;
const ROUND_MS = 400;
const WARMUP_MS = 500;
const MB = 1024 * 1024;

/**
 * The busy-poll window of the bench's initiators, in µs (IscsiInitiatorOptions.busyPollMicros): while commands
 * run the load generator keeps its event loop turning instead of sleeping until each answer. Measured on the
 * project's 2-core machine (scratch runs of one worker per target, 600 ms rounds) with a sleeping initiator, 8
 * TEST UNIT READYs in flight to the simulator ran at about 120,000 per second with the initiator's thread a third
 * idle, waiting to be woken, while tgt's 130,000 kept it busy. With the initiator polling, the simulator's rate
 * rose to about 175,000 and tgt's stayed at 135,000 (with tgt the initiator had no idle time to give). A sleeping
 * initiator measures its own wake-ups; rows that show them are kept, marked "explains". 1,000 µs because a 50 µs
 * window, ending and restarting between answers, cost tgt's 8-in-flight row a fifth.
 */
const INITIATOR_BUSY_POLL_MICROS = 1000;

/** One changer reachable over iSCSI, driven by a load worker of its own (iscsi-load.ts). */
interface System {
  /** Runs one timed round of `op` in the worker. */
  round(op: LoadOp, depth: number, ms: number): Promise<RoundResult>;
  /** Full and empty storage slots usable for MOVE pairs. */
  readonly full: number;
  readonly empty: number;
  /** CPU time used so far by the target's process (user + system, ms), when it runs in a process of its own. */
  cpuMs(): number | undefined;
  close(): Promise<void>;
}

/** A load worker for `url` (iscsi-load.ts), resolved once it has logged in and read the element map. */
async function openSystem(
  url: string,
  stop: () => Promise<void>,
  pid: number | undefined,
  busyPollMicros = INITIATOR_BUSY_POLL_MICROS,
): Promise<System> {
  const settings: LoadSettings = { url, busyPollMicros };
  const worker = new Worker(new URL('./iscsi-load-worker.mjs', import.meta.url), { workerData: settings });
  /** Set once the worker has exited or failed: pending and later requests reject with it. */
  let gone: Error | undefined;
  let pending: { resolve: (m: LoadReply) => void; reject: (e: Error) => void } | undefined;
  const settle = (outcome: LoadReply | Error) => {
    const p = pending;
    pending = undefined;
    if (p === undefined) return;
    if (outcome instanceof Error) p.reject(outcome);
    else if (outcome.kind === 'error') p.reject(new Error(`iscsi bench load worker for ${url}: ${outcome.message}`));
    else p.resolve(outcome);
  };
  worker.on('message', (m: LoadReply) => settle(m));
  worker.on('error', (e: Error) => {
    gone ??= new Error(`iscsi bench load worker for ${url} failed: ${e.message}`);
    settle(gone);
  });
  worker.on('exit', (code) => {
    gone ??= new Error(`iscsi bench load worker for ${url} exited (${code})`);
    settle(gone);
  });
  /** The worker answers each request with one message, in order; one request at a time. */
  const next = () =>
    new Promise<LoadReply>((resolve, reject) => {
      if (gone !== undefined) reject(gone);
      else pending = { resolve, reject };
    });
  const ask = (m: LoadRequest) => {
    const reply = next();
    if (gone === undefined) worker.postMessage(m);
    return reply;
  };
  try {
    const ready = await next();
    if (ready.kind !== 'ready') throw new Error(`iscsi bench load worker for ${url}: unexpected ${ready.kind}`);
    return {
      full: ready.full,
      empty: ready.empty,
      round: async (op, depth, ms) => {
        const r = await ask({ kind: 'round', op, depth, ms });
        if (r.kind !== 'round') throw new Error(`iscsi bench load worker for ${url}: unexpected ${r.kind}`);
        return r.result;
      },
      cpuMs: () => processCpuMs(pid),
      close: async () => {
        await ask({ kind: 'close' }).catch(() => undefined);
        await worker.terminate();
        await stop();
      },
    };
  } catch (e) {
    await worker.terminate();
    await stop();
    throw e;
  }
}

interface Measured {
  readonly rate: Stats;
  readonly bytes: number;
  /** CPU time of the target's process per operation over the timed rounds, in µs (undefined in-process). */
  readonly cpuUsPerOp: number | undefined;
}

/** One target of a row: a timed round of the row's operation, and the CPU clock of the process serving it. */
interface Side {
  readonly round: (depth: number, ms: number) => Promise<RoundResult>;
  readonly cpuMs: () => number | undefined;
}

/**
 * A warm-up round each, then ROUNDS rounds of ROUND_MS alternating between the systems (so that load from elsewhere
 * on a shared machine falls on both alike); the median of each system's rounds, and each target process's CPU
 * time per operation over its timed rounds (a figure that load elsewhere changes little).
 */
async function measureSideBySide(
  depth: number,
  sim: Side,
  tgt: Side | undefined,
): Promise<{ sim: Measured; tgt: Measured | undefined }> {
  await sim.round(depth, WARMUP_MS);
  if (tgt) await tgt.round(depth, WARMUP_MS);
  const timed = (side: Side) => {
    const rounds: RoundResult[] = [];
    let cpu: number | undefined = 0;
    return {
      async run() {
        const before = side.cpuMs();
        const r = await side.round(depth, ROUND_MS);
        const after = side.cpuMs();
        cpu = cpu !== undefined && before !== undefined && after !== undefined ? cpu + (after - before) : undefined;
        rounds.push(r);
      },
      result(): Measured {
        const ops = rounds.reduce((n, r) => n + r.count, 0);
        return {
          rate: stats(rounds.map((x) => x.rate)),
          bytes: rounds[0]?.bytes ?? 0,
          cpuUsPerOp: cpu !== undefined && ops > 0 ? (cpu * 1000) / ops : undefined,
        };
      },
    };
  };
  const simTimed = timed(sim);
  const tgtTimed = tgt && timed(tgt);
  for (let r = 0; r < ROUNDS; r++) {
    await simTimed.run();
    if (tgtTimed) await tgtTimed.run();
  }
  return { sim: simTimed.result(), tgt: tgtTimed?.result() };
}

interface Cell {
  readonly label: string;
  readonly unit: string;
  /** The target column: the issue's "sim >= tgt" unless the row is there to explain another. */
  readonly target?: string | undefined;
  /** Said first in the note. */
  readonly remark?: string | undefined;
  readonly sim: Measured;
  readonly tgt: Measured | undefined;
}

function rowsOf(group: string, cells: Cell[]): Row[] {
  const rows: Row[] = [];
  for (const c of cells) {
    const simMb = (c.sim.rate.median * c.sim.bytes) / MB;
    const both = c.tgt !== undefined;
    const tgtMb = both ? (c.tgt.rate.median * c.tgt.bytes) / MB : 0;
    const mbs = c.sim.bytes > 0 ? `; MB/s sim ${fmt(simMb, 1)}${both ? ` tgt ${fmt(tgtMb, 1)}` : ''}` : '';
    const ratio = both && c.tgt.rate.median > 0 ? c.sim.rate.median / c.tgt.rate.median : undefined;
    const cpuOf = (m: Measured | undefined) => (m?.cpuUsPerOp === undefined ? 'n/a' : `${fmt(m.cpuUsPerOp, 1)} µs`);
    const cpu = `; target CPU per ${c.unit === 'pairs/s' ? 'pair' : 'call'} sim ${cpuOf(c.sim)} tgt ${cpuOf(c.tgt)}`;
    rows.push({
      group,
      name: c.label,
      value: `sim ${fmt(c.sim.rate.median)} ${c.unit}${both ? ` | tgt ${fmt(c.tgt.rate.median)} ${c.unit}` : ' | tgt n/a'}`,
      target: c.target ?? 'sim >= tgt',
      note: `${c.remark === undefined ? '' : `${c.remark}; `}sim/tgt ${ratio === undefined ? 'n/a' : fmt(ratio, Math.abs(ratio - 1) < 0.005 ? 3 : 2)}${ratio !== undefined && ratio < 1 ? ' (SLOWER)' : ''}${cpu}${mbs}; bytes/call sim ${fmt(c.sim.bytes)}${both ? ` tgt ${fmt(c.tgt.bytes)}` : ''}`,
    });
  }
  return rows;
}

/** Rows of `--iscsi-rows` (comma-separated; default all). */
const ROW_NAMES = ['tur', 'res23', 'move', 'res20k'];

/** `npm run bench -- --only iscsi [--iscsi-rows tur,res23,move,res20k]`: the rows described at the top of this file. */
export async function benchIscsi(): Promise<Row[]> {
  const inProcess = process.argv.includes('--iscsi-sim-in-process');
  const profAt = process.argv.indexOf('--iscsi-sim-prof');
  const profileDir = profAt >= 0 ? process.argv[profAt + 1] : undefined;
  const group = `iscsi loopback (sim ${inProcess ? 'in this process' : 'in a child process'})`;
  const missing = tgtMissingReason();
  if (missing !== undefined) console.error(`iscsi bench: ${missing}; tgt columns are n/a`);
  const cells: Cell[] = [];
  const systems: System[] = [];
  /** A started target: its URL, how to stop it, its process. */
  type Started = { url: string; stop: () => Promise<void>; pid?: number | undefined };
  const simTarget = async (fixture: string, scale = SCALE, extraArgs: readonly string[] = []): Promise<Started> =>
    startSimulator(fixture, scale, inProcess, profileDir, extraArgs);
  const tgtTarget = async (storageCount: number): Promise<Started | undefined> => {
    if (missing !== undefined) return undefined;
    const t0 = performance.now();
    const t = await startTgt(storageCount, 20);
    console.error(
      `iscsi bench: tgt with ${fmt(storageCount)} storage slots configured in ${fmt(performance.now() - t0)} ms`,
    );
    return { url: t.url, stop: () => t.stop(), pid: t.pid };
  };
  /** A load worker for a started target; `ownsTarget`: closing it stops the target (the first one opened does). */
  const open = async (target: Started | undefined, busyPollMicros = INITIATOR_BUSY_POLL_MICROS, ownsTarget = true) => {
    if (target === undefined) return undefined;
    const s = await openSystem(
      target.url,
      ownsTarget ? target.stop : async () => undefined,
      target.pid,
      busyPollMicros,
    );
    // Stopping a target ends its sessions: the extra workers close first.
    if (ownsTarget) systems.push(s);
    else systems.unshift(s);
    return s;
  };
  const sim = async (fixture: string, scale = SCALE, extraArgs: readonly string[] = []) =>
    (await open(await simTarget(fixture, scale, extraArgs))) as System;
  const row = async (
    label: string,
    unit: string,
    simSystem: System,
    tgtSystem: System | undefined,
    op: LoadOp,
    extra: { depths?: readonly number[]; target?: string; remark?: string } = {},
  ) => {
    for (const depth of extra.depths ?? [1, 8]) {
      const side = (s: System): Side => ({ round: (d, ms) => s.round(op, d, ms), cpuMs: () => s.cpuMs() });
      const m = await measureSideBySide(depth, side(simSystem), tgtSystem && side(tgtSystem));
      cells.push({ label: `${label}, ${depth} in flight`, unit, target: extra.target, remark: extra.remark, ...m });
    }
  };
  const rowsAt = process.argv.indexOf('--iscsi-rows');
  const wantedRows = new Set((rowsAt >= 0 ? (process.argv[rowsAt + 1] ?? '') : ROW_NAMES.join(',')).split(','));
  for (const name of wantedRows)
    if (!ROW_NAMES.includes(name)) throw new Error(`--iscsi-rows: unknown row "${name}"; rows: ${ROW_NAMES.join(',')}`);
  try {
    if (['tur', 'res23', 'move'].some((r) => wantedRows.has(r))) {
      const simSmallTarget = await simTarget('ibm-ts3100');
      const simSmall = (await open(simSmallTarget)) as System;
      const tgtSmallTarget = await tgtTarget(23);
      const tgtSmall = await open(tgtSmallTarget);
      if (wantedRows.has('move')) {
        for (const [name, s] of [
          ['the simulator', simSmall],
          ['tgt', tgtSmall],
        ] as const) {
          if (s !== undefined && (s.full < 8 || s.empty < 8))
            throw new Error(`MOVE pairs need 8 full and 8 empty slots; ${name} has ${s.full} and ${s.empty}`);
        }
      }
      if (wantedRows.has('tur')) {
        await row('TEST UNIT READY (TS3100 / tgt 23 slots)', '/s', simSmall, tgtSmall, 'tur');
        // The same with an initiator that sleeps until each answer (see INITIATOR_BUSY_POLL_MICROS).
        const simSleepy = (await open(simSmallTarget, 0, false)) as System;
        const tgtSleepy = await open(tgtSmallTarget, 0, false);
        await row('TEST UNIT READY, initiator without busy polling', '/s', simSleepy, tgtSleepy, 'tur', {
          target: 'none (explains)',
          remark: 'the initiator sleeps until each answer',
        });
        if (!inProcess) {
          // The same with the simulator sleeping between commands: what its busy polling (on by default) buys and costs.
          const simSleeping = await sim('ibm-ts3100', SCALE, ['--iscsi-busy-poll', '0']);
          await row('TEST UNIT READY, sim serve --iscsi-busy-poll 0', '/s', simSleeping, tgtSmall, 'tur', {
            target: 'none (explains)',
            remark: 'busy polling of the target off',
          });
        }
      }
      if (wantedRows.has('res23'))
        await row('READ ELEMENT STATUS, 23 storage slots, VOLTAG', 'calls/s', simSmall, tgtSmall, 'res');
      if (wantedRows.has('move')) {
        const moveWallMs = loadPersonality('ibm-ts3100').timing.moveMs / SCALE;
        await row(
          `MOVE MEDIUM slot to slot and back, sim time scale ${fmt(SCALE)}`,
          'pairs/s',
          simSmall,
          tgtSmall,
          'move',
          {
            target: 'none (mechanics)',
            remark: `the simulated robot's ${fmt(moveWallMs * 1000, 1)} µs per move caps this scale at ${fmt(1000 / (2 * moveWallMs))} pairs/s; tgt has no mechanics, the next row compares like with like`,
          },
        );
        const simInstant = await sim('ibm-ts3100', INSTANT_SCALE);
        await row(
          `MOVE MEDIUM slot to slot and back, sim time scale ${fmt(INSTANT_SCALE)}`,
          'pairs/s',
          simInstant,
          tgtSmall,
          'move',
        );
      }
    }
    if (wantedRows.has('res20k')) {
      const simLarge = await sim('large-library-20k');
      const tgtLarge = await open(await tgtTarget(20_000));
      await row('READ ELEMENT STATUS, 20,000 storage slots, VOLTAG', 'calls/s', simLarge, tgtLarge, 'res');
    }
  } finally {
    for (const s of systems) await s.close();
  }
  return rowsOf(group, cells);
}
