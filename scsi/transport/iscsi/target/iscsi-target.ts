/**
 * The iSCSI target: a TCP listener (loopback by default) serving one target name whose logical units come from a
 * ScsiTargetBackend, with any number of sessions from any number of initiators, each its own I_T nexus.
 * Connections beyond maxConnections, or beyond maxConnectionsPerAddress from one address, are closed at accept
 * (said once per address and interval in the log, with the count held back).
 * Spec: RFC 7143 4.4 (sessions, ISID + TSIH), 6.3.5 (session reinstatement: a new login with the same initiator
 * name and ISID closes the old session), 11.5.1 (TARGET COLD RESET drops every session), 12.1.3 (CHAP);
 * docs/iscsi.md 7.3; SAM-5 (I_T nexus).
 * In our words: docs/scsi-model.md 3.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { BusyPoller } from '../busy-poll.js';
import { LogLimiter } from '../log-limiter.js';
import { LoginThrottle } from './login-throttle.js';
import { LunGateway } from './lun-gateway.js';
import { TargetConnection, type ConnectionHost } from './target-connection.js';
import { resolveTargetOptions, type IscsiTargetOptions, type ResolvedTargetOptions } from './target-options.js';
import type { SessionInfo, TargetSession } from './target-session.js';

/** A running iSCSI target. Create with IscsiTarget.listen(); stop with close(). */
export class IscsiTarget implements ConnectionHost {
  readonly options: ResolvedTargetOptions;
  readonly gateway: LunGateway;
  /** Keeps the event loop awake after answers when options.busyPollMicros > 0 (see busy-poll.ts). */
  readonly poller: BusyPoller | undefined;
  readonly loginThrottle: LoginThrottle;
  readonly limited: LogLimiter;
  private readonly connections = new Set<TargetConnection>();
  private readonly perAddress = new Map<string, number>();
  private readonly sessionsByTsih = new Map<number, TargetSession>();
  private lastTsih = 0;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    options: ResolvedTargetOptions,
  ) {
    this.options = options;
    this.gateway = new LunGateway(options.backend, options.logger);
    this.poller = options.busyPollMicros > 0 ? new BusyPoller(options.busyPollMicros) : undefined;
    this.loginThrottle = new LoginThrottle(options.clock, options.authFailureDelay);
    this.limited = new LogLimiter(options.logger, options.clock, {}, options.logIntervalMs);
  }

  /** Starts listening; resolves once the port is bound. */
  static listen(options: IscsiTargetOptions): Promise<IscsiTarget> {
    const resolved = resolveTargetOptions(options);
    const server = createServer({ noDelay: true });
    const target = new IscsiTarget(server, resolved);
    server.on('connection', (socket: Socket) => target.accept(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(resolved.port, resolved.host, () => {
        server.off('error', reject);
        server.on('error', (err) => resolved.logger.error({ error: String(err) }, 'iSCSI listener error'));
        resolved.logger.info({ address: target.address(), targetName: resolved.targetName }, 'iSCSI target listening');
        resolve(target);
      });
    });
  }

  /** The bound address and port. */
  address(): { host: string; port: number; family: string } {
    const a = this.server.address() as AddressInfo | null;
    if (a === null) throw new Error('the iSCSI target is not listening');
    return { host: a.address, port: a.port, family: a.family };
  }

  /** An iscsi:// URL for a LUN of this target, as libiscsi and IscsiInitiator.connect take it. */
  url(lun = 0): string {
    const { host, port } = this.address();
    return `iscsi://${host.includes(':') ? `[${host}]` : host}:${port}/${this.options.targetName}/${lun}`;
  }

  /** Connections open now (in login, in the full feature phase, or closing after a reject). */
  connectionCount(): number {
    return this.connections.size;
  }

  /** The sessions in the full feature phase. */
  sessions(): SessionInfo[] {
    return [...this.sessionsByTsih.values()].map((s) => s.info);
  }

  /** Sends a NOP-In ping to one session and resolves when its NOP-Out answer arrives. */
  ping(tsih: number, data?: Buffer): Promise<Buffer> {
    const session = this.sessionsByTsih.get(tsih);
    if (session === undefined) return Promise.reject(new Error(`no session with TSIH ${tsih}`));
    return session.ping(data);
  }

  /** Stops listening, ends every session (the backend hears nexusLost for each) and closes every connection. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.poller?.stop();
      this.limited.close();
      this.server.close(() => resolve());
      for (const connection of [...this.connections]) connection.close();
    });
    return this.closing;
  }

  // ConnectionHost
  sessionExists(tsih: number): boolean {
    return this.sessionsByTsih.has(tsih);
  }

  allocateTsih(): number {
    for (let i = 0; i < 0xffff; i++) {
      this.lastTsih = this.lastTsih >= 0xffff ? 1 : this.lastTsih + 1;
      if (!this.sessionsByTsih.has(this.lastTsih)) return this.lastTsih;
    }
    throw new Error('no free TSIH');
  }

  sessionStarted(session: TargetSession): void {
    for (const old of [...this.sessionsByTsih.values()]) {
      if (
        old.info.isid === session.info.isid &&
        old.info.initiatorName.toLowerCase() === session.info.initiatorName.toLowerCase()
      ) {
        old.terminate('reinstated by a new login with the same initiator name and ISID');
      }
    }
    this.sessionsByTsih.set(session.info.tsih, session);
  }

  sessionEnded(session: TargetSession): void {
    if (this.sessionsByTsih.get(session.info.tsih) === session) this.sessionsByTsih.delete(session.info.tsih);
  }

  connectionClosed(connection: TargetConnection): void {
    if (!this.connections.delete(connection)) return;
    const left = (this.perAddress.get(connection.address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(connection.address, left);
    else this.perAddress.delete(connection.address);
  }

  coldReset(): void {
    this.options.logger.warn({}, 'TARGET COLD RESET: dropping every session');
    setImmediate(() => {
      for (const connection of [...this.connections]) connection.close();
    });
  }

  private accept(socket: Socket): void {
    if (this.closing !== undefined) {
      socket.destroy();
      return;
    }
    const address = socket.remoteAddress ?? 'unknown';
    const fromAddress = this.perAddress.get(address) ?? 0;
    const { maxConnections, maxConnectionsPerAddress } = this.options;
    if (this.connections.size >= maxConnections || fromAddress >= maxConnectionsPerAddress) {
      const which =
        this.connections.size >= maxConnections
          ? `the target's ${maxConnections}`
          : `${maxConnectionsPerAddress} per address`;
      this.limited.warn(`connection-cap:${address}`, 'connection limit reached; closing new connections', {
        remote: address,
        limit: which,
      });
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    this.perAddress.set(address, fromAddress + 1);
    this.connections.add(new TargetConnection(socket, this));
  }
}
