/**
 * One SCSI task on the target: its command, the write data it gathers (immediate, unsolicited, solicited by
 * R2T), and where it stands.
 * Spec: RFC 7143 4.2 (data transfer overview: immediate and unsolicited data up to FirstBurstLength, the rest by R2T
 * in bursts of at most MaxBurstLength), 11.7.5 (DataSN per sequence), 11.8 (R2T); docs/iscsi.md 7.5.
 */
import type { ScsiCommandPdu } from '../pdu/scsi-command.js';

/** Largest write (data-out) length the target buffers: far above any changer parameter list (MODE SELECT(10): 64 KiB). */
export const MAX_WRITE_LENGTH = 16 * 1024 * 1024;

/** An outstanding R2T. */
export interface OpenR2t {
  readonly targetTransferTag: number;
  readonly offset: number;
  readonly length: number;
  nextDataSN: number;
}

/** Where a task stands. */
export type TaskState = 'collecting' | 'executing' | 'done' | 'aborted';

/** Target-side state of one command. */
export class TargetTask {
  readonly initiatorTaskTag: number;
  readonly lun: number;
  /** The command's 8-byte LUN field, echoed in R2Ts and Data-In. */
  readonly lunField: Buffer;
  readonly cdb: Buffer;
  readonly expectedLength: number;
  readonly read: boolean;
  readonly write: boolean;
  readonly cmdSN: number;
  readonly immediate: boolean;
  /** Write data, allocated once at the expected length. */
  readonly dataOut: Buffer | undefined;
  /** Write bytes received so far (in order). */
  received = 0;
  /** No unsolicited Data-Out PDUs are (still) expected. */
  unsolicitedDone: boolean;
  unsolicitedDataSN = 0;
  r2t: OpenR2t | undefined;
  r2tSN = 0;
  /** The command's CmdSN has been reached (or it is immediate). */
  ordered = false;
  state: TaskState = 'collecting';
  /** A Data-Out PDU failed its data digest: the task ends with CHECK CONDITION, not executed. */
  digestFailed = false;
  /** The write is longer than MAX_WRITE_LENGTH: no data is taken and the task ends with CHECK CONDITION. */
  readonly tooLong: boolean;

  constructor(command: ScsiCommandPdu, lunField: Buffer, cdb: Buffer, unsolicitedDone: boolean) {
    this.initiatorTaskTag = command.initiatorTaskTag;
    this.lun = command.lun;
    this.lunField = Buffer.from(lunField);
    this.cdb = cdb;
    this.expectedLength = command.expectedDataTransferLength;
    this.read = command.read;
    this.write = command.write;
    this.cmdSN = command.cmdSN;
    this.immediate = command.immediate;
    this.tooLong = command.write && command.expectedDataTransferLength > MAX_WRITE_LENGTH;
    this.dataOut =
      command.write && command.expectedDataTransferLength > 0 && !this.tooLong
        ? Buffer.alloc(command.expectedDataTransferLength)
        : undefined;
    this.unsolicitedDone = unsolicitedDone;
  }

  /** All write data is in (always true for commands without data-out). */
  get dataComplete(): boolean {
    return this.dataOut === undefined || this.received >= this.expectedLength;
  }

  /** Stores `data` at `offset`; returns false when it does not continue the data in order or overruns. */
  accept(offset: number, data: Buffer, digestOk: boolean): boolean {
    const dataOut = this.dataOut;
    if (dataOut === undefined || offset !== this.received || offset + data.length > this.expectedLength) return false;
    if (digestOk) data.copy(dataOut, offset);
    else this.digestFailed = true;
    this.received += data.length;
    return true;
  }
}
