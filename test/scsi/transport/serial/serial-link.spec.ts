import { expect } from 'chai';
import fc from 'fast-check';
import { VirtualClock } from '../../../../common/clock/clock.js';
import { decodeFrame } from '../../../../scsi/transport/serial/frame-codec.js';
import { FrameType, MAX_FRAME_LENGTH, type Frame } from '../../../../scsi/transport/serial/frame-format.js';
import { lineTimeMs } from '../../../../scsi/transport/serial/line-writer.js';
import { SerialLink, type SerialLinkOptions } from '../../../../scsi/transport/serial/serial-link.js';
import { LinePair, settle, type LineFault } from './support/line-pair.js';
import { driveUntil } from './support/drive.js';

interface Side {
  readonly link: SerialLink;
  readonly messages: Buffer[];
  readonly dropped: string[];
  readonly stray: Frame[];
  readonly session: Frame[];
  dead: number;
  closed: number;
}

function side(stream: LinePair['a'], options: SerialLinkOptions): Side {
  const s: Omit<Side, 'link'> = { messages: [], dropped: [], stray: [], session: [], dead: 0, closed: 0 };
  const link = new SerialLink(
    stream,
    {
      message: (_type, m) => s.messages.push(m),
      messageDropped: (_type, _head, reason) => s.dropped.push(reason),
      session: (f) => s.session.push(f),
      stray: (f) => s.stray.push(f),
      dead: () => s.dead++,
      closed: () => s.closed++,
    },
    options,
  );
  return Object.assign(s, { link });
}

const typeOf = (chunk: Buffer): number | undefined => {
  const d = decodeFrame(chunk);
  return d.ok ? d.frame.type : undefined;
};

/** Messages of assorted sizes, some spanning several frames; each starts with its index. */
function messages(count: number, sizes: number[]): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    const m = Buffer.alloc(sizes[i % sizes.length] ?? 10, i & 0xff);
    if (m.length >= 2) m.writeUInt16BE(i, 0);
    return m;
  });
}

function setUp(fault?: LineFault, extra: Partial<SerialLinkOptions> = {}) {
  const clock = new VirtualClock();
  const pair = new LinePair(fault);
  const options: Omit<SerialLinkOptions, 'role'> = {
    clock,
    baudRate: 115200,
    retransmitMs: 100,
    maxRetries: 20,
    ...extra,
  };
  // a sends as a target would (RESPONSE frames), b receives them as an initiator
  const a = side(pair.a, { ...options, role: 'target' });
  const b = side(pair.b, { ...options, role: 'initiator' });
  a.link.activate();
  b.link.activate();
  return { clock, pair, a, b };
}

async function deliver(t: ReturnType<typeof setUp>, sent: Buffer[]): Promise<void> {
  const before = t.b.messages.length;
  for (const m of sent) t.a.link.sendMessage(FrameType.RESPONSE, m);
  await driveUntil(t.clock, t.pair, () => t.b.messages.length >= before + sent.length && t.a.link.idle);
}

describe('serial link layer over an in-memory line', () => {
  it('delivers messages of every size in order, exactly once, on a clean line', async () => {
    const t = setUp();
    const sent = messages(12, [0, 1, 2047, 2048, 2049, 10_000]);
    await deliver(t, sent);
    expect(t.b.messages.map((m) => m.toString('hex'))).to.deep.equal(sent.map((m) => m.toString('hex')));
    expect(t.a.link.stats().retransmissions).to.equal(0);
    expect(t.b.link.stats().garbageBytes).to.equal(0);
  });

  it('retransmits dropped and corrupted data frames and still delivers each message once, in order', async () => {
    const fault: LineFault = (chunk, direction, index) => {
      if (direction !== 'a-to-b' || typeOf(chunk) !== FrameType.RESPONSE) return chunk;
      if (index % 5 === 1) return null; // dropped
      if (index % 7 === 3) {
        const bad = Buffer.from(chunk);
        bad[bad.length - 6] = (bad[bad.length - 6] as number) ^ 0x40; // corrupted payload
        return bad;
      }
      return chunk;
    };
    const t = setUp(fault);
    const sent = messages(10, [100, 5000, 2048, 7]);
    await deliver(t, sent);
    expect(t.b.messages.map((m) => m.toString('hex'))).to.deep.equal(sent.map((m) => m.toString('hex')));
    expect(t.a.link.stats().retransmissions).to.be.greaterThan(0);
    expect(t.b.link.stats().badFrames).to.be.greaterThan(0);
    expect(t.b.link.stats().naksSent).to.be.greaterThan(0);
  });

  it('answers duplicates (from lost ACKs) with an ACK and never delivers them twice', async () => {
    let acks = 0;
    // the first ten ACKs vanish: the sender's timer expires and it resends frames the receiver already has
    const fault: LineFault = (chunk, direction) =>
      direction === 'b-to-a' && typeOf(chunk) === FrameType.ACK && acks++ < 10 ? null : chunk;
    const t = setUp(fault);
    const sent = messages(6, [3000]);
    await deliver(t, sent);
    expect(t.b.messages.map((m) => m.toString('hex'))).to.deep.equal(sent.map((m) => m.toString('hex')));
    expect(t.b.link.stats().duplicates).to.be.greaterThan(0);
    expect(t.b.link.stats().delivered).to.equal(sent.reduce((n, m) => n + Math.max(1, Math.ceil(m.length / 2048)), 0));
  });

  it('keeps at most `window` frames unacknowledged (stop-and-wait with window 1)', async () => {
    let inFlight = 0;
    let most = 0;
    const fault: LineFault = (chunk, direction) => {
      const type = typeOf(chunk);
      if (direction === 'a-to-b' && type === FrameType.RESPONSE) most = Math.max(most, ++inFlight);
      if (direction === 'b-to-a' && type === FrameType.ACK) inFlight = 0;
      return chunk;
    };
    const t = setUp(fault, { window: 1 });
    await deliver(t, messages(3, [5000]));
    expect(most).to.equal(1);
    expect(t.b.messages).to.have.length(3);
  });

  it('survives random drops, corruption and garbage in both directions (property)', async () => {
    let retransmissions = 0;
    let badFrames = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 0x7ffffffe }), // a Park-Miller seed: never 0 nor the modulus
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 5 }),
        async (seed, percent, sizes) => {
          let state = seed;
          const random = (): number => {
            state = (state * 48271) % 0x7fffffff; // Park-Miller: reproducible from the seed fast-check reports
            return state / 0x7fffffff;
          };
          const fault: LineFault = (chunk) => {
            const r = random() * 100;
            if (r < percent / 3) return null;
            if (r < (2 * percent) / 3) {
              const bad = Buffer.from(chunk);
              const at = Math.floor(random() * bad.length);
              bad[at] = (bad[at] as number) ^ 0x10;
              return bad;
            }
            if (r < percent) return Buffer.concat([Buffer.of(0xf5, 0xa3, 0x11), chunk]); // garbage glued in front
            return chunk;
          };
          const t = setUp(fault, { maxRetries: 1000 });
          const sent = messages(sizes.length, sizes);
          await deliver(t, sent);
          expect(t.b.messages.map((m) => m.toString('hex'))).to.deep.equal(sent.map((m) => m.toString('hex')));
          expect(t.a.dead + t.b.dead).to.equal(0);
          retransmissions += t.a.link.stats().retransmissions;
          badFrames += t.b.link.stats().badFrames + t.a.link.stats().badFrames;
        },
      ),
      { numRuns: 30 },
    );
    // the faults really happened, and were really repaired
    expect(retransmissions).to.be.greaterThan(0);
    expect(badFrames).to.be.greaterThan(0);
  });

  it('declares the link dead after maxRetries expiries without an acknowledgement', async () => {
    const t = setUp((chunk, direction) => (direction === 'a-to-b' ? null : chunk), { maxRetries: 3 });
    t.a.link.sendMessage(FrameType.RESPONSE, Buffer.alloc(10));
    await driveUntil(t.clock, t.pair, () => t.a.dead > 0);
    expect(t.a.dead).to.equal(1);
    expect(t.a.link.stats().timeouts).to.equal(4);
    expect(t.a.link.stats().retransmissions).to.equal(3);
  });

  it('hands sequenced frames to `stray` while inactive, and ignores ACK and NAK then', async () => {
    const t = setUp();
    t.b.link.deactivate();
    t.a.link.sendMessage(FrameType.RESPONSE, Buffer.of(1, 2, 3));
    t.a.link.sendSession(FrameType.WELCOME, Buffer.of(1));
    await settle(t.pair);
    expect(t.b.stray.map((f) => f.type)).to.deep.equal([FrameType.RESPONSE]);
    expect(t.b.session.map((f) => f.type)).to.deep.equal([FrameType.WELCOME]);
    expect(t.b.messages).to.have.length(0);
    expect(t.a.link.idle).to.equal(false);
  });

  it('restarts numbering at 0 on activate(), so a new session does not take old frames for new', async () => {
    const t = setUp();
    await deliver(t, messages(3, [10]));
    t.a.link.activate();
    t.b.link.activate();
    await deliver(t, messages(2, [20]));
    expect(t.b.messages.map((m) => m.length)).to.deep.equal([10, 10, 10, 20, 20]);
    expect(t.b.link.stats().duplicates).to.equal(0);
  });

  it('reports the end of the stream once and stops', async () => {
    const t = setUp();
    t.pair.cut();
    await settle(t.pair);
    expect([t.a.closed, t.b.closed]).to.deep.equal([1, 1]);
    t.a.link.sendMessage(FrameType.RESPONSE, Buffer.of(1));
    expect(t.a.link.idle).to.equal(true);
  });

  it('gives up a frame that does not complete in time, so a forged header does not hold back the frames behind it', async () => {
    const t = setUp();
    const forged = Buffer.from([0xf5, 0xa3, 0x10, 0, 0, 0, 2, 0x6c, 0x20, 0xe8]); // claims 620 bytes
    t.pair.a.write(forged); // travels to b ahead of the frame
    t.a.link.sendMessage(FrameType.RESPONSE, Buffer.from('behind the forged header'));
    await settle(t.pair);
    expect(t.b.messages).to.have.length(0); // held: the decoder is still waiting for 620 bytes
    const start = t.clock.now();
    await driveUntil(t.clock, t.pair, () => t.b.messages.length === 1);
    expect(t.b.messages[0]!.toString()).to.equal('behind the forged header');
    // given up 200 ms plus a largest frame's line time after it arrived, although retransmissions kept coming
    // every 100 ms (which alone would have needed 16 of them to fill the forged 620 bytes)
    expect(t.clock.now() - start).to.be.closeTo(200 + lineTimeMs(MAX_FRAME_LENGTH, 115200), 0.01);
    expect(t.b.link.stats().garbageBytes).to.equal(forged.length);
  });

  it('drops a message over maxMessageBytes and reports it', async () => {
    const t = setUp(undefined, { maxMessageBytes: 4096 });
    await deliver(t, []);
    t.a.link.sendMessage(FrameType.RESPONSE, Buffer.alloc(5000));
    t.a.link.sendMessage(FrameType.RESPONSE, Buffer.alloc(100));
    await driveUntil(t.clock, t.pair, () => t.b.messages.length >= 1);
    expect(t.b.dropped).to.have.length(1);
    expect(t.b.messages.map((m) => m.length)).to.deep.equal([100]);
  });
});

describe('in-memory line (test support)', () => {
  it('settle() waits for a chunk queued behind empty writes (each takes a turn without moving a byte)', async () => {
    const pair = new LinePair();
    const received: Buffer[] = [];
    pair.b.on('data', (chunk: Buffer) => received.push(chunk));
    for (let k = 0; k < 8; k++) pair.a.write(Buffer.alloc(0));
    pair.a.write(Buffer.of(0x5a));
    await settle(pair);
    expect(Buffer.concat(received)).to.deep.equal(Buffer.of(0x5a));
    expect(pair.busy).to.equal(false);
    pair.cut();
  });
});
