/**
 * Campaign 3 (docs/reliability.md 4): a mixed-load soak of one `sim serve` (iSCSI, a serial line over socat,
 * the control endpoint) with sessions logging in and out all the time, a serial session that stays, and clients
 * that send garbage and keep their sockets. The child's resident memory and open descriptors (/proc) are sampled
 * over time. They level off when, at the end (churn stopped, the garbage clients still holding their sockets),
 * the descriptors are at most 4 above the warm-up sample and the peak RSS of the second half of the run is
 * within 20% of the peak of the first half from warm-up on.
 */
import type { Socket } from 'node:net';
import { SerialInitiator } from '../scsi/transport/serial/serial-initiator.js';
import { HttpControlClient } from '../sim/control/control-http-client.js';
import { PtyPair } from '../test/support/pty-pair.js';
import { churnSessions, garbageClient, runCommands, type ChurnCounts } from './churn-load.js';
import { sampleProcess, type ProcSample } from './proc-stats.js';
import { SeededRandom } from './seeded-random.js';
import { SimProcess, type SimEntry } from './sim-process.js';

/** Bounds of the soak. */
export interface ChurnCampaignOptions {
  readonly entry: SimEntry;
  readonly fixture: string;
  readonly seed: number;
  readonly seconds: number;
  /** Concurrent churning iSCSI sessions (default 4). */
  readonly sessions?: number | undefined;
  /** Garbage clients over the run, each holding its socket to the end (default 48). */
  readonly garbageClients?: number | undefined;
  readonly progress?: ((text: string) => void) | undefined;
}

/** One row of the table. */
export interface ChurnSample extends ProcSample {
  readonly seconds: number;
  readonly logins: number;
  readonly commands: number;
}

/** What the soak saw. */
export interface ChurnCampaignResult {
  readonly counts: ChurnCounts;
  readonly samples: ChurnSample[];
  readonly warm: ChurnSample;
  readonly final: ChurnSample;
  /** Why resources did not level off, if they did not. */
  readonly growth: string[];
  readonly alive: boolean;
}

/** Runs the soak; every process and socket it opened is closed when it returns. */
export async function runChurnCampaign(o: ChurnCampaignOptions): Promise<ChurnCampaignResult> {
  const rng = new SeededRandom(o.seed);
  const counts: ChurnCounts = {
    logins: 0,
    loginFailures: 0,
    commands: 0,
    malformed: 0,
    transportErrors: 0,
    garbageClients: 0,
    problems: [],
  };
  const held: Socket[] = [];
  const samples: ChurnSample[] = [];
  const pty = await PtyPair.start();
  let sim: SimProcess | undefined;
  let serial: SerialInitiator | undefined;
  try {
    sim = await SimProcess.start({
      entry: o.entry,
      fixture: o.fixture,
      iscsi: true,
      serialPaths: [pty.b],
      control: true,
      timeScale: 200,
    });
    const status = await new HttpControlClient(sim.controlUrl).status();
    const addresses = status.elements.filter((e) => e.type !== 'transport').map((e) => e.address);
    serial = await SerialInitiator.open({ path: pty.a, baudRate: 115200, initiatorName: 'soak-churn' });
    const t0 = Date.now();
    const elapsed = () => (Date.now() - t0) / 1000;
    let stop = false;
    const sample = (): ChurnSample => {
      const s = sampleProcess(sim!.pid) ?? { rssBytes: 0, fds: 0 };
      return { ...s, seconds: Math.round(elapsed()), logins: counts.logins, commands: counts.commands };
    };
    const workers = Array.from({ length: o.sessions ?? 4 }, (_, k) =>
      churnSessions(
        sim!.iscsi,
        `iqn.2026-12.dev.changerbench:churn-${k}`,
        new SeededRandom(o.seed + k + 1),
        addresses,
        counts,
        () => stop,
      ),
    );
    const serialWork = (async () => {
      while (!stop && counts.problems.length < 10) await runCommands(serial!, rng, addresses, 50, 2, counts);
    })();
    const garbageTotal = o.garbageClients ?? 48;
    const every = Math.max(1, Math.floor((o.seconds * 1000) / 40));
    let warm: ChurnSample | undefined;
    while (elapsed() < o.seconds) {
      await new Promise((r) => setTimeout(r, every));
      if (counts.garbageClients < garbageTotal && elapsed() > o.seconds * 0.1)
        garbageClient(sim.iscsi.port, rng, held, counts);
      const s = sample();
      samples.push(s);
      if (!warm && elapsed() >= o.seconds * 0.1) warm = s;
      if (samples.length % 10 === 0)
        o.progress?.(
          `  ${s.seconds} s: rss ${(s.rssBytes / 1048576).toFixed(1)} MiB, ${s.fds} fds, ${s.logins} logins, ${s.commands} commands`,
        );
    }
    stop = true;
    await Promise.all([...workers, serialWork]);
    // Let the target finish closing what the garbage clients opened (it lingers briefly after a reject).
    await new Promise((r) => setTimeout(r, 3000));
    const final = sample();
    const alive = sim.child.exitCode === null && sim.child.signalCode === null;
    return {
      counts,
      samples,
      warm: warm ?? samples[0]!,
      final,
      growth: growthOf(samples, warm ?? samples[0]!, final),
      alive,
    };
  } finally {
    for (const s of held) s.destroy();
    await serial?.close().catch(() => undefined);
    await sim?.stop();
    await pty.stop();
  }
}

/**
 * Why the resources did not level off (empty when they did). RSS of a Node process saws up and down as V8
 * collects and returns memory, so peaks are compared: the highest sample of the second half of the run may be
 * at most 20% above the highest of the first half from warm-up on.
 */
export function growthOf(samples: readonly ChurnSample[], warm: ChurnSample, final: ChurnSample): string[] {
  const out: string[] = [];
  if (final.fds > warm.fds + 4) out.push(`descriptors grew from ${warm.fds} after warm-up to ${final.fds} at the end`);
  const from = samples.indexOf(warm);
  const half = Math.floor(samples.length / 2);
  const first = samples.slice(Math.max(0, from), half).map((s) => s.rssBytes);
  const second = samples.slice(half).map((s) => s.rssBytes);
  if (first.length > 0 && second.length > 0) {
    const before = Math.max(...first);
    const after = Math.max(...second);
    if (after > before * 1.2)
      out.push(
        `RSS grew: peak ${(before / 1048576).toFixed(1)} MiB in the first half after warm-up, ${(after / 1048576).toFixed(1)} MiB in the second`,
      );
  }
  return out;
}
