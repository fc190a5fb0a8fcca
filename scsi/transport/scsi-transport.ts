/**
 * The one interface between a host (RSM model, conformance suite, status view) and a SCSI target.
 * Spec: SAM-5 "The Execute Command procedure call" (CDB, data-out, status, sense, data-in;
 * docs/scsi-model.md 1);
 * design: docs/architecture.md "Interfaces that hold it together".
 */

/** A command to execute on one logical unit. */
export interface ScsiCommand {
  /** Logical unit number at the target. */
  readonly lun: number;
  /** The CDB, 6 to 16 bytes. */
  readonly cdb: Uint8Array;
  /** Parameter data sent to the target (MODE SELECT), if any. */
  readonly dataOut?: Uint8Array;
  /** The most data-in bytes the initiator accepts (the expected data transfer length). */
  readonly allocationLength: number;
}

/** What the target answered. A CHECK CONDITION is a value here, never an exception. */
export interface ScsiResult {
  /** SAM status byte (see ScsiStatus). */
  readonly status: number;
  /** Sense data returned with CHECK CONDITION (autosense), fixed or descriptor format. */
  readonly senseData?: Buffer;
  /** Data-in bytes, at most allocationLength. */
  readonly dataIn: Buffer;
  /** Bytes the target had but did not send because of allocationLength (iSCSI residual overflow), if known. */
  readonly residualOverflow?: number;
}

/**
 * A path to a SCSI target. Implementations must:
 * - return every SCSI outcome (GOOD, CHECK CONDITION, BUSY, RESERVATION CONFLICT) as a ScsiResult;
 * - throw only for transport faults, as an Error whose `code` says what happened (`ECONNRESET`, `ETIMEDOUT`,
 *   `ECONNREFUSED`, `ETRANSPORT`; over sg also `ENODEV`/`ENXIO` for a vanished device and the kernel's
 *   host and driver status names such as `DID_NO_CONNECT`, docs/sg.md section 4);
 * - never return more than `allocationLength` bytes of data-in;
 * - keep one I_T nexus for their lifetime (unit attentions and prevent state belong to it);
 * - after close(), reject every execute() with code `ECLOSED`.
 */
export interface ScsiTransport {
  execute(command: ScsiCommand): Promise<ScsiResult>;
  close(): Promise<void>;
  /** Human description for logs and reports ("sim:ibm-ts3100", "iscsi://127.0.0.1:3260/iqn.../0"). */
  readonly description: string;
}

/** A transport fault: thrown by execute() when the command could not be carried out at all. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
