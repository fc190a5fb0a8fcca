/**
 * Library-level bookkeeping shared by the cleaner functions and the recovery: the cleaner (CLEANERPRESENT,
 * dwCleanerUsesRemaining, IGNORECLEANERUSESREMAINING) and the online state. Spec: docs/rsm-semantics.md 3.5
 * (0xFFFFFFFF sets IGNORECLEANERUSESREMAINING), 4 (uses remaining 0 when no cleaner), 7.1 (side effects on
 * completion), D5 (an ejected cleaner is deleted, the flag cleared, uses 0, reservation kept), D12 (offline).
 */
import { NULL_GUID } from '../ntms/guid.js';
import {
  NTMS_IGNORE_CLEANER_USES,
  NtmsLibraryFlags,
  NtmsLibraryType,
  NtmsOperationalState,
  NtmsOpreqCommand,
} from '../ntms/ntms-constants.js';
import { completeLibraryOperatorRequests } from '../requests/operator-requests.js';
import type { RsmDatabase } from './database.js';
import type { CartridgeRecord, LibraryRecord, OfflineReason } from './records.js';

const { NTMS_LIBRARYFLAG_CLEANERPRESENT: CLEANERPRESENT, NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING: IGNORE } =
  NtmsLibraryFlags;

/** Makes `cartridge` the library's cleaner with `uses` cleanings left (0xFFFFFFFF: ignore the count). */
export function setLibraryCleaner(
  db: RsmDatabase,
  library: LibraryRecord,
  cartridge: CartridgeRecord,
  uses: number,
): void {
  db.cartridges.edit(cartridge, (c) => {
    c.kind = 'cleaner';
    c.modified = db.now();
  });
  db.libraries.edit(library, (l) => {
    l.cleanerCartridge = cartridge.id;
    l.flags |= CLEANERPRESENT;
    l.cleanerUsesRemaining = uses >>> 0;
    if (uses >>> 0 === NTMS_IGNORE_CLEANER_USES) l.flags |= IGNORE;
    else l.flags &= ~IGNORE;
    l.modified = db.now();
  });
  // A usable cleaner answers the cleaner operator requests ("insert one", "spent: replace it"; docs/rsm-model.md M4).
  if (uses >>> 0 !== 0)
    completeLibraryOperatorRequests(
      db,
      library.id,
      NtmsOpreqCommand.NTMS_OPREQ_CLEANER,
      `cleaner ${cartridge.barcode || cartridge.id} in the library`,
    );
}

/**
 * The library's cleaner has left it: its record is deleted (not moved to the offline library), CLEANERPRESENT is
 * cleared and the uses remaining become 0; the reservation stays (per docs/rsm-semantics.md D5).
 */
export function removeLibraryCleaner(db: RsmDatabase, library: LibraryRecord): void {
  if (library.cleanerCartridge !== NULL_GUID) db.cartridges.delete(library.cleanerCartridge);
  db.libraries.edit(library, (l) => {
    l.cleanerCartridge = NULL_GUID;
    l.flags &= ~(CLEANERPRESENT | IGNORE);
    l.cleanerUsesRemaining = 0;
    l.modified = db.now();
  });
}

/** True when the library answers commands (docs/rsm-semantics.md D12: not the offline library, link up, not marked). */
export function isLibraryOnline(library: LibraryRecord): boolean {
  return library.libraryType === NtmsLibraryType.NTMS_LIBRARYTYPE_ONLINE && library.offlineReason === 'none';
}

/** Takes a library offline for `reason` (per docs/rsm-semantics.md D12). Never applies to the fixed offline library. */
export function setLibraryOffline(
  db: RsmDatabase,
  library: LibraryRecord,
  reason: Exclude<OfflineReason, 'none' | 'fixed-offline'>,
): void {
  if (library.offlineReason === 'fixed-offline') return;
  db.libraries.edit(library, (l) => {
    l.libraryType = NtmsLibraryType.NTMS_LIBRARYTYPE_OFFLINE;
    l.offlineReason = reason;
    l.operationalState =
      reason === 'link-lost' || reason === 'not-attached'
        ? NtmsOperationalState.NTMS_NOT_PRESENT
        : NtmsOperationalState.NTMS_READY;
    l.modified = db.now();
  });
}

/** Brings a physical library online again (its changer answered discovery). */
export function setLibraryOnline(db: RsmDatabase, library: LibraryRecord): void {
  if (library.offlineReason === 'fixed-offline') return;
  db.libraries.edit(library, (l) => {
    l.libraryType = NtmsLibraryType.NTMS_LIBRARYTYPE_ONLINE;
    l.offlineReason = 'none';
    l.operationalState = NtmsOperationalState.NTMS_READY;
    l.modified = db.now();
  });
}
