/**
 * Named steps the paths that start a real eject share (queued-*, port-*): a session with a cleaner in a reserved
 * slot, a fault armed on the next MOVE MEDIUM, the request's end read back, the cleaner home, the IE station
 * relocked as before and GetNtmsObjectInformation agreeing. Each builder is one arrange, act or expect step under
 * the name the report shows, so a path file still reads as its own arrange/act/expect list.
 * Spec: docs/rsm-semantics.md 7.2 (FAILED + dwErrorCode), 7.3 (the port), D5-D7, D10, D11;
 * docs/rsm-model.md "Changer failures → dwErrorCode".
 */
import { NtmsPortContent, NtmsSlotState, type Guid, type NtmsHandle, type ResultName } from '../../rsm/index.js';
import { checkObjectInfo } from './observation/object-info-checks.js';
import type { World } from './observation/observe.js';
import type { PathTest } from './path-test.js';
import { cleanerHome, faultsFired, faultsOf, modelMoves, type FailedReadBack } from './queued-failure.js';
import type { CleanerInSlot } from './scenario.js';
import { FAULT_OPCODES, type InjectedSense } from './target/fault-injection.js';

/** A session as an administrator and the test cleaner in its reserved slot. */
export interface SessionWithCleaner {
  readonly h: NtmsHandle;
  readonly cleaner: CleanerInSlot;
}

/** The two first arrange steps: open a session, reserve an empty slot and inject a cleaner (`through` named). */
export async function openWithCleaner(t: PathTest, through = 'the IE port'): Promise<SessionWithCleaner> {
  const h = await t.arrange('open a session as an administrator', () => t.rsm.open());
  const cleaner = await t.arrange(`reserve an empty slot and inject a cleaner into it through ${through}`, () =>
    t.scenario.readyCleaner(h),
  );
  return { h, cleaner };
}

/** An arrange step named `name`: the changer answers the next MOVE MEDIUM with CHECK CONDITION and `sense`. */
export function armMoveSense(t: PathTest, name: string, sense: InjectedSense): Promise<void> {
  return t.arrange(name, () => faultsOf(t).failNextCommand({ opcode: FAULT_OPCODES.MOVE_MEDIUM, sense }));
}

/**
 * An expect step named `name`: the request ended FAILED with `error` by QUEUED → INPROCESS → FAILED (and, with
 * `noOperatorRequest`, raised none), and every armed fault fired.
 */
export function expectFailedInQueue(
  t: PathTest,
  name: string,
  op: Guid,
  error: ResultName,
  options: { readonly noOperatorRequest: boolean },
): Promise<void> {
  return t.expect(name, async () => {
    await t.scenario.waitForEnd(op);
    const view = t.check.requestEnded(op, 'NTMS_LM_FAILED', error);
    t.check.visited(view, ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_FAILED']);
    if (options.noOperatorRequest) t.check.noOperatorRequest(view);
    await faultsFired(t);
  });
}

/** The name of {@link expectCleanerHome}'s step unless a path gives its own. */
export const CLEANER_HOME =
  'the cleaner is in its reserved slot over SCSI, in the RSM database and through GetNtmsObjectInformation; reservation, CLEANERPRESENT and uses unchanged';

/** An expect step: the cleaner is home and the failed request reads back as such (queued-failure.ts cleanerHome). */
export function expectCleanerHome(
  t: PathTest,
  cleaner: CleanerInSlot,
  readBack: FailedReadBack,
  name = CLEANER_HOME,
): Promise<void> {
  return t.expect(name, () => cleanerHome(t, cleaner, readBack));
}

/** An expect step: the IE station was never opened (the work failed before it got there). */
export function expectStationNeverOpened(t: PathTest): Promise<void> {
  return t.expect('the IE station was never opened', async () => {
    const after = await t.observe.snapshot();
    t.check.that(after.importExport?.open === false, 'the IE station is open');
  });
}

/** One MOVE MEDIUM of the model's, as the trace shows it. */
export type ModelMove = ReturnType<typeof modelMoves>[number];

/**
 * Checks (inside an expect step) that the armed fault fired and that the model's first MOVE MEDIUM since
 * `armedAt` met it and the next one, the retry, was GOOD; `sense` names the fault in the message.
 * Returns the two moves.
 */
export async function checkMoveRetried(
  t: PathTest,
  armedAt: number,
  sense: string,
): Promise<{ first: ModelMove | undefined; second: ModelMove | undefined }> {
  await faultsFired(t);
  const moves = modelMoves(t, armedAt);
  const [first, second] = moves;
  t.check.that(
    first !== undefined && second !== undefined && first.status !== 'GOOD' && second.status === 'GOOD',
    `the model's MOVE MEDIUM commands since the fault was armed: ${moves.map((m) => `${m.status} ${m.sense}`).join('; ') || 'none'}; expected CHECK CONDITION (${sense}) then GOOD`,
  );
  return { first, second };
}

/**
 * An expect step: the request waits for the operator with the cleaner in an IE element; `also` checks more on
 * the same snapshot. Returns the IE element's address.
 */
export async function expectWaitingInPort(
  t: PathTest,
  op: Guid,
  cleaner: CleanerInSlot,
  also?: (world: World) => void,
): Promise<number> {
  let ie = 0;
  await t.expect('the request waits for the operator with the cleaner in an IE element', async () => {
    await t.scenario.waitForState(op, 'NTMS_LM_WAITING');
    const world = await t.observe.snapshot();
    ie = t.check.cartridgeAt(world, cleaner, 'ie');
    also?.(world);
  });
  return ie;
}

/** Checks the IE station is closed and locked (or not) as in `before`. */
export function checkStationRelocked(t: PathTest, before: World, after: World): void {
  t.check.that(after.importExport?.open === false, 'the IE station is open');
  t.check.that(
    after.importExport?.locked === before.importExport?.locked,
    `the IE station is ${after.importExport?.locked ? 'locked' : 'unlocked'}; before the eject it was ${before.importExport?.locked ? 'locked' : 'unlocked'}`,
  );
}

/** An expect step: the IE station is closed and locked as in `before` (a snapshot taken with its locks). */
export function expectStationRelocked(t: PathTest, before: World): Promise<void> {
  return t.expect('the IE station is closed and locked as before the eject', async () =>
    checkStationRelocked(t, before, await t.observe.snapshot({ locks: true })),
  );
}

/**
 * An expect step: the cleaner is back in its reserved slot over SCSI; reservation, CLEANERPRESENT and uses
 * unchanged; `also` checks more on the same snapshot.
 */
export function expectBackInSlot(t: PathTest, cleaner: CleanerInSlot, also?: (world: World) => void): Promise<void> {
  return t.expect(
    'the cleaner is back in its reserved slot; reservation, CLEANERPRESENT and uses remaining unchanged',
    async () => {
      const after = await t.observe.snapshot();
      t.check.cartridgeAt(after, cleaner, 'storage', cleaner.address);
      t.check.reservation(after, cleaner.id);
      t.check.cleanerFlags(after, true, cleaner.uses);
      also?.(after);
    },
  );
}

/** How a port eject ended, for {@link expectPortReadBack}. */
export interface PortEjectEnd {
  readonly op: Guid;
  /** The IE element the cleaner was offered in. */
  readonly ie: number;
  readonly state: 'NTMS_LM_PASSED' | 'NTMS_LM_STOPPED' | 'NTMS_LM_FAILED';
  readonly error: ResultName;
  /** The operator took the cleaner: CLEANERPRESENT clear, uses 0, the slot EMPTY; otherwise all as before. */
  readonly taken: boolean;
}

/** An expect step named `name`: GetNtmsObjectInformation agrees on the library, the request, the slot and the port. */
export function expectPortReadBack(
  t: PathTest,
  h: NtmsHandle,
  cleaner: CleanerInSlot,
  name: string,
  end: PortEjectEnd,
): Promise<void> {
  return t.expect(name, () =>
    checkObjectInfo(t, h, {
      library: end.taken
        ? { cleanerSlot: cleaner.id, cleanerPresent: false, uses: 0 }
        : { cleanerSlot: cleaner.id, cleanerPresent: true, uses: cleaner.uses },
      request: { id: end.op, state: end.state, error: end.error, slotId: cleaner.id },
      slot: {
        id: cleaner.id,
        state: end.taken ? NtmsSlotState.NTMS_SLOTSTATE_EMPTY : NtmsSlotState.NTMS_SLOTSTATE_FULL,
      },
      port: {
        id: t.rsm.library().iePorts.find((p) => p.address === end.ie)?.id ?? '',
        content: NtmsPortContent.NTMS_PORTCONTENT_EMPTY,
      },
    }),
  );
}
