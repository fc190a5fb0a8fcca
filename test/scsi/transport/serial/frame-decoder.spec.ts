import { expect } from 'chai';
import fc from 'fast-check';
import { encodeFrame } from '../../../../scsi/transport/serial/frame-codec.js';
import { FrameDecoder, type DecoderEvent } from '../../../../scsi/transport/serial/frame-decoder.js';
import { FrameLayout, type Frame } from '../../../../scsi/transport/serial/frame-format.js';
import { FRAME_VECTORS } from './frame-vectors.js';

const bytes = (hex: string): Buffer => Buffer.from(hex.replace(/\s+/g, ''), 'hex');
const frames = (events: DecoderEvent[]): Frame[] => events.flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));
const garbage = (events: DecoderEvent[]): number =>
  events.reduce((n, e) => n + (e.kind === 'garbage' ? e.length : 0), 0);
const badFrames = (events: DecoderEvent[]): number => events.filter((e) => e.kind === 'bad-frame').length;
const key = (f: Frame): string => `${f.type}/${f.flags}/${f.seq}/${f.payload.toString('hex')}`;

/** Feeds `stream` cut at the given offsets; returns every event. */
function feed(decoder: FrameDecoder, stream: Buffer, cuts: number[]): DecoderEvent[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < stream.length))].sort((x, y) => x - y);
  const events: DecoderEvent[] = [];
  let from = 0;
  for (const to of [...points, stream.length]) {
    events.push(...decoder.push(stream.subarray(from, to)));
    from = to;
  }
  return events;
}

const arbFrame: fc.Arbitrary<Frame> = fc.record({
  type: fc.integer({ min: 0, max: 255 }),
  flags: fc.integer({ min: 0, max: 255 }),
  seq: fc.integer({ min: 0, max: 0xffff }),
  // payloads of every size up to 300 bytes, with whole markers planted in them
  payload: fc
    .tuple(fc.uint8Array({ maxLength: 300, size: 'max' }), fc.array(fc.nat(), { maxLength: 4 }))
    .map(([a, at]) => {
      const b = Buffer.from(a);
      for (const i of at) if (b.length >= 2) b.set([0xf5, 0xa3], i % (b.length - 1));
      return b;
    }),
});

/** Bytes that are not a valid frame: random (marker-rich), a frame cut short, or a frame with one byte changed. */
const arbJunk: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .array(fc.oneof(fc.constantFrom(0xf5, 0xa3), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 64 })
    .map((a) => Buffer.from(a)),
  // cut at least 5 bytes short: a frame cut by one byte followed by a frame whose first byte equals the missing
  // one (F5, one CRC in 256) is a complete, valid frame again, which no decoder could call junk
  fc.tuple(arbFrame, fc.nat()).map(([f, n]) => {
    const e = encodeFrame(f);
    return e.subarray(0, 1 + (n % (e.length - 5)));
  }),
  fc.tuple(arbFrame, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([f, n, x]) => {
    const e = Buffer.from(encodeFrame(f));
    const at = n % e.length;
    e[at] = (e[at] as number) ^ x;
    return e;
  }),
);

describe('serial FrameDecoder', () => {
  const all = FRAME_VECTORS.map((v) => bytes(v.hex));
  const stream = Buffer.concat(all);
  const expected = FRAME_VECTORS.map((v) => key(v.frame));
  const at = (name: string): number => FRAME_VECTORS.findIndex((v) => v.name === name);
  const [HELLO, WELCOME, READY, TUR, ACK, GOOD, CHECK, NAK] = [
    'HELLO host-a nonce 2A',
    'WELCOME serial:host-a@ttyS0',
    'READY',
    'COMMAND TEST UNIT READY',
    'ACK 0',
    'RESPONSE GOOD',
    'RESPONSE CHECK CONDITION',
    'NAK 3',
  ].map(at) as number[] as [number, number, number, number, number, number, number, number];

  it('finds every documented frame with the stream cut in two at every byte boundary', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const events = feed(new FrameDecoder(), stream, [cut]);
      expect(frames(events).map(key), `cut at ${cut}`).to.deep.equal(expected);
      expect(garbage(events) + badFrames(events), `cut at ${cut}`).to.equal(0);
    }
  });

  it('finds every documented frame fed one byte at a time', () => {
    const decoder = new FrameDecoder();
    const events = feed(
      decoder,
      stream,
      Array.from({ length: stream.length }, (_, i) => i),
    );
    expect(frames(events).map(key)).to.deep.equal(expected);
    expect(decoder.pendingLength).to.equal(0);
  });

  it('reports garbage before, between and after frames, and resynchronises on the next marker', () => {
    const junk = Buffer.from('boot banner\r\n\x00\xff', 'latin1');
    const events = new FrameDecoder().push(
      Buffer.concat([junk, all[HELLO]!, junk, junk, all[WELCOME]!, Buffer.of(1, 2, 3)]),
    );
    expect(events.map((e) => e.kind)).to.deep.equal(['garbage', 'frame', 'garbage', 'frame', 'garbage']);
    expect(events.map((e) => (e.kind === 'garbage' ? e.length : 0))).to.deep.equal([
      junk.length,
      0,
      2 * junk.length,
      0,
      3,
    ]);
  });

  it('holds a lone first marker byte until the next chunk decides', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(Buffer.of(0x41, 0xf5))).to.deep.equal([{ kind: 'garbage', length: 1 }]);
    expect(decoder.pendingLength).to.equal(1);
    expect(frames(decoder.push(all[READY]!.subarray(1))).map(key)).to.deep.equal([expected[READY]]);
  });

  it('reports a frame with a bad CRC with its type and sequence number, and finds the frame after it', () => {
    const bad = Buffer.from(all[CHECK]!);
    bad[20] = (bad[20] as number) ^ 0xff;
    const events = new FrameDecoder().push(Buffer.concat([bad, all[NAK]!]));
    expect(events[0]).to.deep.equal({
      kind: 'bad-frame',
      type: 0x11,
      seq: 1,
      length: bad.length - FrameLayout.OVERHEAD,
    });
    expect(frames(events).map(key)).to.deep.equal([expected[NAK]]);
  });

  it('finds a frame that starts inside a frame cut short (bytes lost on the line)', () => {
    const cut = all[TUR]!.subarray(0, 20);
    const events = new FrameDecoder().push(Buffer.concat([cut, all[ACK]!, all[GOOD]!]));
    expect(frames(events).map(key)).to.deep.equal([expected[ACK], expected[GOOD]]);
  });

  it('gives up held bytes on flush() and finds the frames inside them (a forged header on a quiet line)', () => {
    const forged = Buffer.from([0xf5, 0xa3, 0x10, 0, 0, 0, 2, 0x6c, 0x20, 0xe8]); // passes its header check, claims 620 bytes
    const decoder = new FrameDecoder();
    expect(decoder.push(Buffer.concat([forged, all[ACK]!, all[NAK]!]))).to.deep.equal([]);
    expect(decoder.pendingLength).to.equal(forged.length + all[ACK]!.length + all[NAK]!.length);
    const events = decoder.flush();
    expect(frames(events).map(key)).to.deep.equal([expected[ACK], expected[NAK]]);
    expect(garbage(events)).to.equal(forged.length);
    expect(decoder.pendingLength).to.equal(0);
  });

  it('treats a header announcing more than maxPayload as garbage', () => {
    const events = new FrameDecoder({ maxPayload: 4 }).push(Buffer.concat([all[HELLO]!, all[READY]!]));
    expect(frames(events).map(key)).to.deep.equal([expected[READY]]);
    expect(garbage(events)).to.equal(all[HELLO]!.length);
  });

  it('recovers every frame from any mix of frames, junk and chunking (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(arbJunk, { maxLength: 3 }), arbFrame), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (items, rawCuts) => {
          const parts: Buffer[] = [];
          let junkBytes = 0;
          for (const [junk, frame] of items) {
            for (const j of junk) {
              parts.push(j);
              junkBytes += j.length;
            }
            parts.push(encodeFrame(frame));
          }
          // A frame cut short may claim more bytes than follow it; on a live line later traffic (a retransmission)
          // completes the claim. Stand in for it with a quiet tail of zero bytes, the longest a frame can be.
          const tail = Buffer.alloc(FrameLayout.HEADER_LENGTH + FrameLayout.MAX_PAYLOAD + FrameLayout.TRAILER_LENGTH);
          parts.push(tail);
          const whole = Buffer.concat(parts);
          const decoder = new FrameDecoder();
          const events = feed(
            decoder,
            whole,
            rawCuts.map((c) => c % (whole.length + 1)),
          );
          expect(frames(events).map(key)).to.deep.equal(items.map(([, f]) => key(f)));
          // every byte outside a good frame is skipped exactly once: as garbage, or as a bad frame's first byte
          expect(garbage(events) + badFrames(events)).to.equal(junkBytes + tail.length);
          expect(decoder.pendingLength).to.equal(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
