import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VirtualClock } from '../../../common/clock/clock.js';
import { SimulatedChanger } from '../../../sim/changer/simulated-changer.js';
import { TEST_PERSONALITY } from '../helpers/test-personality.js';
import { journalStateFile } from '../../../sim/persistence/journal-store.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kill-child.ts');
const ROUNDS = 30;

/** Volume tag by address, as a restarted simulator sees the state file. */
function restart(statePath: string): Map<number, string> {
  const changer = new SimulatedChanger(TEST_PERSONALITY, {
    clock: new VirtualClock(),
    stateStore: journalStateFile(statePath),
    startReady: true,
  });
  const m = new Map<number, string>();
  for (const e of changer.control.status().elements) if (e.cartridge) m.set(e.address, e.cartridge.volumeTag);
  changer.close();
  return m;
}

function applyMove(m: Map<number, string>, source: number, destination: number): Map<number, string> {
  const next = new Map(m);
  const tag = next.get(source);
  if (tag === undefined || next.has(destination))
    throw new Error(`the child moved ${source}->${destination} against the acknowledged state`);
  next.delete(source);
  next.set(destination, tag);
  return next;
}

/** mulberry32, seeded: the test's own randomness. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RoundLog {
  acknowledged: { source: number; destination: number }[];
  inFlight: { source: number; destination: number } | undefined;
}

/** Runs the child until `killAfterMs` after its first acknowledgement, then SIGKILLs it. */
function runChild(statePath: string, seed: number, killAfterMs: number): Promise<RoundLog> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, statePath, String(seed)], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: RoundLog = { acknowledged: [], inFlight: undefined };
    let buffered = '';
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, , a, b] = line.split(' ');
        if (kind === 'BEGIN') log.inFlight = { source: Number(a), destination: Number(b) };
        else if (kind === 'ACK') {
          // A move refused with CHECK CONDITION (a cleaner still cleaning in a drive: 02/04/07) changed nothing.
          if (a === '0' && log.inFlight) log.acknowledged.push(log.inFlight);
          log.inFlight = undefined;
          if (!armed) {
            armed = true;
            setTimeout(() => child.kill('SIGKILL'), killAfterMs);
          }
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(log);
      else reject(new Error(`child exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

describe('sim persistence under SIGKILL', function () {
  this.timeout(240_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chb-sim-kill-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged move and loses or duplicates no cartridge over ${ROUNDS} kills`, async () => {
    const statePath = path.join(dir, 'library.json');
    const random = prng(20260101);
    let expected = restart(statePath);
    const tags = [...expected.values()].sort();
    let totalAcks = 0;
    let inFlightApplied = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const log = await runChild(statePath, 1000 + round, Math.floor(random() * 60));
      for (const m of log.acknowledged) expected = applyMove(expected, m.source, m.destination);
      totalAcks += log.acknowledged.length;
      const restored = restart(statePath);
      expect(
        [...restored.values()].sort(),
        `round ${round}: the same cartridges, none lost or duplicated`,
      ).to.deep.equal(tags);
      const inFlight = log.inFlight;
      const matchesAck = JSON.stringify([...restored].sort()) === JSON.stringify([...expected].sort());
      if (!matchesAck) {
        expect(
          inFlight,
          `round ${round}: restored state differs from the acknowledged one without a move in flight`,
        ).not.to.equal(undefined);
        const withInFlight = applyMove(expected, inFlight!.source, inFlight!.destination);
        expect(
          [...restored].sort(),
          `round ${round}: restored state is the acknowledged one or that plus the move in flight`,
        ).to.deep.equal([...withInFlight].sort());
        inFlightApplied++;
      }
      expected = restored;
    }
    expect(totalAcks, 'the child made progress').to.be.greaterThan(ROUNDS);
    expect(inFlightApplied).to.be.at.most(ROUNDS);
  });
});
