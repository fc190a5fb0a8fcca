/**
 * The RSM library database in memory: every object with its GUID in its table, the fixed offline library,
 * lookups by library and element address through indexes the tables keep up to date (no scan or sort per
 * look-up), and the changes a commit hands its store (only the records changed since the last one). Spec: docs/rsm-semantics.md 4 (objects and fields), 7.5 (the offline library, flag
 * FIXEDOFFLINE, only LibraryType and dwNumberOfMedia meaningful), 9 ("each library unit can contain one
 * cleaner"); D12 (the offline library's GUID gives 4305).
 */
import type { Clock } from '../../common/clock/clock.js';
import { newGuid, NULL_GUID, type Guid, type RandomSource } from '../ntms/guid.js';
import {
  NtmsLibraryFlags,
  NtmsLibraryType,
  NtmsOperationalState,
  NtmsInventoryMethod,
} from '../ntms/ntms-constants.js';
import { ChangeLog, copyRecord, type DbBatch, type DbHeader } from './change-log.js';
import { PlaceIndex } from './place-index.js';
import {
  DB_FORMAT,
  DB_VERSION,
  TABLE_NAMES,
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
  type TableName,
} from './records.js';
import { Table, TimedTable } from './table.js';

/** Files rows with a library and an element address (slots, IE ports, drives) by that place. */
function byAddress<T extends { readonly library: Guid; readonly address: number }>(
  table: Table<T>,
): PlaceIndex<T, number> {
  const index = new PlaceIndex<T, number>(
    (r) => ({ group: r.library, at: r.address }),
    (r) => table.orderOf(r),
  );
  table.addIndex(index);
  return index;
}

/**
 * The database. Rows are frozen: change them through their table (insert, edit, touch, delete) so that the
 * indexes and the change log stay true. Lookups by library and element address are map look-ups.
 */
export class RsmDatabase {
  readonly libraries: TimedTable<LibraryRecord>;
  readonly slots: TimedTable<SlotRecord>;
  readonly iePorts: TimedTable<IePortRecord>;
  readonly doors: TimedTable<DoorRecord>;
  readonly drives: TimedTable<DriveRecord>;
  readonly cartridges: TimedTable<CartridgeRecord>;
  readonly libRequests: Table<LibRequestRecord>;
  readonly opRequests: Table<OpRequestRecord>;
  readonly principals: Table<PrincipalRecord>;
  readonly computer: string;
  readonly offlineLibraryId: Guid;
  private readonly changes = new ChangeLog();
  private readonly slotIndex: PlaceIndex<SlotRecord, number>;
  private readonly portIndex: PlaceIndex<IePortRecord, number>;
  private readonly driveIndex: PlaceIndex<DriveRecord, number>;
  private readonly doorIndex: PlaceIndex<DoorRecord, number>;
  /** Cartridges by library and the address of the element they are recorded in (none: not filed). */
  private readonly cartridgePlaces: PlaceIndex<CartridgeRecord, number>;
  /** Cartridges by library and barcode (no barcode: not filed). */
  private readonly cartridgeBarcodes: PlaceIndex<CartridgeRecord, string>;

  /** Takes ownership of the snapshot's records (a store hands over fresh objects). */
  private constructor(
    private readonly clock: Clock,
    private readonly random: RandomSource,
    snapshot: DbSnapshot,
    loaded: boolean,
  ) {
    this.computer = snapshot.computer;
    this.offlineLibraryId = snapshot.offlineLibrary;
    const now = () => this.clock.now();
    this.libraries = new TimedTable('libraries', this.changes, now);
    this.slots = new TimedTable('slots', this.changes, now);
    this.iePorts = new TimedTable('iePorts', this.changes, now);
    this.doors = new TimedTable('doors', this.changes, now);
    this.drives = new TimedTable('drives', this.changes, now);
    this.cartridges = new TimedTable('cartridges', this.changes, now);
    this.libRequests = new Table('libRequests', this.changes);
    this.opRequests = new Table('opRequests', this.changes);
    this.principals = new Table('principals', this.changes);
    this.slotIndex = byAddress(this.slots);
    this.portIndex = byAddress(this.iePorts);
    this.driveIndex = byAddress(this.drives);
    this.doorIndex = new PlaceIndex(
      (d) => ({ group: d.library, at: d.number }),
      (d) => this.doors.orderOf(d),
    );
    this.doors.addIndex(this.doorIndex);
    this.cartridgePlaces = new PlaceIndex(
      (c) => (c.location ? { group: c.library, at: c.location.address } : undefined),
      (c) => this.cartridges.orderOf(c),
    );
    this.cartridges.addIndex(this.cartridgePlaces);
    this.cartridgeBarcodes = new PlaceIndex(
      (c) => (c.barcode === '' ? undefined : { group: c.library, at: c.barcode }),
      (c) => this.cartridges.orderOf(c),
    );
    this.cartridges.addIndex(this.cartridgeBarcodes);
    for (const t of TABLE_NAMES) {
      const table = this.table(t);
      for (const r of snapshot[t]) table.insert(r as never);
    }
    // A loaded database is what its store holds: nothing to write until something changes.
    if (loaded) this.changes.take();
  }

  /** A database loaded from a snapshot (already schema-checked); it takes ownership of the records. */
  static fromSnapshot(clock: Clock, random: RandomSource, snapshot: DbSnapshot): RsmDatabase {
    return new RsmDatabase(clock, random, snapshot, true);
  }

  /** A new database holding only the fixed offline library (docs/rsm-semantics.md 7.5) and the given principals. */
  static create(
    clock: Clock,
    random: RandomSource,
    computer: string,
    principals: PrincipalRecord[],
    offlineAcl: AclEntry[],
  ): RsmDatabase {
    const offlineId = newGuid(random);
    const now = clock.now();
    const offline = {
      id: offlineId,
      created: now,
      modified: now,
      name: 'Offline Media',
      description: 'Media that are not in any library',
      enabled: true,
      libraryType: NtmsLibraryType.NTMS_LIBRARYTYPE_OFFLINE,
      offlineReason: 'fixed-offline' as const,
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
      acl: offlineAcl.map((e) => ({ ...e })),
    };
    return new RsmDatabase(
      clock,
      random,
      {
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
        principals: principals.map((p) => copyRecord(p) as DbSnapshot['principals'][number]),
      },
      false,
    );
  }

  /** A fresh GUID. */
  newId(): Guid {
    return newGuid(this.random);
  }

  /** Clock time now. */
  now(): number {
    return this.clock.now();
  }

  /** The table named `name`. */
  table(name: TableName): Table<object> {
    return this[name] as unknown as Table<object>;
  }

  /**
   * The whole database as a snapshot of the live rows (not copies, in table order): serialise it before
   * yielding to the event loop.
   */
  snapshot(): DbSnapshot {
    const out: Record<string, unknown> = { ...this.header() };
    for (const t of TABLE_NAMES) out[t] = [...this.table(t).values()];
    return out as DbSnapshot;
  }

  /** The snapshot fields that are not records; savedAt is now. */
  header(): DbHeader {
    return {
      format: DB_FORMAT,
      version: DB_VERSION,
      computer: this.computer,
      offlineLibrary: this.offlineLibraryId,
      savedAt: this.clock.now(),
    };
  }

  /** Number of records changed since the last takeChanges(). */
  get pendingChanges(): number {
    return this.changes.size;
  }

  /**
   * The records changed since the last call (copies) and the keys deleted, for a commit; the change log starts
   * empty again. Cost: the changed records only.
   */
  takeChanges(): DbBatch {
    const put: Partial<Record<TableName, unknown[]>> = {};
    const del: Partial<Record<TableName, string[]>> = {};
    for (const [name, keys] of this.changes.take()) {
      const table = this.table(name);
      const puts: unknown[] = [];
      const dels: string[] = [];
      for (const [key, deleted] of keys) {
        if (deleted) dels.push(key);
        const row = table.get(key);
        if (row) puts.push(copyRecord(row));
      }
      if (puts.length > 0) put[name] = puts;
      if (dels.length > 0) del[name] = dels;
    }
    return { header: this.header(), put, del, whole: () => this.snapshot() };
  }

  // ---- lookups -------------------------------------------------------------------------------------------

  /** The library's storage slots by address. Do not change the array. */
  slotsOf(library: Guid): readonly SlotRecord[] {
    return this.slotIndex.all(library);
  }

  /** The library's IE ports by address. Do not change the array. */
  iePortsOf(library: Guid): readonly IePortRecord[] {
    return this.portIndex.all(library);
  }

  /** The library's doors by number. Do not change the array. */
  doorsOf(library: Guid): readonly DoorRecord[] {
    return this.doorIndex.all(library);
  }

  /** The library's drives by address. Do not change the array. */
  drivesOf(library: Guid): readonly DriveRecord[] {
    return this.driveIndex.all(library);
  }

  /** The cartridges of a library, in table order (a scan of every cartridge: not for per-element use). */
  cartridgesOf(library: Guid): CartridgeRecord[] {
    return [...this.cartridges.values()].filter((c) => c.library === library);
  }

  slotAt(library: Guid, address: number): SlotRecord | undefined {
    return this.slotIndex.first(library, address);
  }

  iePortAt(library: Guid, address: number): IePortRecord | undefined {
    return this.portIndex.first(library, address);
  }

  driveAt(library: Guid, address: number): DriveRecord | undefined {
    return this.driveIndex.first(library, address);
  }

  /** The cartridge recorded at an element of a library, if any (the first in table order). */
  cartridgeAt(library: Guid, address: number): CartridgeRecord | undefined {
    return this.cartridgePlaces.first(library, address);
  }

  /** Every cartridge recorded at an element of a library, in table order. */
  cartridgesAt(library: Guid, address: number): readonly CartridgeRecord[] {
    return this.cartridgePlaces.at(library, address);
  }

  /** The library's cartridges with this (non-empty) barcode, in table order. */
  cartridgesWithBarcode(library: Guid, barcode: string): readonly CartridgeRecord[] {
    return barcode === '' ? [] : this.cartridgeBarcodes.at(library, barcode);
  }

  /** The library's cleaner (CLEANERPRESENT), if it has one. */
  cleanerOf(library: LibraryRecord): CartridgeRecord | undefined {
    return library.cleanerCartridge === NULL_GUID ? undefined : this.cartridges.get(library.cleanerCartridge);
  }

  /** Library requests of one library, oldest first. */
  requestsOf(library: Guid): LibRequestRecord[] {
    return [...this.libRequests.values()]
      .filter((r) => r.library === library)
      .sort((a, b) => a.timeQueued - b.timeQueued);
  }
}
