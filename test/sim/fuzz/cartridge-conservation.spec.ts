/**
 * Property: on several fixtures with a VirtualClock, random sequences of SCSI commands (MOVE MEDIUM and EXCHANGE
 * MEDIUM between valid and invalid addresses, READ ELEMENT STATUS, PREVENT/ALLOW from two nexuses, OPEN/CLOSE
 * IMPORT/EXPORT ELEMENT, INITIALIZE ELEMENT STATUS) and operator actions (magazine pull/insert, door open/close
 * and take/put, IE open/take/put/close, power cycle, operator actions while the robot moves) never create, lose
 * or duplicate a cartridge: the volume tags in the library (elements and hidden slots) are always the initial
 * ones minus what the operator took plus what the operator put, and no cartridge id appears twice. Nothing
 * throws; every answer passes the fuzz contract (answerProblem). Seeded: set CHANGERBENCH_PROPERTY_SEED to explore.
 * Spec: SMC-3 6.6 (MOVE MEDIUM), EXCHANGE MEDIUM; docs/smc-reference.md 1.5-1.7 (operator, power-on recovery).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import type { BackendResult } from '../../../scsi/transport/scsi-target-backend.js';
import {
  decodeSense,
  ScsiStatus,
  SenseKey,
  encodeExchangeMediumCdb,
  encodeInitializeElementStatusCdb,
  encodeMoveMediumCdb,
  encodeOpenCloseImportExportElementCdb,
  encodePreventAllowMediumRemovalCdb,
  encodeReadElementStatusCdb,
} from '../../../scsi/codec/index.js';
import type { ControlResult, CartridgeView, StatusView } from '../../../sim/control/control-types.js';
import { loadPersonality } from '../../../sim/personality/index.js';
import type { Personality } from '../../../sim/personality/personality.js';
import { TEST_PERSONALITY } from '../helpers/test-personality.js';
import { answerProblem, FuzzTarget } from './support/fuzz-target.js';
import { action, type Action, type Addr, type OperatorAction } from './support/conservation-sequences.js';

const SEED = Number(process.env.CHANGERBENCH_PROPERTY_SEED ?? 0x0c0ffee);
/** Volume tag → count, over elements (the gripper included) and hidden slots; also checks that ids are unique. */
function inventory(s: StatusView): Map<string, number> {
  const all = [...s.elements.map((e) => e.cartridge), ...s.hiddenSlots].filter((c): c is CartridgeView => c !== null);
  const ids = all.map((c) => c.id);
  expect(new Set(ids).size, `duplicate cartridge ids: ${ids.join(', ')}`).to.equal(ids.length);
  const m = new Map<string, number>();
  for (const c of all) m.set(c.volumeTag, (m.get(c.volumeTag) ?? 0) + 1);
  return m;
}

const sorted = (m: Map<string, number>) =>
  [...m].filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Runs one action sequence on a fresh simulator, checking after every step. */
async function check(personality: Personality, actions: readonly Action[]): Promise<void> {
  const t = new FuzzTarget(personality);
  try {
    const status = () => t.changer.control.status();
    const magazines = personality.magazines.map((m) => m.id);
    const resolve = (a: Addr): number => {
      if ('raw' in a) return a.raw;
      const elements = status().elements.filter((e) =>
        a.pick === 'full'
          ? e.cartridge !== null
          : a.pick === 'empty'
            ? e.cartridge === null && e.type !== 'transport'
            : true,
      );
      return elements[a.i % Math.max(1, elements.length)]?.address ?? 0xffff;
    };
    const expected = inventory(status());
    let puts = 0;
    /** Runs a command as a host does: again after each UNIT ATTENTION (at most 8 times). */
    const scsi = async (name: string, n: string, cdb: Buffer, started?: Promise<BackendResult>) => {
      let pending = started ?? t.target.execute(n, 0, cdb);
      for (let attempt = 0; ; attempt++) {
        const r = (await t.clock.runUntil(pending)) as BackendResult;
        const problem = answerProblem(r);
        expect(problem, `${name} ${cdb.toString('hex')}: ${problem ?? ''}`).to.equal(undefined);
        if (
          r.status !== ScsiStatus.CHECK_CONDITION ||
          attempt >= 8 ||
          !r.sense ||
          decodeSense(r.sense).key !== SenseKey.UNIT_ATTENTION
        )
          return;
        pending = t.target.execute(n, 0, cdb);
      }
    };
    const taken = (r: ControlResult<CartridgeView>) => {
      if (r.ok) expected.set(r.value.volumeTag, (expected.get(r.value.volumeTag) ?? 0) - 1);
    };
    const put = (r: ControlResult<CartridgeView>) => {
      if (r.ok) expected.set(r.value.volumeTag, (expected.get(r.value.volumeTag) ?? 0) + 1);
    };
    const operate = (a: OperatorAction): void => {
      const c = t.changer.control;
      const tag = () => `PUT${String(++puts).padStart(3, '0')}L8`;
      switch (a.op) {
        case 'pull':
          c.pullMagazine(magazines[a.magazine % Math.max(1, magazines.length)] ?? 'none');
          return;
        case 'insert':
          c.insertMagazine(magazines[a.magazine % Math.max(1, magazines.length)] ?? 'none');
          return;
        case 'openDoor':
          c.openDoor();
          return;
        case 'closeDoor':
          c.closeDoor();
          return;
        case 'openIE':
          c.openImportExport();
          return;
        case 'closeIE':
          c.closeImportExport();
          return;
        case 'powerCycle':
          c.powerCycle();
          return;
        case 'ieVisit':
        case 'doorVisit': {
          const door = a.op === 'doorVisit';
          if (!(door ? c.openDoor() : c.openImportExport()).ok) return;
          const reach = status().elements.filter((e) => (door ? e.type !== 'transport' : e.type === 'importExport'));
          const pickFrom = (full: boolean, k: number) => {
            const list = reach.filter((e) => (e.cartridge !== null) === full);
            return list[(a.i + k) % Math.max(1, list.length)]?.address ?? 0xffff;
          };
          for (let k = 0; k < a.takes; k++)
            taken(door ? c.takeThroughDoor(pickFrom(true, k)) : c.takeFromImportExport(pickFrom(true, k)));
          for (let k = 0; k < a.puts; k++)
            put(
              door
                ? c.putThroughDoor(pickFrom(false, k), { volumeTag: tag() })
                : c.putIntoImportExport(pickFrom(false, k), { volumeTag: tag() }),
            );
          if (door) c.closeDoor();
          else c.closeImportExport();
          return;
        }
        case 'takeIE':
          return taken(c.takeFromImportExport(resolve(a.at)));
        case 'putIE':
          return put(c.putIntoImportExport(resolve(a.at), { volumeTag: tag() }));
        case 'takeDoor':
          return taken(c.takeThroughDoor(resolve(a.at)));
        case 'putDoor':
          return put(c.putThroughDoor(resolve(a.at), { volumeTag: tag() }));
      }
    };
    for (const [step, a] of actions.entries()) {
      const on = (n: string) => ({ run: (cdb: Buffer) => scsi(`step ${step} ${a.kind}`, n, cdb) });
      switch (a.kind) {
        case 'move':
          await on(a.nexus).run(
            encodeMoveMediumCdb({
              transportAddress: 0,
              sourceAddress: resolve(a.from),
              destinationAddress: resolve(a.to),
            }),
          );
          break;
        case 'exchange':
          await on(a.nexus).run(
            encodeExchangeMediumCdb({
              transportAddress: 0,
              sourceAddress: resolve(a.from),
              firstDestinationAddress: resolve(a.to1),
              secondDestinationAddress: resolve(a.to2),
            }),
          );
          break;
        case 'res':
          await on(a.nexus).run(
            encodeReadElementStatusCdb({
              voltag: true,
              elementType: 0,
              startingAddress: 0,
              numberOfElements: 0xffff,
              allocationLength: 0xffffff,
            }),
          );
          break;
        case 'prevent':
          await on(a.nexus).run(encodePreventAllowMediumRemovalCdb({ prevent: a.prevent }));
          break;
        case 'ie':
          await on(a.nexus).run(
            encodeOpenCloseImportExportElementCdb({ elementAddress: resolve(a.at), actionCode: a.close ? 1 : 0 }),
          );
          break;
        case 'ies':
          await on(a.nexus).run(encodeInitializeElementStatusCdb({}));
          break;
        case 'operator':
          operate(a.action);
          break;
        case 'during-move': {
          const cdb = encodeMoveMediumCdb({
            transportAddress: 0,
            sourceAddress: resolve(a.from),
            destinationAddress: resolve(a.to),
          });
          const moving = t.target.execute(a.nexus, 0, cdb);
          await t.clock.advanceBy(a.afterMs);
          operate(a.action);
          await scsi(`step ${step} during-move`, a.nexus, cdb, moving);
          break;
        }
        case 'settle':
          await t.settle();
          break;
      }
      expect(sorted(inventory(status())), `cartridges after step ${step} (${JSON.stringify(a)})`).to.deep.equal(
        sorted(expected),
      );
      expect(t.internalFailures, 'internal failures').to.deep.equal([]);
    }
    await t.settle();
    expect(sorted(inventory(status())), 'cartridges at the end').to.deep.equal(sorted(expected));
  } finally {
    t.close();
  }
}

const FIXTURES: { readonly name: string; readonly load: () => Personality }[] = [
  { name: 'test-library', load: () => TEST_PERSONALITY },
  ...[
    'ibm-ts3100',
    'ibm-ts3200',
    'oracle-sl150',
    'quantum-scalar-i3',
    'quantum-superloader3',
    'tandberg-magnum-224',
  ].map((id) => ({ name: id, load: () => loadPersonality(id) })),
];

describe('sim property: cartridges are conserved under random commands and operator actions', function () {
  this.timeout(60_000);
  for (const f of FIXTURES) {
    it(`${f.name} (seed ${SEED})`, async () => {
      const personality = f.load();
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), (actions) => check(personality, actions)),
        { numRuns: 60, seed: SEED },
      );
    });
  }
});
