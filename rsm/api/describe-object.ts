/**
 * What GetNtmsObjectInformation reports of each object the model keeps: one describer per object type (library,
 * IE port, door, storage slot, library request, drive, physical medium, operator request), tried in that order,
 * each filling the common header (times, GUID, Enabled, state, name, description) and its own Info member.
 * Spec: docs/rsm-semantics.md 4 (structure fields), D10 (the eject operation GUID is visible as a library request:
 * OperationCode 11, Library, SlotId, State, dwErrorCode, times).
 */
import type { RsmDatabase } from '../db/database.js';
import type { LibraryRecord } from '../db/records.js';
import { NULL_GUID, type Guid } from '../ntms/guid.js';
import { NtmsObjectType as T, NtmsOperationalState } from '../ntms/ntms-constants.js';
import { isOutstanding } from '../requests/library-request.js';
import type { NtmsObjectInformation } from './object-info-types.js';

/** An object's information as the model fills it, with the library it belongs to (for the access check). */
export type Filled = Omit<NtmsObjectInformation, 'dwSize'> & { library: LibraryRecord | undefined };

/** The header fields every object shares; `Info` is the describer's own. */
type Header = Omit<Filled, 'Info'>;

const elementGuid = (db: RsmDatabase, library: Guid, kind: string, address: number): Guid => {
  const row =
    kind === 'slot'
      ? db.slotAt(library, address)
      : kind === 'ieport'
        ? db.iePortAt(library, address)
        : kind === 'drive'
          ? db.driveAt(library, address)
          : undefined;
  return row?.id ?? NULL_GUID;
};

/** What varies in the header of an object that is not a library (always READY; Enabled unless it says). */
interface HeaderOf {
  readonly library: Guid;
  readonly dwType: number;
  readonly created: number;
  readonly modified: number;
  readonly name: string;
  readonly description: string;
  readonly enabled?: boolean;
}

function header(db: RsmDatabase, id: Guid, h: HeaderOf): Header {
  return {
    library: db.libraries.get(h.library),
    dwType: h.dwType,
    Created: h.created,
    Modified: h.modified,
    ObjectGuid: id,
    Enabled: h.enabled ?? true,
    dwOperationalState: NtmsOperationalState.NTMS_READY,
    szName: h.name,
    szDescription: h.description,
  };
}

/** "<library name> <what> <n>", the name the model gives an element object. */
const named = (db: RsmDatabase, library: Guid, what: string, n: number) =>
  `${db.libraries.get(library)?.name ?? ''} ${what} ${n}`.trim();

type Describer = (db: RsmDatabase, id: Guid) => Filled | undefined;

const describeLibrary: Describer = (db, id) => {
  const lib = db.libraries.get(id);
  if (!lib) return undefined;
  const ports = db.iePortsOf(id);
  const doors = db.doorsOf(id);
  const slots = db.slotsOf(id);
  const drives = db.drivesOf(id);
  const media = db.cartridgesOf(id);
  return {
    library: lib,
    dwType: T.NTMS_LIBRARY,
    Created: lib.created,
    Modified: lib.modified,
    ObjectGuid: id,
    Enabled: lib.enabled,
    dwOperationalState: lib.operationalState,
    szName: lib.name,
    szDescription: lib.description,
    Info: {
      Library: {
        LibraryType: lib.libraryType,
        CleanerSlot: lib.cleanerSlot,
        CleanerSlotDefault: lib.cleanerSlotDefault,
        LibrarySupportsDriveCleaning: drives.length > 0,
        BarCodeReaderInstalled: media.some((m) => m.barcode !== ''),
        InventoryMethod: lib.inventoryMethod,
        dwCleanerUsesRemaining: lib.cleanerUsesRemaining,
        FirstDriveNumber: drives[0]?.number ?? 0,
        dwNumberOfDrives: drives.length,
        FirstSlotNumber: slots[0]?.number ?? 0,
        dwNumberOfSlots: slots.length,
        FirstDoorNumber: doors[0]?.number ?? 0,
        dwNumberOfDoors: doors.length,
        FirstPortNumber: ports[0]?.number ?? 0,
        dwNumberOfPorts: ports.length,
        FirstChangerNumber: lib.device ? 1 : 0,
        dwNumberOfChangers: lib.device ? 1 : 0,
        dwNumberOfMedia: media.length,
        dwNumberOfMediaTypes: 1,
        dwNumberOfLibRequests: db.requestsOf(id).filter(isOutstanding).length,
        Reserved: NULL_GUID,
        AutoRecovery: true,
        dwFlags: lib.flags,
      },
    },
  };
};

const describePort: Describer = (db, id) => {
  const port = db.iePorts.get(id);
  if (!port) return undefined;
  const { library, number, created, modified } = port;
  return {
    ...header(db, id, {
      library,
      dwType: T.NTMS_IEPORT,
      created,
      modified,
      name: named(db, library, 'IEPort', number),
      description: `element ${port.address}`,
    }),
    Info: {
      IEPort: {
        Number: number,
        Content: port.content,
        Position: port.position,
        MaxExtendSecs: port.maxExtendSecs,
        Library: library,
      },
    },
  };
};

const describeDoor: Describer = (db, id) => {
  const door = db.doors.get(id);
  if (!door) return undefined;
  const { library, number, created, modified } = door;
  return {
    ...header(db, id, {
      library,
      dwType: T.NTMS_IEDOOR,
      created,
      modified,
      name: named(db, library, 'Door', number),
      description: door.locked ? 'locked' : 'unlocked',
    }),
    Info: { IEDoor: { Number: number, State: door.state, MaxOpenSecs: door.maxOpenSecs, Library: library } },
  };
};

const describeSlot: Describer = (db, id) => {
  const slot = db.slots.get(id);
  if (!slot) return undefined;
  const { library, number, created, modified } = slot;
  return {
    ...header(db, id, {
      library,
      dwType: T.NTMS_STORAGESLOT,
      created,
      modified,
      name: named(db, library, 'Slot', number),
      description: `element ${slot.address}`,
    }),
    Info: { StorageSlot: { Number: number, State: slot.state, Library: library } },
  };
};

const describeLibRequest: Describer = (db, id) => {
  const req = db.libRequests.get(id);
  if (!req) return undefined;
  return {
    ...header(db, id, {
      library: req.library,
      dwType: T.NTMS_LIBREQUEST,
      created: req.timeQueued,
      modified: req.history.at(-1)?.at ?? req.timeQueued,
      name: '',
      description: req.history.at(-1)?.note ?? '',
    }),
    Info: {
      LibRequest: {
        OperationCode: req.operation,
        OperationOption: req.option,
        State: req.state,
        PartitionId: NULL_GUID,
        DriveId: req.driveId,
        PhysMediaId: req.physMediaId,
        Library: req.library,
        SlotId: req.slotId,
        TimeQueued: req.timeQueued,
        TimeCompleted: req.timeCompleted ?? 0,
        szApplication: req.application,
        szUser: req.user,
        szComputer: req.computer,
        dwErrorCode: req.dwErrorCode,
        WorkItemId: req.id,
        dwPriority: req.priority,
      },
    },
  };
};

const describeDrive: Describer = (db, id) => {
  const drive = db.drives.get(id);
  if (!drive) return undefined;
  const { library, number, created, modified } = drive;
  return {
    ...header(db, id, {
      library,
      dwType: T.NTMS_DRIVE,
      created,
      modified,
      name: named(db, library, 'Drive', number),
      description: `element ${drive.address}`,
      enabled: drive.enabled,
    }),
    Info: { Drive: { Number: number, State: drive.state, Library: library, LastCleanedTs: drive.lastCleaned ?? 0 } },
  };
};

const describeMedium: Describer = (db, id) => {
  const c = db.cartridges.get(id);
  if (!c) return undefined;
  return {
    ...header(db, id, {
      library: c.library,
      dwType: T.NTMS_PHYSICAL_MEDIA,
      created: c.created,
      modified: c.modified,
      name: c.barcode,
      description: c.kind,
    }),
    Info: {
      PhysicalMedia: {
        Library: c.library,
        Location: c.location ? elementGuid(db, c.library, c.location.kind, c.location.address) : NULL_GUID,
        LocationKind: c.location?.kind ?? '',
        szBarCode: c.barcode,
        Cleaner: c.kind === 'cleaner',
      },
    },
  };
};

const describeOpRequest: Describer = (db, id) => {
  const op = db.opRequests.get(id);
  if (!op) return undefined;
  return {
    ...header(db, id, {
      library: op.library,
      dwType: T.NTMS_OPREQUEST,
      created: op.timeSubmitted,
      modified: op.history.at(-1)?.at ?? op.timeSubmitted,
      name: '',
      description: op.message,
    }),
    Info: {
      OpRequest: {
        Request: op.command,
        Submitted: op.timeSubmitted,
        State: op.state,
        szMessage: op.message,
        Library: op.library,
        LibRequest: op.libRequest,
      },
    },
  };
};

/** The describers, in the order an id is looked up (GUIDs are unique across tables, so the order only costs time). */
const DESCRIBERS: readonly Describer[] = [
  describeLibrary,
  describePort,
  describeDoor,
  describeSlot,
  describeLibRequest,
  describeDrive,
  describeMedium,
  describeOpRequest,
];

/** The information of any object the model keeps, or undefined for an unknown id. */
export function describeObject(db: RsmDatabase, id: Guid): Filled | undefined {
  for (const describe of DESCRIBERS) {
    const found = describe(db, id);
    if (found) return found;
  }
  return undefined;
}
