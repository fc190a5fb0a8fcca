/**
 * PduChannel's write policy: with coalesceWrites (the initiator) the PDUs sent in one turn leave in one corked
 * batch at the end of the turn, in order; without it (the target) each PDU is handed to the socket at once.
 * Spec: scsi/transport/iscsi/pdu-channel.ts (module comment), RFC 7143 11.2 (PDU framing).
 */
import { expect } from 'chai';
import { once } from 'node:events';
import net from 'node:net';
import sinon from 'sinon';
import { SILENT_LOGGER } from '../../../../scsi/transport/iscsi/logger.js';
import { PduChannel } from '../../../../scsi/transport/iscsi/pdu-channel.js';
import { decodeNopOut, encodeNopOut } from '../../../../scsi/transport/iscsi/pdu/nop.js';
import type { ReceivedPdu } from '../../../../scsi/transport/iscsi/pdu/pdu-framing.js';

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

const nop = (tag: number) => encodeNopOut({ immediate: true, initiatorTaskTag: tag, cmdSN: tag, expStatSN: 0, data: Buffer.alloc(tag % 5, tag) });
const handlers = (into: number[]) => ({
  onPdu: (p: ReceivedPdu) => void into.push(decodeNopOut(p).initiatorTaskTag),
  onFramingError: () => undefined,
  onClose: () => undefined,
});

describe('scsi/transport/iscsi/pdu-channel writes', () => {
  it('with coalesceWrites, PDUs sent in one turn reach the socket together at its end, in order', async () => {
    const pair = await socketPair();
    try {
      const received: number[] = [];
      new PduChannel(pair.b, 65536, handlers(received), SILENT_LOGGER);
      const sender = new PduChannel(pair.a, 65536, handlers([]), SILENT_LOGGER, { coalesceWrites: true });
      const write = sinon.spy(pair.a, 'write');
      const uncork = sinon.spy(pair.a, 'uncork');
      for (let tag = 1; tag <= 5; tag++) sender.send(nop(tag));
      sender.sendAll([nop(6), nop(7)]);
      expect(write.callCount, 'handed to the socket').to.equal(7);
      expect(pair.a.writableCorked, 'held until the end of the turn').to.equal(1);
      expect(uncork.callCount).to.equal(0);
      await new Promise((resolve) => process.nextTick(resolve));
      expect(pair.a.writableCorked).to.equal(0);
      expect(uncork.callCount).to.equal(1);
      while (received.length < 7) await once(pair.b, 'data');
      expect(received).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    } finally {
      pair.close();
    }
  });

  it('without it, each PDU goes to the socket at once (uncorked)', async () => {
    const pair = await socketPair();
    try {
      const received: number[] = [];
      new PduChannel(pair.b, 65536, handlers(received), SILENT_LOGGER);
      const sender = new PduChannel(pair.a, 65536, handlers([]), SILENT_LOGGER, { throttleReads: true });
      sender.send(nop(1));
      expect(pair.a.writableCorked).to.equal(0);
      sender.sendAll([nop(2), nop(3)]);
      expect(pair.a.writableCorked).to.equal(0);
      while (received.length < 3) await once(pair.b, 'data');
      expect(received).to.deep.equal([1, 2, 3]);
    } finally {
      pair.close();
    }
  });

  it('end() flushes PDUs still held for the end of the turn', async () => {
    const pair = await socketPair();
    try {
      const received: number[] = [];
      new PduChannel(pair.b, 65536, handlers(received), SILENT_LOGGER);
      const sender = new PduChannel(pair.a, 65536, handlers([]), SILENT_LOGGER, { coalesceWrites: true });
      sender.send(nop(1));
      sender.send(nop(2));
      sender.end();
      await once(pair.b, 'end');
      expect(received).to.deep.equal([1, 2]);
    } finally {
      pair.close();
    }
  });
});
