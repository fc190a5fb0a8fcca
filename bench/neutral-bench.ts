/**
 * `npm run bench -- --only neutral`: the simulator and tgt side by side, judged by a client that is neither's:
 * libiscsi, through bench/neutral/iscsi-load.c (neutral-client.ts). The same binary with the same options drives
 * both targets; rounds alternate between them; medians of ROUNDS rounds. The simulator runs as users run it:
 * `changerbench sim serve` from dist/ with its shipped defaults (busy polling after answers: 50 µs where two CPUs
 * are usable, as `sim serve --help` says; pino at warn) plus `--start-ready --time-scale 1000000000` (mechanics
 * no longer pace the library: tgt's changer has none), with and without `--state`. tgt is Debian's tgtd with
 * the same element counts (23 storage + 1 IE, and 20,000 storage). Also: the disk's own floor for a durable move
 * (a 64-byte write + fdatasync into a preallocated file, and an append + fsync, in the directory of the state
 * file) and the 20,000-slot simulator's resident memory under 8 READ ELEMENT STATUS in flight.
 * Our own initiator's rows (bench/iscsi-bench.ts) are secondary figures. `--neutral-rows tur,res23,move,durable,large`
 * runs only those groups of rows (the disk floor always).
 * Spec: SPC-4 6.47 TEST UNIT READY; SMC-3 6.6 MOVE MEDIUM, 6.10 READ ELEMENT STATUS; docs/tgt-quirks.md.
 * See docs/smc-reference.md 1.2 (MOVE MEDIUM, READ ELEMENT STATUS), docs/scsi-model.md 10 (TEST UNIT READY).
 */
import { closeSync, fdatasyncSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tgtMissingReason } from '../test/support/tgt.js';
import { processCpuMs, rssMb, startSimulator } from './bench-targets.js';
import { fmt, stats, type Row, type Stats } from './measure.js';
import { buildNeutralClient, neutralClientMissingReason, type NeutralOp, type NeutralRound } from './neutral-client.js';
import { closeAll, openTarget, startTgtTarget, type Target } from './neutral-targets.js';
import { openForDurableWrites, writeDurablyAt } from '../sim/persistence/durable-files.js';

const INSTANT_SCALE = 1_000_000_000;
const ROUNDS = 7;
const ROUND_MS = 400;
const WARMUP_MS = 400;
const FSYNC_SAMPLES = 300;
/** fdatasync samples taken after each round of the durable 1-in-flight row (the disk's floor at the time). */
const ALONGSIDE_SAMPLES = 50;
/** Row groups `--neutral-rows a,b` can pick (default all). */
const ROW_GROUPS = ['tur', 'res23', 'move', 'durable', 'large'] as const;

function wantedRows(argv: readonly string[]): ReadonlySet<string> {
  const at = argv.indexOf('--neutral-rows');
  if (at < 0) return new Set(ROW_GROUPS);
  const names = (argv[at + 1] ?? '').split(',');
  for (const n of names)
    if (!(ROW_GROUPS as readonly string[]).includes(n))
      throw new Error(`--neutral-rows: unknown row group "${n}"; groups: ${ROW_GROUPS.join(',')}`);
  return new Set(names);
}

interface Measured {
  /** Operations per second (MOVE: pairs per second). */
  readonly rate: Stats;
  readonly bytes: number;
  readonly cpuUsPerOp: number | undefined;
  readonly errors: number;
  readonly error: string;
}

/** Warm-up rounds, then ROUNDS rounds alternating between the targets; each one's median and CPU per operation. */
async function sideBySide(
  targets: readonly Target[],
  op: (t: Target) => NeutralOp,
  depth: number,
  perOp: number,
  afterRound?: () => void,
): Promise<Measured[]> {
  for (const t of targets) await t.client.round(op(t), depth, WARMUP_MS);
  const rounds: NeutralRound[][] = targets.map(() => []);
  const cpu: (number | undefined)[] = targets.map(() => 0);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, t] of targets.entries()) {
      const before = processCpuMs(t.pid);
      rounds[i]!.push(await t.client.round(op(t), depth, ROUND_MS));
      const after = processCpuMs(t.pid);
      const sofar = cpu[i];
      cpu[i] =
        sofar !== undefined && before !== undefined && after !== undefined ? sofar + (after - before) : undefined;
    }
    afterRound?.();
  }
  return targets.map((_, i) => {
    const rs = rounds[i]!;
    const ops = rs.reduce((n, x) => n + x.count, 0) / perOp;
    const c = cpu[i];
    return {
      rate: stats(rs.map((x) => (x.count * 1000) / perOp / x.ms)),
      bytes: rs[rs.length - 1]?.bytes ?? 0,
      cpuUsPerOp: c !== undefined && ops > 0 ? (c * 1000) / ops : undefined,
      errors: rs.reduce((n, x) => n + x.errors, 0),
      error: rs.find((x) => x.error !== '')?.error ?? '',
    };
  });
}

/**
 * The disk's floor for one durable commit in `dir`, in µs: a 64-byte pwrite + fdatasync into a preallocated file,
 * the same pwrite on a descriptor opened with O_DSYNC (how the simulator's journal commits on Linux,
 * sim/persistence/durable-files.ts; empty where the platform has no O_DSYNC), and an append + fsync.
 */
function measureSyncFloor(
  dir: string,
  samples = FSYNC_SAMPLES,
): { fdatasyncUs: Stats; appendFsyncUs: Stats; datasync: number[]; odsync: number[] } {
  const record = Buffer.alloc(64, 0x2a);
  /** µs of each of `samples` calls of `write(i)`. */
  const timeEach = (write: (i: number) => void): number[] =>
    Array.from({ length: samples }, (_, i) => {
      const t0 = performance.now();
      write(i);
      return (performance.now() - t0) * 1000;
    });
  const pre = join(dir, 'floor-preallocated');
  const fd = openSync(pre, 'w');
  writeSync(fd, Buffer.alloc(samples * 64));
  fsyncSync(fd);
  const datasync = timeEach((i) => {
    writeSync(fd, record, 0, 64, i * 64);
    fdatasyncSync(fd);
  });
  closeSync(fd);
  // The journal's own commit (sim/persistence/durable-files.ts): one pwrite on an O_DSYNC descriptor on Linux.
  const journal = openForDurableWrites(pre);
  const odsync = journal.writesAreDurable ? timeEach((i) => writeDurablyAt(journal, record, i * 64)) : [];
  closeSync(journal.fd);
  const app = openSync(join(dir, 'floor-append'), 'a');
  const append = timeEach(() => {
    writeSync(app, record);
    fsyncSync(app);
  });
  closeSync(app);
  return { fdatasyncUs: stats(datasync), appendFsyncUs: stats(append), datasync, odsync };
}

const cpuText = (m: Measured | undefined, unit: string) =>
  m?.cpuUsPerOp === undefined ? 'n/a' : `${fmt(m.cpuUsPerOp, 1)} µs/${unit}`;
const errText = (name: string, m: Measured) => (m.errors > 0 ? `; ${name} ${fmt(m.errors)} errors (${m.error})` : '');

/** A row comparing the simulator with tgt. */
function comparisonRow(
  name: string,
  unit: string,
  target: string,
  sim: Measured,
  tgt: Measured | undefined,
  remark = '',
): Row {
  const ratio = tgt && tgt.rate.median > 0 ? sim.rate.median / tgt.rate.median : undefined;
  const per = unit === 'pairs/s' ? 'pair' : 'cmd';
  return {
    group: 'neutral client (libiscsi)',
    name,
    value: `sim ${fmt(sim.rate.median)} ${unit} | tgt ${tgt ? `${fmt(tgt.rate.median)} ${unit}` : 'n/a'}`,
    target,
    note: `${remark}sim/tgt ${ratio === undefined ? 'n/a' : fmt(ratio, 2)}; target CPU sim ${cpuText(sim, per)} tgt ${cpuText(tgt, per)}; sim rounds ${fmt(sim.rate.min)}..${fmt(sim.rate.max)}${tgt ? `, tgt ${fmt(tgt.rate.min)}..${fmt(tgt.rate.max)}` : ''}${errText('sim', sim)}${tgt ? errText('tgt', tgt) : ''}`,
  };
}

/** The section: rows described at the top of this file. */
export async function benchNeutral(): Promise<Row[]> {
  const missing = neutralClientMissingReason();
  if (missing !== undefined) {
    console.error(`neutral bench: ${missing}; section skipped`);
    return [{ group: 'neutral client (libiscsi)', name: 'not run', value: 'n/a', note: missing }];
  }
  const wanted = wantedRows(process.argv);
  const binary = buildNeutralClient();
  const tgtMissing = tgtMissingReason();
  if (tgtMissing !== undefined) console.error(`neutral bench: ${tgtMissing}; tgt columns are n/a`);
  const dir = mkdtempSync(join(tmpdir(), 'changerbench-neutral-'));
  const rows: Row[] = [];
  const open: Target[] = [];
  const track = (t: Target) => (open.push(t), t);
  try {
    const floor = measureSyncFloor(dir);
    const floorPerSec = 1e6 / floor.fdatasyncUs.median;
    rows.push({
      group: 'neutral client (libiscsi)',
      name: `disk floor in ${tmpdir()}: 64-byte write + fdatasync (preallocated)`,
      value: `${fmt(floor.fdatasyncUs.median)} µs (${fmt(floorPerSec)} commits/s)`,
      note: `${floor.odsync.length > 0 ? `the same write on an O_DSYNC descriptor (the journal's way) ${fmt(stats(floor.odsync).median)} µs; ` : ''}append + fsync ${fmt(floor.appendFsyncUs.median)} µs; ${FSYNC_SAMPLES} samples each, ${fmt(floor.fdatasyncUs.min)}..${fmt(floor.fdatasyncUs.max)} µs`,
    });
    const sim = track(
      await openTarget('sim', binary, await startSimulator('ibm-ts3100', INSTANT_SCALE, false, undefined)),
    );
    const tgt = tgtMissing === undefined ? track(await openTarget('tgt', binary, await startTgtTarget(23))) : undefined;
    const both = tgt ? [sim, tgt] : [sim];
    const pair = (ms: Measured[]) => [ms[0]!, ms[1]] as const;
    for (const depth of wanted.has('tur') ? [1, 8] : []) {
      const [s, t] = pair(await sideBySide(both, () => ({ kind: 'tur' }), depth, 1));
      rows.push(comparisonRow(`TEST UNIT READY, ${depth} in flight`, '/s', 'sim >= 1.2 x tgt', s, t));
    }
    for (const depth of wanted.has('res23') ? [1, 8] : []) {
      const res = (x: Target): NeutralOp => ({
        kind: 'res',
        start: x.firstStorage,
        count: x.storageCount,
        allocationLength: 65536,
      });
      const [s, t] = pair(await sideBySide(both, res, depth, 1));
      rows.push(
        comparisonRow(`READ ELEMENT STATUS, 23 slots, VOLTAG, ${depth} in flight`, 'calls/s', 'sim >= 1.2 x tgt', s, t),
      );
    }
    for (const target of both)
      if (target.lanes.length < 8)
        throw new Error(`MOVE rows need 8 full and 8 empty slots; ${target.name} has ${target.lanes.length} pairs`);
    const move = (x: Target): NeutralOp => ({ kind: 'move', transport: 0, lanes: x.lanes });
    for (const depth of wanted.has('move') ? [1, 8] : []) {
      const [s, t] = pair(await sideBySide(both, move, depth, 2));
      rows.push(
        comparisonRow(`MOVE MEDIUM pairs, no --state, ${depth} in flight`, 'pairs/s', 'sim >= 1.2 x tgt', s, t),
      );
    }
    if (wanted.has('durable')) {
      const durable = track(
        await openTarget(
          'sim --state',
          binary,
          await startSimulator('ibm-ts3100', INSTANT_SCALE, false, undefined, ['--state', join(dir, 'ts3100.state')]),
        ),
      );
      const durableBoth = tgt ? [durable, tgt] : [durable];
      const durableRates: number[] = [];
      // The disk is shared: its floor is measured again between the rounds, and the row is judged against that.
      const alongside: number[] = [];
      const alongsideDsync: number[] = [];
      const sampleFloor = () => {
        const f = measureSyncFloor(dir, ALONGSIDE_SAMPLES);
        alongside.push(...f.datasync);
        alongsideDsync.push(...f.odsync);
      };
      for (const depth of [1, 8]) {
        const [s, t] = pair(await sideBySide(durableBoth, move, depth, 2, depth === 1 ? sampleFloor : undefined));
        durableRates.push(s.rate.median);
        const movesPerSec = s.rate.median * 2;
        // a share of one commit per floor sample: moves per second times the floor's µs per commit
        const share = (floorUs: number) => `${fmt(floorUs)} µs: ${fmt((movesPerSec * floorUs) / 1e4)}%`;
        const between = [
          `floor between the rounds ${share(stats(alongside).median)}`,
          ...(alongsideDsync.length > 0
            ? [`O_DSYNC write between the rounds ${share(stats(alongsideDsync).median)}`]
            : []),
        ].join('; ');
        const atStart = `${fmt((100 * movesPerSec) / floorPerSec)}% of one commit per fdatasync`;
        const remark =
          depth === 1
            ? `${fmt(movesPerSec)} durable moves/s = ${atStart} (${between}); `
            : `${fmt(s.rate.median / (durableRates[0] ?? 1), 2)} x the 1-in-flight row; `;
        rows.push(
          comparisonRow(
            `MOVE MEDIUM pairs, sim --state, ${depth} in flight`,
            'pairs/s',
            depth === 1 ? '>= 80% of the fdatasync floor' : '>= 5 x 1 in flight',
            s,
            t,
            remark,
          ),
        );
      }
    }
    await closeAll(open.splice(0));
    if (!wanted.has('large')) return rows;
    const large = track(
      await openTarget('sim 20k', binary, await startSimulator('large-library-20k', INSTANT_SCALE, false, undefined)),
    );
    const tgtLarge =
      tgtMissing === undefined ? track(await openTarget('tgt 20k', binary, await startTgtTarget(20_000))) : undefined;
    const largeBoth = tgtLarge ? [large, tgtLarge] : [large];
    const res20k = (x: Target): NeutralOp => ({
      kind: 'res',
      start: x.firstStorage,
      count: x.storageCount,
      allocationLength: 8 + 8 + x.storageCount * 52 + 4096,
    });
    for (const depth of [1, 8]) {
      const [s, t] = pair(await sideBySide(largeBoth, res20k, depth, 1));
      rows.push(
        comparisonRow(
          `READ ELEMENT STATUS, 20,000 slots, VOLTAG, ${depth} in flight`,
          'calls/s',
          'sim >= 1.2 x tgt',
          s,
          t,
          `${fmt(s.bytes)} bytes per call; `,
        ),
      );
    }
    const rss = rssMb(large.pid);
    rows.push({
      group: 'neutral client (libiscsi)',
      name: 'resident memory of sim serve, 20,000 slots, after 8 READ ELEMENT STATUS in flight',
      value: rss === undefined ? 'n/a' : `${fmt(rss, 1)} MB`,
      target: '< 100 MB',
    });
  } finally {
    await closeAll(open);
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
