/**
 * The iSCSI initiator as a ScsiTransport: connect by URL (libiscsi's form) or options, run tagged commands (as
 * many in flight as the command window allows), abort one by AbortSignal or time limit, task management, NOP
 * pings, SendTargets discovery, logout. Transport faults reject with TransportError (ECONNREFUSED, ETIMEDOUT,
 * ECONNRESET, ETRANSPORT, ELOGIN, EABORTED, ECLOSED); SCSI outcomes, CHECK CONDITION included, are results.
 * Spec: RFC 7143 (iSCSI; docs/iscsi.md 7), SAM-5 (Execute Command, task management); scsi-transport.ts (the
 * contract).
 * In our words: docs/scsi-model.md 1 and 5.
 */
import { TransportError, type ScsiCommand, type ScsiResult, type ScsiTransport } from '../../scsi-transport.js';
import type { TaskManagementFunction } from '../../scsi-target-backend.js';
import type { BusyPoller } from '../busy-poll.js';
import { TmfFunction } from '../constants.js';
import type { PduChannel } from '../pdu-channel.js';
import type { SessionParameters } from '../text/negotiation.js';
import { discoverTargets, type DiscoveredTarget, type DiscoveryOptions } from './discovery.js';
import { establishSession } from './initiator-connection.js';
import {
  resolveInitiatorOptions,
  type IscsiInitiatorOptions,
  type ResolvedInitiatorOptions,
} from './initiator-options.js';
import type { InitiatorSession } from './initiator-session.js';
import { InitiatorTask } from './initiator-task.js';
import { parseIscsiUrl } from './iscsi-url.js';

/** Per-command options beyond the ScsiTransport contract. */
export interface ExecuteOptions {
  /** Aborting sends ABORT TASK; the command then rejects with code EABORTED (unless its status came first). */
  readonly signal?: AbortSignal;
  /** Time limit for this command (ETIMEDOUT, followed by ABORT TASK); overrides commandTimeoutMs. */
  readonly timeoutMs?: number;
}

const TMF_CODES: Readonly<Record<Exclude<TaskManagementFunction, 'abort-task'>, number>> = {
  'abort-task-set': TmfFunction.ABORT_TASK_SET,
  'clear-task-set': TmfFunction.CLEAR_TASK_SET,
  'logical-unit-reset': TmfFunction.LOGICAL_UNIT_RESET,
  'target-warm-reset': TmfFunction.TARGET_WARM_RESET,
  'target-cold-reset': TmfFunction.TARGET_COLD_RESET,
};

const CLOSE_LOGOUT_MS = 3000;

/** A logged-in iSCSI session used as a ScsiTransport. Create with IscsiInitiator.connect(). */
export class IscsiInitiator implements ScsiTransport {
  readonly description: string;
  /** The LUN named at connect time (each command still names its own). */
  readonly lun: number;
  readonly targetName: string;
  readonly initiatorName: string;
  /** ISID as 12 hex digits. */
  readonly isid: string;
  readonly tsih: number;
  readonly targetPortalGroupTag: number | undefined;
  readonly parameters: SessionParameters;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly options: ResolvedInitiatorOptions,
    private readonly session: InitiatorSession,
    private readonly channel: PduChannel,
    login: { tsih: number; targetPortalGroupTag: number | undefined; parameters: SessionParameters },
  ) {
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    this.description = `iscsi://${host}:${options.port}/${options.targetName}/${options.lun}`;
    this.lun = options.lun;
    this.targetName = options.targetName;
    this.initiatorName = options.initiatorName;
    this.isid = options.isid.toString('hex');
    this.tsih = login.tsih;
    this.targetPortalGroupTag = login.targetPortalGroupTag;
    this.parameters = login.parameters;
  }

  /**
   * Connects and logs in. `target` is an iscsi:// URL (iscsi://[user[%password]@]host[:port]/<iqn>/<lun>, query
   * header_digest, data_digest, target_user, target_password) or options; `overrides` are applied on top.
   */
  static async connect(
    target: string | IscsiInitiatorOptions,
    overrides: Partial<IscsiInitiatorOptions> = {},
  ): Promise<IscsiInitiator> {
    const base = typeof target === 'string' ? parseIscsiUrl(target) : target;
    const options = resolveInitiatorOptions({ ...base, ...overrides } as IscsiInitiatorOptions);
    const { session, login, channel } = await establishSession(options, false);
    options.logger.info({ target: options.targetName, tsih: login.tsih }, 'iSCSI login complete');
    return new IscsiInitiator(options, session, channel, login);
  }

  /** SendTargets discovery on a portal (iscsi://[user%password@]host[:port] or options). */
  static discover(
    portal: string | DiscoveryOptions,
    overrides: Partial<DiscoveryOptions> = {},
  ): Promise<DiscoveredTarget[]> {
    const base = typeof portal === 'string' ? parseIscsiUrl(portal, true) : portal;
    return discoverTargets({ ...base, ...overrides } as DiscoveryOptions);
  }

  /** NOP-In pings from the target this initiator has answered. */
  get nopInAnswered(): number {
    return this.session.nopInAnswered;
  }

  /** The busy poller kept awake while commands run (options.busyPollMicros), for diagnostics; undefined when off. */
  get busyPoller(): BusyPoller | undefined {
    return this.session.poller;
  }

  execute(command: ScsiCommand, options: ExecuteOptions = {}): Promise<ScsiResult> {
    const refusal = this.refusal();
    if (refusal !== undefined) return Promise.reject(refusal);
    if (command.cdb.length < 1 || command.cdb.length > 260)
      return Promise.reject(new RangeError(`a CDB has 1 to 260 bytes, got ${command.cdb.length}`));
    if (
      !Number.isInteger(command.allocationLength) ||
      command.allocationLength < 0 ||
      command.allocationLength > 0xffffffff
    ) {
      return Promise.reject(new RangeError(`bad allocationLength ${command.allocationLength}`));
    }
    if ((command.dataOut?.length ?? 0) > 0 && command.allocationLength > 0)
      return Promise.reject(new RangeError('bidirectional commands are not supported'));
    if (!Number.isInteger(command.lun) || command.lun < 0 || command.lun > 0x3fff)
      return Promise.reject(new RangeError(`bad LUN ${command.lun}`));
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(new TransportError('aborted before it was sent', 'EABORTED'));
    return new Promise<ScsiResult>((resolve, reject) => {
      const onAbort = () =>
        void this.session
          .abort(task, new TransportError('command aborted (ABORT TASK)', 'EABORTED'))
          .catch(() => undefined);
      const cleanup = () => signal?.removeEventListener('abort', onAbort);
      const task = new InitiatorTask(this.session.nextTag(), command, {
        resolve: (result) => {
          cleanup();
          resolve(result);
        },
        reject: (error) => {
          cleanup();
          reject(error);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      const limit = options.timeoutMs ?? this.options.commandTimeoutMs;
      if (limit > 0) {
        task.timer = this.options.clock.setTimer(limit, () => {
          const error = new TransportError(
            `command ${command.cdb[0]?.toString(16) ?? '?'}h timed out after ${limit} ms`,
            'ETIMEDOUT',
          );
          task.fail(error);
          void this.session.abort(task, error).catch(() => undefined);
        });
      }
      this.session.submit(task);
    });
  }

  /** Sends a task management function for `lun` and returns the TMF response code (0: function complete). */
  taskManagement(fn: Exclude<TaskManagementFunction, 'abort-task'>, lun: number = this.lun): Promise<number> {
    const refusal = this.refusal();
    if (refusal !== undefined) return Promise.reject(refusal);
    return this.session.taskManagement(TMF_CODES[fn], lun);
  }

  /** NOP-Out ping; resolves with the data the target echoed. */
  ping(data: Buffer = Buffer.alloc(0)): Promise<Buffer> {
    const refusal = this.refusal();
    if (refusal !== undefined) return Promise.reject(refusal);
    return this.session.ping(data.subarray(0, this.parameters.peerMaxRecvDataSegmentLength));
  }

  /** Logs out (failing with the target's reason if it refuses) and closes. */
  async logout(): Promise<void> {
    const refusal = this.refusal();
    if (refusal !== undefined) throw refusal;
    const response = await this.session.logout();
    await this.close();
    if (response !== 0) throw new TransportError(`logout response ${response}`, 'ETRANSPORT');
  }

  /** Logs out when possible, then closes; later commands reject with ECLOSED. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    if (this.session.failed === undefined && !this.channel.closed) {
      await new Promise<void>((resolve) => {
        const timer = this.options.clock.setTimer(CLOSE_LOGOUT_MS, resolve);
        this.session.logout().then(
          () => {
            timer.cancel();
            resolve();
          },
          () => {
            timer.cancel();
            resolve();
          },
        );
      });
    }
    this.session.closing();
    const socket = this.channel.socket;
    if (!socket.closed) await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  }

  private refusal(): TransportError | undefined {
    if (this.closing !== undefined) return new TransportError('the transport was closed', 'ECLOSED');
    const failure = this.session.failed;
    return failure === undefined ? undefined : new TransportError(failure.message, failure.code);
  }
}
