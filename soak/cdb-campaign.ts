/**
 * Campaign 1 (docs/reliability.md 2): random CDBs through every transport, each lane with its own simulator
 * started from the same fixture, the same commands in the same order, settled after every command that may start
 * mechanical work, so every lane meets the same state. Part A: CDBs of the length every transport delivers
 * unchanged (cdb-cases.ts iscsiDeliveredLength) over iSCSI (our initiator), serial (PTY) and libiscsi against two
 * in-process references. Then each transport goes on alone with its own reference, from the same state: part S,
 * CDBs of any length 1-16 over serial; part L, CDBs of 17-260 bytes (variable-length, Extended CDB AHS) over our
 * iSCSI initiator. Resident memory of every child is sampled after warm-up and at the end.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { PtyPair } from '../test/support/pty-pair.js';
import type { Answer } from './answer.js';
import { CdbCaseSource, type CdbCase } from './cdb-cases.js';
import { CdbVerdicts } from './cdb-verdicts.js';
import { InProcessLane } from './lanes/in-process-lane.js';
import { openIscsiLane } from './lanes/iscsi-lane.js';
import { MECHANICAL_OPCODES, type Lane } from './lanes/lane.js';
import { LibiscsiLane } from './lanes/libiscsi-lane.js';
import { openSerialLane } from './lanes/serial-lane.js';
import { buildLibiscsiClient } from './libiscsi-build.js';
import { sampleProcess } from './proc-stats.js';
import { SimProcess, type SimEntry } from './sim-process.js';

/** Bounds of the campaign. */
export interface CdbCampaignOptions {
  readonly entry: SimEntry;
  readonly fixture: string;
  readonly seed: number;
  /** Part A commands per lane. */
  readonly cdbs: number;
  /** Part S commands (any length 1-16) over serial. */
  readonly anyLengthCdbs: number;
  /** Of those, how many also go through libiscsi (0: no libiscsi lane). */
  readonly libiscsiCdbs: number;
  /** Part L commands (CDBs of 17-260 bytes) over our iSCSI initiator. */
  readonly longCdbs: number;
  /** Commands before the warm-up memory sample. */
  readonly warmup: number;
  readonly progress?: ((text: string) => void) | undefined;
}

/** Resident memory of one child. */
export interface MemoryFigure {
  readonly lane: string;
  readonly warmRss: number;
  readonly endRss: number;
  readonly alive: boolean;
}

/** What the campaign found. */
export interface CdbCampaignResult {
  readonly verdicts: CdbVerdicts;
  readonly memory: MemoryFigure[];
  readonly seconds: number;
  /** Why libiscsi was left out, if it was. */
  readonly libiscsiSkipped: string | undefined;
}

const CHUNK = 500;

/** Runs the campaign; every process it starts is ended before it returns. */
export async function runCdbCampaign(o: CdbCampaignOptions): Promise<CdbCampaignResult> {
  const started = Date.now();
  const sims: SimProcess[] = [];
  const lanes: Lane[] = [];
  let pty: PtyPair | undefined;
  const verdicts = new CdbVerdicts();
  const memory: MemoryFigure[] = [];
  let libiscsiSkipped: string | undefined;
  let builtDir: string | undefined;
  try {
    const spawnSim = async (extra: { iscsi?: boolean; serialPaths?: string[] }) => {
      const s = await SimProcess.start({ entry: o.entry, fixture: o.fixture, control: true, ...extra });
      sims.push(s);
      return s;
    };
    const reference = await InProcessLane.open(o.fixture);
    const serialReference = await InProcessLane.open(o.fixture, 'in-process-2');
    const iscsi = await openIscsiLane(await spawnSim({ iscsi: true }));
    pty = await PtyPair.start();
    const serial = await openSerialLane(await spawnSim({ serialPaths: [pty.b] }), pty.a);
    lanes.push(reference, serialReference, iscsi, serial);
    let libiscsi: LibiscsiLane | undefined;
    if (o.libiscsiCdbs > 0) {
      const built = buildLibiscsiClient();
      if ('reason' in built) libiscsiSkipped = built.reason;
      else {
        builtDir = dirname(built.path);
        lanes.push((libiscsi = await LibiscsiLane.open(await spawnSim({ iscsi: true }), built.path)));
      }
    }
    const warm = new Map<string, number>();
    const sampleWarm = () => {
      for (const l of lanes) if (l.pid !== undefined) warm.set(l.name, sampleProcess(l.pid)?.rssBytes ?? 0);
    };
    const partA = new CdbCaseSource(o.seed, 'wire');
    await runPart(
      o.cdbs,
      (i) => (i >= o.libiscsiCdbs ? lanes.filter((l) => l !== libiscsi) : lanes),
      partA,
      verdicts,
      reference.name,
      o,
      sampleWarm,
    );
    await runPart(
      o.anyLengthCdbs,
      () => [serialReference, serial],
      new CdbCaseSource(o.seed ^ 0x0005_e71a, 'any16'),
      verdicts,
      serialReference.name,
      o,
      () => undefined,
    );
    await runPart(
      o.longCdbs,
      () => [reference, iscsi],
      new CdbCaseSource(o.seed ^ 0x5a5a_1234, 'long'),
      verdicts,
      reference.name,
      o,
      () => undefined,
    );
    for (const r of [reference, serialReference])
      if (r.internalFailures.length > 0)
        throw new Error(
          `the in-process simulator logged internal failures: ${r.internalFailures.slice(0, 3).join('; ')}`,
        );
    for (const l of lanes) {
      if (l.pid === undefined) continue;
      const end = sampleProcess(l.pid);
      memory.push({
        lane: l.name,
        warmRss: warm.get(l.name) ?? 0,
        endRss: end?.rssBytes ?? 0,
        alive:
          end !== undefined &&
          sims.some((s) => s.pid === l.pid && s.child.exitCode === null && s.child.signalCode === null),
      });
    }
  } finally {
    for (const l of lanes) await l.close().catch(() => undefined);
    for (const s of sims) await s.stop();
    await pty?.stop();
    if (builtDir) rmSync(builtDir, { recursive: true, force: true });
  }
  return { verdicts, memory, seconds: (Date.now() - started) / 1000, libiscsiSkipped };
}

/** Sends `count` cases in chunks, every lane concurrently, each lane in order; judges each case. */
async function runPart(
  count: number,
  lanesFor: (index: number) => Lane[],
  source: CdbCaseSource,
  verdicts: CdbVerdicts,
  reference: string,
  o: CdbCampaignOptions,
  afterWarmup: () => void,
): Promise<void> {
  let warmed = false;
  for (let done = 0; done < count;) {
    const cases: CdbCase[] = [];
    for (let i = 0; i < Math.min(CHUNK, count - done); i++) cases.push(source.next());
    const lanes = lanesFor(done);
    const answers = await Promise.all(lanes.map((l) => runChunk(l, cases)));
    cases.forEach((c, i) => verdicts.judge(c, new Map(lanes.map((l, k) => [l.name, answers[k]![i]!])), reference));
    done += cases.length;
    if (!warmed && done >= o.warmup) {
      warmed = true;
      afterWarmup();
    }
    if (done % 20_000 < CHUNK) o.progress?.(`  ${done}/${count} commands, ${verdicts.failures} findings`);
  }
}

/**
 * Sends the cases in order, up to `lane.depth` in flight; a command that may start mechanical work waits for
 * everything before it, goes alone and is followed by settling, so no command ever meets a moving robot.
 */
async function runChunk(lane: Lane, cases: readonly CdbCase[]): Promise<Answer[]> {
  const out: Answer[] = new Array<Answer>(cases.length);
  const pending: Promise<void>[] = [];
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i] as CdbCase;
    if (c.cdb.length > lane.maxCdbLength) throw new Error(`lane ${lane.name} cannot carry a ${c.cdb.length}-byte CDB`);
    if (MECHANICAL_OPCODES.has(c.cdb[0] as number)) {
      await Promise.all(pending.splice(0));
      out[i] = await lane.run(c);
      await lane.settle();
      continue;
    }
    pending.push(lane.run(c).then((a) => void (out[i] = a)));
    if (pending.length >= lane.depth) await pending.shift();
  }
  await Promise.all(pending);
  return out;
}
