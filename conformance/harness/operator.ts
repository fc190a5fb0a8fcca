/**
 * The operator's hands as a conformance test uses them: take a cartridge from the IE port, open and close the
 * door, pull a magazine, hand in a cleaning cartridge. The in-process simulator carries these out through its
 * control API (conformance/harness/sim-target.ts); a later issue adds prompts to a person at real hardware
 * behind the same interface. The suite never reaches a simulator any other way.
 * Design: ARCHITECTURE.md "Control" (the same operations in-process, over HTTP, at the console).
 */

/** A cartridge the operator brings to the library. */
export interface CartridgeToHandIn {
  /** Label (barcode), at most 32 printable ASCII characters. */
  readonly volumeTag: string;
  readonly kind: 'cleaning' | 'data';
  /** Cleanings left, for a cleaning cartridge. */
  readonly usesRemaining?: number;
}

/** A removable magazine as the operator sees it. */
export interface MagazineInfo {
  readonly id: string;
  readonly name: string;
  /** Storage element addresses it holds. */
  readonly storage: readonly number[];
  readonly present: boolean;
}

/** What the operator sees of an opening (the IE station or the access door). */
export interface OpeningState {
  readonly present: boolean;
  readonly open: boolean;
  /** Locked against the operator (PREVENT MEDIUM REMOVAL held, or the robot moving). */
  readonly locked: boolean;
}

/** The operator was refused (the station is locked, the element is empty...); `code` is machine-readable. */
export class OperatorRefusedError extends Error {
  constructor(
    readonly action: string,
    readonly code: string,
    detail: string,
  ) {
    super(`operator could not ${action}: ${detail} (${code})`);
    this.name = 'OperatorRefusedError';
  }
}

/**
 * Operator actions. Implementations must carry out each action or reject with OperatorRefusedError, and must
 * report the physical state they see (the status methods) without changing it.
 */
export interface Operator {
  /** "simulator control API" or a description of who acts. */
  readonly description: string;
  importExportState(): Promise<OpeningState>;
  doorState(): Promise<OpeningState>;
  magazines(): Promise<readonly MagazineInfo[]>;
  openImportExport(): Promise<void>;
  closeImportExport(): Promise<void>;
  /** Takes the cartridge out of an IE element of the open station; resolves with its volume tag. */
  takeFromImportExport(address: number): Promise<string>;
  putIntoImportExport(address: number, cartridge: CartridgeToHandIn): Promise<void>;
  openDoor(): Promise<void>;
  closeDoor(): Promise<void>;
  /** Takes the cartridge out of any element through the open door; resolves with its volume tag. */
  takeThroughDoor(address: number): Promise<string>;
  putThroughDoor(address: number, cartridge: CartridgeToHandIn): Promise<void>;
  pullMagazine(id: string): Promise<void>;
  insertMagazine(id: string): Promise<void>;
}
