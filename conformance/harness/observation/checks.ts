/**
 * The expectations return paths share, each failing with a sentence that names what was expected and what was
 * seen: the result (by name, its number from the run's code profile), the operation GUID, the library
 * request's states and dwErrorCode, where the cleaner physically is, the reservation and cleaner flags, the
 * operator request, the ejected cleaner's absence from every library, and "nothing changed".
 * Spec: docs/rsm-semantics.md D1 (tests assert names), D5, D6, D7, D10, D11, D16; 7.1-7.2.
 */
import { AssertionError } from 'chai';
import {
  isGuid,
  NULL_GUID,
  NtmsLmOperation,
  type Guid,
  type GuidRef,
  type LibraryRequestView,
  type ResultName,
} from '../../../rsm/index.js';
import type { ElementKindName } from './changer-probe.js';
import { expectedCode } from './expected-results.js';
import { locate, stillPresent, type TrackedCartridge } from './position-checks.js';
import { differences, type World } from './observe.js';
import type { RsmDriver } from '../rsm-driver.js';

function fail(message: string): never {
  throw new AssertionError(message);
}

/** Expectations bound to one test's RSM driver. */
export class Checks {
  constructor(private readonly rsm: RsmDriver) {}

  /**
   * The number the suite expects for `name` under the run's code profile, from the suite's own table
   * (conformance/harness/observation/expected-results.ts, per docs/rsm-semantics.md D1), never from the model's.
   */
  code(name: ResultName): number {
    return expectedCode(this.rsm.results.profile.name, name);
  }

  /** `rc` is the number `name` has under the run's code profile (the suite's table, D1). */
  result(call: string, rc: number, name: ResultName): void {
    const want = this.code(name);
    if (rc !== want) fail(`${call} returned ${this.rsm.results.label(rc)}; expected ${name} (${want})`);
  }

  /** The operation GUID was not written (per docs/rsm-semantics.md D10: only a START that returns 0 writes it). */
  guidUntouched(ref: GuidRef | null, before: Guid): void {
    if (ref && ref.value !== before)
      fail(`lpEjectOperation was written (${before} -> ${ref.value}) although the call failed (D10)`);
  }

  /**
   * The operation GUID is a new NTMS_LM_EJECTCLEANER request of this library for the reserved slot (D10);
   * returns its view.
   */
  isEjectRequest(ref: GuidRef, before: Guid, slotId: Guid): LibraryRequestView {
    if (!isGuid(ref.value) || ref.value === NULL_GUID || ref.value === before)
      fail(`lpEjectOperation holds ${ref.value}; expected a fresh operation GUID (D10)`);
    const view = this.rsm.request(ref.value);
    if (!view) return fail(`the operation GUID ${ref.value} names no library request (D10)`);
    if (view.operation !== NtmsLmOperation.NTMS_LM_EJECTCLEANER)
      fail(`request ${view.id} is ${view.operationName}; expected NTMS_LM_EJECTCLEANER (D10)`);
    if (view.library !== this.rsm.libraryId)
      fail(`request ${view.id} is for library ${view.library}; expected ${this.rsm.libraryId}`);
    if (view.slotId !== slotId)
      fail(`request ${view.id} names slot ${view.slotId}; expected the reserved slot ${slotId}`);
    return view;
  }

  /** The request ended in `stateName` with dwErrorCode `error` (a result name, default ERROR_SUCCESS). */
  requestEnded(id: Guid, stateName: string, error: ResultName = 'ERROR_SUCCESS'): LibraryRequestView {
    const view = this.rsm.request(id);
    if (!view) return fail(`library request ${id} is not in the database`);
    const code = this.code(error);
    if (view.stateName !== stateName)
      fail(`library request ended ${view.stateName} (${view.history.at(-1)?.note ?? ''}); expected ${stateName}`);
    if (view.dwErrorCode !== code)
      fail(`library request dwErrorCode is ${view.errorLabel}; expected ${error} (${code})`);
    if (view.timeCompleted === null) fail('library request has no TimeCompleted although it ended');
    return view;
  }

  /** The request went through exactly these states, in order. */
  visited(view: LibraryRequestView, states: readonly string[]): void {
    const seen = view.statesVisited.join(' -> ');
    if (seen !== states.join(' -> ')) fail(`library request went ${seen}; expected ${states.join(' -> ')}`);
  }

  /**
   * The failed call changed nothing observable, apart from the `expected` changes (each a pattern one difference
   * line must match, and each must happen: a D4 refresh recording a pulled magazine, D12 taking a library offline).
   */
  unchanged(before: World, after: World, expected: readonly RegExp[] = []): void {
    const diff = differences(before, after);
    const unexpected = diff.filter((d) => !expected.some((re) => re.test(d)));
    const missing = expected.filter((re) => !diff.some((d) => re.test(d)));
    if (unexpected.length > 0) fail(`the call changed what it must not:\n  ${unexpected.join('\n  ')}`);
    if (missing.length > 0)
      fail(
        `the call did not make the change it must make: ${missing.map(String).join(', ')} (saw: ${diff.join('; ') || 'no change'})`,
      );
  }

  /**
   * The changer reports `cartridge` in an element of `kind` (at `address`, when given): by volume tag, or where
   * the changer reads none, by fullness and SVALID source address (conformance/harness/observation/position-checks.ts).
   * Returns the element's address; fails saying so when the cartridge cannot be identified.
   */
  cartridgeAt(world: World, cartridge: TrackedCartridge, kind: ElementKindName, address?: number): number {
    const r = locate(world.changer, cartridge, kind, address);
    if ('problem' in r) return fail(r.problem);
    return r.element.address;
  }

  /** No element of the changer holds `cartridge` (`lastSeen`: the element it was last read in). */
  cartridgeGone(world: World, cartridge: TrackedCartridge, lastSeen?: number): void {
    const problem = stillPresent(world.changer, cartridge, lastSeen);
    if (problem) fail(problem);
  }

  /** The library's reservation is `slotId` (the NULL GUID: none). */
  reservation(world: World, slotId: Guid): void {
    if (world.library.cleanerSlot !== slotId) fail(`CleanerSlot is ${world.library.cleanerSlot}; expected ${slotId}`);
  }

  /** CLEANERPRESENT and dwCleanerUsesRemaining. */
  cleanerFlags(world: World, present: boolean, uses: number): void {
    const l = world.library;
    if (l.cleanerPresent !== present)
      fail(`CLEANERPRESENT is ${l.cleanerPresent ? 'set' : 'clear'}; expected it ${present ? 'set' : 'clear'}`);
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
    if (view.operatorRequests.length > 0)
      fail(`the library request raised operator requests: ${view.operatorRequests.map((o) => o.message).join('; ')}`);
  }

  /**
   * The ejected cleaner is in no library, the offline library included (per docs/rsm-semantics.md D5): its record is
   * deleted and no cartridge record carries its label.
   */
  inNoLibrary(world: World, mediaId: Guid, volumeTag: string): void {
    if (this.rsm.service.inspect.findCartridge(mediaId))
      fail(`the cleaner's record ${mediaId} still exists (D5: deleted on eject)`);
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
