/**
 * Property: the READ ELEMENT STATUS fast path (sim/model/element-status-writer.ts: raw bytes from the state, cached
 * reports) answers byte for byte what the reference does (reportElement + encodeElementStatus), on several fixtures
 * and personality variants, after random sequences of commands (MOVE MEDIUM, EXCHANGE MEDIUM, PREVENT/ALLOW,
 * OPEN/CLOSE IMPORT/EXPORT ELEMENT, INITIALIZE ELEMENT STATUS, MODE SELECT page 1Dh re-addressing) and operator
 * actions (magazines, door, IE station, cleaning cartridges and drive cleaning, power cycle), for random CDBs: every
 * element type, VOLTAG and DVCID on and off, random starting address, number of elements and allocation length,
 * each asked twice (the second answer comes from the cache). Seeded: set CHANGERBENCH_PROPERTY_SEED to explore.
 * Spec: SMC-3 6.10 READ ELEMENT STATUS; docs/smc-reference.md 1.3, 1.6.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  decodeReadElementStatusCdb,
  encodeExchangeMediumCdb,
  encodeInitializeElementStatusCdb,
  encodeModePage,
  encodeModeParameterList6,
  encodeModeSelect6Cdb,
  encodeMoveMediumCdb,
  encodeOpenCloseImportExportElementCdb,
  encodePreventAllowMediumRemovalCdb,
  encodeReadElementStatusCdb,
  ScsiStatus,
} from '../../../scsi/codec/index.js';
import { referenceElementStatus } from '../../../sim/commands/read-element-status.js';
import { ElementKind } from '../../../sim/model/element.js';
import { loadPersonality } from '../../../sim/personality/index.js';
import type { Personality } from '../../../sim/personality/personality.js';
import { FuzzTarget } from './support/fuzz-target.js';
import { action, variants, type Action, type ResQuery } from './support/res-sequences.js';

const SEED = Number(process.env.CHANGERBENCH_PROPERTY_SEED ?? 0x5eed0e5);

/** Runs one sequence, comparing every READ ELEMENT STATUS answer (and the writer's own answer) with the reference. */
async function check(personality: Personality, actions: readonly Action[]): Promise<void> {
  const t = new FuzzTarget(personality);
  try {
    const core = t.changer.core;
    const control = t.changer.control;
    const state = () => core.state;
    const nth = (i: number) => {
      const all = state().sorted(0);
      return all[i % all.length]?.address ?? 0;
    };
    const run = async (cdb: Buffer, dataOut?: Buffer) => {
      const r = await t.execute('host', 0, cdb, dataOut);
      return r;
    };
    const res = async (q: ResQuery, step: number) => {
      const list = state().sorted(q.elementType);
      const startingAddress =
        'raw' in q.start
          ? q.start.raw
          : Math.max(0, Math.min(0xffff, (list[q.start.i % Math.max(1, list.length)]?.address ?? 0) + q.start.delta));
      const cdb = encodeReadElementStatusCdb({
        voltag: q.voltag,
        elementType: q.elementType,
        startingAddress,
        numberOfElements: q.numberOfElements,
        allocationLength: q.allocationLength,
        dvcid: q.dvcid,
      });
      const decoded = decodeReadElementStatusCdb(cdb);
      if (!decoded.ok) throw new Error('test encoded a bad CDB');
      for (let round = 0; round < 2; round++) {
        const r = await run(cdb);
        const what = `step ${step} round ${round} ${cdb.toString('hex')}`;
        if (r.status !== ScsiStatus.GOOD) continue;
        const from = state().firstAtOrAbove(q.elementType, startingAddress);
        const count = Math.min(q.numberOfElements, list.length - from);
        const reference = referenceElementStatus(core, list, from, count, q.voltag, q.dvcid, q.allocationLength);
        expect(r.dataIn.equals(reference), `${what}: answer differs from the reference`).to.equal(true);
        if (count > 0) {
          const fast = state().statusWriter.answer({
            elementType: q.elementType,
            list,
            from,
            count,
            voltag: q.voltag,
            dvcid: q.dvcid,
            allocationLength: q.allocationLength,
          });
          expect(fast, `${what}: fast path declined`).to.not.equal(undefined);
          expect(fast?.equals(reference), `${what}: writer differs from the reference`).to.equal(true);
        }
      }
    };
    const magazines = personality.magazines.map((m) => m.id);
    const asked: ResQuery[] = [];
    for (const [step, a] of actions.entries()) {
      switch (a.kind) {
        case 'res':
          asked.push(a.q);
          await res(a.q, step);
          break;
        case 'again': {
          const q = asked[a.n % Math.max(1, asked.length)];
          if (q) await res(q, step);
          break;
        }
        case 'move':
          await run(
            encodeMoveMediumCdb({ transportAddress: nth(0), sourceAddress: nth(a.a), destinationAddress: nth(a.b) }),
          );
          break;
        case 'exchange':
          await run(
            encodeExchangeMediumCdb({
              transportAddress: nth(0),
              sourceAddress: nth(a.a),
              firstDestinationAddress: nth(a.b),
              secondDestinationAddress: nth(a.c),
            }),
          );
          break;
        case 'prevent':
          await run(encodePreventAllowMediumRemovalCdb({ prevent: a.prevent }));
          break;
        case 'ie': {
          const ie = state().sorted(ElementKind.IMPORT_EXPORT)[0]?.address ?? 0;
          await run(encodeOpenCloseImportExportElementCdb({ elementAddress: ie, actionCode: a.close ? 1 : 0 }));
          break;
        }
        case 'ies':
          await run(encodeInitializeElementStatusCdb({}));
          break;
        case 'settle':
          await t.settle();
          break;
        case 'readdress': {
          const counts = [
            ElementKind.TRANSPORT,
            ElementKind.STORAGE,
            ElementKind.IMPORT_EXPORT,
            ElementKind.DATA_TRANSFER,
          ].map((k) => state().sorted(k).length);
          const firsts = [0, 0, 0, 0];
          let next = 0;
          for (const [k, type] of a.order.entries()) {
            next += a.gaps[k] ?? 0;
            firsts[type] = next;
            next += counts[type] ?? 0;
          }
          const page = {
            ps: false,
            firstTransport: firsts[0] ?? 0,
            numberOfTransports: counts[0] ?? 0,
            firstStorage: firsts[1] ?? 0,
            numberOfStorage: counts[1] ?? 0,
            firstImportExport: firsts[2] ?? 0,
            numberOfImportExport: counts[2] ?? 0,
            firstDataTransfer: firsts[3] ?? 0,
            numberOfDataTransfer: counts[3] ?? 0,
          };
          const list = encodeModeParameterList6([encodeModePage({ code: 0x1d, page })]);
          await run(encodeModeSelect6Cdb({ pf: true, parameterListLength: list.length }), list);
          break;
        }
        case 'operator': {
          const magazine = magazines[a.i % Math.max(1, magazines.length)] ?? 'none';
          if (a.op === 'pull') control.pullMagazine(magazine);
          else if (a.op === 'insert') control.insertMagazine(magazine);
          else if (a.op === 'openDoor') control.openDoor();
          else if (a.op === 'closeDoor') control.closeDoor();
          else if (a.op === 'openIE') control.openImportExport();
          else if (a.op === 'closeIE') control.closeImportExport();
          else control.powerCycle();
          break;
        }
        case 'put': {
          const cartridge = {
            volumeTag: a.label,
            kind: a.cleaning ? ('cleaning' as const) : ('data' as const),
            usesRemaining: a.cleaning ? a.i % 3 : undefined,
          };
          if (a.where === 'hidden')
            control.putIntoHiddenSlot(a.i % Math.max(1, state().hidden.length), { ...cartridge, kind: 'cleaning' });
          else if (a.where === 'ie') control.putIntoImportExport(nth(a.i), cartridge);
          else control.putThroughDoor(nth(a.i), cartridge);
          break;
        }
        case 'take':
          if (a.where === 'hidden') control.takeFromHiddenSlot(a.i % Math.max(1, state().hidden.length));
          else if (a.where === 'ie') control.takeFromImportExport(nth(a.i));
          else control.takeThroughDoor(nth(a.i));
          break;
        case 'needsCleaning':
          control.setDriveNeedsCleaning(
            state().sorted(ElementKind.DATA_TRANSFER)[a.i % Math.max(1, state().dataTransfer.length)]?.address ?? 0,
            a.on,
          );
          break;
      }
    }
    expect(t.internalFailures).to.deep.equal([]);
  } finally {
    t.close();
  }
}

describe('READ ELEMENT STATUS fast path (property)', function () {
  this.timeout(120_000);

  for (const personality of [
    ...variants(),
    loadPersonality('quantum-superloader3'),
    loadPersonality('ibm-ts3200'),
    loadPersonality('spectra-2k'),
    loadPersonality('oracle-sl150'),
  ]) {
    it(`answers the reference's bytes on ${personality.id}`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), (actions) => check(personality, actions)),
        { numRuns: 25, seed: SEED },
      );
    });
  }

  it("answers the reference's bytes on large-library-20k (few long runs)", async () => {
    const personality = loadPersonality('large-library-20k');
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), (actions) => check(personality, actions)),
      { numRuns: 3, seed: SEED },
    );
  });
});
