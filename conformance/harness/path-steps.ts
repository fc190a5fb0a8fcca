/**
 * Step sequences many return paths share: arranging the library as ready to eject as it can be made, and the
 * body of a path whose call must fail without effect (the result by name, lpEjectOperation not written, no
 * request queued, nothing moved, reservation and cleaner flags unchanged).
 * Spec: docs/rsm-semantics.md D3 (each check stops the call before anything is queued), D10 (the GUID is written
 * only when START returns 0), 7.1.
 */
import {
  guidRef,
  NtmsEjectOperation,
  type CheckReport,
  type Guid,
  type GuidRef,
  type NtmsHandle,
  type ResultName,
} from '../../rsm/index.js';
import type { World } from './observation/observe.js';
import type { PathTest } from './path-test.js';
import type { RecordedCall } from './rsm-driver.js';
import { Capability } from './return-path.js';
import type { CleanerInSlot, SlotChoice } from './scenario.js';

/** A value put in lpEjectOperation before a call that must not write it (D10: written only on success). */
export const UNTOUCHED_GUID: Guid = '5e1f0000-0000-4000-8000-00000000c1ea';

/** A well-formed library GUID no database holds. */
export const UNKNOWN_LIBRARY: Guid = '0bad1b00-0000-4000-8000-000000000001';

/** A well-formed GUID no library request has. */
export const UNKNOWN_OPERATION: Guid = '0bad5707-0000-4000-8000-000000000002';

/** What {@link arrangeReady} managed. */
export type Readiness =
  | { readonly kind: 'cleaner'; readonly cleaner: CleanerInSlot }
  | { readonly kind: 'slot'; readonly slot: SlotChoice }
  | { readonly kind: 'none' };

/**
 * Reserves an empty slot and, when the library has an IE port or a door and an operator can act, injects the
 * test cleaner into it; otherwise says in the report why the reserved slot stays empty, or, when the model knows
 * no empty slot (tgt), why none is reserved. Host-only paths use it so the call under test would otherwise have
 * had everything it needs.
 */
export async function arrangeReady(t: PathTest, h: NtmsHandle): Promise<Readiness> {
  if (!t.caps.has.has(Capability.EMPTY_SLOT)) {
    await t.note(
      `no cleaner slot can be reserved here (${t.caps.facts[Capability.EMPTY_SLOT]}); the call runs without one`,
    );
    return { kind: 'none' };
  }
  if (t.caps.has.has(Capability.PORT_OR_DOOR) && t.caps.has.has(Capability.OPERATOR)) {
    const cleaner = await t.arrange('reserve an empty slot and inject a cleaner into it', () =>
      t.scenario.readyCleaner(h),
    );
    return { kind: 'cleaner', cleaner };
  }
  const slot = await t.arrange('reserve an empty slot', () => t.scenario.reservedEmptySlot(h));
  await t.note(
    `no cleaner can be injected here (${t.caps.facts[Capability.PORT_OR_DOOR]}); the reserved slot ${slot.address} stays empty`,
  );
  return { kind: 'slot', slot };
}

/** The first arrange steps of a host-only path: a session as an administrator, then {@link arrangeReady}. */
export async function openReady(t: PathTest): Promise<NtmsHandle> {
  const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
  await arrangeReady(t, h);
  return h;
}

/** A library state a failing call meets: disabled (DisableNtmsObject) or marked offline by an administrator. */
export type Unavailable = 'disabled' | 'offline';

/** Arrange steps putting the library in each state of `states`, in that order (D12). */
export async function arrangeUnavailable(t: PathTest, h: NtmsHandle, ...states: Unavailable[]): Promise<void> {
  for (const state of states) {
    if (state === 'disabled') await t.arrange('disable the library (DisableNtmsObject)', () => t.rsm.disableLibrary(h));
    else await t.arrange('an administrator marks the library offline', () => t.rsm.markOffline());
  }
}

/** A {@link FailingCall}'s call: EjectNtmsCleaner(`operation`) on the library under test, passing `op` through. */
export function ejectCall(
  t: PathTest,
  h: NtmsHandle,
  operation: 'START' | 'STOP' = 'START',
): (op: GuidRef | null) => Promise<number> {
  const code = operation === 'START' ? NtmsEjectOperation.NTMS_EJECT_START : NtmsEjectOperation.NTMS_EJECT_STOP;
  return (op) => t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), op, code);
}

/** Options of {@link failsWithoutEffect}. */
export interface FailingCall {
  /** The act step's name ("EjectNtmsCleaner(START) with a closed handle"). */
  readonly act: string;
  readonly expected: ResultName;
  /**
   * What lpEjectOperation holds before the call: a GUID (default {@link UNTOUCHED_GUID}; a STOP passes the GUID it
   * names) or null for a NULL pointer, where D10 cannot be observed and the step says so.
   */
  readonly operation?: Guid | null;
  /** Makes the call; it must pass `op` itself as lpEjectOperation (the check verifies it). */
  readonly call: (op: GuidRef | null) => Promise<number>;
  /** A snapshot taken earlier; default: one taken right before the call. */
  readonly before?: World;
  /**
   * The check step (docs/rsm-semantics.md D3) that must decide the result ("enabled", "slot-present"), so two
   * results a code profile gives one number (ERROR_SLOT_NOT_PRESENT and D9's 4316) are still told apart.
   */
  readonly decidedBy: string;
  /**
   * The changes the call must make although it fails, as patterns of difference lines (world-differences.ts):
   * D4's refresh recording a pulled magazine's slot NOTPRESENT, D12's link-lost library going offline.
   */
  readonly changes?: readonly RegExp[];
}

/** The functions whose third argument is an operation GUID (lpEjectOperation, lpInjectOperation). */
const OPERATION_ARG: Readonly<Record<string, number>> = { ejectNtmsCleaner: 2, injectNtmsCleaner: 2 };

/**
 * Why the calls the act made do not let D10 be checked on `op`: none passed an operation argument, or one
 * passed another reference than the one checked. Undefined when every such call passed `op`.
 */
export function operationArgumentProblem(calls: readonly RecordedCall[], op: GuidRef | null): string | undefined {
  const made = calls.filter((c) => OPERATION_ARG[c.fn] !== undefined);
  if (made.length === 0) return 'the act made no call with an operation GUID argument; D10 was not exercised';
  for (const c of made) {
    const passed = c.args[OPERATION_ARG[c.fn] as number];
    if (passed === op) continue;
    const what = passed === null ? 'NULL' : `another GUID reference (${JSON.stringify(passed)})`;
    return `${c.fn} was passed ${what} as its operation GUID, not the one checked (${op === null ? 'NULL' : op.value})`;
  }
  return undefined;
}

/** The step `decided` names is `by`; the message says which decided instead and after which checks. */
export function decidedProblem(decided: CheckReport | undefined, by: string): string | undefined {
  if (decided?.step === by) return undefined;
  return `the result was decided by the "${decided?.step ?? '?'}" check after ${decided?.steps.join(' → ') ?? 'no checks'}; expected "${by}"`;
}

/** Act and expect for a call that must fail and change nothing; returns the snapshot taken after it. */
export async function failsWithoutEffect(t: PathTest, c: FailingCall): Promise<World> {
  if (typeof c.decidedBy !== 'string')
    throw new Error(`failsWithoutEffect("${c.act}"): decidedBy, the D3 step that must decide, is required`);
  const changes = c.changes ?? [];
  if (changes.length > 0)
    await t.note(`changes the call must make although it fails: ${changes.map(String).join(', ')}`);
  const before =
    c.before ??
    (await t.arrange('take a snapshot of the library and the RSM database', () =>
      t.observe.snapshot(noEffectSnapshot(t)),
    ));
  const initial = c.operation === undefined ? UNTOUCHED_GUID : c.operation;
  const op = initial === null ? null : guidRef(initial);
  const from = t.rsm.calls.length;
  const rc = await t.act(c.act, () => c.call(op));
  const calls = t.rsm.calls.slice(from);
  const decided = t.rsm.service.lastCheck;
  if (decided) await t.note(`checks run: ${decided.steps.join(' → ')}; decided by: ${decided.step ?? 'none'}`);
  await t.expect(`${c.expected} (${t.check.code(c.expected)})`, () => t.check.result(c.act, rc, c.expected));
  await t.expect(`decided by the "${c.decidedBy}" check (D3)`, () => {
    const problem = decidedProblem(decided, c.decidedBy);
    t.check.that(problem === undefined, problem ?? '');
  });
  if (op === null || initial === null) {
    await t.expect(
      'lpEjectOperation is NULL: there is no GUID to write (D10); the call was passed NULL and queued no request',
      () => {
        const problem = operationArgumentProblem(calls, null);
        t.check.that(problem === undefined, problem ?? '');
        const queued = t.rsm.requests().filter((r) => !before.requests.some((x) => x.id === r.id));
        t.check.that(
          queued.length === 0,
          `the call queued ${queued.map((r) => `${r.operationName} ${r.id}`).join(', ')} although it failed`,
        );
      },
    );
  } else {
    await t.expect(`lpEjectOperation not written: still ${initial} (D10)`, () => {
      const problem = operationArgumentProblem(calls, op);
      t.check.that(problem === undefined, problem ?? '');
      t.check.guidUntouched(op, initial);
    });
  }
  let after: World | undefined;
  await t.expect(
    'nothing changed: no request queued or changed, nothing moved, reservation, flags, records and locks as before',
    async () => {
      after = await t.observe.snapshot(noEffectSnapshot(t));
      t.check.unchanged(before, after, c.changes);
    },
  );
  return after ?? before;
}

/**
 * Snapshot options for a "nothing changed" comparison: the locks are read too where asking costs nothing (the
 * simulator's control API); a person is not asked twice per path.
 */
export function noEffectSnapshot(t: PathTest): { locks: boolean } {
  return { locks: t.session.operator?.kind === 'sim' };
}
