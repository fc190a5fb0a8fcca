/**
 * Steps the "queued eject fails later" paths share: START returns ERROR_SUCCESS and the work fails (or survives a
 * fault) afterwards, so each path starts an eject, causes something at the library, and reads back the library
 * request's final state and dwErrorCode, where the cleaner is over SCSI, and that the RSM database records it at
 * the same element. Spec: docs/rsm-semantics.md 3 (the call returns once queued; completion is asynchronous), 7.2
 * (FAILED + dwErrorCode), D5-D8, D10, D11 (the leaving mark ends with the request), D12;
 * docs/rsm-model.md "Changer failures → dwErrorCode".
 */
import { AssertionError } from 'chai';
import {
  guidRef,
  NULL_GUID,
  NtmsEjectOperation,
  NtmsSlotState,
  type Guid,
  type NtmsHandle,
  type ResultName,
} from '../../rsm/index.js';
import { checkObjectInfo } from './observation/object-info-checks.js';
import type { ElementKindName } from './observation/changer-probe.js';
import type { FaultInjection } from './target/fault-injection.js';
import type { World } from './observation/observe.js';
import type { PathTest } from './path-test.js';
import type { CleanerInSlot } from './scenario.js';

/** The database's name of an element kind, for each kind READ ELEMENT STATUS reports. */
const DB_KIND: Partial<Record<ElementKindName, string>> = { storage: 'slot', ie: 'ieport', drive: 'drive' };

const ENDED = ['NTMS_LM_PASSED', 'NTMS_LM_FAILED', 'NTMS_LM_CANCELLED', 'NTMS_LM_STOPPED'];

/** The target's fault injection; paths using it declare Capability.FAULT_INJECTION. */
export function faultsOf(t: PathTest): FaultInjection {
  const f = t.session.faults;
  if (!f) throw new Error(`${t.label}: this target cannot inject faults (declare Capability.FAULT_INJECTION)`);
  return f;
}

/**
 * EjectNtmsCleaner(START) as the act; expects (step `expectName`) ERROR_SUCCESS and a new eject request; returns
 * the operation GUID.
 */
export async function startEject(
  t: PathTest,
  h: NtmsHandle,
  cleaner: CleanerInSlot,
  expectName = 'ERROR_SUCCESS and a new eject-cleaner request (the failure comes later, in the queued work)',
): Promise<Guid> {
  const op = guidRef(NULL_GUID);
  const rc = await t.act('EjectNtmsCleaner(START)', () =>
    t.rsm.call('ejectNtmsCleaner', h, t.rsm.libraryRef(), op, NtmsEjectOperation.NTMS_EJECT_START),
  );
  await t.expect(expectName, () => {
    t.check.result('EjectNtmsCleaner(START)', rc, 'ERROR_SUCCESS');
    t.check.isEjectRequest(op, NULL_GUID, cleaner.id);
  });
  return op.value;
}

/**
 * Where the cleaner is: READ ELEMENT STATUS (the suite's nexus) shows `volumeTag` in an element of `kind` (at
 * `address` when given), and the RSM database records the cartridge at that same element, and not marked
 * leaving for a request that has ended (D11).
 * Returns the element's address.
 */
export function cleanerAgrees(
  t: PathTest,
  world: World,
  cleaner: CleanerInSlot,
  kind: ElementKindName,
  address?: number,
): number {
  const at = t.check.cartridgeAt(world, cleaner, kind, address);
  const record = world.cartridges.find((c) => c.id === cleaner.mediaId);
  const want = `${DB_KIND[kind] ?? kind} ${at}`;
  if (!record)
    throw new AssertionError(
      `READ ELEMENT STATUS shows ${cleaner.volumeTag} in ${kind} element ${at}, but the RSM database has no record of the cleaner ${cleaner.mediaId}`,
    );
  const loc = record.location;
  if (!loc || loc.kind !== DB_KIND[kind] || loc.address !== at)
    throw new AssertionError(
      `the RSM database records the cleaner at ${loc ? `${loc.kind} ${loc.address}` : 'no element'}; READ ELEMENT STATUS shows it in ${want}`,
    );
  const leavingFor = record.leavingRequest === null ? undefined : t.rsm.request(record.leavingRequest);
  if (leavingFor && ENDED.includes(leavingFor.stateName))
    throw new AssertionError(
      `the cleaner is still marked leaving for request ${leavingFor.id} although it ended ${leavingFor.stateName} (D11)`,
    );
  return at;
}

/** A failed request to read back through GetNtmsObjectInformation as well (D10). */
export interface FailedReadBack {
  readonly handle: NtmsHandle;
  readonly op: Guid;
  readonly error: ResultName;
}

/**
 * The cleaner stayed in (or came back to) its reserved slot: SCSI, database, reservation and flags agree; with
 * `readBack`, GetNtmsObjectInformation shows the same (library, the FAILED request and its dwErrorCode, the slot
 * FULL), per docs/rsm-semantics.md D10.
 */
export async function cleanerHome(t: PathTest, cleaner: CleanerInSlot, readBack?: FailedReadBack): Promise<void> {
  const after = await t.observe.snapshot();
  cleanerAgrees(t, after, cleaner, 'storage', cleaner.address);
  t.check.reservation(after, cleaner.id);
  t.check.cleanerFlags(after, true, cleaner.uses);
  if (!readBack) return;
  await checkObjectInfo(t, readBack.handle, {
    library: { cleanerSlot: cleaner.id, cleanerPresent: true, uses: cleaner.uses },
    request: { id: readBack.op, state: 'NTMS_LM_FAILED', error: readBack.error, slotId: cleaner.id },
    slot: { id: cleaner.id, state: NtmsSlotState.NTMS_SLOTSTATE_FULL },
  });
}

/** Every armed fault fired: the model's work met it (an unfired fault would make the verdict meaningless). */
export async function faultsFired(t: PathTest): Promise<void> {
  const left = await faultsOf(t).pending();
  t.check.that(
    left === 0,
    `${left} armed fault${left === 1 ? '' : 's'} never fired: the RSM model did not send the command the fault was armed for`,
  );
}

/** The RSM model's MOVE MEDIUM commands in the trace since `from` (clock ms), with their status and sense. */
export function modelMoves(t: PathTest, from: number): { at: number; status: string; sense: string }[] {
  return t.session.trace
    .entries('rsm')
    .filter((e) => e.cdb.replace(/\s/g, '').toLowerCase().startsWith('a5') && (e.at ?? 0) >= from)
    .map((e) => ({ at: e.at ?? 0, status: e.status ?? e.fault ?? '?', sense: e.sense ?? '' }));
}

/**
 * The operator takes the cleaner from the IE element the work opened; the request must then be PASSED and the
 * cleaner gone from every element and every library (D5).
 */
export async function operatorTakesAndPasses(t: PathTest, op: Guid, cleaner: CleanerInSlot): Promise<void> {
  let ie = 0;
  await t.expect(
    'the request waits for the operator with the cleaner in an IE element (SCSI and database agree)',
    async () => {
      await t.scenario.waitForState(op, 'NTMS_LM_WAITING');
      ie = t.check.cartridgeAt(await t.observe.snapshot(), cleaner, 'ie');
      const rec = t.rsm.service.inspect.findCartridge(cleaner.mediaId);
      t.check.that(
        rec?.location?.kind === 'ieport' && rec.location.address === ie,
        `the RSM database records the cleaner at ${rec?.location ? `${rec.location.kind} ${rec.location.address}` : 'no element'}; READ ELEMENT STATUS shows it in IE element ${ie}`,
      );
    },
  );
  await t.act(`the operator takes the cleaner from IE element ${ie}`, async () => {
    const tag = await t.scenario.takeFromPort(ie, {
      volumeTag: cleaner.volumeTag,
      next: 'sees the station emptied and ends the eject request PASSED',
    });
    t.check.that(tag === cleaner.volumeTag, `the operator took ${tag}, not ${cleaner.volumeTag}`);
  });
  await t.expect(
    'the request PASSED: QUEUED → INPROCESS → WAITING → PASSED; the cleaner is in no element and no library',
    async () => {
      await t.scenario.waitForEnd(op);
      const view = t.check.requestEnded(op, 'NTMS_LM_PASSED');
      t.check.visited(view, ['NTMS_LM_QUEUED', 'NTMS_LM_INPROCESS', 'NTMS_LM_WAITING', 'NTMS_LM_PASSED']);
      const after = await t.observe.snapshot();
      t.check.cartridgeGone(after, cleaner);
      t.check.inNoLibrary(after, cleaner.mediaId, cleaner.volumeTag);
      t.check.cleanerFlags(after, false, 0);
    },
  );
}

/**
 * On a library whose host cannot close the IE station (Capability.IE_PORT_CLOSABLE missing), the model asks the
 * operator to close it before it can put the cleaner back (docs/rsm-model.md "Stations the host cannot close"):
 * waits for that operator request (one more than `before`), and the operator closes the station. Does nothing
 * where the host closes the station itself. Returns true when the operator closed it.
 */
export async function operatorClosesStationWhenAsked(t: PathTest, op: Guid, before: number): Promise<boolean> {
  if (t.caps.has.has('ie-port-closable')) return false;
  await t.expect('the host cannot close the IE station: the model raises an operator request to close it', () =>
    t.time.waitFor(
      'an operator request to close the IE station',
      () => (t.rsm.request(op)?.operatorRequests.length ?? 0) > before,
      3_600_000,
    ),
  );
  await t.act('the operator closes the IE station', () =>
    t.time.settle(
      t.operator.closeImportExport({ next: 'puts the cleaner back in its reserved slot and ends the eject request' }),
    ),
  );
  return true;
}
