/**
 * One iSCSI session on the target in the full feature phase (one connection, ErrorRecoveryLevel 0): SCSI commands
 * through the command window, write data by immediate data, unsolicited Data-Out and R2T, completions as Data-In
 * and SCSI Response PDUs, and Reject for bad PDUs (what is refused: full-feature-checks.ts). NOP, task management, text and logout live in target-control.ts.
 * Spec: RFC 7143 4.2.2 (numbering), 4.2 (data transfer overview), 7.8 (digest errors: Reject "data digest error";
 * a damaged Data-Out ends its task with CHECK CONDITION, PROTOCOL SERVICE CRC ERROR), 11.3 (SCSI Command),
 * 11.7 / 11.8 (Data-Out, R2T), 11.17 (Reject); docs/iscsi.md 7.5; SAM-5 (I_T nexus).
 * In our words: docs/scsi-model.md 3.
 */
import type { ScsiTargetBackend } from '../../scsi-target-backend.js';
import { Iscsi, IscsiOpcode, RejectReason } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';
import { LogLimiter } from '../log-limiter.js';
import type { Logger } from '../../../../common/logger.js';
import type { PduChannel } from '../pdu-channel.js';
import { decodeDataOut } from '../pdu/data-out.js';
import type { ReceivedPdu } from '../pdu/pdu-framing.js';
import { pduOpcode, type Pdu } from '../pdu/pdu.js';
import { encodeNopIn } from '../pdu/nop.js';
import { encodeReject } from '../pdu/reject.js';
import { decodeScsiCommand } from '../pdu/scsi-command.js';
import { serialAdd } from '../serial-number.js';
import type { SessionParameters } from '../text/negotiation.js';
import { buildCommandResponse } from './command-response.js';
import { CommandWindow } from './command-window.js';
import {
  checkPduAllowed,
  checkScsiCommand,
  opcodeRefusal,
  refusedWriteData,
  taskForCommand,
} from './full-feature-checks.js';
import { onLogout, onNopOut, onTaskManagement, onText, type ControlHost } from './target-control.js';
import type { LoginResult } from './target-login.js';
import type { ResolvedTargetOptions } from './target-options.js';
import { TargetPinger } from './target-pinger.js';
import { RecentlyAborted } from './recently-aborted.js';
import { TargetTask } from './target-task.js';
import { TextExchange } from './target-text.js';
import { sessionInfoFor, type SessionHost, type SessionInfo } from './session-info.js';
import { needsR2t, openR2t, takeDataOut } from './target-write-data.js';

export { nexusString, type SessionHost, type SessionInfo } from './session-info.js';

const RECENTLY_ABORTED_LIMIT = 256;

/** Full-feature-phase state of one session. */
export class TargetSession implements ControlHost {
  readonly info: SessionInfo;
  readonly window: CommandWindow;
  readonly backend: ScsiTargetBackend;
  readonly logger: Logger;
  readonly options: ResolvedTargetOptions;
  readonly cid: number;
  readonly text = new TextExchange(() => this.nextTag());
  readonly pinger: TargetPinger;
  private params: SessionParameters;
  private statSN: number;
  private tag = 0;
  private readonly tasks = new Map<number, TargetTask>();
  private readonly recentlyAborted = new RecentlyAborted(RECENTLY_ABORTED_LIMIT);
  private terminated = false;
  /** Lines a peer can cause once per PDU, at most one per reason per interval (log-limiter.ts). */
  private readonly limited: LogLimiter;

  constructor(
    private readonly host: SessionHost<TargetSession>,
    readonly channel: PduChannel,
    login: LoginResult,
  ) {
    this.options = host.options;
    this.backend = host.options.backend;
    this.logger = host.options.logger;
    this.cid = login.cid;
    this.params = login.parameters;
    this.statSN = login.nextStatSN;
    this.window = new CommandWindow(login.expCmdSN, host.options.commandWindow);
    this.info = sessionInfoFor(login, host.options.targetName, host.options.tpgt);
    this.limited = new LogLimiter(
      this.logger,
      host.options.clock,
      { nexus: this.info.nexus },
      host.options.logIntervalMs,
    );
    this.pinger = new TargetPinger(
      host.options,
      () => this.nextTag(),
      (ttt, data) => this.sendNopIn(ttt, data),
      () => this.channel.destroy(new Error('NOP-In ping timed out')),
    );
  }

  get nexus(): string {
    return this.info.nexus;
  }

  get discovery(): boolean {
    return this.info.sessionType === 'Discovery';
  }

  get parameters(): SessionParameters {
    return this.params;
  }

  get ended(): boolean {
    return this.terminated;
  }

  setPeerMaxRecvDataSegmentLength(length: number): void {
    this.params = { ...this.params, peerMaxRecvDataSegmentLength: length };
  }

  /** Sends a NOP-In and resolves with the data of the NOP-Out that answers it. */
  ping(data: Buffer = Buffer.alloc(0)): Promise<Buffer> {
    if (this.terminated) return Promise.reject(new Error('session ended'));
    return this.pinger.ping(data.subarray(0, this.params.peerMaxRecvDataSegmentLength));
  }

  /** Handles one full-feature-phase PDU; protocol errors become Rejects. */
  handlePdu(pdu: ReceivedPdu): void {
    if (this.terminated) return;
    const opcode = pduOpcode(pdu.bhs);
    try {
      checkPduAllowed(opcode, this.discovery, pdu.dataDigestOk);
      switch (opcode) {
        case IscsiOpcode.SCSI_COMMAND:
          return this.onScsiCommand(pdu);
        case IscsiOpcode.DATA_OUT:
          return this.onDataOut(pdu);
        case IscsiOpcode.NOP_OUT:
          return onNopOut(this, pdu);
        case IscsiOpcode.TASK_MANAGEMENT_REQUEST:
          return onTaskManagement(this, pdu);
        case IscsiOpcode.TEXT_REQUEST:
          return onText(this, pdu);
        case IscsiOpcode.LOGOUT_REQUEST:
          return onLogout(this, pdu);
        default:
          throw opcodeRefusal(opcode);
      }
    } catch (err) {
      if (!(err instanceof IscsiProtocolError)) throw err;
      this.limited.warn(`reject:${err.rejectReason}:${opcode}`, 'rejecting a PDU', { opcode, reason: err.message });
      this.reject(err.rejectReason, pdu.bhs);
      if (err.fatal) this.channel.end();
    }
  }

  /** Ends the session: tasks dropped without responses, the backend told the nexus is gone. Idempotent. */
  terminate(why: string): void {
    if (this.terminated) return;
    this.terminated = true;
    this.limited.close();
    this.logger.info({ nexus: this.nexus, tsih: this.info.tsih, why }, 'session ended');
    for (const task of this.tasks.values()) task.state = 'aborted';
    this.tasks.clear();
    this.window.clear();
    this.pinger.stop();
    if (!this.discovery) {
      try {
        this.backend.nexusLost(this.nexus);
      } catch (err) {
        this.logger.error({ nexus: this.nexus, error: String(err) }, 'backend nexusLost failed');
      }
    }
    this.host.sessionEnded(this);
    this.channel.end();
  }

  coldReset(): void {
    this.host.coldReset();
  }

  findTask(initiatorTaskTag: number): TargetTask | undefined {
    return this.tasks.get(initiatorTaskTag);
  }

  allTasks(): TargetTask[] {
    return [...this.tasks.values()];
  }

  abortTask(task: TargetTask): void {
    task.state = 'aborted';
    this.tasks.delete(task.initiatorTaskTag);
    this.recentlyAborted.add(task.initiatorTaskTag);
    this.window.update(this.tasks.size);
  }

  hasLun(lun: number): boolean {
    return this.host.gateway.hasLun(lun);
  }

  nextStatSN(): number {
    const sn = this.statSN;
    this.statSN = serialAdd(sn, 1);
    return sn;
  }

  send(pdu: Pdu): void {
    this.channel.send(pdu);
  }

  reject(reason: number, header: Buffer): void {
    this.send(
      encodeReject({
        reason,
        statSN: this.nextStatSN(),
        expCmdSN: this.window.expCmdSN,
        maxCmdSN: this.window.maxCmdSN,
        rejectedHeader: header,
      }),
    );
  }

  /** Runs `action` at once for immediate PDUs, else in CmdSN order; out-of-window commands are ignored. */
  ordered(immediate: boolean, cmdSN: number, action: () => void): void {
    if (immediate) action();
    else if (this.window.deliver(cmdSN, action) === 'dropped') {
      this.warnOutsideWindow(cmdSN);
    }
  }

  private warnOutsideWindow(cmdSN: number): void {
    this.limited.warn('outside-window', 'ignoring a command outside the CmdSN window', {
      cmdSN,
      expCmdSN: this.window.expCmdSN,
      maxCmdSN: this.window.maxCmdSN,
    });
  }

  private nextTag(): number {
    this.tag = this.tag >= 0xfffffffe ? 1 : this.tag + 1;
    return this.tag;
  }

  private onScsiCommand(pdu: ReceivedPdu): void {
    const command = decodeScsiCommand(pdu);
    checkScsiCommand(command, this.params, this.tasks.has(command.initiatorTaskTag));
    if (!command.immediate && !this.window.isPending(command.cmdSN)) {
      this.warnOutsideWindow(command.cmdSN);
      return;
    }
    const task = taskForCommand(command, pdu.bhs, this.params);
    this.tasks.set(task.initiatorTaskTag, task);
    this.ordered(command.immediate, command.cmdSN, () => {
      task.ordered = true;
      this.progress(task);
    });
    this.requestData(task);
  }

  private onDataOut(pdu: ReceivedPdu): void {
    const d = decodeDataOut(pdu);
    const task = this.tasks.get(d.initiatorTaskTag);
    if (task === undefined) {
      if (this.recentlyAborted.has(d.initiatorTaskTag)) return;
      throw new IscsiProtocolError('Data-Out for an unknown task', RejectReason.PROTOCOL_ERROR);
    }
    if (!pdu.dataDigestOk) this.reject(RejectReason.DATA_DIGEST_ERROR, pdu.bhs);
    takeDataOut(task, d, pdu.dataDigestOk, this.params.firstBurstLength);
    if (task.dataComplete) this.progress(task);
    else this.requestData(task);
  }

  private requestData(task: TargetTask): void {
    if (!needsR2t(task)) return;
    const ctx = {
      targetTransferTag: this.nextTag(),
      statSN: this.statSN,
      expCmdSN: this.window.expCmdSN,
      maxCmdSN: this.window.maxCmdSN,
      maxBurstLength: this.params.maxBurstLength,
    };
    this.send(openR2t(task, ctx));
  }

  private progress(task: TargetTask): void {
    if (task.state !== 'collecting' || !task.ordered || !task.dataComplete) return;
    task.state = 'executing';
    void this.execute(task);
  }

  private async execute(task: TargetTask): Promise<void> {
    const outcome =
      refusedWriteData(task) ?? (await this.host.gateway.execute(this.nexus, task.lun, task.cdb, task.dataOut));
    if (task.state !== 'executing' || this.terminated) return;
    task.state = 'done';
    this.tasks.delete(task.initiatorTaskTag);
    this.window.update(this.tasks.size);
    try {
      this.channel.sendAll(
        buildCommandResponse(task, outcome, {
          nextStatSN: () => this.nextStatSN(),
          expCmdSN: this.window.expCmdSN,
          maxCmdSN: this.window.maxCmdSN,
          segmentLength: this.params.peerMaxRecvDataSegmentLength,
          maxBurstLength: this.params.maxBurstLength,
        }),
      );
    } catch (err) {
      // Nothing a backend returns may take the target down; this session cannot go on in step, though.
      this.logger.error(
        { nexus: this.nexus, error: String(err) },
        'could not send a command response; dropping the connection',
      );
      this.channel.destroy();
    }
  }

  private sendNopIn(targetTransferTag: number, data: Buffer): void {
    this.send(
      encodeNopIn({
        initiatorTaskTag: Iscsi.RESERVED_TAG,
        targetTransferTag,
        statSN: this.statSN,
        expCmdSN: this.window.expCmdSN,
        maxCmdSN: this.window.maxCmdSN,
        data,
      }),
    );
  }
}
