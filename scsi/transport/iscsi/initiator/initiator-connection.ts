/**
 * Opening a session: TCP connect (with the error codes callers branch on), the login on a fresh connection, and
 * the switch to the full feature phase (digests and segment limits applied between the last login response and
 * the first full-feature PDU).
 * Spec: RFC 7143 6 (login phase), 13.1 (digests start in the full feature phase), 13.12
 * (MaxRecvDataSegmentLength 8192 during login); docs/iscsi.md 7.3; design: ScsiTransport error codes
 * (scsi-transport.ts).
 */
import { connect, type Socket } from 'node:net';
import type { Clock } from '../../../../common/clock/clock.js';
import { TransportError } from '../../scsi-transport.js';
import { Iscsi } from '../constants.js';
import { PduChannel } from '../pdu-channel.js';
import { performLogin, type InitiatorLoginResult } from './initiator-login.js';
import type { ResolvedInitiatorOptions } from './initiator-options.js';
import { InitiatorSession } from './initiator-session.js';
import { LoginLink } from './login-link.js';

/** Connects a TCP socket; rejects with TransportError ECONNREFUSED, ETIMEDOUT or the system's code. */
export function connectSocket(host: string, port: number, timeoutMs: number, clock: Clock): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    const timer = clock.setTimer(timeoutMs, () => {
      socket.destroy();
      reject(new TransportError(`connecting to ${host}:${port} timed out`, 'ETIMEDOUT'));
    });
    const onError = (err: NodeJS.ErrnoException) => {
      timer.cancel();
      reject(new TransportError(`connecting to ${host}:${port} failed: ${err.message}`, err.code ?? 'ECONNRESET'));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      timer.cancel();
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/** A logged-in session and what its login established. */
export interface EstablishedSession {
  readonly session: InitiatorSession;
  readonly login: InitiatorLoginResult;
  readonly channel: PduChannel;
}

/** Connects and logs in (a normal session, or a discovery session when `discovery`). */
export async function establishSession(o: ResolvedInitiatorOptions, discovery: boolean): Promise<EstablishedSession> {
  const socket = await connectSocket(o.host, o.port, o.loginTimeoutMs, o.clock);
  // Filled in once login completes; the channel callbacks below look here first.
  const ref: { session: InitiatorSession | undefined } = { session: undefined };
  let closed = false;
  const link = new LoginLink(
    (pdu) => channel.send(pdu),
    () => channel.resume(),
  );
  const channel: PduChannel = new PduChannel(
    socket,
    Iscsi.DEFAULT_MAX_RECV_DATA_SEGMENT_LENGTH,
    {
      onPdu: (pdu) => {
        if (ref.session !== undefined) {
          ref.session.handlePdu(pdu);
          return;
        }
        // Hold later PDUs until the login code has looked at this one (it may switch digests first).
        channel.pause();
        link.push(pdu);
      },
      onFramingError: (error) => {
        const failure = new TransportError(`framing error from the target: ${error.message}`, 'ETRANSPORT');
        if (ref.session !== undefined) ref.session.fail(failure);
        else link.fail(failure);
      },
      onClose: (error) => {
        closed = true;
        if (ref.session !== undefined) ref.session.connectionClosed(error);
        else
          link.fail(
            new TransportError(
              `connection closed during login${error === undefined ? '' : `: ${error.message}`}`,
              'ECONNRESET',
            ),
          );
      },
    },
    o.logger,
    { coalesceWrites: true },
  );
  const deadline = o.clock.setTimer(o.loginTimeoutMs, () => {
    link.fail(new TransportError(`login to ${o.host}:${o.port} timed out`, 'ETIMEDOUT'));
    channel.destroy();
  });
  const cmdSN = o.randomBytes(4).readUInt32BE(0);
  let login: InitiatorLoginResult;
  try {
    login = await performLogin(link, o, discovery, cmdSN);
  } catch (err) {
    channel.destroy();
    throw err;
  } finally {
    deadline.cancel();
  }
  channel.setDigests({ header: login.parameters.headerDigest, data: login.parameters.dataDigest });
  channel.setMaxRecvDataSegmentLength(login.parameters.maxRecvDataSegmentLength);
  const session = new InitiatorSession(channel, o, login, cmdSN);
  ref.session = session;
  if (closed) session.connectionClosed(undefined);
  channel.resume();
  return { session, login, channel };
}
