/**
 * GetNtmsObjectInformation and SetNtmsObjectInformation for the objects the cleaner functions touch: library,
 * IE port, door, storage slot, library request, and also drive, physical medium and operator request.
 * Spec: docs/rsm-semantics.md 3.11 (dwSize and dwType set first, wrong ones 87; unknown id 4312; USE on the library
 * on 2003+, no right on XP), 4 (structure fields; MaxExtendSecs and MaxOpenSecs writable WORDs), D10 (the eject
 * operation GUID is visible as a library request: OperationCode 11, Library, SlotId, State, dwErrorCode, times).
 */
import { runChecks } from '../checks/check-pipeline.js';
import type { RsmDatabase } from '../db/database.js';
import type { LibraryRecord } from '../db/records.js';
import { NULL_GUID, type Guid, type GuidRef } from '../ntms/guid.js';
import { NtmsObjectType as T, NtmsOperationalState } from '../ntms/ntms-constants.js';
import { isOutstanding } from '../requests/library-request.js';
import { Win32 } from '../results/win32-codes.js';
import type { NtmsHandle } from '../session/session-table.js';
import { checkContext, type ApiHost } from './api-host.js';
import { sessionMay } from './library-api.js';
import { NTMS_OBJECTINFORMATION_SIZE, type NtmsObjectInformation } from './object-info-types.js';

type Filled = Omit<NtmsObjectInformation, 'dwSize'> & { library: LibraryRecord | undefined };

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

/** The information of any object the model keeps, or undefined for an unknown id. */
export function describeObject(db: RsmDatabase, id: Guid): Filled | undefined {
  const READY = NtmsOperationalState.NTMS_READY;
  const lib = db.libraries.get(id);
  if (lib) {
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
  }
  const named = (library: Guid, what: string, n: number) =>
    `${db.libraries.get(library)?.name ?? ''} ${what} ${n}`.trim();
  const port = db.iePorts.get(id);
  if (port)
    return {
      library: db.libraries.get(port.library),
      dwType: T.NTMS_IEPORT,
      Created: port.created,
      Modified: port.modified,
      ObjectGuid: id,
      Enabled: true,
      dwOperationalState: READY,
      szName: named(port.library, 'IEPort', port.number),
      szDescription: `element ${port.address}`,
      Info: {
        IEPort: {
          Number: port.number,
          Content: port.content,
          Position: port.position,
          MaxExtendSecs: port.maxExtendSecs,
          Library: port.library,
        },
      },
    };
  const door = db.doors.get(id);
  if (door)
    return {
      library: db.libraries.get(door.library),
      dwType: T.NTMS_IEDOOR,
      Created: door.created,
      Modified: door.modified,
      ObjectGuid: id,
      Enabled: true,
      dwOperationalState: READY,
      szName: named(door.library, 'Door', door.number),
      szDescription: door.locked ? 'locked' : 'unlocked',
      Info: {
        IEDoor: { Number: door.number, State: door.state, MaxOpenSecs: door.maxOpenSecs, Library: door.library },
      },
    };
  const slot = db.slots.get(id);
  if (slot)
    return {
      library: db.libraries.get(slot.library),
      dwType: T.NTMS_STORAGESLOT,
      Created: slot.created,
      Modified: slot.modified,
      ObjectGuid: id,
      Enabled: true,
      dwOperationalState: READY,
      szName: named(slot.library, 'Slot', slot.number),
      szDescription: `element ${slot.address}`,
      Info: { StorageSlot: { Number: slot.number, State: slot.state, Library: slot.library } },
    };
  const req = db.libRequests.get(id);
  if (req)
    return {
      library: db.libraries.get(req.library),
      dwType: T.NTMS_LIBREQUEST,
      Created: req.timeQueued,
      Modified: req.history.at(-1)?.at ?? req.timeQueued,
      ObjectGuid: id,
      Enabled: true,
      dwOperationalState: READY,
      szName: '',
      szDescription: req.history.at(-1)?.note ?? '',
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
  const drive = db.drives.get(id);
  if (drive)
    return {
      library: db.libraries.get(drive.library),
      dwType: T.NTMS_DRIVE,
      Created: drive.created,
      Modified: drive.modified,
      ObjectGuid: id,
      Enabled: drive.enabled,
      dwOperationalState: READY,
      szName: named(drive.library, 'Drive', drive.number),
      szDescription: `element ${drive.address}`,
      Info: {
        Drive: {
          Number: drive.number,
          State: drive.state,
          Library: drive.library,
          LastCleanedTs: drive.lastCleaned ?? 0,
        },
      },
    };
  const c = db.cartridges.get(id);
  if (c)
    return {
      library: db.libraries.get(c.library),
      dwType: T.NTMS_PHYSICAL_MEDIA,
      Created: c.created,
      Modified: c.modified,
      ObjectGuid: id,
      Enabled: true,
      dwOperationalState: READY,
      szName: c.barcode,
      szDescription: c.kind,
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
  const op = db.opRequests.get(id);
  if (op)
    return {
      library: db.libraries.get(op.library),
      dwType: T.NTMS_OPREQUEST,
      Created: op.timeSubmitted,
      Modified: op.history.at(-1)?.at ?? op.timeSubmitted,
      ObjectGuid: id,
      Enabled: true,
      dwOperationalState: READY,
      szName: '',
      szDescription: op.message,
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
  return undefined;
}

/** GetNtmsObjectInformation: fills `lpInfo` (whose dwSize and dwType the caller set). */
export async function getNtmsObjectInformation(
  host: ApiHost,
  hSession: NtmsHandle | null,
  lpObjectId: GuidRef | null,
  lpInfo: NtmsObjectInformation | null,
): Promise<number> {
  const ctx = checkContext(host, 'getNtmsObjectInformation', hSession, {});
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return verdict.code;
  const rt = ctx.rt;
  if (!rt) return Win32.ERROR_NOT_CONNECTED;
  if (!lpObjectId || !lpInfo || lpInfo.dwSize !== NTMS_OBJECTINFORMATION_SIZE) return Win32.ERROR_INVALID_PARAMETER;
  const found = describeObject(rt.db, lpObjectId.value);
  if (!found) return Win32.ERROR_OBJECT_NOT_FOUND;
  if (found.dwType !== lpInfo.dwType) return Win32.ERROR_INVALID_PARAMETER;
  if (found.library && !sessionMay(rt, ctx.session, found.library, 'object-info')) return Win32.ERROR_ACCESS_DENIED;
  const { library: _library, ...fields } = found;
  Object.assign(lpInfo, fields);
  return Win32.ERROR_SUCCESS;
}

/**
 * SetNtmsObjectInformation for what the model lets an administrator change: a library's name and description,
 * an IE port's MaxExtendSecs and a door's MaxOpenSecs (WORDs; larger values give ERROR_INVALID_PARAMETER).
 * Needs MODIFY on the library.
 */
export async function setNtmsObjectInformation(
  host: ApiHost,
  hSession: NtmsHandle | null,
  lpObjectId: GuidRef | null,
  lpInfo: NtmsObjectInformation | null,
): Promise<number> {
  const ctx = checkContext(host, 'setNtmsObjectInformation', hSession, {});
  const verdict = await runChecks(ctx);
  if (verdict.code !== 0) return verdict.code;
  const rt = ctx.rt;
  if (!rt) return Win32.ERROR_NOT_CONNECTED;
  if (!lpObjectId || !lpInfo || lpInfo.dwSize !== NTMS_OBJECTINFORMATION_SIZE) return Win32.ERROR_INVALID_PARAMETER;
  const found = describeObject(rt.db, lpObjectId.value);
  if (!found) return Win32.ERROR_OBJECT_NOT_FOUND;
  if (found.dwType !== lpInfo.dwType || !found.library) return Win32.ERROR_INVALID_PARAMETER;
  if (!sessionMay(rt, ctx.session, found.library, 'set-object-info')) return Win32.ERROR_ACCESS_DENIED;
  const isWord = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 0 && n <= 0xffff);
  const db = rt.db;
  const port = db.iePorts.get(lpObjectId.value);
  const door = db.doors.get(lpObjectId.value);
  const lib = db.libraries.get(lpObjectId.value);
  if (port) {
    const secs = lpInfo.Info?.IEPort?.MaxExtendSecs;
    if (!isWord(secs)) return Win32.ERROR_INVALID_PARAMETER;
    db.iePorts.edit(port, (p) => {
      if (secs !== undefined) p.maxExtendSecs = secs;
      p.modified = db.now();
    });
  } else if (door) {
    const secs = lpInfo.Info?.IEDoor?.MaxOpenSecs;
    if (!isWord(secs)) return Win32.ERROR_INVALID_PARAMETER;
    db.doors.edit(door, (d) => {
      if (secs !== undefined) d.maxOpenSecs = secs;
      d.modified = db.now();
    });
  } else if (lib) {
    db.libraries.edit(lib, (l) => {
      if (lpInfo.szName !== undefined) l.name = lpInfo.szName;
      if (lpInfo.szDescription !== undefined) l.description = lpInfo.szDescription;
      l.modified = db.now();
    });
  } else {
    return Win32.ERROR_INVALID_PARAMETER;
  }
  await rt.commit();
  return Win32.ERROR_SUCCESS;
}
