/**
 * Bringing the database in line with what the changer reports: slot states, IE port content and position, and
 * cartridge records (matched by location, barcode or SVALID source address, created when new, retired when gone).
 * Spec: docs/rsm-semantics.md D4 (slot checks refresh the reserved slot from the changer), D5 (a cleaner that leaves
 * is deleted, not moved to the offline library), D16 (NOTPRESENT and NEEDSINVENTORY), 3.8 (other ejected media go
 * to the offline library); docs/smc-reference.md 1.3 (SVALID and SOURCE STORAGE ELEMENT ADDRESS); docs/rsm-model.md M2
 * (the library's pulled-magazine indication), M5 (a cartridge found in the reserved slot is the cleaner only when
 * its descriptor identifies one).
 */
import { ElementType, type ElementDescriptor } from '../../scsi/codec/index.js';
import type { RsmDatabase } from '../db/database.js';
import { removeLibraryCleaner, setLibraryCleaner } from '../db/library-state.js';
import type { CartridgeLocation, CartridgeRecord, LibraryRecord } from '../db/records.js';
import { NULL_GUID } from '../ntms/guid.js';
import { NtmsSlotState } from '../ntms/ntms-constants.js';
import type { ChangerLink } from './changer-link.js';
import { readElement, readElements } from './changer-commands.js';
import { barcodeOf, holdsCleaner, portContentOf, portPositionOf, slotStateOf } from './element-state.js';

/** Options of {@link applyElementStatus}. */
export interface ApplyOptions {
  /** Addresses the running request owns: left alone. */
  readonly skip: ReadonlySet<number>;
  /** dwCleanerUsesRemaining for a cleaner found in the reserved slot (policy foundCleanerUses). */
  readonly foundCleanerUses: number;
}

function kindOf(type: number): NonNullable<CartridgeLocation>['kind'] | undefined {
  switch (type) {
    case ElementType.STORAGE:
      return 'slot';
    case ElementType.IMPORT_EXPORT:
      return 'ieport';
    case ElementType.DATA_TRANSFER:
      return 'drive';
    case ElementType.MEDIUM_TRANSPORT:
      return 'transport';
    default:
      return undefined;
  }
}

function updateElementRecord(db: RsmDatabase, library: LibraryRecord, d: ElementDescriptor): void {
  if (d.elementType === ElementType.STORAGE) {
    const slot = db.slotAt(library.id, d.address);
    const state = slotStateOf(d, library.pulledMagazine);
    if (slot && slot.state !== state) {
      db.slots.edit(slot, (s) => {
        s.state = state;
        s.modified = db.now();
      });
    }
  } else if (d.elementType === ElementType.IMPORT_EXPORT) {
    const port = db.iePortAt(library.id, d.address);
    if (port && (port.content !== portContentOf(d) || port.position !== portPositionOf(d))) {
      db.iePorts.edit(port, (p) => {
        p.content = portContentOf(d);
        p.position = portPositionOf(d);
        p.modified = db.now();
      });
    }
  }
}

/** A cartridge that is no longer where the database had it and was not found elsewhere. */
function retire(db: RsmDatabase, library: LibraryRecord, c: CartridgeRecord): void {
  if (library.cleanerCartridge === c.id) {
    removeLibraryCleaner(db, library);
    return;
  }
  if (c.kind === 'cleaner') {
    db.cartridges.delete(c.id);
    return;
  }
  db.cartridges.edit(c, (w) => {
    w.library = db.offlineLibraryId;
    w.location = null;
    w.modified = db.now();
  });
}

/**
 * Applies descriptors read from the changer to the database. Full elements first claim a record (same place,
 * same barcode, or the record at their SVALID source when that place now reads empty), else get a new one; then
 * records at elements reading empty (and not claimed) are retired. A storage element of a pulled magazine keeps
 * its records (per docs/rsm-semantics.md D16). Each descriptor costs a few index look-ups (by place and barcode), never
 * a scan of the library's slots or cartridges, so a full inventory is linear in the elements read.
 */
export function applyElementStatus(
  db: RsmDatabase,
  library: LibraryRecord,
  descriptors: readonly ElementDescriptor[],
  options: ApplyOptions,
): void {
  const rows = descriptors.filter((d) => !options.skip.has(d.address) && kindOf(d.elementType) !== undefined);
  for (const d of rows) updateElementRecord(db, library, d);
  const present = rows.filter(
    (d) =>
      slotStateOf(d, library.pulledMagazine) !== NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT ||
      d.elementType !== ElementType.STORAGE,
  );
  const emptyHere = new Set(present.filter((d) => !d.full).map((d) => d.address));
  const claimed = new Set<string>();
  // A record free to be claimed: not claimed yet by this read, not leaving with an eject (D11).
  const free = (c: CartridgeRecord) => !claimed.has(c.id) && c.leavingRequest === NULL_GUID;
  for (const d of present.filter((x) => x.full)) {
    const here = db.cartridgesAt(library.id, d.address);
    const leaving = here.find((x) => x.leavingRequest !== NULL_GUID);
    if (leaving) {
      // Per docs/rsm-semantics.md D11 a cartridge an eject is taking out belongs to that request until it ends.
      claimed.add(leaving.id);
      continue;
    }
    const location = { kind: kindOf(d.elementType) ?? 'slot', address: d.address } as const;
    const barcode = barcodeOf(d);
    let c = here.find(free);
    if (c && barcode !== '' && c.barcode !== '' && c.barcode !== barcode) c = undefined;
    c ??= barcode === '' ? undefined : db.cartridgesWithBarcode(library.id, barcode).find(free);
    c ??=
      d.svalid && emptyHere.has(d.sourceAddress) ? db.cartridgesAt(library.id, d.sourceAddress).find(free) : undefined;
    if (!c) {
      c = db.cartridges.insert({
        id: db.newId(),
        created: db.now(),
        modified: db.now(),
        library: library.id,
        location,
        barcode,
        kind: holdsCleaner(d) ? 'cleaner' : 'data',
        leavingRequest: NULL_GUID,
      });
    } else if (
      c.location?.address !== d.address ||
      c.location.kind !== location.kind ||
      (barcode !== '' && c.barcode !== barcode)
    ) {
      db.cartridges.edit(c, (w) => {
        w.location = location;
        if (barcode !== '') w.barcode = barcode;
        w.modified = db.now();
      });
    }
    claimed.add(c.id);
    const reserved = library.cleanerSlot === NULL_GUID ? undefined : db.slots.get(library.cleanerSlot);
    // Found in the reserved slot without an inject: the cleaner only if its descriptor says so (docs/rsm-model.md M5).
    if (
      reserved &&
      d.elementType === ElementType.STORAGE &&
      d.address === reserved.address &&
      library.cleanerCartridge !== c.id &&
      holdsCleaner(d)
    ) {
      setLibraryCleaner(db, library, c, options.foundCleanerUses);
    }
  }
  for (const address of emptyHere) {
    const gone = db.cartridgesAt(library.id, address).find(free);
    if (gone) retire(db, library, gone);
  }
}

/** Reads one element and applies it (per docs/rsm-semantics.md D4). Returns the descriptor, or undefined if unreported. */
export async function refreshElement(
  db: RsmDatabase,
  library: LibraryRecord,
  link: ChangerLink,
  elementType: number,
  address: number,
  options: ApplyOptions,
): Promise<ElementDescriptor | undefined> {
  const d = await readElement(link, elementType, address);
  if (d) applyElementStatus(db, library, [d], options);
  return d;
}

/** Reads every storage, IE and drive element and applies them: the inventory after discovery or a door cycle. */
export async function fullInventory(
  db: RsmDatabase,
  library: LibraryRecord,
  link: ChangerLink,
  options: ApplyOptions,
): Promise<void> {
  const layout = library.layout;
  if (!layout) return;
  const all = [
    ...(await readElements(link, ElementType.STORAGE, layout.storage.first, layout.storage.count)),
    ...(await readElements(link, ElementType.IMPORT_EXPORT, layout.importExport.first, layout.importExport.count)),
    ...(await readElements(link, ElementType.DATA_TRANSFER, layout.dataTransfer.first, layout.dataTransfer.count)),
  ];
  applyElementStatus(db, library, all, options);
}
