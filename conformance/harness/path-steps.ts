/**
 * Step sequences many return paths share: arranging the library as ready to eject as it can be made, and the
 * body of a path whose call must fail without effect (the result by name, lpEjectOperation not written, no
 * request queued, nothing moved, reservation and cleaner flags unchanged).
 * Spec: docs/rsm-semantics.md D3 (each check stops the call before anything is queued), D10 (the GUID is written
 * only when START returns 0), 7.1.
 */
import { guidRef, type Guid, type GuidRef, type NtmsHandle, type ResultName } from '../../rsm/index.js';
import type { World } from './observation/observe.js';
import type { PathTest } from './path-test.js';
import { Capability } from './return-path.js';
import type { CleanerInSlot, SlotChoice } from './scenario.js';

/** A value put in lpEjectOperation before a call that must not write it (D10: written only on success). */
export const UNTOUCHED_GUID: Guid = '5e1f0000-0000-4000-8000-00000000c1ea';

/** A well-formed library GUID no database holds. */
export const UNKNOWN_LIBRARY: Guid = '0bad1b00-0000-4000-8000-000000000001';

/** A well-formed GUID no library request has. */
export const UNKNOWN_OPERATION: Guid = '0bad5707-0000-4000-8000-000000000002';

/** What {@link arrangeReady} managed. */
export type Readiness = { readonly kind: 'cleaner'; readonly cleaner: CleanerInSlot } | { readonly kind: 'slot'; readonly slot: SlotChoice } | { readonly kind: 'none' };

/**
 * Reserves an empty slot and, when the library has an IE port or a door and an operator can act, injects the
 * test cleaner into it; otherwise says in the report why the reserved slot stays empty, or, when the model knows
 * no empty slot (tgt), why none is reserved. Host-only paths use it so the call under test would otherwise have
 * had everything it needs.
 */
export async function arrangeReady(t: PathTest, h: NtmsHandle): Promise<Readiness> {
  if (!t.caps.has.has(Capability.EMPTY_SLOT)) {
    await t.note(`no cleaner slot can be reserved here (${t.caps.facts[Capability.EMPTY_SLOT]}); the call runs without one`);
    return { kind: 'none' };
  }
  if (t.caps.has.has(Capability.PORT_OR_DOOR) && t.caps.has.has(Capability.OPERATOR)) {
    const cleaner = await t.arrange('reserve an empty slot and inject a cleaner into it', () => t.scenario.readyCleaner(h));
    return { kind: 'cleaner', cleaner };
  }
  const slot = await t.arrange('reserve an empty slot', () => t.scenario.reservedEmptySlot(h));
  await t.note(`no cleaner can be injected here (${t.caps.facts[Capability.PORT_OR_DOOR]}); the reserved slot ${slot.address} stays empty`);
  return { kind: 'slot', slot };
}

/** Options of {@link failsWithoutEffect}. */
export interface FailingCall {
  /** The act step's name ("EjectNtmsCleaner(START) with a closed handle"). */
  readonly act: string;
  readonly expected: ResultName;
  /** Makes the call; `op` is the lpEjectOperation to pass (holding UNTOUCHED_GUID), or pass null yourself. */
  readonly call: (op: GuidRef) => Promise<number>;
  /** A snapshot taken earlier; default: one taken right before the call. */
  readonly before?: World;
  /** The check step (docs/rsm-semantics.md D3) that must decide the result, for precedence paths ("enabled"). */
  readonly decidedBy?: string;
}

/** Act and expect for a call that must fail and change nothing; returns the snapshot taken after it. */
export async function failsWithoutEffect(t: PathTest, c: FailingCall): Promise<World> {
  const before = c.before ?? (await t.arrange('take a snapshot of the library and the RSM database', () => t.observe.snapshot()));
  const op = guidRef(UNTOUCHED_GUID);
  const rc = await t.act(c.act, () => c.call(op));
  const decided = t.rsm.service.lastCheck;
  if (decided) await t.note(`checks run: ${decided.steps.join(' → ')}; decided by: ${decided.step ?? 'none'}`);
  await t.expect(`${c.expected} (${t.results.code(c.expected)})`, () => t.check.result(c.act, rc, c.expected));
  const by = c.decidedBy;
  if (by !== undefined) {
    await t.expect(`decided by the "${by}" check (D3)`, () => t.check.that(decided?.step === by, `the result was decided by the "${decided?.step ?? '?'}" check after ${decided?.steps.join(' → ') ?? 'no checks'}; expected "${by}"`));
  }
  await t.expect('lpEjectOperation not written (D10)', () => t.check.guidUntouched(op, UNTOUCHED_GUID));
  let after: World | undefined;
  await t.expect('nothing changed: no request queued, nothing moved, reservation and cleaner flags as before', async () => {
    after = await t.observe.snapshot();
    t.check.unchanged(before, after);
  });
  return after ?? before;
}
