/**
 * One TCP connection accepted by the target: the login phase (only Login Requests, no digests, 8 KiB segments),
 * then the session's full feature phase with the negotiated digests and segment sizes.
 * Spec: RFC 7143 6 (login phase), 6.10 (a failed login closes the connection), 13.1 (digests start with the first
 * full feature phase PDU), 13.12 (MaxRecvDataSegmentLength takes effect after login), 7.8 (framing errors).
 */
import type { Socket } from 'node:net';
import type { Timer } from '../../../clock/clock.js';
import type { BusyPoller } from '../busy-poll.js';
import { Iscsi, IscsiOpcode } from '../constants.js';
import type { IscsiProtocolError } from '../errors.js';
import { PduChannel } from '../pdu-channel.js';
import type { ReceivedPdu } from '../pdu/pdu-framing.js';
import { decodeLoginRequest } from '../pdu/login.js';
import { pduOpcode } from '../pdu/pdu.js';
import { TargetLogin, type LoginRegistry, type LoginResult } from './target-login.js';
import { TargetSession, type SessionHost } from './target-session.js';

/** What a connection needs from the target. */
export interface ConnectionHost extends SessionHost, LoginRegistry {
  /** Shared by every connection of the target when busy polling is on. */
  readonly poller: BusyPoller | undefined;
  /** Login completed: register the session (reinstating an older one with the same initiator and ISID). */
  sessionStarted(session: TargetSession): void;
  connectionClosed(connection: TargetConnection): void;
}

/** A connection from login to close. */
export class TargetConnection {
  readonly channel: PduChannel;
  private readonly login: TargetLogin;
  private session: TargetSession | undefined;
  private loginTimer: Timer | undefined;

  constructor(
    socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    const options = host.options;
    this.channel = new PduChannel(
      socket,
      Iscsi.DEFAULT_MAX_RECV_DATA_SEGMENT_LENGTH,
      {
        onPdu: (pdu) => this.onPdu(pdu),
        onFramingError: (error, header) => this.onFramingError(error, header),
        onClose: (error) => this.onClose(error),
      },
      options.logger,
      { throttleReads: true, batchAnswers: true, poller: host.poller },
    );
    this.login = new TargetLogin(options, host, options.randomBytes(4).readUInt32BE(0));
    this.loginTimer = options.clock.setTimer(options.loginTimeoutMs, () => {
      options.logger.warn('login did not complete in time; closing the connection', { remote: socket.remoteAddress });
      this.channel.destroy();
    });
  }

  /** The session, once login completed. */
  get currentSession(): TargetSession | undefined {
    return this.session;
  }

  /** Closes the connection (its session ends with it). */
  close(): void {
    this.session?.terminate('target closing');
    this.channel.end();
    this.channel.socket.destroySoon();
  }

  private onPdu(pdu: ReceivedPdu): void {
    if (this.session !== undefined) {
      this.session.handlePdu(pdu);
      return;
    }
    const logger = this.host.options.logger;
    if (pduOpcode(pdu.bhs) !== IscsiOpcode.LOGIN_REQUEST) {
      logger.warn('PDU other than Login Request during login; closing', { opcode: pduOpcode(pdu.bhs) });
      this.channel.destroy();
      return;
    }
    let request;
    try {
      request = decodeLoginRequest(pdu);
    } catch (err) {
      logger.warn('malformed Login Request; closing', { error: String(err) });
      this.channel.destroy();
      return;
    }
    logger.debug('Login Request', { csg: request.currentStage, nsg: request.nextStage, transit: request.transit, bytes: request.data.length });
    const step = this.login.handle(request);
    this.channel.send(step.response);
    if (step.refused !== undefined) {
      logger.warn('login refused', { reason: step.refused.message, remote: this.channel.socket.remoteAddress });
      this.loginTimer?.cancel();
      this.channel.end();
      return;
    }
    if (step.done !== undefined) this.enterFullFeaturePhase(step.done);
  }

  private enterFullFeaturePhase(result: LoginResult): void {
    this.loginTimer?.cancel();
    this.loginTimer = undefined;
    const p = result.parameters;
    this.channel.setDigests({ header: p.headerDigest, data: p.dataDigest });
    this.channel.setMaxRecvDataSegmentLength(p.maxRecvDataSegmentLength);
    const session = new TargetSession(this.host, this.channel, result);
    this.session = session;
    this.host.sessionStarted(session);
    this.host.options.logger.info('login complete', {
      nexus: session.nexus,
      tsih: result.tsih,
      sessionType: result.sessionType,
      headerDigest: p.headerDigest,
      dataDigest: p.dataDigest,
    });
  }

  private onFramingError(error: IscsiProtocolError, header: Buffer | undefined): void {
    if (this.session !== undefined && header !== undefined && error.message !== 'header digest error') {
      this.session.reject(error.rejectReason, header);
    }
  }

  private onClose(error: Error | undefined): void {
    this.loginTimer?.cancel();
    this.session?.terminate(error === undefined ? 'connection closed' : `connection lost: ${error.message}`);
    this.host.connectionClosed(this);
  }
}
