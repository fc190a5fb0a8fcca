/**
 * The facts one RSM call is checked against, and what the checks find on the way (session, principal, library,
 * slot). Spec: docs/rsm-semantics.md 6 (order of error checks) and D3 (one declarative pipeline shared by the cleaner
 * functions).
 */
import type { DriveRecord, LibRequestRecord, LibraryRecord, PrincipalRecord, SlotRecord } from '../db/records.js';
import type { GuidRef } from '../ntms/guid.js';
import type { ServiceRuntime } from '../service/service-runtime.js';
import type { NtmsHandle, SessionEntry, SessionTable } from '../session/session-table.js';

/** The functions whose checks run through the pipeline. */
export type CheckedFunction =
  | 'ejectNtmsCleaner'
  | 'injectNtmsCleaner'
  | 'reserveNtmsCleanerSlot'
  | 'releaseNtmsCleanerSlot'
  | 'cleanNtmsDrive'
  | 'accessNtmsLibraryDoor'
  | 'closeNtmsSession'
  | 'cancelNtmsLibraryRequest'
  | 'enableNtmsObject'
  | 'getNtmsObjectInformation'
  | 'setNtmsObjectInformation';

/** The call's arguments, as the caller passed them (null models a NULL pointer). */
export interface CheckArguments {
  readonly library?: GuidRef | null;
  readonly operation?: GuidRef | null;
  readonly slot?: GuidRef | null;
  readonly drive?: GuidRef | null;
  readonly action?: number;
}

/** Everything a check step may read, and the objects earlier steps resolved. */
export interface CheckContext {
  readonly fn: CheckedFunction;
  readonly handle: NtmsHandle | null;
  readonly sessions: SessionTable;
  /** The running service incarnation; undefined while the service cannot be reached. */
  readonly rt: ServiceRuntime | undefined;
  readonly args: CheckArguments;
  /** Names of the steps run, in order (for reports and precedence tests). */
  readonly trace: string[];
  session?: SessionEntry | undefined;
  principal?: PrincipalRecord | undefined;
  library?: LibraryRecord | undefined;
  drive?: DriveRecord | undefined;
  /** Reserve: the slot to reserve; others: the reserved cleaner slot. */
  slot?: SlotRecord | undefined;
  /** STOP: the outstanding request it names. */
  stopTarget?: LibRequestRecord | undefined;
  /** Set by runChecks when the pipeline ends. */
  verdict?: CheckVerdict | undefined;
}

/** The verdict of a pipeline: 0 to go on with the call, or the Win32 code to return and the step that gave it. */
export interface CheckVerdict {
  readonly code: number;
  readonly step?: string;
}
