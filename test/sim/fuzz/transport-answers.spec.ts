/**
 * The same CDB in the same state gets the same answer (status, sense bytes, data-in) in-process, over iSCSI and
 * over serial: one device server decides, the transports only carry bytes (issue 16 defect 1: the iSCSI target
 * answered REPORT LUNS itself, without a field pointer for a bad SELECT REPORT and GOOD with NACA set).
 * Three identical simulated changers, one behind each transport (support/transport-trio.ts), get the same
 * sequence: the CDBs of the issue, then seeded random CDBs of every operation code and plausible CDBs of every
 * implemented command, with random allocation lengths, data-out and LUNs, and CDBs longer than 16 bytes (iSCSI's
 * extended CDB AHS; serial carries at most 16, so those are compared in-process and over iSCSI). A CDB shorter than 16 bytes is sent at its operation code's length: iSCSI carries no CDB
 * length (RFC 7143 11.3.5, docs/iscsi.md 7.5: the target takes the group code's), so shorter CDBs cannot be compared.
 * Spec: SAM-5 Execute Command; SPC-4 4.5.2.4 (field pointer); SAM-5 (CONTROL byte: NACA); RFC 7143 11.3.5, 11.3.7.
 * SAM-5 and SPC-4, in our words: docs/scsi-model.md 1, 7.2 and 6.
 * The seed is fixed so runs repeat; set CHANGERBENCH_FUZZ_SEED to explore others.
 */
import { expect } from 'chai';
import { cdbLengthForOpcode, decodeSense, Opcode, ScsiStatus } from '../../../scsi/codec/index.js';
import type { ScsiCommand } from '../../../scsi/transport/scsi-transport.js';
import { socatMissingReason } from '../../support/pty-pair.js';
import { loadPersonality } from '../../../sim/personality/index.js';
import { TEST_PERSONALITY } from '../helpers/test-personality.js';
import { answerProblem, SeededRandom } from './support/fuzz-target.js';
import { damage, plausibleCdb } from './support/plausible-cdbs.js';
import { TransportTrio, type Answer } from './support/transport-trio.js';

const SEED = Number(process.env.CHANGERBENCH_FUZZ_SEED ?? 0x7a4e_5001);
const skip = socatMissingReason();

/** What the three answered, when they differ (undefined when they agree). */
function disagreement(
  trio: TransportTrio,
  command: ScsiCommand,
  answers: readonly (Answer | undefined)[],
): string | undefined {
  const carried = answers.filter((a) => a !== undefined);
  if (carried.every((a) => JSON.stringify(a) === JSON.stringify(carried[0]))) return undefined;
  const at = firstDifference(carried.map((a) => a.data));
  const said = answers
    .map((a, i) =>
      a
        ? `${trio.names[i]}: status ${a.status} sense ${a.sense || '-'} data (${a.data.length / 2} bytes) ${a.data.slice(at, at + 64) || '-'}`
        : '',
    )
    .join('; ');
  return `cdb ${Buffer.from(command.cdb).toString('hex')} (data from byte ${at / 2}) lun ${command.lun} alloc ${command.allocationLength} data-out ${command.dataOut ? Buffer.from(command.dataOut).toString('hex') : 'none'}: ${said}`;
}

/** The first hex-digit offset (even) where the strings differ, 0 when none does. */
function firstDifference(texts: readonly string[]): number {
  const [first = ''] = texts;
  for (let i = 0; i < first.length; i += 2)
    if (texts.some((t) => t.slice(i, i + 2) !== first.slice(i, i + 2))) return i;
  return 0;
}

/** A CDB for `opcode` at a length every transport carries as is. */
function comparableLength(rng: SeededRandom, opcode: number): number {
  if (rng.below(8) === 0) return 17 + rng.below(16);
  return cdbLengthForOpcode(opcode) ?? 16;
}

function randomCommand(rng: SeededRandom, cdb: Buffer): ScsiCommand {
  const dataOut = rng.below(5) === 0 ? rng.bytes(1 + rng.below(60)) : undefined;
  const roll = rng.below(4);
  const allocationLength = dataOut
    ? 0
    : roll === 0
      ? 0
      : roll === 1
        ? rng.below(16)
        : roll === 2
          ? 4096
          : rng.below(512);
  return { lun: rng.below(12) === 0 ? 1 : 0, cdb, allocationLength, ...(dataOut ? { dataOut } : {}) };
}

/**
 * Sends `perOpcode` random CDBs of every operation code, then `plausible` (damaged) plausible CDBs of every
 * implemented command, over the three transports; fails listing the first disagreements or malformed answers.
 */
async function compareRandom(trio: TransportTrio, seed: number, perOpcode: number, plausible: number): Promise<void> {
  const rng = new SeededRandom(seed);
  const problems: string[] = [];
  let commands = 0;
  const run = async (command: ScsiCommand): Promise<void> => {
    commands++;
    const answers = await trio.executeAll(command);
    const a = answers[0]!;
    const why =
      disagreement(trio, command, answers) ??
      answerProblem({
        status: a.status,
        ...(a.sense ? { sense: Buffer.from(a.sense, 'hex') } : {}),
        dataIn: Buffer.from(a.data, 'hex'),
      });
    if (why !== undefined && problems.length < 10) problems.push(why);
  };
  for (let opcode = 0; opcode <= 0xff; opcode++) {
    for (let k = 0; k < perOpcode; k++) {
      const cdb = rng.bytes(comparableLength(rng, opcode));
      cdb[0] = opcode;
      if (k < 2) cdb[cdb.length - 1] = rng.below(4) === 0 ? (cdb[cdb.length - 1] ?? 0) : 0;
      await run(randomCommand(rng, cdb));
    }
  }
  const addresses = trio.targets[0]!.changer.control.status().elements.map((e) => e.address);
  for (const opcode of Object.values(Opcode)) {
    for (let i = 0; i < plausible; i++) {
      const base = damage(rng, plausibleCdb(rng, opcode, addresses) ?? Buffer.of(opcode));
      const natural = cdbLengthForOpcode(opcode) ?? 16;
      const cdb = base.length > 16 ? base : Buffer.concat([base, Buffer.alloc(natural)]).subarray(0, natural);
      await run(randomCommand(rng, cdb));
    }
  }
  expect(commands).to.equal(256 * perOpcode + Object.values(Opcode).length * plausible);
  expect(problems, problems.join('\n')).to.deep.equal([]);
}

describe('sim fuzz: the same answers in-process, over iSCSI and over serial', function () {
  this.timeout(180_000);
  let trio: TransportTrio;

  before(async function () {
    if (skip) this.skip();
    trio = await TransportTrio.start(TEST_PERSONALITY);
  });
  after(async () => trio?.close());

  it('the CDBs of issue 16: a bad SELECT REPORT points at byte 2, NACA set points at byte 11 bit 2, on every transport and LUN', async () => {
    const cases = [
      { cdb: 'a000ff000000000001000000', byte: 2, bit: undefined },
      { cdb: 'a00000000000000001000004', byte: 11, bit: 2 },
      { cdb: 'a00000000000000001000001', byte: 11, bit: 0 },
    ];
    for (const lun of [0, 1]) {
      for (const c of cases) {
        const command: ScsiCommand = { lun, cdb: Buffer.from(c.cdb, 'hex'), allocationLength: 256 };
        const answers = await trio.executeAll(command);
        expect(disagreement(trio, command, answers)).to.equal(undefined);
        expect(answers.every((a) => a !== undefined)).to.equal(true);
        for (const a of answers as Answer[]) {
          expect(a.status).to.equal(ScsiStatus.CHECK_CONDITION);
          const sense = decodeSense(Buffer.from(a.sense, 'hex'));
          expect([sense.key, sense.asc, sense.ascq], c.cdb).to.deep.equal([5, 0x24, 0]);
          expect(sense.fieldPointer, `${c.cdb} lun ${lun}`).to.deep.equal({
            cd: true,
            byte: c.byte,
            ...(c.bit === undefined ? {} : { bit: c.bit }),
          });
        }
      }
    }
    const good = await trio.executeAll({
      lun: 1,
      cdb: Buffer.from('a00000000000000001000000', 'hex'),
      allocationLength: 256,
    });
    expect(good.map((a) => a?.data)).to.deep.equal(Array(3).fill('00000008000000000000000000000000'));
  });

  it(`random CDBs of every operation code and plausible CDBs of every command agree byte for byte (seed ${SEED})`, async () => {
    await compareRandom(trio, SEED, 4, 30);
  });
});

describe('sim fuzz: the same answers on every transport, ibm-ts3100', function () {
  this.timeout(180_000);
  let trio: TransportTrio;

  before(async function () {
    if (skip) this.skip();
    trio = await TransportTrio.start(loadPersonality('ibm-ts3100'));
  });
  after(async () => trio?.close());

  it(`random and plausible CDBs agree byte for byte (seed ${SEED ^ 0x3100})`, async () => {
    await compareRandom(trio, SEED ^ 0x3100, 2, 15);
  });
});
