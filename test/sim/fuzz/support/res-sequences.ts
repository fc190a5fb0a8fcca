/**
 * The random sequences of the READ ELEMENT STATUS fast-path property (../read-element-status-fast-path.spec.ts):
 * requests, state-changing commands, operator actions, and the personality variants they run on.
 * Spec: SMC-3 6.10 READ ELEMENT STATUS; docs/smc-reference.md 1.3, 1.6.
 */
import fc from 'fast-check';
import type { ElementKindCode } from '../../../../sim/model/element.js';
import type { Personality } from '../../../../sim/personality/personality.js';
import { TEST_PERSONALITY } from '../../helpers/test-personality.js';

/** One READ ELEMENT STATUS request of a sequence. */
export interface ResQuery {
  readonly elementType: 0 | ElementKindCode;
  readonly voltag: boolean;
  readonly dvcid: boolean;
  /** Index of an element to start at (modulo the element count), or a raw address. */
  readonly start: { readonly i: number; readonly delta: number } | { readonly raw: number };
  readonly numberOfElements: number;
  readonly allocationLength: number;
}

/** One step of a random sequence: a request, a command that changes state, or an operator action. */
export type Action =
  | { readonly kind: 'res'; readonly q: ResQuery }
  /** The n-th query asked so far again (so that cached reports meet state changes). */
  | { readonly kind: 'again'; readonly n: number }
  | { readonly kind: 'move' | 'exchange'; readonly a: number; readonly b: number; readonly c: number }
  | { readonly kind: 'prevent'; readonly prevent: 0 | 1 }
  | { readonly kind: 'ie'; readonly close: boolean }
  | { readonly kind: 'ies' | 'settle' }
  | { readonly kind: 'readdress'; readonly order: readonly number[]; readonly gaps: readonly number[] }
  | {
      readonly kind: 'operator';
      readonly op: 'pull' | 'insert' | 'openDoor' | 'closeDoor' | 'openIE' | 'closeIE' | 'powerCycle';
      readonly i: number;
    }
  | {
      readonly kind: 'put';
      readonly where: 'ie' | 'door' | 'hidden';
      readonly i: number;
      readonly cleaning: boolean;
      readonly label: string;
    }
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
  allocationLength: fc.oneof(
    fc.nat({ max: 200 }),
    fc.nat({ max: 4000 }),
    fc.constant(0xffffff),
    fc.nat({ max: 0xffffff }),
  ),
});

const resQuery: fc.Arbitrary<ResQuery> = fc.oneof(commonQuery, randomQuery);

/** The generator of one step. */
export const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('res' as const), q: resQuery }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('again' as const), n: fc.nat() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constantFrom('move' as const, 'exchange' as const),
      a: fc.nat(),
      b: fc.nat(),
      c: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('prevent' as const), prevent: fc.constantFrom(0 as const, 1 as const) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ie' as const), close: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('ies' as const, 'settle' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('readdress' as const),
      order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
      gaps: fc.array(fc.nat({ max: 300 }), { minLength: 4, maxLength: 4 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('operator' as const),
      op: fc.constantFrom(
        'pull' as const,
        'insert' as const,
        'openDoor' as const,
        'closeDoor' as const,
        'openIE' as const,
        'closeIE' as const,
        'powerCycle' as const,
      ),
      i: fc.nat(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('put' as const),
      where: fc.constantFrom('ie' as const, 'door' as const, 'hidden' as const),
      i: fc.nat(),
      cleaning: fc.boolean(),
      label: fc.oneof(
        fc.constant(''),
        fc.string({ unit: fc.constantFrom('A', 'Z', '0', '9', ' ', '-'), maxLength: 32 }),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('take' as const),
      where: fc.constantFrom('ie' as const, 'door' as const, 'hidden' as const),
      i: fc.nat(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('needsCleaning' as const), i: fc.nat(), on: fc.boolean() }) },
);

/** Variants of the test library that switch the personality choices the descriptors depend on. */
export function variants(): Personality[] {
  const p = TEST_PERSONALITY;
  return [
    p,
    {
      ...p,
      id: 'test-except',
      pulledMagazineStyle: 'except-3b12',
      importExport: { ...p.importExport, closeCommand: false },
      cleaning: { ...p.cleaning, reportCleanerAsc: !p.cleaning.reportCleanerAsc },
    },
    {
      ...p,
      id: 'test-ed',
      pulledMagazineStyle: 'ed-3b12',
      importExport: { ...p.importExport, inEnab: !p.importExport.inEnab, exEnab: !p.importExport.exEnab },
    },
    {
      ...p,
      id: 'test-vendor',
      pulledMagazineStyle: 'vendor-8302',
      // Identifiers of different lengths: the DT page's descriptor length follows the longest one asked for.
      elements: {
        ...p.elements,
        drives: p.elements.drives.map((d, i) => ({ ...d, serial: `${d.serial}${'S'.repeat(i * 5)}` })),
      },
    },
    {
      ...p,
      id: 'test-access-only',
      pulledMagazineStyle: 'access-only',
      capabilities: { ...p.capabilities, barcodeReader: false },
    },
  ];
}
