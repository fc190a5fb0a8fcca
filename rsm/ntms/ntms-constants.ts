/**
 * ntmsapi.h enumerations the RSM model uses, with the values of the SDK-derived headers.
 * Spec: docs/rsm-semantics.md 2.3 (NtmsEjectOperation, NtmsLmOperation, NtmsLmState, NtmsOpreqCommand, NtmsOpreqState,
 * NtmsObjectsTypes, NtmsAccessMask, NtmsSlotState, NtmsDoorState, NtmsPortPosition, NtmsPortContent,
 * NtmsLibraryType, NtmsLibraryFlags, NtmsOperationalState, NtmsInventoryMethod, NtmsDriveState).
 */

/** dwAction of EjectNtmsCleaner (docs/rsm-semantics.md 2.3 NtmsEjectOperation). */
export const NtmsEjectOperation = {
  NTMS_EJECT_START: 0,
  NTMS_EJECT_STOP: 1,
  NTMS_EJECT_QUEUE: 2,
  NTMS_EJECT_FORCE: 3,
  NTMS_EJECT_IMMEDIATE: 4,
  NTMS_EJECT_ASK_USER: 5,
} as const;

/** dwAction of InjectNtmsCleaner (docs/rsm-semantics.md 2.3 NtmsInjectOperation). */
export const NtmsInjectOperation = {
  NTMS_INJECT_START: 0,
  NTMS_INJECT_STOP: 1,
  NTMS_INJECT_RETRACT: 2,
  NTMS_INJECT_STARTMANY: 3,
} as const;

/** dwAction of AccessNtmsLibraryDoor: the inventory to run after the door closes (docs/rsm-semantics.md 2.3, 3.10). */
export const NtmsInventoryMethod = {
  NTMS_INVENTORY_NONE: 0,
  NTMS_INVENTORY_FAST: 1,
  NTMS_INVENTORY_OMID: 2,
  NTMS_INVENTORY_DEFAULT: 3,
  NTMS_INVENTORY_SLOT: 4,
  NTMS_INVENTORY_STOP: 5,
  NTMS_INVENTORY_MAX: 6,
} as const;

/** Library request operation codes (NTMS_LIBREQUESTINFORMATION.OperationCode). */
export const NtmsLmOperation = {
  NTMS_LM_REMOVE: 0,
  NTMS_LM_DISABLELIBRARY: 1,
  NTMS_LM_ENABLELIBRARY: 2,
  NTMS_LM_DISABLEDRIVE: 3,
  NTMS_LM_ENABLEDRIVE: 4,
  NTMS_LM_DISABLEMEDIA: 5,
  NTMS_LM_ENABLEMEDIA: 6,
  NTMS_LM_UPDATEOMID: 7,
  NTMS_LM_INVENTORY: 8,
  NTMS_LM_DOORACCESS: 9,
  NTMS_LM_EJECT: 10,
  NTMS_LM_EJECTCLEANER: 11,
  NTMS_LM_INJECT: 12,
  NTMS_LM_INJECTCLEANER: 13,
  NTMS_LM_PROCESSOMID: 14,
  NTMS_LM_CLEANDRIVE: 15,
  NTMS_LM_DISMOUNT: 16,
  NTMS_LM_MOUNT: 17,
  NTMS_LM_WRITESCRATCH: 18,
  NTMS_LM_CLASSIFY: 19,
  NTMS_LM_RESERVECLEANER: 20,
  NTMS_LM_RELEASECLEANER: 21,
} as const;

/** Library request states (NTMS_LIBREQUESTINFORMATION.State). */
export const NtmsLmState = {
  NTMS_LM_QUEUED: 0,
  NTMS_LM_INPROCESS: 1,
  NTMS_LM_PASSED: 2,
  NTMS_LM_FAILED: 3,
  NTMS_LM_INVALID: 4,
  NTMS_LM_WAITING: 5,
  NTMS_LM_DEFERRED: 6,
  NTMS_LM_CANCELLED: 7,
  NTMS_LM_STOPPED: 8,
} as const;

/** One of the values of {@link NtmsLmState}. */
export type NtmsLmStateCode = (typeof NtmsLmState)[keyof typeof NtmsLmState];

/** Operator request kinds (NTMS_OPREQUESTINFORMATION.Request). */
export const NtmsOpreqCommand = {
  NTMS_OPREQ_UNKNOWN: 0,
  NTMS_OPREQ_NEWMEDIA: 1,
  NTMS_OPREQ_CLEANER: 2,
  NTMS_OPREQ_DEVICESERVICE: 3,
  NTMS_OPREQ_MOVEMEDIA: 4,
  NTMS_OPREQ_MESSAGE: 5,
} as const;

/** Operator request states. */
export const NtmsOpreqState = {
  NTMS_OPSTATE_UNKNOWN: 0,
  NTMS_OPSTATE_SUBMITTED: 1,
  NTMS_OPSTATE_ACTIVE: 2,
  NTMS_OPSTATE_INPROGRESS: 3,
  NTMS_OPSTATE_REFUSED: 4,
  NTMS_OPSTATE_COMPLETE: 5,
} as const;

/** Object types (NtmsObjectsTypes), as GetNtmsObjectInformation's dwType. */
export const NtmsObjectType = {
  NTMS_UNKNOWN: 0,
  NTMS_OBJECT: 1,
  NTMS_CHANGER: 2,
  NTMS_CHANGER_TYPE: 3,
  NTMS_COMPUTER: 4,
  NTMS_DRIVE: 5,
  NTMS_DRIVE_TYPE: 6,
  NTMS_IEDOOR: 7,
  NTMS_IEPORT: 8,
  NTMS_LIBRARY: 9,
  NTMS_LIBREQUEST: 10,
  NTMS_LOGICAL_MEDIA: 11,
  NTMS_MEDIA_POOL: 12,
  NTMS_MEDIA_TYPE: 13,
  NTMS_PARTITION: 14,
  NTMS_PHYSICAL_MEDIA: 15,
  NTMS_STORAGESLOT: 16,
  NTMS_OPREQUEST: 17,
  NTMS_UI_DESTINATION: 18,
} as const;

/**
 * Access rights (NtmsAccessMask). NTMS_CONTROL_ACCESS is 4 in the SDK headers and 3 in the MS-RSMP IDL
 * (docs/rsm-semantics.md 2.3, 10.5); the model's value is a policy (per docs/rsm-semantics.md D14), this is the SDK value.
 */
export const NtmsAccessMask = {
  NTMS_USE_ACCESS: 0x1,
  NTMS_MODIFY_ACCESS: 0x2,
  NTMS_CONTROL_ACCESS: 0x4,
} as const;

/** Storage slot states (NtmsSlotState). */
export const NtmsSlotState = {
  NTMS_SLOTSTATE_UNKNOWN: 0,
  NTMS_SLOTSTATE_FULL: 1,
  NTMS_SLOTSTATE_EMPTY: 2,
  NTMS_SLOTSTATE_NOTPRESENT: 3,
  NTMS_SLOTSTATE_NEEDSINVENTORY: 4,
} as const;

/** Door states (NtmsDoorState): there is no "unlocked" state (docs/rsm-semantics.md 7.4). */
export const NtmsDoorState = {
  NTMS_DOORSTATE_UNKNOWN: 0,
  NTMS_DOORSTATE_CLOSED: 1,
  NTMS_DOORSTATE_OPEN: 2,
} as const;

/** IE port positions (NtmsPortPosition). */
export const NtmsPortPosition = {
  NTMS_PORTPOSITION_UNKNOWN: 0,
  NTMS_PORTPOSITION_EXTENDED: 1,
  NTMS_PORTPOSITION_RETRACTED: 2,
} as const;

/** IE port content (NtmsPortContent). */
export const NtmsPortContent = {
  NTMS_PORTCONTENT_UNKNOWN: 0,
  NTMS_PORTCONTENT_FULL: 1,
  NTMS_PORTCONTENT_EMPTY: 2,
} as const;

/** Library types (NtmsLibraryType). */
export const NtmsLibraryType = {
  NTMS_LIBRARYTYPE_UNKNOWN: 0,
  NTMS_LIBRARYTYPE_OFFLINE: 1,
  NTMS_LIBRARYTYPE_ONLINE: 2,
  NTMS_LIBRARYTYPE_STANDALONE: 3,
} as const;

/** Library flags (NTMS_LIBRARYINFORMATION.dwFlags). */
export const NtmsLibraryFlags = {
  NTMS_LIBRARYFLAG_FIXEDOFFLINE: 0x01,
  NTMS_LIBRARYFLAG_CLEANERPRESENT: 0x02,
  NTMS_LIBRARYFLAG_AUTODETECTCHANGE: 0x04,
  NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING: 0x08,
  NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE: 0x10,
} as const;

/** Operational states (NTMS_OBJECTINFORMATION.dwOperationalState). */
export const NtmsOperationalState = {
  NTMS_READY: 0,
  NTMS_INITIALIZING: 10,
  NTMS_NEEDS_SERVICE: 20,
  NTMS_NOT_PRESENT: 21,
} as const;

/** Drive states (NtmsDriveState). */
export const NtmsDriveState = {
  NTMS_DRIVESTATE_DISMOUNTED: 0,
  NTMS_DRIVESTATE_MOUNTED: 1,
  NTMS_DRIVESTATE_LOADED: 2,
  NTMS_DRIVESTATE_UNLOADED: 5,
  NTMS_DRIVESTATE_BEING_CLEANED: 6,
  NTMS_DRIVESTATE_DISMOUNTABLE: 7,
} as const;

/** OpenNtmsSession dwOptions (NtmsSessionOptions). */
export const NtmsSessionOptions = {
  NTMS_SESSION_QUERYEXPEDITE: 0x1,
} as const;

/** dwCleanerUsesRemaining meaning "ignore the count" (docs/rsm-semantics.md 3.5, 4). */
export const NTMS_IGNORE_CLEANER_USES = 0xffffffff;

/** The name of a value in one of the tables above, for reports ("NTMS_LM_WAITING"); hex when unknown. */
export function ntmsName(table: Readonly<Record<string, number>>, value: number): string {
  for (const [name, v] of Object.entries(table)) if (v === value) return name;
  return `0x${value.toString(16)}`;
}
