import { expect } from 'chai';
import { Writable } from 'node:stream';
import { VirtualClock } from '../../../../common/clock/clock.js';
import { LineWriter, lineTimeMs } from '../../../../scsi/transport/serial/line-writer.js';

/** A sink that records when (in virtual time) each chunk arrived. */
function recordingSink(clock: VirtualClock) {
  const chunks: { at: number; bytes: Buffer }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push({ at: clock.now(), bytes: Buffer.from(chunk) });
      callback();
    },
  });
  return { sink, chunks };
}

describe('serial LineWriter (section 9, pacing)', () => {
  it('never lets output run ahead of baud/10 bytes per second, and finishes on time', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const { sink, chunks } = recordingSink(clock);
    const writer = new LineWriter(sink, { clock, paceBaudRate: 9600 });
    const frame = Buffer.alloc(960, 0x55);
    let writtenAt: number | undefined;
    writer.write(frame, 'data', () => (writtenAt = clock.now()));
    await clock.runAll();
    const total = chunks.reduce((n, c) => n + c.bytes.length, 0);
    expect(total).to.equal(960);
    let sentBefore = 0;
    for (const c of chunks) {
      // every byte handed over before this chunk had its ten bit times on the line by now
      expect(lineTimeMs(sentBefore, 9600)).to.be.at.most(c.at - start + 1e-9);
      sentBefore += c.bytes.length;
    }
    const last = chunks[chunks.length - 1]!;
    expect(last.at - start).to.be.closeTo(lineTimeMs(960 - last.bytes.length, 9600), 1e-6);
    expect(writtenAt).to.equal(last.at);
    expect(Buffer.concat(chunks.map((c) => c.bytes)).equals(frame)).to.equal(true);
  });

  it('sends a control frame ahead of queued data frames, but never inside a frame', async () => {
    const clock = new VirtualClock();
    const { sink, chunks } = recordingSink(clock);
    const writer = new LineWriter(sink, { clock, paceBaudRate: 9600 });
    writer.write(Buffer.alloc(50, 0xd1), 'data');
    writer.write(Buffer.alloc(50, 0xd2), 'data');
    await clock.advanceBy(10); // the first data frame is under way
    writer.write(Buffer.alloc(5, 0xcc), 'control');
    await clock.runAll();
    const order = Buffer.concat(chunks.map((c) => c.bytes)).toString('hex');
    expect(order).to.equal('d1'.repeat(50) + 'cc'.repeat(5) + 'd2'.repeat(50));
  });

  it('drops queued data frames on clearData() and everything on close()', async () => {
    const clock = new VirtualClock();
    const { sink, chunks } = recordingSink(clock);
    const writer = new LineWriter(sink, { clock, paceBaudRate: 9600 });
    writer.write(Buffer.alloc(20, 1), 'data');
    writer.write(Buffer.alloc(20, 2), 'data');
    writer.write(Buffer.alloc(20, 3), 'data');
    await clock.advanceBy(1);
    expect(writer.clearData()).to.equal(2);
    await clock.runAll();
    expect(Buffer.concat(chunks.map((c) => c.bytes)).equals(Buffer.alloc(20, 1))).to.equal(true);
    writer.write(Buffer.alloc(20, 4), 'data');
    writer.close();
    await clock.runAll();
    await writer.whenIdle();
    expect(chunks.reduce((n, c) => n + c.bytes.length, 0)).to.equal(20);
  });

  it('without pacing hands each frame over at once, in order', async () => {
    const clock = new VirtualClock();
    const { sink, chunks } = recordingSink(clock);
    const writer = new LineWriter(sink, { clock });
    let written = 0;
    writer.write(Buffer.of(1, 2), 'data', () => written++);
    writer.write(Buffer.of(3), 'control', () => written++);
    expect(written).to.equal(2);
    await writer.whenIdle();
    expect(chunks.map((c) => [...c.bytes])).to.deep.equal([[1, 2], [3]]);
    expect(writer.bytesWritten).to.equal(3);
    expect(clock.pending()).to.equal(0);
  });
});
