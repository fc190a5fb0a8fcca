/**
 * Elements, cartridges, magazines and drives of the simulated library: the records the state is made of.
 * Spec: SMC-3 (T10/1730-D) 4.2 "Medium changer elements" (MT, ST, IE, DT); docs/smc-reference.md 1.3 (what a
 * descriptor reports), 1.6 (magazines, IE station, cleaning cartridges).
 */
import type { DriveModel, MagazineModel } from '../personality/personality.js';

/** Element type codes as READ ELEMENT STATUS uses them (docs/smc-reference.md 1.2, byte 1 bits 3-0). */
export const ElementKind = {
  TRANSPORT: 1,
  STORAGE: 2,
  IMPORT_EXPORT: 3,
  DATA_TRANSFER: 4,
} as const;

/** One of {@link ElementKind}'s values. */
export type ElementKindCode = (typeof ElementKind)[keyof typeof ElementKind];

/** Names used by the control API and the state file for each element type. */
export const ELEMENT_KIND_NAMES = {
  1: 'transport',
  2: 'storage',
  3: 'importExport',
  4: 'dataTransfer',
} as const satisfies Record<ElementKindCode, string>;

/** Name of an element type for people and JSON. */
export type ElementKindName = (typeof ELEMENT_KIND_NAMES)[ElementKindCode];

/** Most cleanings a cartridge can have left: what an operator may give one, and what a state file may hold. */
export const MAX_USES_REMAINING = 1_000_000;

/** A cartridge is either a data cartridge or a cleaning cartridge (medium type 1 or 2, docs/smc-reference.md 1.3). */
export type CartridgeKind = 'data' | 'cleaning';

/**
 * One physical cartridge. Its identity (`id`) is internal and stable across restarts; volume tags need not be
 * unique (real libraries accept duplicate or missing labels).
 */
export interface Cartridge {
  readonly id: string;
  readonly volumeTag: string;
  readonly kind: CartridgeKind;
  /** Cleanings left (cleaning cartridges; 0 for data cartridges). */
  usesRemaining: number;
  /** A cleaning cartridge with no cleanings left. */
  spent: boolean;
  /** The element holding it, or undefined when it sits in a hidden cleaning slot. */
  element: ElementState | undefined;
  /** The hidden cleaning slot holding it (0-based), when `element` is undefined. */
  hiddenSlot: number | undefined;
  /**
   * Last storage element it was moved from: SOURCE STORAGE ELEMENT ADDRESS with SVALID (SMC-3 6.10,
   * docs/smc-reference.md 1.3).
   */
  lastStorage: ElementState | undefined;
  /** While it is in a transport element: the element the robot took it from (power-on recovery returns it). */
  pickedFrom: ElementState | undefined;
  /** Put in an IE element by the operator (IMPEXP=1) rather than by the robot (IMPEXP=0). */
  placedByOperator: boolean;
}

/** A removable magazine and whether it is in the library. */
export interface MagazineState {
  readonly model: MagazineModel;
  /** False while the operator has pulled it out. */
  present: boolean;
  /** Its storage and IE elements, in the order of the model. */
  readonly elements: readonly ElementState[];
}

/** A tape drive's library-side state (the library does not see inside the drive). */
export interface DriveState {
  readonly model: DriveModel;
  readonly element: ElementState;
  /** The drive asked for cleaning (TapeAlert on a real drive; set by the operator API here). */
  needsCleaning: boolean;
  /** A cleaning cycle runs in this drive now. */
  cleaning: boolean;
}

/** One addressable element. `home` is its address in the personality and its identity in the state file. */
export interface ElementState {
  readonly type: ElementKindCode;
  /** Address in the personality; never changes. */
  readonly home: number;
  /** Address the initiator uses now (MODE SELECT page 1Dh may re-address, docs/smc-reference.md 1.1). */
  address: number;
  /** Position within its type, 0-based, in home-address order. */
  readonly ordinal: number;
  cartridge: Cartridge | undefined;
  /** The removable magazine this element belongs to, if any. */
  magazine: MagazineState | undefined;
  /** The drive, for data transfer elements. */
  drive: DriveState | undefined;
}

/** True when the element's magazine has been pulled: the robot cannot reach it and it reports per style. */
export function isInPulledMagazine(element: ElementState): boolean {
  return element.magazine !== undefined && !element.magazine.present;
}
