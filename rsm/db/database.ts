/**
 * The RSM library database in memory: every object with its GUID, the fixed offline library, lookups, and the
 * snapshot written to disk. Spec: rsm-semantics.md 4 (objects and fields), 7.5 (the offline library, flag
 * FIXEDOFFLINE, only LibraryType and dwNumberOfMedia meaningful), 9 ("each library unit can contain one
 * cleaner"); D12 (the offline library's GUID gives 4305).
 */
import type { Clock } from '../../scsi/clock/clock.js';
import { newGuid, NULL_GUID, type Guid, type RandomSource } from '../ntms/guid.js';
import { NtmsLibraryFlags, NtmsLibraryType, NtmsOperationalState, NtmsInventoryMethod } from '../ntms/ntms-constants.js';
import {
  DB_FORMAT,
  DB_VERSION,
  type AclEntry,
  type CartridgeRecord,
  type DbSnapshot,
  type DoorRecord,
  type DriveRecord,
  type IePortRecord,
  type LibRequestRecord,
  type LibraryRecord,
  type OpRequestRecord,
  type PrincipalRecord,
  type SlotRecord,
} from './records.js';

/** Objects that carry created/modified times. */
type Timed = { id: Guid; created: number; modified: number };

/** The record collections, keyed by GUID. */
export interface DbTables {
  readonly libraries: Map<Guid, LibraryRecord>;
  readonly slots: Map<Guid, SlotRecord>;
  readonly iePorts: Map<Guid, IePortRecord>;
  readonly doors: Map<Guid, DoorRecord>;
  readonly drives: Map<Guid, DriveRecord>;
  readonly cartridges: Map<Guid, CartridgeRecord>;
  readonly libRequests: Map<Guid, LibRequestRecord>;
  readonly opRequests: Map<Guid, OpRequestRecord>;
}

function byId<T extends { id: Guid }>(rows: readonly T[]): Map<Guid, T> {
  return new Map(rows.map((r) => [r.id, structuredClone(r)]));
}

/** The database. Mutate records through it (or touch() them after a change) so `modified` stays true. */
export class RsmDatabase implements DbTables {
  readonly libraries: Map<Guid, LibraryRecord>;
  readonly slots: Map<Guid, SlotRecord>;
  readonly iePorts: Map<Guid, IePortRecord>;
  readonly doors: Map<Guid, DoorRecord>;
  readonly drives: Map<Guid, DriveRecord>;
  readonly cartridges: Map<Guid, CartridgeRecord>;
  readonly libRequests: Map<Guid, LibRequestRecord>;
  readonly opRequests: Map<Guid, OpRequestRecord>;
  readonly principals: Map<string, PrincipalRecord>;
  readonly computer: string;
  readonly offlineLibraryId: Guid;

  private constructor(
    private readonly clock: Clock,
    private readonly random: RandomSource,
    snapshot: DbSnapshot,
  ) {
    this.computer = snapshot.computer;
    this.offlineLibraryId = snapshot.offlineLibrary;
    this.libraries = byId(snapshot.libraries);
    this.slots = byId(snapshot.slots);
    this.iePorts = byId(snapshot.iePorts);
    this.doors = byId(snapshot.doors);
    this.drives = byId(snapshot.drives);
    this.cartridges = byId(snapshot.cartridges);
    this.libRequests = byId(snapshot.libRequests);
    this.opRequests = byId(snapshot.opRequests);
    this.principals = new Map(snapshot.principals.map((p) => [p.name, structuredClone(p)]));
  }

  /** A database loaded from a snapshot (already schema-checked). */
  static fromSnapshot(clock: Clock, random: RandomSource, snapshot: DbSnapshot): RsmDatabase {
    return new RsmDatabase(clock, random, snapshot);
  }

  /** A new database holding only the fixed offline library (rsm-semantics 7.5) and the given principals. */
  static create(clock: Clock, random: RandomSource, computer: string, principals: PrincipalRecord[], offlineAcl: AclEntry[]): RsmDatabase {
    const offlineId = newGuid(random);
    const now = clock.now();
    const offline: LibraryRecord = {
      id: offlineId,
      created: now,
      modified: now,
      name: 'Offline Media',
      description: 'Media that are not in any library',
      enabled: true,
      libraryType: NtmsLibraryType.NTMS_LIBRARYTYPE_OFFLINE,
      offlineReason: 'fixed-offline',
      operationalState: NtmsOperationalState.NTMS_READY,
      flags: NtmsLibraryFlags.NTMS_LIBRARYFLAG_FIXEDOFFLINE,
      cleanerSlot: NULL_GUID,
      cleanerSlotDefault: NULL_GUID,
      cleanerCartridge: NULL_GUID,
      cleanerUsesRemaining: 0,
      inventoryMethod: NtmsInventoryMethod.NTMS_INVENTORY_NONE,
      device: null,
      layout: null,
      hasDoor: false,
      acl: offlineAcl,
    };
    return new RsmDatabase(clock, random, {
      format: DB_FORMAT,
      version: DB_VERSION,
      computer,
      offlineLibrary: offlineId,
      savedAt: now,
      libraries: [offline],
      slots: [],
      iePorts: [],
      doors: [],
      drives: [],
      cartridges: [],
      libRequests: [],
      opRequests: [],
      principals,
    });
  }

  /** A fresh GUID. */
  newId(): Guid {
    return newGuid(this.random);
  }

  /** Clock time now. */
  now(): number {
    return this.clock.now();
  }

  /** Marks a record changed now. */
  touch(record: Timed): void {
    record.modified = this.clock.now();
  }

  /** The snapshot to persist (deep copies, in stable orders). */
  snapshot(): DbSnapshot {
    const rows = <T>(m: Map<Guid, T>): T[] => [...m.values()].map((r) => structuredClone(r));
    return {
      format: DB_FORMAT,
      version: DB_VERSION,
      computer: this.computer,
      offlineLibrary: this.offlineLibraryId,
      savedAt: this.clock.now(),
      libraries: rows(this.libraries),
      slots: rows(this.slots),
      iePorts: rows(this.iePorts),
      doors: rows(this.doors),
      drives: rows(this.drives),
      cartridges: rows(this.cartridges),
      libRequests: rows(this.libRequests),
      opRequests: rows(this.opRequests),
      principals: [...this.principals.values()].map((p) => structuredClone(p)),
    };
  }

  // ---- lookups -------------------------------------------------------------------------------------------

  slotsOf(library: Guid): SlotRecord[] {
    return [...this.slots.values()].filter((s) => s.library === library).sort((a, b) => a.address - b.address);
  }

  iePortsOf(library: Guid): IePortRecord[] {
    return [...this.iePorts.values()].filter((p) => p.library === library).sort((a, b) => a.address - b.address);
  }

  doorsOf(library: Guid): DoorRecord[] {
    return [...this.doors.values()].filter((d) => d.library === library).sort((a, b) => a.number - b.number);
  }

  drivesOf(library: Guid): DriveRecord[] {
    return [...this.drives.values()].filter((d) => d.library === library).sort((a, b) => a.address - b.address);
  }

  cartridgesOf(library: Guid): CartridgeRecord[] {
    return [...this.cartridges.values()].filter((c) => c.library === library);
  }

  slotAt(library: Guid, address: number): SlotRecord | undefined {
    return this.slotsOf(library).find((s) => s.address === address);
  }

  iePortAt(library: Guid, address: number): IePortRecord | undefined {
    return this.iePortsOf(library).find((p) => p.address === address);
  }

  driveAt(library: Guid, address: number): DriveRecord | undefined {
    return this.drivesOf(library).find((d) => d.address === address);
  }

  /** The cartridge recorded at an element of a library, if any. */
  cartridgeAt(library: Guid, address: number): CartridgeRecord | undefined {
    return this.cartridgesOf(library).find((c) => c.location?.address === address);
  }

  /** The library's cleaner (CLEANERPRESENT), if it has one. */
  cleanerOf(library: LibraryRecord): CartridgeRecord | undefined {
    return library.cleanerCartridge === NULL_GUID ? undefined : this.cartridges.get(library.cleanerCartridge);
  }

  /** Library requests of one library, oldest first. */
  requestsOf(library: Guid): LibRequestRecord[] {
    return [...this.libRequests.values()].filter((r) => r.library === library).sort((a, b) => a.timeQueued - b.timeQueued);
  }
}
