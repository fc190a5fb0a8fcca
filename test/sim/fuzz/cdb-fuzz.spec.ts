/**
 * Fuzz: random CDBs of every length from 0 to 16 bytes (and a few longer) for every operation code 00h-FFh,
 * with and without random data-out, from several nexuses and to an absent LUN, through SimulatedTarget.execute.
 * Nothing may throw, reject or hang; every answer is GOOD, CHECK CONDITION with well-formed sense, BUSY or
 * RESERVATION CONFLICT; the internal-failure path (04/44/00) is never taken.
 * Spec: sim/changer/logical-unit.ts (ScsiLogicalUnit contract), SPC-4 4.5 (sense data), SAM-5 5.3 (status);
 * docs/scsi-model.md 7 and 2.
 * The seed is fixed so runs repeat; set CHANGERBENCH_FUZZ_SEED to explore others.
 */
import { expect } from 'chai';
import { listFixtures, loadPersonality } from '../../../sim/personality/index.js';
import type { Personality } from '../../../sim/personality/personality.js';
import { Opcode } from '../../../scsi/codec/index.js';
import { TEST_PERSONALITY } from '../helpers/test-personality.js';
import { answerProblem, FuzzTarget, SeededRandom } from './support/fuzz-target.js';
import { damage, plausibleCdb } from './support/plausible-cdbs.js';

const SEED = Number(process.env.CHANGERBENCH_FUZZ_SEED ?? 0x5eed_c0de);
const LENGTHS = [...Array.from({ length: 17 }, (_, i) => i), 20, 32, 260];
const NEXUSES = ['fuzz-a', 'fuzz-b', 'fuzz-c'];

type Style = 'random' | 'sparse' | 'control-zero';

/** A CDB of `length` bytes starting with `opcode` (when it has a first byte). */
function makeCdb(rng: SeededRandom, opcode: number, length: number, style: Style): Buffer {
  const cdb = style === 'random' ? rng.bytes(length) : Buffer.alloc(length);
  if (style === 'sparse')
    for (let i = 1; i < length; i++) if (rng.below(4) === 0) cdb[i] = rng.below(4) === 0 ? 0xff : rng.below(256);
  if (style === 'control-zero') {
    rng.bytes(length).copy(cdb);
    if (length > 1) cdb[length - 1] = 0;
    if (length > 2) cdb[1] = (cdb[1] ?? 0) & 0x1f;
  }
  if (length > 0) cdb[0] = opcode;
  return cdb;
}

interface Plan {
  readonly styles: readonly Style[];
  readonly lengths: readonly number[];
  /** Plausible (then perhaps damaged) CDBs per implemented opcode. */
  readonly plausible: number;
}

const IMPLEMENTED = Object.values(Opcode);

async function fuzz(
  personality: Personality,
  plan: Plan,
  seed: number,
): Promise<{ commands: number; failures: string[] }> {
  const rng = new SeededRandom(seed);
  const t = new FuzzTarget(personality);
  const failures: string[] = [];
  let commands = 0;
  try {
    for (let opcode = 0; opcode <= 0xff; opcode++) {
      for (const length of plan.lengths) {
        for (const style of plan.styles) {
          const cdb = makeCdb(rng, opcode, length, style);
          const dataOut = rng.below(3) === 0 ? rng.bytes(rng.below(80)) : undefined;
          const nexus = NEXUSES[rng.below(NEXUSES.length)] ?? 'fuzz-a';
          const lun = rng.below(10) === 0 ? 1 : 0;
          commands++;
          let problem: string | undefined;
          try {
            problem = answerProblem(await t.execute(nexus, lun, cdb, dataOut));
          } catch (e) {
            problem = `threw or never completed: ${(e as Error).message}`;
          }
          if (problem && failures.length < 20)
            failures.push(
              `${problem}; cdb ${cdb.toString('hex') || '(empty)'} lun ${lun} data-out ${dataOut?.toString('hex') ?? 'none'}`,
            );
        }
      }
      // Robot work, inventories and power-on timers the previous commands started finish between opcodes.
      await t.settle();
    }
    const addresses = t.changer.control.status().elements.map((e) => e.address);
    let modeData: Buffer | undefined;
    for (const opcode of IMPLEMENTED) {
      for (let i = 0; i < plan.plausible; i++) {
        const cdb = damage(rng, plausibleCdb(rng, opcode, addresses) ?? Buffer.of(opcode));
        const selecting = opcode === Opcode.MODE_SELECT_6 || opcode === Opcode.MODE_SELECT_10;
        const dataOut =
          selecting && modeData && rng.below(2) === 0
            ? damage(rng, modeData)
            : rng.below(4) === 0
              ? rng.bytes(rng.below(40))
              : undefined;
        const nexus = NEXUSES[rng.below(NEXUSES.length)] ?? 'fuzz-a';
        commands++;
        let problem: string | undefined;
        try {
          const r = await t.execute(nexus, 0, cdb, dataOut);
          problem = answerProblem(r);
          if ((opcode === Opcode.MODE_SENSE_6 || opcode === Opcode.MODE_SENSE_10) && r.dataIn.length > 0)
            modeData = r.dataIn;
        } catch (e) {
          problem = `threw or never completed: ${(e as Error).message}`;
        }
        if (problem && failures.length < 20)
          failures.push(
            `${problem}; cdb ${cdb.toString('hex') || '(empty)'} data-out ${dataOut?.toString('hex') ?? 'none'}`,
          );
        if (i % 25 === 24) await t.settle();
      }
    }
    for (const f of t.internalFailures.slice(0, 5)) failures.push(`internal failure logged: ${f}`);
  } finally {
    t.close();
  }
  return { commands, failures };
}

describe('sim fuzz: random CDBs through SimulatedTarget', function () {
  this.timeout(60_000);

  it(`the test library: every opcode, lengths 0-16, 20, 32, 260, three fill styles, plausible CDBs (seed ${SEED})`, async () => {
    const { commands, failures } = await fuzz(
      TEST_PERSONALITY,
      { styles: ['random', 'sparse', 'control-zero'], lengths: LENGTHS, plausible: 300 },
      SEED,
    );
    expect(commands).to.equal(256 * LENGTHS.length * 3 + IMPLEMENTED.length * 300);
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });

  for (const { id } of listFixtures()) {
    const large = id === 'large-library-20k';
    it(`${id}: every opcode, ${large ? 'lengths 6, 10, 12, 16' : 'every length'}`, async () => {
      const plan: Plan = large
        ? { styles: ['control-zero'], lengths: [6, 10, 12, 16], plausible: 10 }
        : { styles: ['control-zero', 'sparse'], lengths: LENGTHS, plausible: 100 };
      const { failures } = await fuzz(loadPersonality(id), plan, SEED ^ id.length);
      expect(failures, failures.join('\n')).to.deep.equal([]);
    });
  }
});
