/**
 * PduChannel's write policy: with coalesceWrites (the initiator) the PDUs sent in one turn leave in one corked
 * batch at the end of the turn, in order; without it (the target) each PDU is handed to the socket at once.
 * Spec: scsi/transport/iscsi/pdu-channel.ts (module comment), RFC 7143 11.2 (PDU framing); docs/iscsi.md 7.1.
 */
import { expect } from 'chai';
import { once } from 'node:events';
import net from 'node:net';
import sinon from 'sinon';
import { SILENT_LOGGER } from '../../../../common/logger.js';
import { PduChannel, type PduChannelOptions } from '../../../../scsi/transport/iscsi/pdu-channel.js';
import { decodeNopOut, encodeNopOut } from '../../../../scsi/transport/iscsi/pdu/nop.js';
import { framedLength, NO_DIGESTS, type ReceivedPdu } from '../../../../scsi/transport/iscsi/pdu/pdu-framing.js';

async function socketPair(): Promise<{ a: net.Socket; b: net.Socket; close(): void }> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const accepted = once(server, 'connection');
  const a = net.connect(port, '127.0.0.1');
  await once(a, 'connect');
  const [b] = (await accepted) as [net.Socket];
  return {
    a,
    b,
    close: () => {
      a.destroy();
      b.destroy();
      server.close();
    },
  };
}

const nop = (tag: number) =>
  encodeNopOut({ immediate: true, initiatorTaskTag: tag, cmdSN: tag, expStatSN: 0, data: Buffer.alloc(tag % 5, tag) });
const handlers = (into: number[]) => ({
  onPdu: (p: ReceivedPdu) => void into.push(decodeNopOut(p).initiatorTaskTag),
  onFramingError: () => undefined,
  onClose: () => undefined,
});

/** A sending channel with `options` on one end of a connection, a receiving channel collecting tags on the other. */
async function withChannels(
  options: PduChannelOptions,
  body: (sender: PduChannel, socket: net.Socket, received: number[], peer: net.Socket) => Promise<void>,
): Promise<void> {
  const pair = await socketPair();
  try {
    const received: number[] = [];
    new PduChannel(pair.b, 65536, handlers(received), SILENT_LOGGER);
    await body(new PduChannel(pair.a, 65536, handlers([]), SILENT_LOGGER, options), pair.a, received, pair.b);
  } finally {
    pair.close();
  }
}

async function receivedAll(received: number[], count: number, peer: net.Socket): Promise<void> {
  while (received.length < count) await once(peer, 'data');
}

describe('scsi/transport/iscsi/pdu-channel writes', () => {
  it('with coalesceWrites, PDUs sent in one turn reach the socket together at its end, in order', () =>
    withChannels({ coalesceWrites: true }, async (sender, socket, received, peer) => {
      const uncork = sinon.spy(socket, 'uncork');
      for (let tag = 1; tag <= 5; tag++) sender.send(nop(tag));
      sender.sendAll([nop(6), nop(7)]);
      expect(socket.writableCorked, 'held until the end of the turn').to.equal(1);
      const bytes = [1, 2, 3, 4, 5, 6, 7].reduce((sum, tag) => sum + framedLength(nop(tag), NO_DIGESTS), 0);
      expect(socket.writableLength, 'every byte waits in the socket').to.equal(bytes);
      expect(uncork.callCount).to.equal(0);
      await new Promise((resolve) => process.nextTick(resolve));
      expect(socket.writableCorked).to.equal(0);
      expect(uncork.callCount).to.equal(1);
      await receivedAll(received, 7, peer);
      expect(received).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    }));

  it('without it, each send goes to the socket at once, the PDUs of one sendAll in one corked write', () =>
    withChannels({ throttleReads: true }, async (sender, socket, received, peer) => {
      const cork = sinon.spy(socket, 'cork');
      sender.send(nop(1));
      expect(socket.writableCorked).to.equal(0);
      expect(cork.callCount, 'a single small PDU is one write').to.equal(0);
      sender.sendAll([nop(2), nop(3)]);
      expect(cork.callCount, 'a response of several PDUs is corked').to.equal(1);
      expect(socket.writableCorked, 'and uncorked at once').to.equal(0);
      await receivedAll(received, 3, peer);
      expect(received).to.deep.equal([1, 2, 3]);
    }));

  it('end() flushes PDUs still held for the end of the turn', () =>
    withChannels({ coalesceWrites: true }, async (sender, _socket, received, peer) => {
      sender.send(nop(1));
      sender.send(nop(2));
      sender.end();
      await once(peer, 'end');
      expect(received).to.deep.equal([1, 2]);
    }));
});
