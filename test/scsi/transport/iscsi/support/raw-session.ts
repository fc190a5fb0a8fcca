/**
 * A raw iSCSI connection for tests that need to see or send individual PDUs (segmenting, R2T, malformed input):
 * a socket, the codec's PduReader, and a queue of received PDUs.
 */
import { connect, type Socket } from 'node:net';
import {
  framePduToBuffer,
  NO_DIGESTS,
  PduReader,
  type DigestSettings,
  type ReceivedPdu,
} from '../../../../../scsi/transport/iscsi/pdu/pdu-framing.js';
import {
  decodeLoginResponse,
  encodeLoginRequest,
  type LoginResponsePdu,
} from '../../../../../scsi/transport/iscsi/pdu/login.js';
import type { Pdu } from '../../../../../scsi/transport/iscsi/pdu/pdu.js';
import { encodeTextData, pairsOf } from '../../../../../scsi/transport/iscsi/text/text-codec.js';
import { TARGET_NAME } from './target-fixture.js';

export class RawSession {
  readonly received: ReceivedPdu[] = [];
  private readonly settings: { digests: DigestSettings; maxDataSegmentLength: number } = {
    digests: NO_DIGESTS,
    maxDataSegmentLength: 1 << 24,
  };
  private waiter: (() => void) | undefined;
  private isClosed = false;
  /** CmdSN of the next non-immediate command. */
  cmdSN = 1;
  expStatSN = 0;

  private constructor(readonly socket: Socket) {
    const reader = new PduReader(this.settings, (pdu) => {
      this.received.push(pdu);
      this.waiter?.();
    });
    socket.on('data', (chunk) => {
      try {
        reader.push(chunk);
      } catch {
        socket.destroy();
      }
    });
    socket.on('close', () => {
      this.isClosed = true;
      this.waiter?.();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number): Promise<RawSession> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, noDelay: true }, () => resolve(new RawSession(socket)));
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  setDigests(digests: DigestSettings): void {
    this.settings.digests = digests;
  }

  send(pdu: Pdu | Buffer): void {
    this.socket.write(Buffer.isBuffer(pdu) ? pdu : framePduToBuffer(pdu, this.settings.digests));
  }

  /** The next PDU, or undefined once the connection has closed (or after `rounds` quiet 50 ms waits). */
  async next(rounds = 10_000): Promise<ReceivedPdu | undefined> {
    for (let i = 0; i < rounds; i++) {
      const pdu = this.received.shift();
      if (pdu !== undefined) return pdu;
      if (this.isClosed) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
    if (rounds >= 10_000) throw new Error('no PDU arrived');
    return undefined;
  }

  /** Resolves once the target has closed the connection. */
  async untilClosed(): Promise<void> {
    while (!this.isClosed) await this.next();
  }

  /** A one-PDU login (operational stage straight to full feature phase). */
  async login(keys: Record<string, string> = {}, isid = '80' + '000001' + '0000'): Promise<LoginResponsePdu> {
    const data = encodeTextData(
      pairsOf({ InitiatorName: 'iqn.2026-01.org.changerbench:raw', TargetName: TARGET_NAME, ...keys }),
    );
    this.send(
      encodeLoginRequest({
        transit: true,
        continue: false,
        currentStage: 1,
        nextStage: 3,
        versionMax: 0,
        versionMin: 0,
        isid: Buffer.from(isid, 'hex'),
        tsih: 0,
        initiatorTaskTag: 0,
        cid: 0,
        cmdSN: this.cmdSN,
        expStatSN: 0,
        data,
      }),
    );
    const pdu = await this.next();
    if (pdu === undefined) throw new Error('connection closed during login');
    const response = decodeLoginResponse(pdu);
    this.expStatSN = response.statSN + 1;
    return response;
  }

  close(): void {
    this.socket.destroy();
  }
}
