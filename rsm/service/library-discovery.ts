/**
 * Finding a library behind a changer: INQUIRY (identity), MODE SENSE page 1Dh (element addresses), READ ELEMENT
 * STATUS (contents); creating or updating its database objects (library, storage slots, IE ports, drives, door),
 * each with a GUID. A changer seen before (same vendor, product and serial) keeps its library and GUIDs.
 * Spec: docs/smc-reference.md 1.4 (page 1Dh; counts include removed magazines), 1.5 (INQUIRY, VPD 80h), 2c (how mtx
 * reads a changer); docs/rsm-semantics.md 2.4 (NumberStorageElements etc. from page 1Dh), 4 (objects and fields),
 * 7.5 (library states), D12.
 */
import type { ElementAddressAssignmentPage } from '../../scsi/codec/index.js';
import { elementAddressAssignment, inquiry, unitSerialNumber } from '../changer/changer-commands.js';
import type { ChangerLink } from '../changer/changer-link.js';
import type { PulledMagazineIndication } from '../changer/element-state.js';
import { fullInventory } from '../changer/inventory-sync.js';
import type { RsmDatabase } from '../db/database.js';
import { setLibraryOnline } from '../db/library-state.js';
import type { DeviceIdentity, ElementLayout, LibraryRecord } from '../db/records.js';
import type { Table } from '../db/table.js';
import { NULL_GUID } from '../ntms/guid.js';
import {
  NtmsDoorState,
  NtmsDriveState,
  NtmsInventoryMethod,
  NtmsLibraryType,
  NtmsOperationalState,
  NtmsPortContent,
  NtmsPortPosition,
  NtmsSlotState,
} from '../ntms/ntms-constants.js';
import type { RsmPolicies } from '../policy/rsm-policies.js';
import { defaultLibraryAcl } from '../security/security-model.js';

/**
 * What the host knows about a changer that SCSI does not say (on Windows, the changer miniclass driver's
 * feature bits): whether it has an operator door, how it shows a pulled magazine, and a display name.
 */
export interface ChangerHints {
  /** Library name in the database (default "<vendor> <product>"). */
  readonly name?: string | undefined;
  /** The library has an access door RSM can unlock (default true). */
  readonly door?: boolean | undefined;
  /** Logical unit of the changer (default 0). */
  readonly lun?: number | undefined;
  /**
   * How the product shows the elements of a pulled magazine: 'sense' (default: EXCEPT or ED with 3B/11, 3B/12 or
   * 83/02) or 'access-only' (ACCESS=0 alone, Quantum SuperLoader 3). Per docs/rsm-model.md M2.
   */
  readonly pulledMagazine?: PulledMagazineIndication | undefined;
}

function layoutOf(p: ElementAddressAssignmentPage): ElementLayout {
  return {
    transport: { first: p.firstTransport, count: p.numberOfTransports },
    storage: { first: p.firstStorage, count: p.numberOfStorage },
    importExport: { first: p.firstImportExport, count: p.numberOfImportExport },
    dataTransfer: { first: p.firstDataTransfer, count: p.numberOfDataTransfer },
  };
}

const sameDevice = (a: DeviceIdentity | null, b: DeviceIdentity) =>
  !!a && a.vendor === b.vendor && a.product === b.product && a.serial === b.serial;

function addresses(r: { first: number; count: number }): number[] {
  return Array.from({ length: r.count }, (_, i) => r.first + i);
}

/**
 * Deletes the rows at addresses the layout no longer has; returns the addresses kept. Linear in the rows (the
 * wanted addresses are a set).
 */
function keep<T extends { readonly id: string; readonly address: number }>(
  rows: readonly T[],
  wanted: ReadonlySet<number>,
  table: Table<T>,
): Set<number> {
  const kept = new Set<number>();
  for (const r of [...rows]) {
    if (wanted.has(r.address)) kept.add(r.address);
    else table.delete(r.id);
  }
  return kept;
}

/** Creates the objects the layout has and the database lacks; deletes those at addresses that are gone. */
function reconcileObjects(
  db: RsmDatabase,
  lib: LibraryRecord,
  layout: ElementLayout,
  hints: ChangerHints,
  policies: RsmPolicies,
): void {
  const now = db.now();
  const library = lib.id;
  const base = () => ({ id: db.newId(), created: now, modified: now, library });
  const slotAddrs = addresses(layout.storage);
  const haveSlots = keep(db.slotsOf(lib.id), new Set(slotAddrs), db.slots);
  slotAddrs.forEach((address, i) => {
    if (!haveSlots.has(address))
      db.slots.insert({
        id: db.newId(),
        created: now,
        modified: now,
        library,
        address,
        number: i + 1,
        state: NtmsSlotState.NTMS_SLOTSTATE_NEEDSINVENTORY,
      });
  });
  const portAddrs = addresses(layout.importExport);
  const havePorts = keep(db.iePortsOf(lib.id), new Set(portAddrs), db.iePorts);
  portAddrs.forEach((address, i) => {
    if (!havePorts.has(address)) {
      db.iePorts.insert({
        ...base(),
        address,
        number: i + 1,
        content: NtmsPortContent.NTMS_PORTCONTENT_UNKNOWN,
        position: NtmsPortPosition.NTMS_PORTPOSITION_UNKNOWN,
        maxExtendSecs: policies.defaultMaxExtendSecs,
      });
    }
  });
  const driveAddrs = addresses(layout.dataTransfer);
  const haveDrives = keep(db.drivesOf(lib.id), new Set(driveAddrs), db.drives);
  driveAddrs.forEach((address, i) => {
    if (!haveDrives.has(address))
      db.drives.insert({
        ...base(),
        address,
        number: i,
        enabled: true,
        state: NtmsDriveState.NTMS_DRIVESTATE_DISMOUNTED,
        lastCleaned: null,
      });
  });
  const doors = db.doorsOf(lib.id);
  if (hints.door === false) for (const d of [...doors]) db.doors.delete(d.id);
  else if (doors.length === 0)
    db.doors.insert({
      ...base(),
      number: 1,
      state: NtmsDoorState.NTMS_DOORSTATE_CLOSED,
      maxOpenSecs: policies.defaultMaxOpenSecs,
      locked: false,
    });
  const hasDoor = db.doorsOf(lib.id).length > 0;
  const staleSlot = lib.cleanerSlot !== NULL_GUID && !db.slots.has(lib.cleanerSlot);
  db.libraries.edit(lib, (l) => {
    l.hasDoor = hasDoor;
    if (staleSlot) l.cleanerSlot = NULL_GUID;
  });
}

/** Reads the changer and brings its library into the database, online. Throws on a link or command failure. */
export async function discoverLibrary(
  db: RsmDatabase,
  link: ChangerLink,
  hints: ChangerHints,
  policies: RsmPolicies,
): Promise<LibraryRecord> {
  const inq = await inquiry(link);
  const serial = await unitSerialNumber(link);
  const page = await elementAddressAssignment(link);
  const identity: DeviceIdentity = {
    vendor: inq.vendor.trim(),
    product: inq.product.trim(),
    revision: inq.revision.trim(),
    serial,
  };
  const layout = layoutOf(page);
  let lib = [...db.libraries.values()].find(
    (l) => l.offlineReason !== 'fixed-offline' && sameDevice(l.device, identity),
  );
  if (!lib) {
    const now = db.now();
    lib = {
      id: db.newId(),
      created: now,
      modified: now,
      name: hints.name ?? `${identity.vendor} ${identity.product}`.trim(),
      description: `${identity.vendor} ${identity.product} ${identity.revision} serial ${serial || 'unknown'}`,
      enabled: true,
      libraryType: NtmsLibraryType.NTMS_LIBRARYTYPE_ONLINE,
      offlineReason: 'none',
      operationalState: NtmsOperationalState.NTMS_INITIALIZING,
      flags: 0,
      cleanerSlot: NULL_GUID,
      cleanerSlotDefault: NULL_GUID,
      cleanerCartridge: NULL_GUID,
      cleanerUsesRemaining: 0,
      inventoryMethod: NtmsInventoryMethod.NTMS_INVENTORY_FAST,
      device: identity,
      layout,
      hasDoor: false,
      acl: defaultLibraryAcl(policies.controlAccessValue),
    };
    db.libraries.insert(lib);
  }
  db.libraries.edit(lib, (l) => {
    l.device = identity;
    l.layout = layout;
    if (hints.name !== undefined) l.name = hints.name;
    if (hints.pulledMagazine === 'access-only') l.pulledMagazine = 'access-only';
    else delete l.pulledMagazine;
  });
  reconcileObjects(db, lib, layout, hints, policies);
  await fullInventory(db, lib, link, { skip: new Set(), foundCleanerUses: policies.foundCleanerUses });
  // A library an administrator marked offline stays so across discoveries (per docs/rsm-semantics.md D12).
  if (lib.offlineReason !== 'marked-offline') setLibraryOnline(db, lib);
  return lib;
}
