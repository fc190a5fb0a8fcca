/**
 * Campaign 2 (docs/reliability.md 3): SIGKILL a busy `sim serve --state` at random moments, and during the
 * writing of a snapshot, and check after every restart that the library holds exactly the cartridges it should:
 * the census before, plus the operator's acknowledged puts, minus the acknowledged takes, the one change in
 * flight either applied or not; none lost, none duplicated.
 *
 * Snapshot kills: sim/persistence/journal-store.ts writes every snapshot to `<state>.tmp`, fsyncs and renames it
 * (at every start, and when the journal outgrows the snapshot). The campaign watches the state file's directory
 * and kills the child the moment `<state>.tmp` appears; a kill counts as inside the write when the temporary
 * file is still there after the child is gone. These run on their own state file of a large fixture, whose
 * snapshot takes long enough to write to be hit.
 */
import { watch, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { IscsiInitiator } from '../scsi/transport/iscsi/index.js';
import { HttpControlClient } from '../sim/control/control-http-client.js';
import { BusyLoad, type ContentChange } from './busy-load.js';
import { censusDifference, censusOf, withTag } from './library-census.js';
import { SeededRandom } from './seeded-random.js';
import { SimProcess, type SimEntry, type SimServeOptions } from './sim-process.js';

/** Bounds of the campaign. */
export interface KillCampaignOptions {
  readonly entry: SimEntry;
  readonly fixture: string;
  /** Fixture of the snapshot kills (large, so its snapshot write can be hit). */
  readonly snapshotFixture: string;
  readonly seed: number;
  /** Kills of the busy simulator. */
  readonly kills: number;
  /** Kills aimed at a snapshot write. */
  readonly snapshotKills: number;
  /** Longest run before a kill, ms (each kill waits a random time up to this). */
  readonly maxRunMs: number;
  readonly progress?: ((text: string) => void) | undefined;
}

/** What the campaign counted. */
export interface KillCampaignResult {
  kills: number;
  restarts: number;
  /** Restarts whose census matched the prediction. */
  censusesExact: number;
  /** Restarts where the change in flight had been applied. */
  inFlightApplied: number;
  /** Kills that landed with two or more commands in flight, and with two or more MOVE MEDIUMs among them. */
  killsWithCommandsInFlight: number;
  killsWithMovesInFlight: number;
  commands: number;
  moves: number;
  movesGood: number;
  operatorActions: number;
  /** Operator actions the simulator refused, by error code. */
  readonly operatorRefused: Record<string, number>;
  /** Acknowledged operator puts and takes (each changes the census). */
  contentChanges: number;
  snapshotKills: number;
  /** Snapshot kills that left `<state>.tmp` behind: the child died inside the write. */
  snapshotKillsInsideWrite: number;
  cartridges: number;
  snapshotCartridges: number;
  readonly failures: string[];
  /** The state files kept for a failure (the temporary directory is removed only when there was none). */
  keptDirectory: string | undefined;
  seconds: number;
}

/** Runs the campaign; its temporary directory and every child are gone when it returns. */
export async function runKillCampaign(o: KillCampaignOptions): Promise<KillCampaignResult> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'changerbench-soak-kill-'));
  const rng = new SeededRandom(o.seed);
  const r: KillCampaignResult = {
    kills: 0,
    restarts: 0,
    censusesExact: 0,
    inFlightApplied: 0,
    killsWithCommandsInFlight: 0,
    killsWithMovesInFlight: 0,
    commands: 0,
    moves: 0,
    movesGood: 0,
    operatorActions: 0,
    operatorRefused: {},
    contentChanges: 0,
    snapshotKills: 0,
    snapshotKillsInsideWrite: 0,
    cartridges: 0,
    snapshotCartridges: 0,
    failures: [],
    keptDirectory: undefined,
    seconds: 0,
  };
  let label = 0;
  const labels = () => `SOAK${(label++).toString().padStart(4, '0')}L`;
  const live: SimProcess[] = [];
  const launch = (fixture: string, statePath: string, iscsi: boolean): [SimProcess, SimServeOptions] => {
    const options: SimServeOptions = { entry: o.entry, fixture, statePath, control: true, iscsi, timeScale: 200 };
    const s = SimProcess.launch(options);
    live.push(s);
    return [s, options];
  };
  const start = async (fixture: string, statePath: string, iscsi: boolean) => {
    const [s, options] = launch(fixture, statePath, iscsi);
    await s.ready(options);
    return s;
  };
  try {
    const statePath = join(dir, 'library.json');
    let sim = await start(o.fixture, statePath, true);
    let expected = censusOf(await new HttpControlClient(sim.controlUrl).status());
    r.cartridges = expected.length;
    for (let round = 0; round < o.kills && r.failures.length < 10; round++) {
      const control = new HttpControlClient(sim.controlUrl, { timeoutMs: 30_000 });
      const { host, port, targetName } = sim.iscsi;
      const initiator = await IscsiInitiator.connect({
        host,
        port,
        targetName,
        initiatorName: 'iqn.2026-12.dev.changerbench:soak-kill',
        loginTimeoutMs: 30_000,
      });
      const load = new BusyLoad(initiator, control, rng, await control.status(), labels);
      await new Promise((res) => setTimeout(res, rng.below(o.maxRunMs)));
      const atKill = load.commandsInFlight;
      sim.kill();
      if (atKill.commands >= 2) r.killsWithCommandsInFlight++;
      if (atKill.moves >= 2) r.killsWithMovesInFlight++;
      await sim.exited;
      r.kills++;
      await load.stop();
      await initiator.close().catch(() => undefined);
      for (const c of load.log.acknowledged) expected = withTag(expected, c.tag, c.change);
      r.commands += load.log.commands;
      r.moves += load.log.moves;
      r.movesGood += load.log.movesGood;
      r.operatorActions += load.log.operatorActions;
      r.contentChanges += load.log.acknowledged.length;
      for (const [code, n] of Object.entries(load.log.refused))
        r.operatorRefused[code] = (r.operatorRefused[code] ?? 0) + n;
      try {
        sim = await start(o.fixture, statePath, true);
      } catch (e) {
        r.failures.push(
          `kill ${round + 1}: the simulator did not restart from its own state file: ${(e as Error).message}`,
        );
        break;
      }
      r.restarts++;
      const seen = censusOf(await new HttpControlClient(sim.controlUrl).status());
      const verdict = judgeCensus(expected, seen, load.log.inFlight);
      if (verdict.problem) r.failures.push(`kill ${round + 1}: ${verdict.problem}`);
      else r.censusesExact++;
      if (verdict.inFlightApplied) r.inFlightApplied++;
      expected = seen;
      if ((round + 1) % 50 === 0) o.progress?.(`  ${round + 1}/${o.kills} kills, ${r.failures.length} failures`);
    }
    await sim.stop();
    if (r.failures.length === 0) await snapshotKills(o, join(dir, 'large.json'), launch, start, r);
  } finally {
    for (const s of live) s.kill();
    await Promise.all(live.map((s) => s.exited));
    if (r.failures.length === 0) rmSync(dir, { recursive: true, force: true });
    else r.keptDirectory = dir;
  }
  r.seconds = (Date.now() - started) / 1000;
  return r;
}

/** The census after a restart against the prediction; the change in flight may or may not have happened. */
export function judgeCensus(
  expected: string[],
  seen: string[],
  inFlight: ContentChange | undefined,
): { problem?: string; inFlightApplied: boolean } {
  if (censusDifference(expected, seen) === undefined) return { inFlightApplied: false };
  if (inFlight) {
    let alternative: string[] | undefined;
    try {
      alternative = withTag(expected, inFlight.tag, inFlight.change);
    } catch {
      alternative = undefined;
    }
    if (alternative && censusDifference(alternative, seen) === undefined) return { inFlightApplied: true };
  }
  return { problem: censusDifference(expected, seen) as string, inFlightApplied: false };
}

/** Kills aimed at the snapshot write of every start, on a state file of their own. */
async function snapshotKills(
  o: KillCampaignOptions,
  statePath: string,
  launch: (f: string, p: string, i: boolean) => [SimProcess, SimServeOptions],
  start: (f: string, p: string, i: boolean) => Promise<SimProcess>,
  r: KillCampaignResult,
): Promise<void> {
  if (o.snapshotKills === 0) return;
  let sim = await start(o.snapshotFixture, statePath, false);
  let expected = censusOf(await new HttpControlClient(sim.controlUrl).status());
  r.snapshotCartridges = expected.length;
  await sim.stop();
  const tmp = `${statePath}.tmp`;
  for (let i = 0; i < o.snapshotKills && r.failures.length < 10; i++) {
    let child: SimProcess | undefined;
    const watcher = watch(dirname(statePath), (_event, name) => {
      if (name && tmp.endsWith(`/${name}`)) child?.kill();
    });
    try {
      const [c, options] = launch(o.snapshotFixture, statePath, false);
      child = c;
      // A start that got through its snapshot before the signal is killed once ready; the kill still counts.
      await c.ready(options).catch(() => undefined);
      c.kill();
      await c.exited;
    } finally {
      watcher.close();
    }
    r.snapshotKills++;
    if (existsSync(tmp)) r.snapshotKillsInsideWrite++;
    try {
      sim = await start(o.snapshotFixture, statePath, false);
    } catch (e) {
      r.failures.push(
        `snapshot kill ${i + 1}: the simulator did not restart from its own state file: ${(e as Error).message}`,
      );
      return;
    }
    const seen = censusOf(await new HttpControlClient(sim.controlUrl).status());
    const problem = censusDifference(expected, seen);
    if (problem) r.failures.push(`snapshot kill ${i + 1}: ${problem}`);
    expected = seen;
    await sim.stop();
  }
}
