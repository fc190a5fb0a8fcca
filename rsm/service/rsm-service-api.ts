/**
 * RsmService: the service object with its ntmsapi-named functions. Every function returns a Win32 code (a
 * number) for every documented outcome and never throws for one (docs/architecture.md style rule 7); LPNTMS_GUID
 * parameters are GuidRef boxes and null models a NULL pointer. Spec: docs/rsm-semantics.md 3 (the C API), D1-D16.
 */
import {
  cleanNtmsDrive,
  accessNtmsLibraryDoor,
  cancelNtmsLibraryRequest,
  setNtmsObjectEnabled,
} from '../api/library-api.js';
import {
  ejectNtmsCleaner,
  injectNtmsCleaner,
  releaseNtmsCleanerSlot,
  reserveNtmsCleanerSlot,
} from '../api/cleaner-api.js';
import { getNtmsObjectInformation, setNtmsObjectInformation } from '../api/object-info-api.js';
import type { NtmsObjectInformation } from '../api/object-info-types.js';
import { closeNtmsSession, openNtmsSession, type OpenSessionResult } from '../api/session-api.js';
import type { GuidRef } from '../ntms/guid.js';
import type { NtmsHandle } from '../session/session-table.js';
import { RsmServiceCore } from './rsm-service.js';

/** The RSM service with the ntmsapi functions. */
export class RsmService extends RsmServiceCore {
  /**
   * OpenNtmsSession. `principal` stands for the calling thread's user (default: the policy's defaultPrincipal).
   * On failure the handle is INVALID_HANDLE_VALUE and lastError says why.
   */
  openNtmsSession(
    lpServer: string | null,
    lpApplication: string | null,
    dwOptions = 0,
    principal?: string,
  ): Promise<OpenSessionResult> {
    return openNtmsSession(this, lpServer, lpApplication, dwOptions, principal ?? this.policies.defaultPrincipal);
  }

  /** CloseNtmsSession. Queued library requests of the session go on (per docs/rsm-semantics.md D15). */
  closeNtmsSession(hSession: NtmsHandle | null): Promise<number> {
    return closeNtmsSession(this, hSession);
  }

  /** ReserveNtmsCleanerSlot. */
  reserveNtmsCleanerSlot(
    hSession: NtmsHandle | null,
    lpLibrary: GuidRef | null,
    lpSlot: GuidRef | null,
  ): Promise<number> {
    return reserveNtmsCleanerSlot(this, hSession, lpLibrary, lpSlot);
  }

  /** ReleaseNtmsCleanerSlot. */
  releaseNtmsCleanerSlot(hSession: NtmsHandle | null, lpLibrary: GuidRef | null): Promise<number> {
    return releaseNtmsCleanerSlot(this, hSession, lpLibrary);
  }

  /** InjectNtmsCleaner (dwAction NTMS_INJECT_START or NTMS_INJECT_STOP). */
  injectNtmsCleaner(
    hSession: NtmsHandle | null,
    lpLibrary: GuidRef | null,
    lpInjectOperation: GuidRef | null,
    dwNumberOfCleansLeft: number,
    dwAction: number,
  ): Promise<number> {
    return injectNtmsCleaner(this, hSession, lpLibrary, lpInjectOperation, dwNumberOfCleansLeft, dwAction);
  }

  /** EjectNtmsCleaner (dwAction NTMS_EJECT_START or NTMS_EJECT_STOP). */
  ejectNtmsCleaner(
    hSession: NtmsHandle | null,
    lpLibrary: GuidRef | null,
    lpEjectOperation: GuidRef | null,
    dwAction: number,
  ): Promise<number> {
    return ejectNtmsCleaner(this, hSession, lpLibrary, lpEjectOperation, dwAction);
  }

  /** CleanNtmsDrive. */
  cleanNtmsDrive(hSession: NtmsHandle | null, lpDriveId: GuidRef | null): Promise<number> {
    return cleanNtmsDrive(this, hSession, lpDriveId);
  }

  /** AccessNtmsLibraryDoor (dwAction: the NtmsInventoryMethod to run after the door closes). */
  accessNtmsLibraryDoor(hSession: NtmsHandle | null, lpLibraryId: GuidRef | null, dwAction: number): Promise<number> {
    return accessNtmsLibraryDoor(this, hSession, lpLibraryId, dwAction);
  }

  /** EnableNtmsObject (NTMS_LIBRARY or NTMS_DRIVE). */
  enableNtmsObject(hSession: NtmsHandle | null, dwType: number, lpObjectId: GuidRef | null): Promise<number> {
    return setNtmsObjectEnabled(this, hSession, dwType, lpObjectId, true);
  }

  /** DisableNtmsObject (NTMS_LIBRARY or NTMS_DRIVE). */
  disableNtmsObject(hSession: NtmsHandle | null, dwType: number, lpObjectId: GuidRef | null): Promise<number> {
    return setNtmsObjectEnabled(this, hSession, dwType, lpObjectId, false);
  }

  /** GetNtmsObjectInformation. */
  getNtmsObjectInformation(
    hSession: NtmsHandle | null,
    lpObjectId: GuidRef | null,
    lpInfo: NtmsObjectInformation | null,
  ): Promise<number> {
    return getNtmsObjectInformation(this, hSession, lpObjectId, lpInfo);
  }

  /** SetNtmsObjectInformation (library name and description, MaxExtendSecs, MaxOpenSecs). */
  setNtmsObjectInformation(
    hSession: NtmsHandle | null,
    lpObjectId: GuidRef | null,
    lpInfo: NtmsObjectInformation | null,
  ): Promise<number> {
    return setNtmsObjectInformation(this, hSession, lpObjectId, lpInfo);
  }

  /** CancelNtmsLibraryRequest. */
  cancelNtmsLibraryRequest(hSession: NtmsHandle | null, lpRequestId: GuidRef | null): Promise<number> {
    return cancelNtmsLibraryRequest(this, hSession, lpRequestId);
  }
}
