/**
 * One command on the initiator: the PDUs that start it (with immediate and unsolicited data as negotiated), the
 * Data-Out PDUs that answer an R2T, and the Data-In PDUs it gathers until its status arrives.
 * Spec: RFC 7143 4.2 (data transfer overview: immediate data, unsolicited data up to FirstBurstLength, R2T-solicited
 * data),
 * 11.3 (SCSI Command flags and Expected Data Transfer Length), 11.7 (Data-Out/Data-In, DataSN in order,
 * Buffer Offset), 11.4.5 (residual counts); docs/iscsi.md 7.5.
 */
import type { Timer } from '../../../../common/clock/clock.js';
import { TransportError, type ScsiCommand, type ScsiResult } from '../../scsi-transport.js';
import { Iscsi } from '../constants.js';
import type { DataInPdu } from '../pdu/data-in.js';
import { encodeDataOut } from '../pdu/data-out.js';
import { encodeLun, type Pdu } from '../pdu/pdu.js';
import { encodeScsiCommand } from '../pdu/scsi-command.js';
import type { SessionParameters } from '../text/negotiation.js';

/** Outcome handlers of a task. */
export interface TaskCallbacks {
  resolve(result: ScsiResult): void;
  reject(error: Error): void;
}

/** Initiator-side state of one command. */
export class InitiatorTask {
  readonly lunField: Buffer;
  readonly expectedLength: number;
  readonly read: boolean;
  readonly write: boolean;
  cmdSN = 0;
  sent = false;
  settled = false;
  timer: Timer | undefined;
  private readonly segments: { offset: number; data: Buffer }[] = [];
  private nextDataSN = 0;

  constructor(
    readonly initiatorTaskTag: number,
    readonly command: ScsiCommand,
    private readonly callbacks: TaskCallbacks,
  ) {
    this.lunField = encodeLun(command.lun);
    const out = command.dataOut?.length ?? 0;
    this.write = out > 0;
    this.read = !this.write && command.allocationLength > 0;
    this.expectedLength = this.write ? out : command.allocationLength;
  }

  get lun(): number {
    return this.command.lun;
  }

  /** The SCSI Command PDU plus any unsolicited Data-Out PDUs, numbered with `cmdSN`. */
  startPdus(cmdSN: number, expStatSN: number, p: SessionParameters): Pdu[] {
    this.cmdSN = cmdSN;
    const out =
      this.command.dataOut === undefined
        ? Buffer.alloc(0)
        : Buffer.from(this.command.dataOut.buffer, this.command.dataOut.byteOffset, this.command.dataOut.length);
    const segment = p.peerMaxRecvDataSegmentLength;
    const unsolicitedLimit = this.write && !p.initialR2T ? Math.min(p.firstBurstLength, out.length) : 0;
    const immediateLength = this.write && p.immediateData ? Math.min(out.length, p.firstBurstLength, segment) : 0;
    const pdus: Pdu[] = [];
    const followers: Pdu[] = [];
    let dataSN = 0;
    for (let offset = immediateLength; offset < unsolicitedLimit; offset += segment) {
      const end = Math.min(offset + segment, unsolicitedLimit);
      followers.push(
        encodeDataOut({
          final: end === unsolicitedLimit,
          lunField: this.lunField,
          initiatorTaskTag: this.initiatorTaskTag,
          targetTransferTag: Iscsi.RESERVED_TAG,
          expStatSN,
          dataSN: dataSN++,
          bufferOffset: offset,
          data: out.subarray(offset, end),
        }),
      );
    }
    pdus.push(
      encodeScsiCommand({
        immediate: false,
        final: followers.length === 0,
        read: this.read,
        write: this.write,
        lun: this.command.lun,
        initiatorTaskTag: this.initiatorTaskTag,
        expectedDataTransferLength: this.expectedLength,
        cmdSN,
        expStatSN,
        cdb: Buffer.from(this.command.cdb.buffer, this.command.cdb.byteOffset, this.command.cdb.length),
        data: out.subarray(0, immediateLength),
      }),
      ...followers,
    );
    this.sent = true;
    return pdus;
  }

  /** Data-Out PDUs answering an R2T for [offset, offset + length). */
  solicitedPdus(targetTransferTag: number, offset: number, length: number, expStatSN: number, segment: number): Pdu[] {
    const out = this.command.dataOut;
    if (out === undefined || offset + length > out.length || length === 0) {
      throw new TransportError(`R2T asks for bytes ${offset}-${offset + length} of ${out?.length ?? 0}`, 'ETRANSPORT');
    }
    const data = Buffer.from(out.buffer, out.byteOffset, out.length);
    const pdus: Pdu[] = [];
    let dataSN = 0;
    for (let at = offset; at < offset + length; at += segment) {
      const end = Math.min(at + segment, offset + length);
      pdus.push(
        encodeDataOut({
          final: end === offset + length,
          lunField: this.lunField,
          initiatorTaskTag: this.initiatorTaskTag,
          targetTransferTag,
          expStatSN,
          dataSN: dataSN++,
          bufferOffset: at,
          data: data.subarray(at, end),
        }),
      );
    }
    return pdus;
  }

  /** Stores a Data-In PDU's data; throws TransportError when it is out of order or out of bounds. */
  acceptDataIn(d: DataInPdu): void {
    if (d.dataSN !== this.nextDataSN)
      throw new TransportError(`Data-In DataSN ${d.dataSN}, expected ${this.nextDataSN}`, 'ETRANSPORT');
    if (!this.read || d.bufferOffset + d.data.length > this.expectedLength) {
      throw new TransportError(
        `Data-In bytes ${d.bufferOffset}-${d.bufferOffset + d.data.length} beyond the expected ${this.expectedLength}`,
        'ETRANSPORT',
      );
    }
    this.nextDataSN++;
    if (d.data.length > 0) this.segments.push({ offset: d.bufferOffset, data: d.data });
  }

  /** Completes the task with a status. */
  complete(status: number, sense: Buffer | undefined, overflow: boolean, residualCount: number): void {
    const result: ScsiResult = {
      status,
      dataIn: this.assemble(),
      ...(sense !== undefined && sense.length > 0 ? { senseData: Buffer.from(sense) } : {}),
      ...(overflow ? { residualOverflow: residualCount } : {}),
    };
    this.finish();
    this.callbacks.resolve(result);
  }

  /** Fails the task (no-op once settled). */
  fail(error: Error): void {
    if (this.settled) return;
    this.finish();
    this.callbacks.reject(error);
  }

  private finish(): void {
    this.settled = true;
    this.timer?.cancel();
  }

  private assemble(): Buffer {
    const segments = this.segments;
    if (segments.length === 0) return Buffer.alloc(0);
    const first = segments[0] as { offset: number; data: Buffer };
    if (segments.length === 1 && first.offset === 0) return first.data;
    let end = 0;
    for (const s of segments) end = Math.max(end, s.offset + s.data.length);
    const out = Buffer.alloc(end);
    for (const s of segments) s.data.copy(out, s.offset);
    return out;
  }
}
