/**
 * Test fixture: a started RsmService on a VirtualClock with a FakeChanger attached, an open session, and
 * helpers to reserve a cleaner slot and put a cleaner in it. Spec: docs/rsm-semantics.md D4 (the refresh finds a
 * cleaner put in the reserved slot), D10 (operation GUID).
 */
import { VirtualClock } from '../../../common/clock/clock.js';
import {
  guidRef,
  MemoryDbStore,
  RsmService,
  seededRandomSource,
  type ChangerHints,
  type DbStore,
  type Guid,
  type RsmPolicies,
} from '../../../rsm/index.js';
import { FakeChanger } from './fake-changer.js';
import { FakeLibrary, type FakeLibraryOptions } from './fake-library.js';

/** Everything a test needs. */
export interface RsmFixture {
  readonly clock: VirtualClock;
  readonly changer: FakeChanger;
  readonly fake: FakeLibrary;
  readonly service: RsmService;
  readonly store: DbStore;
  readonly libraryId: Guid;
  readonly handle: number;
}

/** Options of {@link makeFixture}. */
export interface FixtureOptions {
  readonly library?: FakeLibraryOptions;
  readonly hints?: ChangerHints;
  readonly policies?: Partial<RsmPolicies>;
  readonly store?: DbStore;
  readonly seed?: number;
}

/** Builds and starts a service with one fake changer attached, and opens a session as Administrator. */
export async function makeFixture(options: FixtureOptions = {}): Promise<RsmFixture> {
  const clock = new VirtualClock();
  const fake = new FakeLibrary(options.library);
  const changer = new FakeChanger(fake);
  const store = options.store ?? new MemoryDbStore();
  const service = new RsmService({
    clock,
    random: seededRandomSource(options.seed ?? 7),
    store,
    ...(options.policies ? { policies: options.policies } : {}),
  });
  await service.start();
  const libraryId = await service.attachChanger(changer, options.hints ?? {});
  const { handle } = await service.openNtmsSession(null, 'test', 0);
  return { clock, changer, fake, service, store, libraryId, handle };
}

/** The GUID of the storage slot at `address`. */
export function slotId(f: RsmFixture, address: number): Guid {
  const slot = f.service.inspect.library(f.libraryId)?.slots.find((s) => s.address === address);
  if (!slot) throw new Error(`no slot at ${address}`);
  return slot.id;
}

/** Reserves the slot at `address` as the cleaner slot; throws unless the call returns 0. */
export async function reserve(f: RsmFixture, address: number): Promise<void> {
  const rc = await f.service.reserveNtmsCleanerSlot(f.handle, guidRef(f.libraryId), guidRef(slotId(f, address)));
  if (rc !== 0) throw new Error(`ReserveNtmsCleanerSlot returned ${rc}`);
}

/** Reserves the slot at `address` and puts a cleaner (barcode CLN001) in it, as an arrangement step would. */
export async function withCleaner(f: RsmFixture, address = 4100, barcode = 'CLN001'): Promise<void> {
  await reserve(f, address);
  f.fake.place(address, barcode, true);
}

/** START an eject; returns the call's result and the operation GUID box. */
export async function startEject(f: RsmFixture): Promise<{ rc: number; op: { value: Guid } }> {
  const op = guidRef();
  const rc = await f.service.ejectNtmsCleaner(f.handle, guidRef(f.libraryId), op, 0);
  return { rc, op };
}

/** Advances virtual time until `predicate` holds (bounded). */
export async function runUntil(f: RsmFixture, predicate: () => boolean, limitMs = 3600_000): Promise<void> {
  await f.clock.runUntil(predicate, limitMs);
}

/** The current state name of a library request. */
export function stateOf(f: RsmFixture, id: Guid): string {
  return f.service.inspect.libraryRequest(id)?.stateName ?? 'unknown';
}
