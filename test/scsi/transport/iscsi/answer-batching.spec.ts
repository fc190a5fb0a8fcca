/**
 * PduChannel's batchAnswers (the target's setting): of the answers to one read, the first is written at once and
 * the rest together once the read's work, microtasks included, is done; when the read carried several PDUs, the
 * answers sent after it was parsed all leave together at the end; an answer sent on a later turn is written at
 * once. Writes are counted at the target's socket (one buffer per PDU here: NOP-Ins without data).
 * Spec: scsi/transport/iscsi/pdu-channel.ts (module comment and batchAnswer); RFC 7143 11.2 (framing unchanged);
 * docs/iscsi.md 7.1.
 */
import { expect } from 'chai';
import { answerReads } from './support/answering-channel.js';

describe('scsi/transport/iscsi/pdu-channel answer batching', () => {
  it('a read of four commands answered while it is parsed: the first at once, the other three in one write', async () => {
    const { writes } = await answerReads([[1, 2, 3, 4]], 'at-once', { batchAnswers: true });
    expect(writes).to.deep.equal([1, 3]);
  });

  it('the answers to a read of several commands that come after it was parsed (microtasks: the robot at a high time scale) leave in one write', async () => {
    const { writes } = await answerReads(
      [
        [1, 2, 3, 4],
        [5, 6],
      ],
      'microtasks',
      { batchAnswers: true },
    );
    expect(writes).to.deep.equal([4, 2]);
  });

  it('a read of one command answered after it was parsed: its answer at once', async () => {
    const { writes } = await answerReads([[1], [2]], 'microtasks', { batchAnswers: true });
    expect(writes).to.deep.equal([1, 1]);
  });

  it('answers of several PDUs (sendAll, as Data-In and status): the first answer whole at once, the others in one write', async () => {
    const { writes } = await answerReads([[1, 2, 3]], 'at-once', { batchAnswers: true }, 2);
    expect(writes).to.deep.equal([2, 4]);
  });

  it('a read of one command: its answer at once', async () => {
    const { writes } = await answerReads([[1], [2], [3]], 'at-once', { batchAnswers: true });
    expect(writes).to.deep.equal([1, 1, 1]);
  });

  it('answers sent on a later turn are not held', async () => {
    const { writes } = await answerReads([[1, 2, 3]], 'later-turn', { batchAnswers: true });
    expect(writes).to.deep.equal([1, 1, 1]);
  });

  it('without batchAnswers each answer is its own write', async () => {
    const { writes } = await answerReads([[1, 2, 3, 4]], 'at-once', {});
    expect(writes).to.deep.equal([1, 1, 1, 1]);
  });

  it('coalesceWrites (the initiator) takes precedence: everything sent in the turn leaves in one write', async () => {
    const { writes } = await answerReads([[1, 2, 3, 4]], 'at-once', { batchAnswers: true, coalesceWrites: true });
    expect(writes).to.deep.equal([4]);
  });
});
