/**
 * Values of the operator and fault API: results with machine-readable refusal codes, cartridge input, and the
 * status view. Everything here is plain JSON so the same operations can be served over HTTP and a console.
 * Design: docs/architecture.md "Control"; docs/simulator.md "Operator and fault API".
 */
import type { CartridgeKind, ElementKindName } from '../model/element.js';

/** Why the operator (or the fault API) was refused. */
export const ControlError = {
  /** PREVENT MEDIUM REMOVAL holds the door, magazine or IE station locked (docs/smc-reference.md 1.6). */
  PREVENTED: 'PREVENTED',
  DOOR_OPEN: 'DOOR_OPEN',
  DOOR_CLOSED: 'DOOR_CLOSED',
  /** The product has no operator door. */
  NO_DOOR: 'NO_DOOR',
  STATION_OPEN: 'STATION_OPEN',
  STATION_CLOSED: 'STATION_CLOSED',
  /** The product reports no import/export element. */
  NO_STATION: 'NO_STATION',
  NO_SUCH_ELEMENT: 'NO_SUCH_ELEMENT',
  NO_SUCH_MAGAZINE: 'NO_SUCH_MAGAZINE',
  MAGAZINE_PULLED: 'MAGAZINE_PULLED',
  MAGAZINE_PRESENT: 'MAGAZINE_PRESENT',
  NOT_IN_MAGAZINE: 'NOT_IN_MAGAZINE',
  ELEMENT_FULL: 'ELEMENT_FULL',
  ELEMENT_EMPTY: 'ELEMENT_EMPTY',
  /** The robot is moving or has work queued; the library keeps its doors locked meanwhile. */
  ROBOT_BUSY: 'ROBOT_BUSY',
  /** The library cannot move media now: powering on, offline, inventorying (an operator move from the panel). */
  NOT_READY: 'NOT_READY',
  /** A cleaning cycle runs in the drive: its cartridge cannot leave yet. */
  DRIVE_CLEANING: 'DRIVE_CLEANING',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
} as const;

/** One of the {@link ControlError} codes. */
export type ControlErrorCode = (typeof ControlError)[keyof typeof ControlError];

/** Result of an operator action: a value, or a refusal with a code and a sentence for people. */
export type ControlResult<T = null> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: ControlErrorCode; readonly message: string };

/** A cartridge the operator hands in. */
export interface CartridgeInput {
  /** Label, at most 32 printable ASCII characters ("" for an unlabelled cartridge). */
  readonly volumeTag: string;
  /** Defaults to cleaning when the label starts with the product's cleaner prefix, else data. */
  readonly kind?: CartridgeKind | undefined;
  /** Cleanings left, cleaning cartridges only; defaults to the product's uses per cartridge. */
  readonly usesRemaining?: number | undefined;
}

/** A cartridge as the status view shows it. */
export interface CartridgeView {
  readonly id: string;
  readonly volumeTag: string;
  readonly kind: CartridgeKind;
  readonly usesRemaining: number;
  readonly spent: boolean;
  /** Address of the last storage element it was moved from (SVALID source), if any. */
  readonly lastStorage: number | null;
}

/** One element in the status view. */
export interface ElementView {
  readonly type: ElementKindName;
  readonly address: number;
  readonly cartridge: CartridgeView | null;
  readonly magazine: string | null;
  /** The robot can reach it now (magazine present; IE: station closed). */
  readonly accessible: boolean;
}

/** Everything an operator can see of the library. */
export interface StatusView {
  readonly personality: string;
  readonly poweringOn: boolean;
  readonly online: boolean;
  readonly scanning: boolean;
  readonly slowFactor: number;
  readonly robot: { readonly busy: boolean; readonly current: string | null; readonly queued: number };
  readonly door: { readonly present: boolean; readonly open: boolean; readonly locked: boolean };
  readonly importExport: {
    readonly present: boolean;
    readonly open: boolean;
    readonly locked: boolean;
    readonly addresses: number[];
  };
  readonly magazines: {
    readonly id: string;
    readonly name: string;
    readonly present: boolean;
    readonly locked: boolean;
    readonly addresses: number[];
  }[];
  readonly drives: {
    readonly address: number;
    readonly serial: string;
    readonly loaded: boolean;
    readonly needsCleaning: boolean;
    readonly cleaning: boolean;
  }[];
  readonly elements: ElementView[];
  readonly hiddenSlots: (CartridgeView | null)[];
  readonly prevent: { readonly holders: string[] };
  readonly reservation: string | null;
  readonly nexuses: string[];
  readonly faults: { readonly commands: number; readonly moves: number };
}
