/**
 * The NTMS_OBJECTINFORMATION structure and the union members the model fills, with ntmsapi.h's field names.
 * Times (SYSTEMTIME in C) are milliseconds of the service's Clock; a time not yet reached is 0.
 * Spec: docs/rsm-semantics.md 4 (NTMS_LIBRARYINFORMATION, NTMS_IEPORTINFORMATION, NTMS_IEDOORINFORMATION,
 * NTMS_STORAGESLOTINFORMATION, NTMS_LIBREQUESTINFORMATION, NTMS_OBJECTINFORMATION), 3.11 (dwSize and dwType must
 * be set by the caller).
 */
import type { Guid } from '../ntms/guid.js';

/** The dwSize the model expects in NTMS_OBJECTINFORMATION (the model's own size, not a C sizeof). */
export const NTMS_OBJECTINFORMATION_SIZE = 0x400;

/** NTMS_LIBRARYINFORMATION. */
export interface NtmsLibraryInformation {
  LibraryType: number;
  CleanerSlot: Guid;
  CleanerSlotDefault: Guid;
  LibrarySupportsDriveCleaning: boolean;
  BarCodeReaderInstalled: boolean;
  InventoryMethod: number;
  dwCleanerUsesRemaining: number;
  FirstDriveNumber: number;
  dwNumberOfDrives: number;
  FirstSlotNumber: number;
  dwNumberOfSlots: number;
  FirstDoorNumber: number;
  dwNumberOfDoors: number;
  FirstPortNumber: number;
  dwNumberOfPorts: number;
  FirstChangerNumber: number;
  dwNumberOfChangers: number;
  dwNumberOfMedia: number;
  dwNumberOfMediaTypes: number;
  dwNumberOfLibRequests: number;
  Reserved: Guid;
  AutoRecovery: boolean;
  dwFlags: number;
}

/** NTMS_IEPORTINFORMATION. */
export interface NtmsIePortInformation {
  Number: number;
  Content: number;
  Position: number;
  MaxExtendSecs: number;
  Library: Guid;
}

/** NTMS_IEDOORINFORMATION. */
export interface NtmsIeDoorInformation {
  Number: number;
  State: number;
  MaxOpenSecs: number;
  Library: Guid;
}

/** NTMS_STORAGESLOTINFORMATION. */
export interface NtmsStorageSlotInformation {
  Number: number;
  State: number;
  Library: Guid;
}

/** NTMS_LIBREQUESTINFORMATION. */
export interface NtmsLibRequestInformation {
  OperationCode: number;
  OperationOption: number;
  State: number;
  PartitionId: Guid;
  DriveId: Guid;
  PhysMediaId: Guid;
  Library: Guid;
  SlotId: Guid;
  TimeQueued: number;
  TimeCompleted: number;
  szApplication: string;
  szUser: string;
  szComputer: string;
  dwErrorCode: number;
  WorkItemId: Guid;
  dwPriority: number;
}

/** NTMS_DRIVEINFORMATION, the fields the model keeps. */
export interface NtmsDriveInformation {
  Number: number;
  State: number;
  Library: Guid;
  LastCleanedTs: number;
}

/** NTMS_PHYSICALMEDIAINFORMATION, the fields the model keeps (Location is the element's object GUID). */
export interface NtmsPhysicalMediaInformation {
  Library: Guid;
  Location: Guid;
  /** The model's element kind of Location: "slot", "ieport", "drive", "transport", or "" when offline. */
  LocationKind: string;
  szBarCode: string;
  /** True for a cleaning cartridge. */
  Cleaner: boolean;
}

/** NTMS_OPREQUESTINFORMATION, the fields the model keeps. */
export interface NtmsOpRequestInformation {
  Request: number;
  Submitted: number;
  State: number;
  szMessage: string;
  Library: Guid;
  LibRequest: Guid;
}

/** The Info union: the member matching dwType is filled. */
export interface NtmsObjectInfoUnion {
  Library?: NtmsLibraryInformation;
  IEPort?: NtmsIePortInformation;
  IEDoor?: NtmsIeDoorInformation;
  StorageSlot?: NtmsStorageSlotInformation;
  LibRequest?: NtmsLibRequestInformation;
  Drive?: NtmsDriveInformation;
  PhysicalMedia?: NtmsPhysicalMediaInformation;
  OpRequest?: NtmsOpRequestInformation;
}

/** NTMS_OBJECTINFORMATION: the caller sets dwSize and dwType; the call fills the rest. */
export interface NtmsObjectInformation {
  dwSize: number;
  dwType: number;
  Created?: number;
  Modified?: number;
  ObjectGuid?: Guid;
  Enabled?: boolean;
  dwOperationalState?: number;
  szName?: string;
  szDescription?: string;
  Info?: NtmsObjectInfoUnion;
}

/** An NTMS_OBJECTINFORMATION ready to pass: right dwSize, the given dwType. */
export function newObjectInformation(dwType: number): NtmsObjectInformation {
  return { dwSize: NTMS_OBJECTINFORMATION_SIZE, dwType };
}
