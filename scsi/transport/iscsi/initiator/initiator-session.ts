/**
 * The initiator's full feature phase on one connection: numbering and the command window, tagged commands in
 * flight, R2T answers, Data-In assembly, NOP pings both ways, task management, logout, and failing everything
 * outstanding when the connection or the protocol breaks (ErrorRecoveryLevel 0: session recovery is the caller's).
 * Spec: RFC 7143 4.2.2.1 (CmdSN, ExpCmdSN, MaxCmdSN update rules), 4.2.2.2 (StatSN, ExpStatSN), 11.8 (R2T),
 * 11.7 (Data-In), 11.4 (SCSI Response), 11.18 / 11.19 (NOP), 11.5 / 11.6 (TMF), 11.9 (async messages),
 * 11.17 (Reject: a rejected command leaves a CmdSN gap, so the session is abandoned), 7.1.4 (session recovery).
 */
import { TransportError } from '../../scsi-transport.js';
import { BusyPoller } from '../busy-poll.js';
import { AsyncEvent, Iscsi, IscsiOpcode, LogoutReason, ScsiResponseCode, TmfFunction, TmfResponse } from '../constants.js';
import type { PduChannel } from '../pdu-channel.js';
import { decodeAsyncMessage } from '../pdu/async-message.js';
import { decodeDataIn } from '../pdu/data-in.js';
import { decodeLogoutResponse, encodeLogoutRequest } from '../pdu/logout.js';
import { decodeNopIn, encodeNopOut } from '../pdu/nop.js';
import type { ReceivedPdu } from '../pdu/pdu-framing.js';
import { pduImmediate, pduOpcode, type Pdu } from '../pdu/pdu.js';
import { decodeR2t } from '../pdu/r2t.js';
import { decodeReject } from '../pdu/reject.js';
import { decodeScsiResponse } from '../pdu/scsi-response.js';
import { decodeTaskManagementResponse, encodeTaskManagementRequest } from '../pdu/task-management.js';
import { decodeTextResponse, encodeTextRequest } from '../pdu/text.js';
import { serialAdd, serialGt, serialLe, serialLt } from '../serial-number.js';
import type { SessionParameters } from '../text/negotiation.js';
import type { InitiatorLoginResult } from './initiator-login.js';
import type { ResolvedInitiatorOptions } from './initiator-options.js';
import type { InitiatorTask } from './initiator-task.js';
import { PendingRequests } from './pending-requests.js';

/** Opcodes of non-immediate requests whose rejection leaves a CmdSN gap. */
const NUMBERED = new Set<number>([IscsiOpcode.SCSI_COMMAND, IscsiOpcode.TASK_MANAGEMENT_REQUEST, IscsiOpcode.TEXT_REQUEST, IscsiOpcode.LOGOUT_REQUEST, IscsiOpcode.NOP_OUT]);
const CONTROL_TIMEOUT_MS = 30_000;

/** The full feature phase of one session. */
export class InitiatorSession {
  readonly parameters: SessionParameters;
  /** NOP-In pings from the target answered so far. */
  nopInAnswered = 0;
  private cmdSN: number;
  private expCmdSN: number;
  private maxCmdSN: number;
  private expStatSN: number;
  private itt = 0;
  private readonly tasks = new Map<number, InitiatorTask>();
  private readonly queue: InitiatorTask[] = [];
  private readonly requests: PendingRequests;
  private failure: TransportError | undefined;
  private userClosed = false;
  /** Keeps the loop awake while commands run (options.busyPollMicros > 0). */
  readonly poller: BusyPoller | undefined;

  constructor(
    private readonly channel: PduChannel,
    private readonly options: ResolvedInitiatorOptions,
    login: InitiatorLoginResult,
    firstCmdSN: number,
  ) {
    this.parameters = login.parameters;
    this.cmdSN = firstCmdSN >>> 0;
    this.expCmdSN = login.expCmdSN;
    this.maxCmdSN = login.maxCmdSN;
    this.expStatSN = login.expStatSN;
    this.requests = new PendingRequests(options.clock, CONTROL_TIMEOUT_MS);
    this.poller = options.busyPollMicros > 0 ? new BusyPoller(options.busyPollMicros) : undefined;
  }

  /** Set once the session can no longer carry commands. */
  get failed(): TransportError | undefined {
    return this.failure;
  }

  /** A fresh Initiator Task Tag (never FFFFFFFFh, never one in use). */
  nextTag(): number {
    do this.itt = this.itt >= 0xfffffffe ? 1 : this.itt + 1;
    while (this.tasks.has(this.itt) || this.requests.has(this.itt));
    return this.itt;
  }

  /** Queues a command; it goes out as soon as the command window allows. */
  submit(task: InitiatorTask): void {
    if (this.failure !== undefined) {
      task.fail(this.failure);
      return;
    }
    this.queue.push(task);
    this.pump();
  }

  /**
   * Aborts a task: dropped from the queue if unsent, else ABORT TASK (even when the caller already gave up on it,
   * so the target forgets it too); the task fails with `error` unless its response came first.
   */
  async abort(task: InitiatorTask, error: TransportError): Promise<void> {
    if (!task.sent) {
      const i = this.queue.indexOf(task);
      if (i >= 0) this.queue.splice(i, 1);
      task.fail(error);
      return;
    }
    if (this.tasks.get(task.initiatorTaskTag) !== task) {
      task.fail(error);
      return;
    }
    try {
      await this.taskManagement(TmfFunction.ABORT_TASK, task.lun, task.initiatorTaskTag, task.cmdSN);
    } finally {
      if (this.tasks.get(task.initiatorTaskTag) === task) this.tasks.delete(task.initiatorTaskTag);
      task.fail(error);
    }
  }

  /**
   * Sends a task management request (immediate) and returns the response code. After FUNCTION COMPLETE, tasks
   * the function terminated (sent before it, same LUN or all for target resets) fail with EABORTED.
   */
  async taskManagement(fn: number, lun: number, referencedTaskTag: number = Iscsi.RESERVED_TAG, refCmdSN: number = this.cmdSN): Promise<number> {
    const targetWide = fn === TmfFunction.TARGET_WARM_RESET || fn === TmfFunction.TARGET_COLD_RESET;
    const affected = [...this.tasks.values()].filter((t) => targetWide || (fn !== TmfFunction.ABORT_TASK && t.lun === lun));
    const itt = this.nextTag();
    const pdu = encodeTaskManagementRequest({ immediate: true, function: fn, lun, initiatorTaskTag: itt, referencedTaskTag, cmdSN: this.cmdSN, expStatSN: this.expStatSN, refCmdSN });
    const response = decodeTaskManagementResponse(await this.control(itt, pdu, IscsiOpcode.TASK_MANAGEMENT_RESPONSE)).response;
    if (response === TmfResponse.FUNCTION_COMPLETE) {
      for (const task of affected) {
        if (this.tasks.get(task.initiatorTaskTag) === task) this.tasks.delete(task.initiatorTaskTag);
        task.fail(new TransportError('terminated by task management', 'EABORTED'));
      }
      this.pump();
    }
    return response;
  }

  /** NOP-Out ping; resolves with the data the target echoed. */
  async ping(data: Buffer): Promise<Buffer> {
    const itt = this.nextTag();
    const pdu = encodeNopOut({ immediate: true, initiatorTaskTag: itt, cmdSN: this.cmdSN, expStatSN: this.expStatSN, data });
    return Buffer.from(decodeNopIn(await this.control(itt, pdu, IscsiOpcode.NOP_IN)).data);
  }

  /** A text exchange (SendTargets): sends `data`, follows continuations, returns the joined response text. */
  async text(data: Buffer): Promise<Buffer> {
    const itt = this.nextTag();
    const parts: Buffer[] = [];
    let targetTransferTag: number = Iscsi.RESERVED_TAG;
    let payload = data;
    for (let i = 0; i < 256; i++) {
      const pdu = encodeTextRequest({ immediate: true, final: true, continue: false, initiatorTaskTag: itt, targetTransferTag, cmdSN: this.cmdSN, expStatSN: this.expStatSN, data: payload });
      const response = decodeTextResponse(await this.control(itt, pdu, IscsiOpcode.TEXT_RESPONSE));
      parts.push(Buffer.from(response.data));
      if (response.final) return Buffer.concat(parts);
      targetTransferTag = response.targetTransferTag;
      payload = Buffer.alloc(0);
    }
    throw new TransportError('text response did not end', 'ETRANSPORT');
  }

  /** Logs the session out and ends the connection. Returns the logout response code. */
  async logout(): Promise<number> {
    const itt = this.nextTag();
    const pdu = encodeLogoutRequest({ immediate: true, reason: LogoutReason.CLOSE_SESSION, initiatorTaskTag: itt, cid: 0, cmdSN: this.cmdSN, expStatSN: this.expStatSN });
    const response = decodeLogoutResponse(await this.control(itt, pdu, IscsiOpcode.LOGOUT_RESPONSE)).response;
    this.userClosed = true;
    this.channel.end();
    return response;
  }

  /** Marks the coming connection close as ours: later commands fail with ECLOSED. */
  closing(): void {
    this.userClosed = true;
    this.fail(new TransportError('the transport was closed', 'ECLOSED'));
  }

  /** The connection ended. */
  connectionClosed(error: Error | undefined): void {
    if (this.userClosed) this.fail(new TransportError('the transport was closed', 'ECLOSED'));
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const described = error === undefined ? 'closed by the target' : error.message;
    this.fail(new TransportError(`connection to ${this.options.host}:${this.options.port} lost: ${described}`, code === 'ETIMEDOUT' ? code : 'ECONNRESET'));
  }

  /** Fails every outstanding and queued command and request with `error`, and drops the connection. */
  fail(error: TransportError): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    for (const task of this.queue.splice(0)) task.fail(error);
    for (const task of this.tasks.values()) task.fail(error);
    this.tasks.clear();
    this.requests.failAll(error);
    this.poller?.stop();
    this.channel.destroy();
  }

  /** Handles one PDU from the target. */
  handlePdu(pdu: ReceivedPdu): void {
    if (this.failure !== undefined) return;
    try {
      if (!pdu.dataDigestOk) throw new TransportError('data digest error in a PDU from the target', 'ETRANSPORT');
      this.dispatch(pdu);
      // More answers are due: keep polling for them (the next command sent keeps it up too, see pump).
      if (this.poller !== undefined && this.tasks.size > 0) this.poller.keepAwake();
    } catch (err) {
      const error = err instanceof TransportError ? err : new TransportError(`protocol error from the target: ${err instanceof Error ? err.message : String(err)}`, 'ETRANSPORT');
      this.options.logger.warn({ reason: error.message }, 'iSCSI session failed');
      this.fail(error);
    }
  }

  private dispatch(pdu: ReceivedPdu): void {
    const opcode = pduOpcode(pdu.bhs);
    switch (opcode) {
      case IscsiOpcode.DATA_IN: {
        const d = decodeDataIn(pdu);
        this.window(d.expCmdSN, d.maxCmdSN);
        const task = this.tasks.get(d.initiatorTaskTag);
        if (task === undefined) return;
        task.acceptDataIn(d);
        if (d.statusPresent) {
          this.status(d.statSN);
          this.tasks.delete(task.initiatorTaskTag);
          task.complete(d.status, undefined, d.overflow, d.residualCount);
          this.pump();
        }
        return;
      }
      case IscsiOpcode.SCSI_RESPONSE: {
        const r = decodeScsiResponse(pdu);
        this.window(r.expCmdSN, r.maxCmdSN);
        this.status(r.statSN);
        const task = this.tasks.get(r.initiatorTaskTag);
        if (task === undefined) return;
        this.tasks.delete(task.initiatorTaskTag);
        if (r.response !== ScsiResponseCode.COMMAND_COMPLETED_AT_TARGET) task.fail(new TransportError(`iSCSI response ${r.response} (target failure)`, 'ETRANSPORT'));
        else task.complete(r.status, r.senseData, r.overflow, r.residualCount);
        this.pump();
        return;
      }
      case IscsiOpcode.R2T: {
        const r = decodeR2t(pdu);
        this.window(r.expCmdSN, r.maxCmdSN);
        const task = this.tasks.get(r.initiatorTaskTag);
        if (task === undefined) return;
        this.channel.sendAll(task.solicitedPdus(r.targetTransferTag, r.bufferOffset, r.desiredDataTransferLength, this.expStatSN, this.parameters.peerMaxRecvDataSegmentLength));
        return;
      }
      case IscsiOpcode.NOP_IN: {
        const n = decodeNopIn(pdu);
        this.window(n.expCmdSN, n.maxCmdSN);
        if (n.initiatorTaskTag !== Iscsi.RESERVED_TAG) {
          this.status(n.statSN);
          this.requests.settle(n.initiatorTaskTag, opcode, pdu);
        }
        if (n.targetTransferTag !== Iscsi.RESERVED_TAG) {
          this.nopInAnswered++;
          this.channel.send(encodeNopOut({ immediate: true, lunField: Buffer.from(n.lunField), initiatorTaskTag: Iscsi.RESERVED_TAG, targetTransferTag: n.targetTransferTag, cmdSN: this.cmdSN, expStatSN: this.expStatSN, data: Buffer.from(n.data) }));
        }
        return;
      }
      case IscsiOpcode.TASK_MANAGEMENT_RESPONSE:
      case IscsiOpcode.LOGOUT_RESPONSE:
      case IscsiOpcode.TEXT_RESPONSE: {
        this.window(pdu.bhs.readUInt32BE(28), pdu.bhs.readUInt32BE(32));
        this.status(pdu.bhs.readUInt32BE(24));
        this.requests.settle(pdu.bhs.readUInt32BE(16), opcode, pdu);
        return;
      }
      case IscsiOpcode.REJECT: {
        const r = decodeReject(pdu);
        this.window(r.expCmdSN, r.maxCmdSN);
        this.status(r.statSN);
        const header = r.rejectedHeader;
        const error = new TransportError(`the target rejected a PDU (opcode ${pduOpcode(header).toString(16)}h, reason ${r.reason.toString(16)}h)`, 'ETRANSPORT');
        if (NUMBERED.has(pduOpcode(header)) && !pduImmediate(header)) throw error;
        const itt = header.readUInt32BE(16);
        this.tasks.get(itt)?.fail(error);
        this.tasks.delete(itt);
        this.requests.fail(itt, error);
        return;
      }
      case IscsiOpcode.ASYNC_MESSAGE: {
        const a = decodeAsyncMessage(pdu);
        this.window(a.expCmdSN, a.maxCmdSN);
        this.status(a.statSN);
        this.options.logger.info({ event: a.asyncEvent }, 'asynchronous message from the target');
        if (a.asyncEvent === AsyncEvent.LOGOUT_REQUEST) this.logout().catch(() => undefined);
        return;
      }
      default:
        throw new TransportError(`unexpected opcode ${opcode.toString(16)}h from the target`, 'ETRANSPORT');
    }
  }

  private control(itt: number, pdu: Pdu, opcode: number): Promise<Pdu> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return this.requests.wait(itt, opcode, () => this.channel.send(pdu));
  }

  /** RFC 7143 4.2.2.1: ignore a window with MaxCmdSN < ExpCmdSN - 1; otherwise only move forward. */
  private window(exp: number, max: number): void {
    if (serialLt(max, serialAdd(exp, -1))) return;
    if (serialGt(max, this.maxCmdSN)) this.maxCmdSN = max;
    if (serialGt(exp, this.expCmdSN)) this.expCmdSN = exp;
    this.pump();
  }

  private status(statSN: number): void {
    const next = serialAdd(statSN, 1);
    if (serialGt(next, this.expStatSN)) this.expStatSN = next;
  }

  private pump(): void {
    while (this.failure === undefined && this.queue.length > 0 && serialLe(this.cmdSN, this.maxCmdSN)) {
      const task = this.queue.shift() as InitiatorTask;
      if (task.settled) continue;
      this.tasks.set(task.initiatorTaskTag, task);
      const pdus = task.startPdus(this.cmdSN, this.expStatSN, this.parameters);
      this.cmdSN = serialAdd(this.cmdSN, 1);
      this.channel.sendAll(pdus);
      this.poller?.keepAwake();
    }
  }
}
