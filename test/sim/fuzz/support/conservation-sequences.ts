/**
 * The random sequences of the cartridge-conservation property (../cartridge-conservation.spec.ts): commands from
 * two nexuses and operator actions, with addresses chosen when each action runs.
 * Spec: SMC-3 6.6 (MOVE MEDIUM), EXCHANGE MEDIUM; docs/smc-reference.md 1.5-1.7.
 */
import fc from 'fast-check';

/** The two I_T nexuses the sequences use. */
export const NEXUSES = ['host-a', 'host-b'] as const;

/**
 * An address, chosen when the action runs: an element that holds a cartridge, an empty one (not the robot), any
 * element, or a raw (usually invalid) value.
 */
export type Addr = { readonly pick: 'full' | 'empty' | 'any'; readonly i: number } | { readonly raw: number };
const addr: fc.Arbitrary<Addr> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      pick: fc.constantFrom('full' as const, 'empty' as const, 'any' as const),
      i: fc.nat({ max: 999 }),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(0, 0xffff, 0x7fff, 0x0fff).map((raw) => ({ raw })) },
);
const nexus = fc.constantFrom(...NEXUSES);

/** An operator action of a sequence. */
export type OperatorAction =
  | { readonly op: 'pull' | 'insert'; readonly magazine: number }
  | { readonly op: 'ieVisit' | 'doorVisit'; readonly takes: number; readonly puts: number; readonly i: number }
  | { readonly op: 'openDoor' | 'closeDoor' | 'openIE' | 'closeIE' | 'powerCycle' }
  | { readonly op: 'takeIE' | 'putIE' | 'takeDoor' | 'putDoor'; readonly at: Addr };

/** One step of a sequence: a command from a nexus, an operator action, or letting the robot finish. */
export type Action =
  | { readonly kind: 'move'; readonly nexus: string; readonly from: Addr; readonly to: Addr }
  | { readonly kind: 'exchange'; readonly nexus: string; readonly from: Addr; readonly to1: Addr; readonly to2: Addr }
  | { readonly kind: 'res'; readonly nexus: string }
  | { readonly kind: 'prevent'; readonly nexus: string; readonly prevent: 0 | 1 }
  | { readonly kind: 'ie'; readonly nexus: string; readonly close: boolean; readonly at: Addr }
  | { readonly kind: 'ies'; readonly nexus: string }
  | { readonly kind: 'operator'; readonly action: OperatorAction }
  | {
      readonly kind: 'during-move';
      readonly nexus: string;
      readonly from: Addr;
      readonly to: Addr;
      readonly afterMs: number;
      readonly action: OperatorAction;
    }
  | { readonly kind: 'settle' };

const operatorAction: fc.Arbitrary<OperatorAction> = fc.oneof(
  fc.record({ op: fc.constantFrom('pull' as const, 'insert' as const), magazine: fc.nat({ max: 9 }) }),
  fc.record({
    op: fc.constantFrom('ieVisit' as const, 'doorVisit' as const),
    takes: fc.nat({ max: 3 }),
    puts: fc.nat({ max: 3 }),
    i: fc.nat({ max: 999 }),
  }),
  fc.record({
    op: fc.constantFrom(
      'openDoor' as const,
      'closeDoor' as const,
      'openIE' as const,
      'closeIE' as const,
      'powerCycle' as const,
    ),
  }),
  fc.record({
    op: fc.constantFrom('takeIE' as const, 'putIE' as const, 'takeDoor' as const, 'putDoor' as const),
    at: addr,
  }),
);

/** The generator of one step. */
export const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('move' as const), nexus, from: addr, to: addr }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('exchange' as const), nexus, from: addr, to1: addr, to2: addr }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('res' as const), nexus }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('prevent' as const),
      nexus,
      prevent: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('ie' as const), nexus, close: fc.boolean(), at: addr }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ies' as const), nexus }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('operator' as const), action: operatorAction }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('during-move' as const),
      nexus,
      from: addr,
      to: addr,
      afterMs: fc.nat({ max: 20_000 }),
      action: operatorAction,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settle' as const) }) },
);
