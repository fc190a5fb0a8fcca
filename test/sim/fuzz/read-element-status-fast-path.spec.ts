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
  decodeReadElementStatusCdb, encodeExchangeMediumCdb, encodeInitializeElementStatusCdb, encodeModePage, encodeModeParameterList6, encodeModeSelect6Cdb, encodeMoveMediumCdb,
  encodeOpenCloseImportExportElementCdb, encodePreventAllowMediumRemovalCdb, encodeReadElementStatusCdb, ScsiStatus,
} from '../../../scsi/codec/index.js';
import { referenceElementStatus } from '../../../sim/commands/read-element-status.js';
import { ElementKind, type ElementKindCode } from '../../../sim/model/element.js';
import { loadPersonality } from '../../../sim/personality/index.js';
import type { Personality } from '../../../sim/personality/personality.js';
import { TEST_PERSONALITY } from '../helpers/test-personality.js';
import { FuzzTarget } from './support/fuzz-target.js';

const SEED = Number(process.env.CHANGERBENCH_PROPERTY_SEED ?? 0x5eed0e5);

interface ResQuery {
  readonly elementType: 0 | ElementKindCode;
  readonly voltag: boolean;
  readonly dvcid: boolean;
  /** Index of an element to start at (modulo the element count), or a raw address. */
  readonly start: { readonly i: number; readonly delta: number } | { readonly raw: number };
  readonly numberOfElements: number;
  readonly allocationLength: number;
}

type Action =
  | { readonly kind: 'res'; readonly q: ResQuery }
  /** The n-th query asked so far again (so that cached reports meet state changes). */
  | { readonly kind: 'again'; readonly n: number }
  | { readonly kind: 'move' | 'exchange'; readonly a: number; readonly b: number; readonly c: number }
  | { readonly kind: 'prevent'; readonly prevent: 0 | 1 }
  | { readonly kind: 'ie'; readonly close: boolean }
  | { readonly kind: 'ies' | 'settle' }
  | { readonly kind: 'readdress'; readonly order: readonly number[]; readonly gaps: readonly number[] }
  | { readonly kind: 'operator'; readonly op: 'pull' | 'insert' | 'openDoor' | 'closeDoor' | 'openIE' | 'closeIE' | 'powerCycle'; readonly i: number }
  | { readonly kind: 'put'; readonly where: 'ie' | 'door' | 'hidden'; readonly i: number; readonly cleaning: boolean; readonly label: string }
  | { readonly kind: 'take'; readonly where: 'ie' | 'door' | 'hidden'; readonly i: number }
  | { readonly kind: 'needsCleaning'; readonly i: number; readonly on: boolean };

/** Small and whole-library requests, most often asked again after changes. */
const commonQuery: fc.Arbitrary<ResQuery> = fc.record({
  elementType: fc.constantFrom(0 as const, 2 as const, 3 as const, 4 as const),
  voltag: fc.boolean(),
  dvcid: fc.boolean(),
  start: fc.constant({ raw: 0 }),
  numberOfElements: fc.constant(0xffff),
  allocationLength: fc.constantFrom(0xffffff, 0x10000, 100),
});

const randomQuery: fc.Arbitrary<ResQuery> = fc.record({
  elementType: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const, 4 as const),
  voltag: fc.boolean(),
  dvcid: fc.boolean(),
  start: fc.oneof(
    { weight: 4, arbitrary: fc.record({ i: fc.nat({ max: 10_000 }), delta: fc.integer({ min: -1, max: 1 }) }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 0xffff, 0x1000).map((raw) => ({ raw })) },
  ),
  numberOfElements: fc.oneof(fc.nat({ max: 40 }), fc.constant(0xffff), fc.nat({ max: 0xffff })),
  allocationLength: fc.oneof(fc.nat({ max: 200 }), fc.nat({ max: 4000 }), fc.constant(0xffffff), fc.nat({ max: 0xffffff })),
});

const resQuery: fc.Arbitrary<ResQuery> = fc.oneof(commonQuery, randomQuery);

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('res' as const), q: resQuery }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('again' as const), n: fc.nat() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constantFrom('move' as const, 'exchange' as const), a: fc.nat(), b: fc.nat(), c: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('prevent' as const), prevent: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ie' as const), close: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('ies' as const, 'settle' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('readdress' as const), order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }), gaps: fc.array(fc.nat({ max: 300 }), { minLength: 4, maxLength: 4 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('operator' as const), op: fc.constantFrom('pull' as const, 'insert' as const, 'openDoor' as const, 'closeDoor' as const, 'openIE' as const, 'closeIE' as const, 'powerCycle' as const), i: fc.nat() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('put' as const), where: fc.constantFrom('ie' as const, 'door' as const, 'hidden' as const), i: fc.nat(), cleaning: fc.boolean(),
      label: fc.oneof(fc.constant(''), fc.string({ unit: fc.constantFrom('A', 'Z', '0', '9', ' ', '-'), maxLength: 32 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('take' as const), where: fc.constantFrom('ie' as const, 'door' as const, 'hidden' as const), i: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('needsCleaning' as const), i: fc.nat(), on: fc.boolean() }) },
);

/** Variants of the test library that switch the personality choices the descriptors depend on. */
function variants(): Personality[] {
  const p = TEST_PERSONALITY;
  return [
    p,
    { ...p, id: 'test-except', pulledMagazineStyle: 'except-3b12', importExport: { ...p.importExport, closeCommand: false }, cleaning: { ...p.cleaning, reportCleanerAsc: !p.cleaning.reportCleanerAsc } },
    { ...p, id: 'test-ed', pulledMagazineStyle: 'ed-3b12', importExport: { ...p.importExport, inEnab: !p.importExport.inEnab, exEnab: !p.importExport.exEnab } },
    {
      ...p, id: 'test-vendor', pulledMagazineStyle: 'vendor-8302',
      // Identifiers of different lengths: the DT page's descriptor length follows the longest one asked for.
      elements: { ...p.elements, drives: p.elements.drives.map((d, i) => ({ ...d, serial: `${d.serial}${'S'.repeat(i * 5)}` })) },
    },
    { ...p, id: 'test-access-only', pulledMagazineStyle: 'access-only', capabilities: { ...p.capabilities, barcodeReader: false } },
  ];
}

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
      const startingAddress = 'raw' in q.start ? q.start.raw : Math.max(0, Math.min(0xffff, (list[q.start.i % Math.max(1, list.length)]?.address ?? 0) + q.start.delta));
      const cdb = encodeReadElementStatusCdb({ voltag: q.voltag, elementType: q.elementType, startingAddress, numberOfElements: q.numberOfElements, allocationLength: q.allocationLength, dvcid: q.dvcid });
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
          const fast = state().statusWriter.answer({ elementType: q.elementType, list, from, count, voltag: q.voltag, dvcid: q.dvcid, allocationLength: q.allocationLength });
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
          await run(encodeMoveMediumCdb({ transportAddress: nth(0), sourceAddress: nth(a.a), destinationAddress: nth(a.b) }));
          break;
        case 'exchange':
          await run(encodeExchangeMediumCdb({ transportAddress: nth(0), sourceAddress: nth(a.a), firstDestinationAddress: nth(a.b), secondDestinationAddress: nth(a.c) }));
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
          const counts = [ElementKind.TRANSPORT, ElementKind.STORAGE, ElementKind.IMPORT_EXPORT, ElementKind.DATA_TRANSFER].map((k) => state().sorted(k).length);
          const firsts = [0, 0, 0, 0];
          let next = 0;
          for (const [k, type] of a.order.entries()) {
            next += a.gaps[k] ?? 0;
            firsts[type] = next;
            next += counts[type] ?? 0;
          }
          const page = {
            ps: false, firstTransport: firsts[0] ?? 0, numberOfTransports: counts[0] ?? 0, firstStorage: firsts[1] ?? 0, numberOfStorage: counts[1] ?? 0,
            firstImportExport: firsts[2] ?? 0, numberOfImportExport: counts[2] ?? 0, firstDataTransfer: firsts[3] ?? 0, numberOfDataTransfer: counts[3] ?? 0,
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
          const cartridge = { volumeTag: a.label, kind: a.cleaning ? ('cleaning' as const) : ('data' as const), usesRemaining: a.cleaning ? a.i % 3 : undefined };
          if (a.where === 'hidden') control.putIntoHiddenSlot(a.i % Math.max(1, state().hidden.length), { ...cartridge, kind: 'cleaning' });
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
          control.setDriveNeedsCleaning(state().sorted(ElementKind.DATA_TRANSFER)[a.i % Math.max(1, state().dataTransfer.length)]?.address ?? 0, a.on);
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

  for (const personality of [...variants(), loadPersonality('quantum-superloader3'), loadPersonality('ibm-ts3200'), loadPersonality('spectra-2k'), loadPersonality('oracle-sl150')]) {
    it(`answers the reference's bytes on ${personality.id}`, async () => {
      await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), (actions) => check(personality, actions)), { numRuns: 25, seed: SEED });
    });
  }

  it('answers the reference\'s bytes on large-library-20k (few long runs)', async () => {
    const personality = loadPersonality('large-library-20k');
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), (actions) => check(personality, actions)), { numRuns: 3, seed: SEED });
  });
});
