/**
 * The operator's hands as a conformance test uses them: take a cartridge from the IE station, open and close the
 * door, pull a magazine, hand in a cleaning cartridge; and the one thing SCSI cannot show that a test asks about
 * (whether the station or the door is locked against the operator). Three implementations, chosen by
 * `--operator`: `sim` (the simulator's control API, conformance/harness/target/sim-target.ts), `prompt` (a person at the
 * terminal) and `exec:COMMAND` (a lab rig speaking JSON lines), both through instruction-operator.ts. Every
 * action and answer goes into an OperatorJournal, which the run's report lists.
 * Design: docs/architecture.md "Control"; docs/operator.md (the instruction protocol).
 */

/** A cartridge the operator brings to the library. */
export interface CartridgeToHandIn {
  /** Label (barcode), at most 32 printable ASCII characters. */
  readonly volumeTag: string;
  readonly kind: 'cleaning' | 'data';
  /** Cleanings left, for a cleaning cartridge (unknown for a cartridge the operator only puts back). */
  readonly usesRemaining?: number;
}

/** A removable magazine as the model names it, with its presence read over SCSI. */
export interface MagazineInfo {
  readonly id: string;
  readonly name: string;
  /** Storage element addresses it holds. */
  readonly storage: readonly number[];
  /** Every one of its storage elements reads ACCESS=0 (pulled, SMC-3 6.10; docs/smc-reference.md 1.6). */
  readonly present: boolean;
}

/** Whether the IE station and the door are locked against the operator: what only the operator can tell. */
export interface Locks {
  readonly importExport?: boolean;
  readonly door?: boolean;
}

/** What the library does after the operator's step and how long it waits for it (for the person's instruction). */
export interface OperatorHint {
  /** "the library inventories the station and moves CLN900L1 to slot 1012". */
  readonly next?: string;
  /** How long the library waits for the operator, in library milliseconds. */
  readonly waitsMs?: number;
  /** Where, in words ("magazine Left (slots 1-8)"). */
  readonly where?: string;
  /** The label of the cartridge the step is about, when the suite knows it. */
  readonly volumeTag?: string;
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

/** The operator answered skip: the test skips with "the operator skipped: ...". */
export class OperatorSkippedError extends Error {
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(`the operator skipped: ${step}${detail ? ` (${detail})` : ''}`);
    this.name = 'OperatorSkippedError';
  }
}

/** The operator answered abort: the run stops cleanly (no further test runs) and writes its reports. */
export class OperatorAbortError extends Error {
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(`the operator aborted the run at: ${step}${detail ? ` (${detail})` : ''}`);
    this.name = 'OperatorAbortError';
  }
}

/** One action or question and its answer, for the report. */
export interface OperatorEntry {
  /** Sequence number within the run. */
  readonly id: number;
  /** The test it belongs to, when known. */
  readonly test?: string;
  readonly action: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly text: string;
  readonly result: 'done' | 'skip' | 'abort' | 'refused' | 'failed';
  /** What the operator reported back (a volume tag, a lock state, a refusal's reason). */
  readonly answer?: Readonly<Record<string, unknown>>;
}

/** The run's record of operator actions; one per run, shared by every session. */
export class OperatorJournal {
  private readonly list: OperatorEntry[] = [];
  private test: string | undefined;

  /** Names the test later entries belong to (undefined between tests: the restoring). */
  setTest(title: string | undefined): void {
    this.test = title;
  }

  /** The next sequence number. */
  nextId(): number {
    return this.list.length + 1;
  }

  add(entry: Omit<OperatorEntry, 'id' | 'test'>): void {
    this.list.push({ id: this.nextId(), ...(this.test !== undefined ? { test: this.test } : {}), ...entry });
  }

  entries(): readonly OperatorEntry[] {
    return this.list;
  }
}

/** Which implementation acts. */
export type OperatorKind = 'sim' | 'prompt' | 'exec';

/**
 * Operator actions. Implementations carry out each action or reject with OperatorRefusedError (could not),
 * OperatorSkippedError (the person or rig skipped the step) or OperatorAbortError (stop the run).
 */
export interface Operator {
  readonly kind: OperatorKind;
  /** "simulator control API", "a person at the terminal", "exec: ./rig". */
  readonly description: string;
  /** Whether the station and the door are locked against the operator (asks: SCSI cannot show it). */
  locks(what: { importExport: boolean; door: boolean }): Promise<Locks>;
  openImportExport(hint?: OperatorHint): Promise<void>;
  closeImportExport(hint?: OperatorHint): Promise<void>;
  /** Takes the cartridge out of an IE element of the open station; resolves with its volume tag. */
  takeFromImportExport(address: number, hint?: OperatorHint): Promise<string>;
  putIntoImportExport(address: number, cartridge: CartridgeToHandIn, hint?: OperatorHint): Promise<void>;
  openDoor(hint?: OperatorHint): Promise<void>;
  closeDoor(hint?: OperatorHint): Promise<void>;
  /** Takes the cartridge out of any element through the open door; resolves with its volume tag. */
  takeThroughDoor(address: number, hint?: OperatorHint): Promise<string>;
  putThroughDoor(address: number, cartridge: CartridgeToHandIn, hint?: OperatorHint): Promise<void>;
  pullMagazine(magazine: MagazineInfo, hint?: OperatorHint): Promise<void>;
  insertMagazine(magazine: MagazineInfo, hint?: OperatorHint): Promise<void>;
  /** Gets the operator ready before the first test (starts the rig's process). */
  start?(): Promise<void>;
  /** Ends the operator (the rig's process); idempotent. */
  close?(): Promise<void>;
}
