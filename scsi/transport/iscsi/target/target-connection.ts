/**
 * One TCP connection accepted by the target: the login phase (only Login Requests, no digests, 8 KiB segments),
 * then the session's full feature phase with the negotiated digests and segment sizes.
 * A refused login gets its reject (after the throttle's delay for authentication failures, login-throttle.ts),
 * then FIN, then the socket is destroyed after closeLingerMs whether or not the peer closes its side; so is a
 * connection closed for a framing error.
 * Spec: RFC 7143 6 (login phase; a failed login closes the connection), 13.1 (digests start with the first
 * full feature phase PDU), 13.12 (MaxRecvDataSegmentLength takes effect after login), 7.8 (framing errors),
 * 11.13.5 (login status 0201h, 0202h), 12.1.3 (CHAP); docs/iscsi.md 7.3.
 */
import type { Socket } from 'node:net';
import type { Timer } from '../../../../common/clock/clock.js';
import type { BusyPoller } from '../busy-poll.js';
import { Iscsi, IscsiOpcode, LoginStatus } from '../constants.js';
import type { IscsiProtocolError } from '../errors.js';
import type { LogLimiter } from '../log-limiter.js';
import { PduChannel } from '../pdu-channel.js';
import type { ReceivedPdu } from '../pdu/pdu-framing.js';
import { decodeLoginRequest } from '../pdu/login.js';
import { pduOpcode, type Pdu } from '../pdu/pdu.js';
import type { LoginThrottle } from './login-throttle.js';
import { TargetLogin, type LoginRegistry, type LoginResult } from './target-login.js';
import { TargetSession, type SessionHost } from './target-session.js';

/** What a connection needs from the target. */
export interface ConnectionHost extends SessionHost<TargetSession>, LoginRegistry {
  /** Shared by every connection of the target when busy polling is on. */
  readonly poller: BusyPoller | undefined;
  /** Delays login rejects for initiators that keep failing authentication. */
  readonly loginThrottle: LoginThrottle;
  /** Target-wide lines a peer can cause once per connection (login refused...), rate-limited per address. */
  readonly limited: LogLimiter;
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
  /** The login was refused: its reject is sent or waiting for the throttle's delay; nothing else is read. */
  private refusing = false;
  /** The answer that proved the CHAP secret is held for the throttle's delay (rejectTimer); nothing is read. */
  private holding = false;
  /** The held reject or answer. */
  private rejectTimer: Timer | undefined;
  /** The peer's address, kept (the socket's remoteAddress is undefined once it has closed). */
  readonly address: string;

  constructor(
    socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    const options = host.options;
    this.address = socket.remoteAddress ?? 'unknown';
    this.channel = new PduChannel(
      socket,
      Iscsi.DEFAULT_MAX_RECV_DATA_SEGMENT_LENGTH,
      {
        onPdu: (pdu) => this.onPdu(pdu),
        onFramingError: (error, header) => this.onFramingError(error, header),
        onClose: (error) => this.onClose(error),
      },
      options.logger,
      {
        throttleReads: true,
        batchAnswers: true,
        poller: host.poller,
        closeLinger: { clock: options.clock, ms: options.closeLingerMs },
      },
    );
    this.login = new TargetLogin(options, host, options.randomBytes(4).readUInt32BE(0));
    this.loginTimer = options.clock.setTimer(options.loginTimeoutMs, () => {
      host.limited.warn(`login-timeout:${this.address}`, 'login did not complete in time; closing the connection', {
        remote: this.address,
      });
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
    // A refused login reads nothing more; neither does one whose answer is held (login is lock-step, RFC 7143 6.1,
    // docs/iscsi.md 7.3).
    if (this.refusing || this.holding) return;
    const logger = this.host.options.logger;
    if (pduOpcode(pdu.bhs) !== IscsiOpcode.LOGIN_REQUEST) {
      this.host.limited.warn(`not-login:${this.address}`, 'PDU other than Login Request during login; closing', {
        opcode: pduOpcode(pdu.bhs),
        remote: this.address,
      });
      this.channel.destroy();
      return;
    }
    let request;
    try {
      request = decodeLoginRequest(pdu);
    } catch (err) {
      this.host.limited.warn(`bad-login:${this.address}`, 'malformed Login Request; closing', {
        error: String(err),
        remote: this.address,
      });
      this.channel.destroy();
      return;
    }
    logger.debug(
      { csg: request.currentStage, nsg: request.nextStage, transit: request.transit, bytes: request.data.length },
      'Login Request',
    );
    const wasAuthenticated = this.login.authenticated;
    const step = this.login.handle(request);
    if (step.refused !== undefined) {
      this.refuse(step.response, step.refused.status, step.refused.message);
      return;
    }
    // The answer that proves the secret waits as long as a reject would have: otherwise a late answer would say
    // "wrong" and a guesser would drop the connection instead of waiting out the throttle's delay.
    const proved = !wasAuthenticated && this.login.authenticated;
    const delayMs = proved
      ? this.host.loginThrottle.pending({ address: this.address, initiatorName: this.login.initiatorName })
      : 0;
    const answer = () => {
      this.rejectTimer = undefined;
      this.holding = false;
      this.channel.send(step.response);
      if (step.done !== undefined) this.enterFullFeaturePhase(step.done);
    };
    if (delayMs === 0) {
      answer();
      return;
    }
    this.holding = true;
    this.rejectTimer = this.host.options.clock.setTimer(delayMs, answer);
  }

  /** Sends a login reject (later, for an initiator that keeps failing authentication) and closes. */
  private refuse(response: Pdu, status: number, reason: string): void {
    this.refusing = true;
    this.loginTimer?.cancel();
    const source = { address: this.address, initiatorName: this.login.initiatorName };
    const throttled = status === LoginStatus.AUTHENTICATION_FAILURE || status === LoginStatus.AUTHORIZATION_FAILURE;
    const delayMs = throttled ? this.host.loginThrottle.failed(source) : 0;
    this.host.limited.warn(`login-refused:${this.address}`, 'login refused', {
      reason,
      remote: this.address,
      initiatorName: source.initiatorName,
      delayMs,
    });
    const send = () => {
      this.rejectTimer = undefined;
      this.channel.send(response);
      this.channel.end();
    };
    if (delayMs === 0) send();
    else this.rejectTimer = this.host.options.clock.setTimer(delayMs, send);
  }

  private enterFullFeaturePhase(result: LoginResult): void {
    this.loginTimer?.cancel();
    this.loginTimer = undefined;
    this.host.loginThrottle.succeeded({ address: this.address, initiatorName: result.initiatorName });
    const p = result.parameters;
    this.channel.setDigests({ header: p.headerDigest, data: p.dataDigest });
    this.channel.setMaxRecvDataSegmentLength(p.maxRecvDataSegmentLength);
    const session = new TargetSession(this.host, this.channel, result);
    this.session = session;
    this.host.sessionStarted(session);
    this.host.options.logger.info(
      {
        nexus: session.nexus,
        tsih: result.tsih,
        sessionType: result.sessionType,
        headerDigest: p.headerDigest,
        dataDigest: p.dataDigest,
      },
      'login complete',
    );
  }

  private onFramingError(error: IscsiProtocolError, header: Buffer | undefined): void {
    if (this.session !== undefined && header !== undefined && error.message !== 'header digest error') {
      this.session.reject(error.rejectReason, header);
    }
  }

  private onClose(error: Error | undefined): void {
    this.loginTimer?.cancel();
    this.rejectTimer?.cancel();
    this.session?.terminate(error === undefined ? 'connection closed' : `connection lost: ${error.message}`);
    this.host.connectionClosed(this);
  }
}
