/**
 * A target-side PduChannel over a real loopback socket that answers each NOP-Out of the host with a NOP-In, for
 * tests of how the channel writes answers (batchAnswers) and when it asks for busy polling. The host writes each
 * group of pings in one write, so each group reaches the target as one read (a loopback connection delivers a
 * small write whole), and waits for all of a group's answers before sending the next.
 * Spec: RFC 7143 11.18, 11.19 (NOP-Out, NOP-In); docs/iscsi.md 7.7.
 */
import { once } from 'node:events';
import net from 'node:net';
import type { BusyPoller } from '../../../../../scsi/transport/iscsi/busy-poll.js';
import { SILENT_LOGGER } from '../../../../../common/logger.js';
import { PduChannel, type PduChannelOptions } from '../../../../../scsi/transport/iscsi/pdu-channel.js';
import { decodeNopOut, encodeNopIn, encodeNopOut } from '../../../../../scsi/transport/iscsi/pdu/nop.js';
import { framePdu, NO_DIGESTS, type ReceivedPdu } from '../../../../../scsi/transport/iscsi/pdu/pdu-framing.js';

/** When the target answers a ping: during the read, in a chain of microtasks (as the robot finishes queued moves at a high time scale), or on a later turn. */
export type AnswerTiming = 'at-once' | 'microtasks' | 'later-turn';

/** What the target's socket did. */
export interface Answered {
  /** keepAwake calls on the poller. */
  readonly asked: number;
  /** Each write the target's socket made, as the number of PDUs (buffers) it carried, in order. */
  readonly writes: readonly number[];
}

export const nopOut = (tag: number) =>
  encodeNopOut({ immediate: true, initiatorTaskTag: tag, cmdSN: tag, expStatSN: 0, data: Buffer.alloc(0) });
/** The target's answer to the host's ping `tag`. */
export const nopInAnswer = (tag: number) =>
  encodeNopIn({
    initiatorTaskTag: tag,
    targetTransferTag: 0xffffffff,
    statSN: tag,
    expCmdSN: tag + 1,
    maxCmdSN: tag + 32,
  });

/**
 * Sends each group of `reads` as one write and lets the target answer every ping `timing`. With `pdusPerAnswer`
 * 2 each answer is two NOP-Ins sent with sendAll, as a command's Data-In and status are.
 */
export async function answerReads(
  reads: readonly (readonly number[])[],
  timing: AnswerTiming,
  options: Omit<PduChannelOptions, 'poller'>,
  pdusPerAnswer: 1 | 2 = 1,
): Promise<Answered> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const accepted = once(server, 'connection');
  const host = net.connect(port, '127.0.0.1');
  await once(host, 'connect');
  const [socket] = (await accepted) as [net.Socket];
  let asked = 0;
  const poller = { keepAwake: () => void asked++ } as unknown as BusyPoller;
  const writes: number[] = [];
  // The stream hands a single buffer to _write and several (after a cork) to _writev.
  const target = socket as unknown as {
    _write: (...a: unknown[]) => void;
    _writev: (chunks: unknown[], cb: unknown) => void;
  };
  const write = target._write.bind(socket);
  const writev = target._writev.bind(socket);
  target._write = (...a: unknown[]) => {
    writes.push(1);
    write(...a);
  };
  target._writev = (chunks: unknown[], cb: unknown) => {
    writes.push(chunks.length);
    writev(chunks, cb);
  };
  try {
    let answered = 0;
    const answer = (tag: number) => {
      if (pdusPerAnswer === 1) channel.send(nopInAnswer(tag));
      else channel.sendAll([nopInAnswer(tag), nopInAnswer(tag)]);
      answered++;
    };
    let chain = Promise.resolve();
    const channel: PduChannel = new PduChannel(
      socket,
      65536,
      {
        onPdu: (p: ReceivedPdu) => {
          const tag = decodeNopOut(p).initiatorTaskTag;
          if (timing === 'at-once') answer(tag);
          else if (timing === 'later-turn') setImmediate(() => answer(tag));
          else chain = chain.then(() => answer(tag));
        },
        onFramingError: () => undefined,
        onClose: () => undefined,
      },
      SILENT_LOGGER,
      { ...options, poller },
    );
    let expected = 0;
    for (const tags of reads) {
      host.write(Buffer.concat(tags.flatMap((t) => framePdu(nopOut(t), NO_DIGESTS))));
      expected += tags.length;
      while (answered < expected) await new Promise((resolve) => setImmediate(resolve));
      // Let a held batch leave before the next group.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { asked, writes };
  } finally {
    host.destroy();
    socket.destroy();
    server.close();
  }
}
