/**
 * What a transport's target side (iSCSI target, serial target, in-memory) serves: a set of logical units that
 * execute CDBs per I_T nexus. The simulator's SimulatedTarget implements it; scsi/ defines it so transports need
 * not import sim/. Spec: SAM-5 (Execute Command, task management functions, I_T nexus).
 * See docs/scsi-model.md 1, 5 and 3.
 */

/** The answer to one command, as the target side hands it to a transport. */
export interface BackendResult {
  /** SAM status byte. */
  readonly status: number;
  /** Sense data with CHECK CONDITION. */
  readonly sense?: Buffer;
  /** Data-in, already cut to the CDB's allocation length. */
  readonly dataIn: Buffer;
}

/** Task management functions a transport can ask for (SAM-5 task management functions, docs/scsi-model.md 5). */
export type TaskManagementFunction =
  'abort-task' | 'abort-task-set' | 'clear-task-set' | 'logical-unit-reset' | 'target-warm-reset' | 'target-cold-reset';

/**
 * A SCSI target device as transports see it. Implementations must answer every CDB (malformed ones with CHECK
 * CONDITION), never reject for protocol errors, and keep per-nexus state (unit attentions, prevent, reservations)
 * keyed by the `nexus` string the transport gives (stable for one I_T nexus, e.g. initiator name + ISID + TPGT).
 */
export interface ScsiTargetBackend {
  execute(nexus: string, lun: number, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult>;
  /** LUNs with a logical unit, for REPORT LUNS and for rejecting others. */
  luns(): readonly number[];
  /** Carries out a task management function; LU and target resets clear prevent state and raise unit attentions. */
  taskManagement(nexus: string, fn: TaskManagementFunction, lun?: number): void;
  /**
   * The nexus is gone (logout, connection loss): release what belongs to it only (SPC-4 I_T nexus loss,
   * docs/scsi-model.md 5).
   */
  nexusLost(nexus: string): void;
}
