/**
 * Issue 16 defect 6: a refused login or a framing error closes the connection fully (FIN after the reject, then
 * the socket destroyed after the linger, whether the peer closes its side or not), so the target's connection
 * count returns to 0; connections beyond the caps per target and per address are closed at accept, said once.
 * The peers here keep their side open (allowHalfOpen), as the attacker's clients did.
 * Spec: RFC 7143 6 (login phase: a rejected login closes the connection), 7.8 (framing errors), 11.13.5; RFC 9293 3.6;
 * docs/iscsi.md 7.10.
 */
import { expect } from 'chai';
import { connect, type Socket } from 'node:net';
import { framePduToBuffer, NO_DIGESTS } from '../../../../../scsi/transport/iscsi/pdu/pdu-framing.js';
import { decodeLoginResponse, encodeLoginRequest } from '../../../../../scsi/transport/iscsi/pdu/login.js';
import { PduReader, type ReceivedPdu } from '../../../../../scsi/transport/iscsi/pdu/pdu-framing.js';
import { encodeTextData, pairsOf } from '../../../../../scsi/transport/iscsi/text/text-codec.js';
import { waitFor } from '../../../../support/pty-pair.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { TARGET_NAME, TargetFixture } from '../support/target-fixture.js';

/** A client that never closes its side by itself, noting what it received and when the target's FIN came. */
class StubbornPeer {
  readonly received: ReceivedPdu[] = [];
  /** The target's FIN arrived. */
  ended = false;

  private constructor(readonly socket: Socket) {
    const reader = new PduReader({ digests: NO_DIGESTS, maxDataSegmentLength: 1 << 20 }, (pdu) =>
      this.received.push(pdu),
    );
    socket.on('data', (chunk) => reader.push(chunk));
    socket.on('end', () => (this.ended = true));
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<StubbornPeer> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => resolve(new StubbornPeer(socket)));
      socket.once('error', reject);
    });
  }

  /** A one-PDU login naming `targetName`. */
  login(targetName: string): void {
    const data = encodeTextData(
      pairsOf({ InitiatorName: 'iqn.2026-12.dev.changerbench:stubborn', TargetName: targetName }),
    );
    const pdu = encodeLoginRequest({
      transit: true,
      continue: false,
      currentStage: 1,
      nextStage: 3,
      versionMax: 0,
      versionMin: 0,
      isid: Buffer.from('800000000001', 'hex'),
      tsih: 0,
      initiatorTaskTag: 0,
      cid: 0,
      cmdSN: 1,
      expStatSN: 0,
      data,
    });
    this.socket.write(framePduToBuffer(pdu, NO_DIGESTS));
  }
}

describe('iscsi/target connection limits and full close (issue 16 defect 6)', function () {
  this.timeout(60_000);
  let fixture: TargetFixture | undefined;
  const peers: StubbornPeer[] = [];
  afterEach(async () => {
    for (const p of peers.splice(0)) p.socket.destroy();
    await fixture?.close();
    fixture = undefined;
  });

  it('after 20 refused logins from peers that keep their side open, the target holds no connection and each peer saw the reject and the close', async () => {
    fixture = await TargetFixture.start({ closeLingerMs: 100 });
    for (let i = 0; i < 20; i++) {
      const peer = await StubbornPeer.open(fixture.port);
      peers.push(peer);
      peer.login('iqn.2026-12.dev.changerbench:no-such-target');
    }
    await waitFor(() => peers.every((p) => p.ended), 'every peer to see the FIN');
    // the count drops when the target's socket emits 'close', i.e. once its descriptor is released
    await waitFor(() => fixture!.target.connectionCount() === 0, 'the target to drop every refused connection');
    for (const p of peers) {
      expect(p.received).to.have.length(1);
      const r = decodeLoginResponse(p.received[0]!);
      expect((r.statusClass << 8) | r.statusDetail).to.equal(0x0203);
    }
  });

  it('after a framing error in the login phase (a data segment over 8 KiB) the connection is closed fully', async () => {
    fixture = await TargetFixture.start({ closeLingerMs: 100 });
    const peer = await StubbornPeer.open(fixture.port);
    peers.push(peer);
    const header = Buffer.alloc(48);
    header[0] = 0x43;
    header[1] = 0x87;
    header.writeUIntBE(1 << 20, 5, 3);
    peer.socket.write(header);
    await waitFor(() => peer.ended, 'the target FIN');
    await waitFor(() => fixture!.target.connectionCount() === 0, 'the target to drop the connection');
  });

  it('closes the connection beyond the per-address cap at accept, says so once, and accepts again below it', async () => {
    const logger = new RecordingLogger();
    fixture = await TargetFixture.start({ maxConnectionsPerAddress: 3, logger });
    for (let i = 0; i < 3; i++) peers.push(await StubbornPeer.open(fixture.port));
    await waitFor(() => fixture!.target.connectionCount() === 3, 'three connections');
    const over: StubbornPeer[] = [];
    for (let i = 0; i < 4; i++) over.push(await StubbornPeer.open(fixture.port));
    peers.push(...over);
    await waitFor(() => over.every((p) => p.ended), 'the connections over the cap to be closed');
    expect(over.every((p) => p.received.length === 0)).to.equal(true);
    expect(fixture.target.connectionCount()).to.equal(3);
    expect(peers.slice(0, 3).some((p) => p.ended)).to.equal(false);
    expect(logger.aboveDebug('connection limit reached')).to.have.length(1);
    expect(logger.aboveDebug('connection limit reached')[0]?.fields['limit']).to.equal('3 per address');
    peers[0]!.socket.destroy();
    await waitFor(() => fixture!.target.connectionCount() === 2, 'one connection to go');
    const again = await StubbornPeer.open(fixture.port);
    peers.push(again);
    again.login(TARGET_NAME);
    await waitFor(() => again.received.length === 1, 'the login answer below the cap');
    expect(decodeLoginResponse(again.received[0]!).statusClass).to.equal(0);
  });

  it('closes the connection beyond the target-wide cap', async () => {
    fixture = await TargetFixture.start({ maxConnections: 2 });
    for (let i = 0; i < 2; i++) peers.push(await StubbornPeer.open(fixture.port));
    await waitFor(() => fixture!.target.connectionCount() === 2, 'two connections');
    const third = await StubbornPeer.open(fixture.port);
    peers.push(third);
    await waitFor(() => third.ended, 'the third connection to be closed');
    expect(fixture.target.connectionCount()).to.equal(2);
  });
});
