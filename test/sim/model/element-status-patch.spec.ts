/**
 * Property: a READ ELEMENT STATUS report patched from the last one of the same shape (sim/model/
 * element-status-writer.ts: after a change, a copy of the cached report with the descriptors written again and
 * only the volume tags that changed copied) is byte for byte the reference's full encoding (reportElement +
 * encodeElementStatus), after random moves, exchanges and operator actions, for the same few request shapes asked
 * again after every action (so each answer after a change is a patch of the one before). Seeded: set
 * CHANGERBENCH_PROPERTY_SEED to explore. Spec: SMC-3 6.10 READ ELEMENT STATUS, docs/smc-reference.md 1.3, 1.6.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { encodeExchangeMediumCdb, encodeMoveMediumCdb } from '../../../scsi/codec/index.js';
import { referenceElementStatus } from '../../../sim/commands/read-element-status.js';
import { ElementKind } from '../../../sim/model/element.js';
import { loadPersonality } from '../../../sim/personality/index.js';
import type { Personality } from '../../../sim/personality/personality.js';
import { FuzzTarget } from '../fuzz/support/fuzz-target.js';

const SEED = Number(process.env.CHANGERBENCH_PROPERTY_SEED ?? 0x9a7c4);

/** Request shapes asked after every action: element type (0: all), VOLTAG, DVCID. */
const SHAPES = [
  { elementType: 0, voltag: true, dvcid: true },
  { elementType: 0, voltag: true, dvcid: false },
  { elementType: ElementKind.STORAGE, voltag: true, dvcid: false },
  { elementType: 0, voltag: false, dvcid: false },
] as const;

type Step =
  | { readonly kind: 'move'; readonly a: number; readonly b: number }
  | { readonly kind: 'exchange'; readonly a: number; readonly b: number; readonly c: number }
  | { readonly kind: 'operator'; readonly op: 'pull' | 'insert' | 'openIE' | 'closeIE'; readonly i: number }
  | { readonly kind: 'put'; readonly i: number; readonly label: string; readonly cleaning: boolean }
  | { readonly kind: 'take'; readonly i: number };

const index = fc.nat({ max: 100_000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('move' as const), a: index, b: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('exchange' as const), a: index, b: index, c: index }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('operator' as const),
      op: fc.constantFrom('pull' as const, 'insert' as const, 'openIE' as const, 'closeIE' as const),
      i: index,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('put' as const),
      i: index,
      label: fc.stringMatching(/^[A-Z0-9]{1,8}$/),
      cleaning: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('take' as const), i: index }) },
);

/** Runs the steps; returns how many answers after a change differed from the last answer of their shape. */
async function check(personality: Personality, steps: readonly Step[]): Promise<number> {
  const t = new FuzzTarget(personality);
  let changed = 0;
  try {
    const core = t.changer.core;
    const control = t.changer.control;
    const state = () => core.state;
    const nth = (i: number) => {
      const all = state().sorted(0);
      return all[i % all.length]?.address ?? 0;
    };
    const last = new Map<number, Buffer>();
    const ask = (what: string) => {
      for (const [k, s] of SHAPES.entries()) {
        const list = state().sorted(s.elementType);
        if (list.length === 0) continue;
        const request = { ...s, list, from: 0, count: list.length, allocationLength: 0xffffff };
        const fast = state().statusWriter.answer(request);
        const reference = referenceElementStatus(core, list, 0, list.length, s.voltag, s.dvcid, 0xffffff);
        expect(fast, `${what}, shape ${k}: the fast path declined`).to.not.equal(undefined);
        expect(fast?.equals(reference), `${what}, shape ${k}: differs from the reference`).to.equal(true);
        const before = last.get(k);
        if (before && fast && !before.equals(fast)) changed++;
        if (fast) last.set(k, Buffer.from(fast));
      }
    };
    ask('at start');
    for (const [n, s] of steps.entries()) {
      const transport = state().sorted(ElementKind.TRANSPORT)[0]?.address ?? 0;
      if (s.kind === 'move')
        await t.execute(
          'host',
          0,
          encodeMoveMediumCdb({ transportAddress: transport, sourceAddress: nth(s.a), destinationAddress: nth(s.b) }),
        );
      else if (s.kind === 'exchange')
        await t.execute(
          'host',
          0,
          encodeExchangeMediumCdb({
            transportAddress: transport,
            sourceAddress: nth(s.a),
            firstDestinationAddress: nth(s.b),
            secondDestinationAddress: nth(s.c),
          }),
        );
      else if (s.kind === 'operator') {
        const magazines = personality.magazines.map((m) => m.id);
        const magazine = magazines[s.i % Math.max(1, magazines.length)] ?? 'none';
        if (s.op === 'pull') control.pullMagazine(magazine);
        else if (s.op === 'insert') control.insertMagazine(magazine);
        else if (s.op === 'openIE') control.openImportExport();
        else control.closeImportExport();
      } else if (s.kind === 'put') {
        const kind = s.cleaning ? ('cleaning' as const) : ('data' as const);
        control.putThroughDoor(nth(s.i), { volumeTag: s.label, kind, usesRemaining: s.cleaning ? 2 : undefined });
      } else control.takeThroughDoor(nth(s.i));
      ask(`after step ${n} (${s.kind})`);
    }
    expect(t.internalFailures).to.deep.equal([]);
  } finally {
    t.close();
  }
  return changed;
}

describe('sim/model/element-status-writer: patched reports (property)', function () {
  this.timeout(120_000);

  for (const id of ['ibm-ts3200', 'quantum-superloader3', 'spectra-2k']) {
    it(`a patched report is the reference's full encoding on ${id}`, async () => {
      let changed = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
          changed += await check(loadPersonality(id), steps);
        }),
        { numRuns: 20, seed: SEED },
      );
      expect(changed, 'answers that changed after an action (each one a patch of the last)').to.be.greaterThan(20);
    });
  }
});
