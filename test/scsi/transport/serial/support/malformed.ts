/**
 * Test support: fast-check arbitraries for what a hostile or broken peer can put on the line: noise, frames cut
 * short or corrupted, well-formed frames of every type with nonsense in them, COMMAND messages whose lengths lie,
 * endless MORE chains, and session frames in the wrong direction.
 */
import fc from 'fast-check';
import { encodeFrame, headerCheck } from '../../../../../scsi/transport/serial/frame-codec.js';
import { FrameFlag, FrameLayout, FrameType } from '../../../../../scsi/transport/serial/frame-format.js';
import { encodeCommand } from '../../../../../scsi/transport/serial/scsi-messages.js';
import { encodeHello } from '../../../../../scsi/transport/serial/session-messages.js';

const byte = fc.integer({ min: 0, max: 255 });
const markerRich = fc.oneof(fc.constantFrom(FrameLayout.MARKER_0, FrameLayout.MARKER_1), byte);
const seq = fc.integer({ min: 0, max: 0xffff });
const payload = (max: number) => fc.uint8Array({ maxLength: max }).map((a) => Buffer.from(a));
const frame = (type: fc.Arbitrary<number>, body: fc.Arbitrary<Buffer>, flags: fc.Arbitrary<number> = byte) =>
  fc.record({ type, flags, seq, payload: body }).map((f) => encodeFrame(f));

/** A COMMAND message that decodes (random CDB and tag), or one whose header lies about its lengths. */
const commandMessage: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .record({
      tag: fc.nat({ max: 0xffffffff }),
      lun: fc.nat({ max: 0xffff }),
      cdb: fc.uint8Array({ minLength: 1, maxLength: 16 }),
      allocationLength: fc.nat({ max: 4096 }),
      dataOut: fc.uint8Array({ maxLength: 64 }),
    })
    .map((c) => encodeCommand(c)),
  fc.tuple(payload(64), fc.nat({ max: 15 }), byte).map(([p, at, v]) => {
    const b = Buffer.concat([Buffer.alloc(16), p]);
    b[at] = v;
    b.writeUInt32BE(0xffffffff, 12); // data-out length that cannot be true
    return b;
  }),
  payload(40),
);

/** One piece of hostile input. */
export const hostileInput: fc.Arbitrary<Buffer> = fc.oneof(
  fc.array(markerRich, { minLength: 1, maxLength: 200 }).map((a) => Buffer.from(a)),
  // well-formed frames of any type, including unknown ones, with random contents
  frame(byte, payload(300)),
  // session frames with nonsense or near-valid contents
  frame(
    fc.constant(FrameType.HELLO),
    fc.oneof(
      payload(40),
      fc
        .record({
          version: byte,
          nonce: fc.nat(),
          initiatorName: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s)),
        })
        .map((h) => encodeHello(h)),
    ),
  ),
  frame(fc.constantFrom(FrameType.WELCOME, FrameType.READY, FrameType.RESET, FrameType.RESPONSE), payload(60)),
  frame(fc.constantFrom(FrameType.ACK, FrameType.NAK), fc.constant(Buffer.alloc(0))),
  // COMMAND fragments: single, or a chain of MORE fragments that may never end
  frame(fc.constant(FrameType.COMMAND), commandMessage, fc.constantFrom(0, FrameFlag.MORE)),
  fc
    .array(frame(fc.constant(FrameType.COMMAND), payload(2048), fc.constant(FrameFlag.MORE)), { maxLength: 4 })
    .map((a) => Buffer.concat(a)),
  // frames cut short, and frames with a byte changed
  fc.tuple(frame(byte, payload(300)), fc.nat()).map(([f, n]) => f.subarray(0, 1 + (n % (f.length - 1)))),
  fc.tuple(frame(byte, payload(300)), fc.nat(), fc.integer({ min: 1, max: 255 })).map(([f, n, x]) => {
    const b = Buffer.from(f);
    b[n % b.length] = (b[n % b.length] as number) ^ x;
    return b;
  }),
  // a header that claims a long payload and passes its check, followed by too few bytes
  fc.tuple(fc.integer({ min: 100, max: FrameLayout.MAX_PAYLOAD }), payload(50)).map(([length, rest]) => {
    const h = Buffer.from([FrameLayout.MARKER_0, FrameLayout.MARKER_1, FrameType.COMMAND, 0, 0, 0, 0, 0, 0, 0]);
    h.writeUInt16BE(length, FrameLayout.LENGTH_OFFSET);
    h.writeUInt16BE(headerCheck(h), FrameLayout.HEADER_CHECK_OFFSET);
    return Buffer.concat([h, rest]);
  }),
);
