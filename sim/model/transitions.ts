/**
 * Transitions of the library state: where cartridges go, what the robot picks and places, what power-on
 * recovery does. No time, no I/O and no checks beyond the physical invariants (one cartridge per element):
 * the command handlers and the control API decide what is allowed. Every change is recorded for persistence.
 * Spec: SMC-3 6.6 MOVE MEDIUM, EXCHANGE MEDIUM; SMC-3 6.10 SOURCE STORAGE ELEMENT ADDRESS ("last storage
 * element the medium was moved from", docs/smc-reference.md 1.3).
 */
import {
  ElementKind,
  isInPulledMagazine,
  type Cartridge,
  type DriveState,
  type ElementState,
  type MagazineState,
} from './element.js';
import type { CartridgeSpec, LibraryState } from './library-state.js';

/** Puts a loose cartridge into an empty element. Throws on a broken invariant (a bug, never an input error). */
export function attach(state: LibraryState, cartridge: Cartridge, element: ElementState): void {
  if (element.cartridge) throw new Error(`element ${element.address} already holds ${element.cartridge.id}`);
  if (cartridge.element || cartridge.hiddenSlot !== undefined)
    throw new Error(`cartridge ${cartridge.id} is already placed`);
  element.cartridge = cartridge;
  cartridge.element = element;
  state.cartridges.set(cartridge.id, cartridge);
  state.changes.cartridges.add(cartridge.id);
}

/** Puts a loose cartridge into an empty hidden cleaning slot. */
export function attachHidden(state: LibraryState, cartridge: Cartridge, slot: number): void {
  if (state.hidden[slot] !== undefined) throw new Error(`hidden slot ${slot} is full`);
  if (cartridge.element || cartridge.hiddenSlot !== undefined)
    throw new Error(`cartridge ${cartridge.id} is already placed`);
  state.hidden[slot] = cartridge;
  cartridge.hiddenSlot = slot;
  state.cartridges.set(cartridge.id, cartridge);
  state.changes.cartridges.add(cartridge.id);
}

/** Takes a cartridge out of wherever it is; it stays registered (call {@link forget} when it leaves). */
export function detach(state: LibraryState, cartridge: Cartridge): void {
  if (cartridge.element) {
    cartridge.element.cartridge = undefined;
    cartridge.element = undefined;
  } else if (cartridge.hiddenSlot !== undefined) {
    state.hidden[cartridge.hiddenSlot] = undefined;
    cartridge.hiddenSlot = undefined;
  }
  state.changes.cartridges.add(cartridge.id);
}

/** A cartridge leaves the library (the operator took it). */
export function forget(state: LibraryState, cartridge: Cartridge): void {
  detach(state, cartridge);
  state.cartridges.delete(cartridge.id);
}

/** Creates a cartridge from a spec and places it. */
export function create(
  state: LibraryState,
  spec: CartridgeSpec,
  where: ElementState | { hiddenSlot: number },
): Cartridge {
  const cartridge = state.newCartridge(spec);
  if ('hiddenSlot' in where) attachHidden(state, cartridge, where.hiddenSlot);
  else attach(state, cartridge, where);
  return cartridge;
}

/**
 * The operator hands a new cartridge into an element (through the door, an open IE station or a pulled
 * magazine). In an IE element it counts as imported (IMPEXP=1, docs/smc-reference.md 1.3).
 */
export function operatorPlace(state: LibraryState, spec: CartridgeSpec, element: ElementState): Cartridge {
  const cartridge = create(state, spec, element);
  cartridge.placedByOperator = element.type === ElementKind.IMPORT_EXPORT;
  return cartridge;
}

/** The robot takes the source's cartridge into the transport element (the start of a move). */
export function pick(state: LibraryState, source: ElementState, transport: ElementState): Cartridge {
  const cartridge = source.cartridge;
  if (!cartridge) throw new Error(`pick from empty element ${source.address}`);
  detach(state, cartridge);
  attach(state, cartridge, transport);
  cartridge.pickedFrom = source;
  if (source.type === ElementKind.STORAGE) cartridge.lastStorage = source;
  return cartridge;
}

/** The robot puts the transport element's cartridge into the destination (the end of a move). */
export function place(state: LibraryState, transport: ElementState, destination: ElementState): Cartridge {
  const cartridge = transport.cartridge;
  if (!cartridge) throw new Error(`place from empty transport ${transport.address}`);
  detach(state, cartridge);
  attach(state, cartridge, destination);
  cartridge.pickedFrom = undefined;
  cartridge.placedByOperator = false;
  return cartridge;
}

/** Moves a cartridge straight from one element to another (the middle step of EXCHANGE MEDIUM). */
export function relocate(state: LibraryState, from: ElementState, to: ElementState): Cartridge {
  const cartridge = from.cartridge;
  if (!cartridge) throw new Error(`relocate from empty element ${from.address}`);
  detach(state, cartridge);
  attach(state, cartridge, to);
  if (from.type === ElementKind.STORAGE) cartridge.lastStorage = from;
  cartridge.pickedFrom = undefined;
  cartridge.placedByOperator = false;
  return cartridge;
}

function reachableEmpty(e: ElementState | undefined): e is ElementState {
  return e !== undefined && e.cartridge === undefined && !isInPulledMagazine(e);
}

/**
 * Power-on recovery: a cartridge left in a transport element (power lost mid-move) goes back where the robot
 * took it from, else to its last storage element, else to the first empty reachable storage element; with no
 * room at all it stays in the gripper. Returns the cartridges moved.
 */
export function recoverTransports(state: LibraryState): Cartridge[] {
  const moved: Cartridge[] = [];
  for (const transport of state.transports) {
    const cartridge = transport.cartridge;
    if (!cartridge) continue;
    const target =
      [cartridge.pickedFrom, cartridge.lastStorage].find(reachableEmpty) ?? state.storage.find(reachableEmpty);
    if (!target) continue;
    place(state, transport, target);
    moved.push(cartridge);
  }
  return moved;
}

/** Places the personality's starting inventory. Throws when a seed names an unknown or taken location. */
export function seedInventory(state: LibraryState): void {
  const p = state.personality;
  for (const seed of p.inventory) {
    const spec: CartridgeSpec = { volumeTag: seed.volumeTag, kind: seed.kind, usesRemaining: seed.usesRemaining };
    if (typeof seed.location === 'string') {
      const slot = Number(seed.location.slice('hidden:'.length));
      if (!Number.isInteger(slot) || slot < 0 || slot >= state.hidden.length || state.hidden[slot]) {
        throw new Error(`personality ${p.id}: inventory location ${seed.location} is not a free hidden cleaning slot`);
      }
      create(state, spec, { hiddenSlot: slot });
    } else {
      const e = state.elementByHome(seed.location);
      if (!e || e.cartridge || e.type === ElementKind.TRANSPORT) {
        throw new Error(
          `personality ${p.id}: inventory location ${seed.location} is not a free storage, IE or drive element`,
        );
      }
      create(state, spec, e);
    }
  }
}

/** One cleaning used: the cleaner counts down and is spent at zero. */
export function useCleaning(state: LibraryState, cleaner: Cartridge): void {
  cleaner.usesRemaining = Math.max(0, cleaner.usesRemaining - 1);
  cleaner.spent = cleaner.usesRemaining === 0;
  state.changes.cartridges.add(cleaner.id);
}

/** Sets or clears a drive's needs-cleaning flag. */
export function setNeedsCleaning(state: LibraryState, drive: DriveState, on: boolean): void {
  if (drive.needsCleaning === on) return;
  drive.needsCleaning = on;
  state.changes.drives.add(drive.element.home);
}

/** Marks a magazine pulled or inserted; its cartridges stay in its elements (they travel with it). */
export function setMagazinePresent(state: LibraryState, magazine: MagazineState, present: boolean): void {
  if (magazine.present === present) return;
  magazine.present = present;
  state.changes.magazines.add(magazine.model.id);
}

/** Opens or closes the library's access door. */
export function setDoorOpen(state: LibraryState, open: boolean): void {
  if (state.door.open === open) return;
  state.door.open = open;
  state.changes.door = true;
}

/** Opens or closes the import/export station. */
export function setStationOpen(state: LibraryState, open: boolean): void {
  if (state.station.open === open) return;
  state.station.open = open;
  state.changes.station = true;
}
