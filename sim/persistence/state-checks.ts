/**
 * The invariants of a restored library state, checked record by record against the personality before anything
 * is applied: cartridge ids the simulator issues, cartridge fields that agree with each other, locations and source
 * addresses that exist and are of the right element type, drives that are drives, magazines that exist, and, for
 * journal records, no contradiction of the state they apply to (unknown ids, reused ids, labels or kinds that
 * change, a counter that goes back). Each problem names its field and what was expected.
 * Design: docs/simulator.md "Persistence" (state file validation); SMC-3 6.10 (SOURCE STORAGE ELEMENT ADDRESS is
 * a storage element); docs/smc-reference.md 1.3 (IMPEXP), 1.6 (hidden slots hold cleaning cartridges).
 */
import { ELEMENT_KIND_NAMES, ElementKind, type Cartridge, type ElementState } from '../model/element.js';
import { cartridgeNumber, type LibraryState } from '../model/library-state.js';
import type { CartridgeRecord } from './state-format.js';

/** Reports a problem at a field ("cartridges.3.location (cartridge c4)") and stops the load. */
export type Fail = (field: string, problem: string) => never;

const TYPE_WORDS = {
  transport: 'transport',
  storage: 'storage',
  importExport: 'import/export',
  dataTransfer: 'data transfer',
} as const;

/** "a data transfer element", for messages. */
export function typeWords(e: ElementState): string {
  return TYPE_WORDS[ELEMENT_KIND_NAMES[e.type]];
}

/** The element at a home address; fails naming the field when there is none. */
export function elementAt(state: LibraryState, fail: Fail, field: string, home: number): ElementState {
  const e = state.elementByHome(home);
  return e ?? fail(field, `element address ${home} does not exist in personality ${state.personality.id}`);
}

/** The number of an id the simulator issues; fails naming the field otherwise. */
export function checkId(fail: Fail, field: string, id: string): number {
  return (
    cartridgeNumber(id) ??
    fail(field, `expected an id this simulator issues ("c" and a whole number from 1), got ${JSON.stringify(id)}`)
  );
}

/** Fields of one record that must agree with each other whatever its location. */
export function checkFields(fail: Fail, at: (sub: string) => string, r: CartridgeRecord): void {
  if (r.kind === 'data') {
    if (r.usesRemaining !== 0)
      fail(at('usesRemaining'), `a data cartridge has no cleanings; expected 0, got ${r.usesRemaining}`);
    if (r.spent) fail(at('spent'), 'a data cartridge is never spent; expected false');
  } else if (r.spent !== (r.usesRemaining === 0)) {
    fail(at('spent'), `expected true exactly when usesRemaining is 0 (it is ${r.usesRemaining}), got ${r.spent}`);
  }
}

/** A journal record for a cartridge already in the library: what never changes must not change. */
export function checkUnchanged(fail: Fail, field: string, old: Cartridge, r: CartridgeRecord): void {
  if (r.volumeTag !== old.volumeTag) {
    fail(
      `${field}.volumeTag`,
      `cartridge ${old.id} is labelled ${JSON.stringify(old.volumeTag)} and a label never changes; got ${JSON.stringify(r.volumeTag)}`,
    );
  }
  if (r.kind !== old.kind)
    fail(
      `${field}.kind`,
      `cartridge ${old.id} is a ${old.kind} cartridge and its kind never changes; got ${JSON.stringify(r.kind)}`,
    );
}

/**
 * A journal record that brings a cartridge into the library: its id must be new (at or above the counter the
 * state had reached) and below the record's own counter.
 */
export function checkNewId(
  fail: Fail,
  field: string,
  id: string,
  n: number,
  reached: number,
  recordCounter: number,
): void {
  if (n < reached)
    fail(
      field,
      `creates cartridge ${id}, but ids below c${reached} were issued already and ${id} is not in the library; expected a new id from c${reached}`,
    );
  if (n >= recordCounter)
    fail(
      field,
      `creates cartridge ${id} but the record's nextCartridgeId is ${recordCounter}; expected a counter above every id issued`,
    );
}

/** Where a record puts its cartridge: an existing, free element or hidden slot, with sources that fit it. */
export function checkPlacement(
  state: LibraryState,
  fail: Fail,
  at: (sub: string) => string,
  r: CartridgeRecord,
): ElementState | number {
  let where: ElementState | number;
  if (typeof r.location === 'number') {
    const e = elementAt(state, fail, at('location'), r.location);
    if (e.cartridge) fail(at('location'), `element ${r.location} already holds cartridge ${e.cartridge.id}`);
    where = e;
  } else {
    const slot = Number(r.location.slice('hidden:'.length));
    const slots = state.hidden.length;
    if (slot >= slots)
      fail(
        at('location'),
        slots === 0
          ? `personality ${state.personality.id} has no hidden cleaning slots, got ${JSON.stringify(r.location)}`
          : `expected hidden:0 to hidden:${slots - 1}, got ${JSON.stringify(r.location)}`,
      );
    const there = state.hidden[slot];
    if (there) fail(at('location'), `${r.location} already holds cartridge ${there.id}`);
    if (r.kind !== 'cleaning')
      fail(
        at('kind'),
        `a hidden cleaning slot holds only cleaning cartridges; expected "cleaning", got ${JSON.stringify(r.kind)}`,
      );
    where = slot;
  }
  const inElement = typeof where === 'number' ? `is in ${r.location}` : `is at element ${where.home}`;
  if (r.lastStorage !== undefined) {
    const e = elementAt(state, fail, at('lastStorage'), r.lastStorage);
    if (e.type !== ElementKind.STORAGE)
      fail(
        at('lastStorage'),
        `element ${e.home} is a ${typeWords(e)} element; expected a storage element (the last one the cartridge was moved from)`,
      );
  }
  let pickedFromImportExport = false;
  if (r.pickedFrom !== undefined) {
    if (typeof where === 'number' || where.type !== ElementKind.TRANSPORT)
      fail(at('pickedFrom'), `only a cartridge in a transport element has one; this one ${inElement}`);
    const e = elementAt(state, fail, at('pickedFrom'), r.pickedFrom);
    if (e.type === ElementKind.TRANSPORT)
      fail(
        at('pickedFrom'),
        `element ${e.home} is a transport element; expected the storage, import/export or data transfer element the robot took the cartridge from`,
      );
    pickedFromImportExport = e.type === ElementKind.IMPORT_EXPORT;
  }
  // An imported cartridge keeps its flag in the gripper while it is moved out of the station: a move cut short
  // by a crash returns it there, still imported (transitions.ts pick/place).
  if (
    r.placedByOperator === true &&
    !pickedFromImportExport &&
    (typeof where === 'number' || where.type !== ElementKind.IMPORT_EXPORT)
  ) {
    fail(
      at('placedByOperator'),
      `only a cartridge in an import/export element can have been put there by the operator; this one ${inElement}`,
    );
  }
  return where;
}

/** A drive entry: its key is the home address of a data transfer element. */
export function checkDrive(state: LibraryState, fail: Fail, field: string, home: string): ElementState {
  const e = elementAt(state, fail, field, Number(home));
  if (!e.drive) fail(field, `element ${home} is a ${typeWords(e)} element; expected a data transfer element`);
  return e;
}
