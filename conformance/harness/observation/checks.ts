/**
 * The expectations return paths share, each failing with a sentence that names what was expected and what was
 * seen: the result (by name, its number from the run's code profile), the operation GUID, the library
 * request's states and dwErrorCode, where the cleaner physically is, the reservation and cleaner flags, the
 * operator request, the ejected cleaner's absence from every library, and "nothing changed".
 * Spec: docs/rsm-semantics.md D1 (tests assert names), D5, D6, D7, D10, D11, D16; 7.1-7.2.
 */
import { AssertionError } from 'chai';
import { isGuid, NULL_GUID, NtmsLmOperation, type Guid, type GuidRef, type LibraryRequestView, type ResultName } from '../../../rsm/index.js';
import type { ElementKindName } from './changer-probe.js';
import { differences, type World } from './observe.js';
import type { RsmDriver } from '../rsm-driver.js';

function fail(message: string): never {
  throw new AssertionError(message);
}

/** Expectations bound to one test's RSM driver. */
export class Checks {
  constructor(private readonly rsm: RsmDriver) {}

  /** `rc` is the number `name` has under the run's code profile. */
  result(call: string, rc: number, name: ResultName): void {
    const table = this.rsm.results;
    const want = table.code(name);
    if (rc !== want) fail(`${call} returned ${table.label(rc)}; expected ${name} (${want})`);
  }

  /** The operation GUID was not written (per docs/rsm-semantics.md D10: only a START that returns 0 writes it). */
  guidUntouched(ref: GuidRef | null, before: Guid): void {
    if (ref && ref.value !== before) fail(`lpEjectOperation was written (${before} -> ${ref.value}) although the call failed (D10)`);
  }

  /**
   * The operation GUID is a new NTMS_LM_EJECTCLEANER request of this library for the reserved slot (D10);
   * returns its view.
   */
  isEjectRequest(ref: GuidRef, before: Guid, slotId: Guid): LibraryRequestView {
    if (!isGuid(ref.value) || ref.value === NULL_GUID || ref.value === before) fail(`lpEjectOperation holds ${ref.value}; expected a fresh operation GUID (D10)`);
    const view = this.rsm.request(ref.value);
    if (!view) return fail(`the operation GUID ${ref.value} names no library request (D10)`);
    if (view.operation !== NtmsLmOperation.NTMS_LM_EJECTCLEANER) fail(`request ${view.id} is ${view.operationName}; expected NTMS_LM_EJECTCLEANER (D10)`);
    if (view.library !== this.rsm.libraryId) fail(`request ${view.id} is for library ${view.library}; expected ${this.rsm.libraryId}`);
    if (view.slotId !== slotId) fail(`request ${view.id} names slot ${view.slotId}; expected the reserved slot ${slotId}`);
    return view;
  }

  /** The request ended in `stateName` with dwErrorCode `error` (a result name, default ERROR_SUCCESS). */
  requestEnded(id: Guid, stateName: string, error: ResultName = 'ERROR_SUCCESS'): LibraryRequestView {
    const view = this.rsm.request(id);
    if (!view) return fail(`library request ${id} is not in the database`);
    const code = this.rsm.results.code(error);
    if (view.stateName !== stateName) fail(`library request ended ${view.stateName} (${view.history.at(-1)?.note ?? ''}); expected ${stateName}`);
    if (view.dwErrorCode !== code) fail(`library request dwErrorCode is ${view.errorLabel}; expected ${error} (${code})`);
    if (view.timeCompleted === null) fail('library request has no TimeCompleted although it ended');
    return view;
  }

  /** The request went through exactly these states, in order. */
  visited(view: LibraryRequestView, states: readonly string[]): void {
    const seen = view.statesVisited.join(' -> ');
    if (seen !== states.join(' -> ')) fail(`library request went ${seen}; expected ${states.join(' -> ')}`);
  }

  /** The failed call changed nothing observable. */
  unchanged(before: World, after: World): void {
    const diff = differences(before, after);
    if (diff.length > 0) fail(`the call changed what it must not:\n  ${diff.join('\n  ')}`);
  }

  /** The changer reports `volumeTag` in an element of `kind` (at `address`, when given). */
  cartridgeAt(world: World, volumeTag: string, kind: ElementKindName, address?: number): number {
    const e = world.changer.find(volumeTag);
    const want = `${kind} element${address === undefined ? '' : ` ${address}`}`;
    if (!e) return fail(`READ ELEMENT STATUS shows ${volumeTag} nowhere; expected it in ${want}`);
    if (e.kind !== kind || (address !== undefined && e.address !== address)) fail(`READ ELEMENT STATUS shows ${volumeTag} in ${e.kind} element ${e.address}; expected ${want}`);
    return e.address;
  }

  /** No element of the changer holds `volumeTag`. */
  cartridgeGone(world: World, volumeTag: string): void {
    const e = world.changer.find(volumeTag);
    if (e) fail(`READ ELEMENT STATUS still shows ${volumeTag} in ${e.kind} element ${e.address}`);
  }

  /** The library's reservation is `slotId` (the NULL GUID: none). */
  reservation(world: World, slotId: Guid): void {
    if (world.library.cleanerSlot !== slotId) fail(`CleanerSlot is ${world.library.cleanerSlot}; expected ${slotId}`);
  }

  /** CLEANERPRESENT and dwCleanerUsesRemaining. */
  cleanerFlags(world: World, present: boolean, uses: number): void {
    const l = world.library;
    if (l.cleanerPresent !== present) fail(`CLEANERPRESENT is ${l.cleanerPresent ? 'set' : 'clear'}; expected it ${present ? 'set' : 'clear'}`);
    if (l.cleanerUsesRemaining !== uses) fail(`dwCleanerUsesRemaining is ${l.cleanerUsesRemaining}; expected ${uses}`);
  }

  /** The request raised an operator request (at least one); returns the first. */
  operatorRequestRaised(view: LibraryRequestView): LibraryRequestView['operatorRequests'][number] {
    const op = view.operatorRequests[0];
    if (!op) return fail('no operator request was raised for the library request');
    return op;
  }

  /** The request raised no operator request. */
  noOperatorRequest(view: LibraryRequestView): void {
    if (view.operatorRequests.length > 0) fail(`the library request raised operator requests: ${view.operatorRequests.map((o) => o.message).join('; ')}`);
  }

  /**
   * The ejected cleaner is in no library, the offline library included (per docs/rsm-semantics.md D5): its record is
   * deleted and no cartridge record carries its label.
   */
  inNoLibrary(world: World, mediaId: Guid, volumeTag: string): void {
    if (this.rsm.service.inspect.findCartridge(mediaId)) fail(`the cleaner's record ${mediaId} still exists (D5: deleted on eject)`);
    const here = world.cartridges.find((c) => c.barcode === volumeTag);
    if (here) fail(`the library still records ${volumeTag} at ${JSON.stringify(here.location)}`);
    const offline = world.offline.find((c) => c.barcode === volumeTag);
    if (offline) fail(`the offline library records ${volumeTag} (D5: ejected cleaners are not tracked there)`);
  }

  /** A plain condition with a message. */
  that(condition: boolean, message: string): void {
    if (!condition) fail(message);
  }
}
