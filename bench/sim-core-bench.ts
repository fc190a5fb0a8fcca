/**
 * Issue 2's benchmark: the simulator in-process on the 20,000-slot library. Figures: READ ELEMENT STATUS of all
 * elements with volume tags (ms per call, bytes), MOVE MEDIUM per second, TEST UNIT READY per second, resident
 * memory after load. Targets from the issue: RES < 10 ms, TUR >= 200,000/s, RSS < 100 MB.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { VirtualClock } from '../common/clock/clock.js';
import {
  encodeMoveMediumCdb,
  encodeReadElementStatusCdb,
  encodeTestUnitReadyCdb,
  ScsiStatus,
} from '../scsi/codec/index.js';
import { loadPersonality } from '../sim/personality/index.js';
import { performance } from 'node:perf_hooks';
import { fmt, rate, stats, timeRounds, type Row } from './measure.js';
import { createInProcessTarget } from '../sim/changer/in-process-target.js';

const MB = 1024 * 1024;

/** RSS of a plain node process (compiled dist/, no tsx) holding the loaded library: the figure for the target. */
function plainNodeRss(group: string): Row {
  const probe = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url));
  const r = spawnSync(process.execPath, ['--expose-gc', probe], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0)
    return {
      group,
      name: 'resident memory after load (plain node)',
      value: 'n/a',
      target: '< 100 MB',
      note: `probe failed (run npm run build): ${(r.stderr || '').split('\n')[0] ?? ''}`,
    };
  const { before, after } = JSON.parse(r.stdout) as { before: number; after: number };
  return {
    group,
    name: 'resident memory after load (plain node)',
    value: `${fmt(after / MB, 1)} MB`,
    target: '< 100 MB',
    note: `same process before load ${fmt(before / MB, 1)} MB; compiled dist/, one RES answered`,
  };
}

export async function benchSimCore(): Promise<Row[]> {
  const rows: Row[] = [];
  const group = 'sim in-process, large-library-20k';
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const personality = loadPersonality('large-library-20k');
  const clock = new VirtualClock();
  const { changer, target } = createInProcessTarget(personality, { clock, startReady: true });
  const nexus = 'bench';
  // Consume the power-on unit attention.
  await target.execute(nexus, 0, encodeTestUnitReadyCdb());
  globalThis.gc?.();
  const rssAfter = process.memoryUsage().rss;
  rows.push({
    group,
    name: 'resident memory after load (this tsx process)',
    value: `${fmt(rssAfter / MB, 1)} MB`,
    note: `tsx + node before load ${fmt(rssBefore / MB, 1)} MB`,
  });
  rows.push(plainNodeRss(group));

  const res = encodeReadElementStatusCdb({
    voltag: true,
    elementType: 0,
    startingAddress: 0,
    numberOfElements: 0xffff,
    allocationLength: 0xffffff,
  });
  let bytes = 0;
  let elements = 0;
  const resStats = await timeRounds(30, 5, async () => {
    const r = await target.execute(nexus, 0, res);
    if (r.status !== ScsiStatus.GOOD) throw new Error(`READ ELEMENT STATUS failed: status ${r.status}`);
    bytes = r.dataIn.length;
    elements = r.dataIn.readUInt16BE(2);
  });
  rows.push({
    group,
    name: `READ ELEMENT STATUS all ${fmt(elements)} elements, VOLTAG`,
    value: `${fmt(resStats.median, 2)} ms/call`,
    target: '< 10 ms',
    note: `${fmt(bytes)} bytes; min ${fmt(resStats.min, 2)} max ${fmt(resStats.max, 2)} ms, ${resStats.samples} runs`,
  });

  // The same read right after a state change (a MOVE MEDIUM between reads), so no cached report can be reused.
  {
    const v = changer.control.status();
    const src = v.elements.find((e) => e.type === 'storage' && e.cartridge && e.accessible);
    const dst = v.elements.find((e) => e.type === 'storage' && !e.cartridge && e.accessible);
    if (!src || !dst) throw new Error('the 20k fixture needs a full and an empty storage slot');
    const moves = [
      encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: src.address, destinationAddress: dst.address }),
      encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: dst.address, destinationAddress: src.address }),
    ];
    const times: number[] = [];
    for (let i = 0; i < 35; i++) {
      const moved = await clock.runUntil(target.execute(nexus, 0, moves[i % 2] ?? res));
      if (moved?.status !== ScsiStatus.GOOD) throw new Error(`MOVE MEDIUM failed: status ${moved?.status}`);
      const t0 = performance.now();
      const r = await target.execute(nexus, 0, res);
      if (i >= 5) times.push(performance.now() - t0);
      if (r.status !== ScsiStatus.GOOD) throw new Error(`READ ELEMENT STATUS failed: status ${r.status}`);
    }
    const after = stats(times);
    rows.push({
      group,
      name: 'READ ELEMENT STATUS all elements, right after a MOVE',
      value: `${fmt(after.median, 2)} ms/call`,
      target: '< 10 ms',
      note: `no cached report; min ${fmt(after.min, 2)} max ${fmt(after.max, 2)} ms, ${after.samples} runs`,
    });
  }

  const tur = encodeTestUnitReadyCdb();
  const turRate = await rate(7, 200_000, () => target.execute(nexus, 0, tur));
  rows.push({
    group,
    name: 'TEST UNIT READY',
    value: `${fmt(turRate.median)} /s`,
    target: '>= 200,000 /s',
    note: `median of ${turRate.samples} rounds of 200,000; min ${fmt(turRate.min)}`,
  });

  // MOVE MEDIUM: a full slot to an empty one and back, the mechanical time skipped by the virtual clock.
  const view = changer.control.status();
  const full = view.elements.find((e) => e.type === 'storage' && e.cartridge && e.accessible);
  const empty = view.elements.find((e) => e.type === 'storage' && !e.cartridge && e.accessible);
  if (!full || !empty) throw new Error('the 20k fixture needs a full and an empty storage slot');
  const there = encodeMoveMediumCdb({
    transportAddress: 0,
    sourceAddress: full.address,
    destinationAddress: empty.address,
  });
  const back = encodeMoveMediumCdb({
    transportAddress: 0,
    sourceAddress: empty.address,
    destinationAddress: full.address,
  });
  let flip = false;
  const simStart = clock.now();
  const moveRate = await rate(5, 2000, async () => {
    flip = !flip;
    const r = await clock.runUntil(target.execute(nexus, 0, flip ? there : back));
    if (r?.status !== ScsiStatus.GOOD) throw new Error(`MOVE MEDIUM failed: status ${r?.status}`);
  });
  const simulatedSeconds = (clock.now() - simStart) / 1000;
  rows.push({
    group,
    name: 'MOVE MEDIUM (virtual clock)',
    value: `${fmt(moveRate.median)} /s`,
    note: `${fmt(simulatedSeconds)} s of simulated robot time covered; ${personality.timing.moveMs} ms per move simulated`,
  });
  changer.close();
  return rows;
}
