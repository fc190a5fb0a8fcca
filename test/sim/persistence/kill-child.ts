/**
 * Child process of the kill test: runs a simulator with a state file and performs random moves forever,
 * printing "BEGIN n source destination" before each move and "ACK n status" once its status is back.
 * Arguments: state file path, PRNG seed. Run with `node --import tsx`.
 */
import { VirtualClock } from '../../../common/clock/clock.js';
import { encodeMoveMediumCdb, encodeTestUnitReadyCdb } from '../../../scsi/codec/index.js';
import { SimulatedChanger } from '../../../sim/changer/simulated-changer.js';
import { TEST_PERSONALITY } from '../helpers/test-personality.js';
import { journalStateFile } from '../../../sim/persistence/journal-store.js';

const [statePath, seedText] = process.argv.slice(2);
if (!statePath || !seedText) throw new Error('usage: kill-child <state file> <seed>');

/** mulberry32: a small seeded PRNG (tests inject their randomness). */
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

const random = prng(Number(seedText));
const clock = new VirtualClock();
const changer = new SimulatedChanger(TEST_PERSONALITY, {
  clock,
  stateStore: journalStateFile(statePath, { compactAfterBytes: 3000 }),
  startReady: true,
});
const pickOne = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;

async function main(): Promise<void> {
  for (let i = 0; i < 5; i++) await clock.runUntil(changer.execute('kill-test', encodeTestUnitReadyCdb()));
  for (let n = 0; ; n++) {
    const elements = changer.control.status().elements.filter((e) => e.type !== 'transport');
    const full = elements.filter((e) => e.cartridge);
    const empty = elements.filter((e) => !e.cartridge);
    const source = pickOne(full).address;
    const destination = pickOne(empty).address;
    process.stdout.write(`BEGIN ${n} ${source} ${destination}\n`);
    const r = await clock.runUntil(
      changer.execute(
        'kill-test',
        encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: source, destinationAddress: destination }),
      ),
    );
    process.stdout.write(`ACK ${n} ${r?.status ?? -1}\n`);
  }
}

void main();
