/**
 * The initiator's full feature phase on one connection: numbering and the command window, tagged commands in
 * flight, R2T answers, Data-In assembly, NOP pings both ways, task management, logout, and failing everything
 * outstanding when the connection or the protocol breaks (ErrorRecoveryLevel 0: session recovery is the caller's).
 * Numbering lives in command-numbering.ts, the exchanges other than commands in session-exchanges.ts.
 * Spec: RFC 7143 4.2.2.1 (the command window), 11.8 (R2T), 11.7 (Data-In), 11.4 (SCSI Response),
 * 11.18 / 11.19 (NOP), 11.5 / 11.6 (TMF), 11.9 (async messages), 11.17 (Reject), 7.1.4 (session recovery);
 * docs/iscsi.md 7.2 to 7.8.
 */
import { TransportError } from '../../scsi-transport.js';
import { BusyPoller } from '../busy-poll.js';
import { AsyncEvent, Iscsi, IscsiOpcode, ScsiResponseCode, TmfFunction, TmfResponse } from '../constants.js';
import type { PduChannel } from '../pdu-channel.js';
import { decodeAsyncMessage } from '../pdu/async-message.js';
import { decodeDataIn } from '../pdu/data-in.js';
import { decodeNopIn } from '../pdu/nop.js';
import type { ReceivedPdu } from '../pdu/pdu-framing.js';
import { pduOpcode, type Pdu } from '../pdu/pdu.js';
import { decodeR2t } from '../pdu/r2t.js';
import { decodeReject } from '../pdu/reject.js';
import { decodeScsiResponse } from '../pdu/scsi-response.js';
import { decodeTaskManagementResponse, encodeTaskManagementRequest } from '../pdu/task-management.js';
import type { SessionParameters } from '../text/negotiation.js';
import { CommandNumbering } from './command-numbering.js';
import type { InitiatorLoginResult } from './initiator-login.js';
import type { ResolvedInitiatorOptions } from './initiator-options.js';
import type { InitiatorTask } from './initiator-task.js';
import { PendingRequests } from './pending-requests.js';
import {
  answerToPing,
  logoutExchange,
  pingTarget,
  rejection,
  textExchange,
  type ExchangeContext,
} from './session-exchanges.js';

const CONTROL_TIMEOUT_MS = 30_000;

/** The full feature phase of one session. */
export class InitiatorSession {
  readonly parameters: SessionParameters;
  /** NOP-In pings from the target answered so far. */
  nopInAnswered = 0;
  private readonly numbers: CommandNumbering;
  private readonly exchanges: ExchangeContext;
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
    this.numbers = new CommandNumbering({
      cmdSN: firstCmdSN,
      expCmdSN: login.expCmdSN,
      maxCmdSN: login.maxCmdSN,
      expStatSN: login.expStatSN,
    });
    this.requests = new PendingRequests(options.clock, CONTROL_TIMEOUT_MS);
    this.poller = options.busyPollMicros > 0 ? new BusyPoller(options.busyPollMicros) : undefined;
    this.exchanges = {
      numbers: this.numbers,
      nextTag: () => this.nextTag(),
      control: (itt, pdu, opcode) => this.control(itt, pdu, opcode),
    };
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
  async taskManagement(
    fn: number,
    lun: number,
    referencedTaskTag: number = Iscsi.RESERVED_TAG,
    refCmdSN: number = this.numbers.cmdSN,
  ): Promise<number> {
    const targetWide = fn === TmfFunction.TARGET_WARM_RESET || fn === TmfFunction.TARGET_COLD_RESET;
    const affected = [...this.tasks.values()].filter(
      (t) => targetWide || (fn !== TmfFunction.ABORT_TASK && t.lun === lun),
    );
    const itt = this.nextTag();
    const pdu = encodeTaskManagementRequest({
      immediate: true,
      function: fn,
      lun,
      initiatorTaskTag: itt,
      referencedTaskTag,
      cmdSN: this.numbers.cmdSN,
      expStatSN: this.numbers.expStatSN,
      refCmdSN,
    });
    const response = decodeTaskManagementResponse(
      await this.control(itt, pdu, IscsiOpcode.TASK_MANAGEMENT_RESPONSE),
    ).response;
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
  ping(data: Buffer): Promise<Buffer> {
    return pingTarget(this.exchanges, data);
  }

  /** A text exchange (SendTargets): sends `data`, follows continuations, returns the joined response text. */
  text(data: Buffer): Promise<Buffer> {
    return textExchange(this.exchanges, data);
  }

  /** Logs the session out and ends the connection. Returns the logout response code. */
  async logout(): Promise<number> {
    const response = await logoutExchange(this.exchanges);
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
    this.fail(
      new TransportError(
        `connection to ${this.options.host}:${this.options.port} lost: ${described}`,
        code === 'ETIMEDOUT' ? code : 'ECONNRESET',
      ),
    );
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
      const error =
        err instanceof TransportError
          ? err
          : new TransportError(
              `protocol error from the target: ${err instanceof Error ? err.message : String(err)}`,
              'ETRANSPORT',
            );
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
        if (r.response !== ScsiResponseCode.COMMAND_COMPLETED_AT_TARGET)
          task.fail(new TransportError(`iSCSI response ${r.response} (target failure)`, 'ETRANSPORT'));
        else task.complete(r.status, r.senseData, r.overflow, r.residualCount);
        this.pump();
        return;
      }
      case IscsiOpcode.R2T: {
        const r = decodeR2t(pdu);
        this.window(r.expCmdSN, r.maxCmdSN);
        const task = this.tasks.get(r.initiatorTaskTag);
        if (task === undefined) return;
        this.channel.sendAll(
          task.solicitedPdus(
            r.targetTransferTag,
            r.bufferOffset,
            r.desiredDataTransferLength,
            this.numbers.expStatSN,
            this.parameters.peerMaxRecvDataSegmentLength,
          ),
        );
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
          this.channel.send(answerToPing(n, this.numbers));
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
        const { error, fatal, itt } = rejection(r);
        if (fatal) throw error;
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

  /** RFC 7143 4.2.2.1, docs/iscsi.md 7.2: a new window may let queued commands go. */
  private window(exp: number, max: number): void {
    this.numbers.window(exp, max);
    this.pump();
  }

  private status(statSN: number): void {
    this.numbers.status(statSN);
  }

  private pump(): void {
    while (this.failure === undefined && this.queue.length > 0 && this.numbers.open) {
      const task = this.queue.shift() as InitiatorTask;
      if (task.settled) continue;
      this.tasks.set(task.initiatorTaskTag, task);
      const pdus = task.startPdus(this.numbers.take(), this.numbers.expStatSN, this.parameters);
      this.channel.sendAll(pdus);
      this.poller?.keepAwake();
    }
  }
}
