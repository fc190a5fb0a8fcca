import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { decodeFrame, encodeFrame, headerCheck } from '../../../../scsi/transport/serial/frame-codec.js';
import { FrameFlag, FrameLayout, FrameType } from '../../../../scsi/transport/serial/frame-format.js';
import { splitMessage } from '../../../../scsi/transport/serial/fragmentation.js';
import { encodeResponse } from '../../../../scsi/transport/serial/scsi-messages.js';
import { FRAME_VECTORS } from './frame-vectors.js';

const bytes = (hex: string): Buffer => Buffer.from(hex.replace(/\s+/g, ''), 'hex');
const spaced = (b: Buffer): string => b.toString('hex').replace(/(..)(?!$)/g, '$1 ');

describe('serial frame vectors (docs/serial-framing.md section 13)', () => {
  for (const v of FRAME_VECTORS) {
    describe(v.name, () => {
      it('decodes to the documented fields', () => {
        const decoded = decodeFrame(bytes(v.hex));
        expect(decoded.ok).to.equal(true);
        if (!decoded.ok) return;
        expect({ ...decoded.frame, payload: decoded.frame.payload.toString('hex') }).to.deep.equal({
          ...v.frame,
          payload: v.frame.payload.toString('hex'),
        });
      });
      it('encodes to identical hex', () => {
        expect(spaced(encodeFrame(v.frame))).to.equal(v.hex);
      });
      it('round-trips', () => {
        const decoded = decodeFrame(encodeFrame(v.frame));
        expect(
          decoded.ok &&
            decoded.frame.payload.equals(v.frame.payload) &&
            decoded.frame.seq === v.frame.seq &&
            decoded.frame.type === v.frame.type,
        ).to.equal(true);
      });
    });
  }

  it('every vector appears verbatim in a code block of the document', () => {
    const doc = readFileSync(new URL('../../../../docs/serial-framing.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```\n([\s\S]*?)```/g)].map((m) => (m[1] ?? '').trim());
    for (const v of FRAME_VECTORS) expect(blocks, v.name).to.include(v.hex);
  });

  it('the fragmented RESPONSE of section 13.2 has the documented headers and trailers', () => {
    const message = encodeResponse({
      tag: 4,
      code: 0,
      status: 0,
      sense: Buffer.alloc(0),
      residualOverflow: 0,
      dataIn: Buffer.alloc(3000, 0x5a),
    });
    const frames = splitMessage(message).map((f, i) =>
      encodeFrame({ type: FrameType.RESPONSE, flags: f.flags, seq: 7 + i, payload: f.payload }),
    );
    expect(frames.map((f) => f.length)).to.deep.equal([2048 + 14, 968 + 14]);
    expect(spaced(frames[0]!.subarray(0, 28))).to.equal(
      'f5 a3 11 01 00 07 08 00 ef d0 00 00 00 04 00 00 00 00 00 00 00 00 00 00 0b b8 5a 5a',
    );
    expect(spaced(frames[1]!.subarray(0, 14))).to.equal('f5 a3 11 00 00 08 03 c8 cf fa 5a 5a 5a 5a');
    expect(spaced(frames[0]!.subarray(-4))).to.equal('8c 5b a3 9d');
    expect(spaced(frames[1]!.subarray(-4))).to.equal('fa 06 46 3b');
    const doc = readFileSync(new URL('../../../../docs/serial-framing.md', import.meta.url), 'utf8');
    expect(doc).to.include('f5 a3 11 01 00 07 08 00 ef d0 00 00 00 04').and.include('`8c 5b a3 9d` and `fa 06 46 3b`');
  });

  describe('decodeFrame faults', () => {
    const good = bytes(FRAME_VECTORS[0]!.hex);
    const flip = (at: number): Buffer => {
      const b = Buffer.from(good);
      b[at] = (b[at] as number) ^ 0x01;
      return b;
    };
    it('names a short buffer, a wrong marker, a bad header check, a bad CRC and trailing bytes', () => {
      expect(decodeFrame(good.subarray(0, 13))).to.deep.equal({ ok: false, fault: 'short' });
      expect(decodeFrame(good.subarray(0, good.length - 1))).to.deep.equal({ ok: false, fault: 'short' });
      expect(decodeFrame(flip(0))).to.deep.equal({ ok: false, fault: 'marker' });
      expect(decodeFrame(flip(2))).to.deep.equal({ ok: false, fault: 'header-check' });
      expect(decodeFrame(flip(12))).to.deep.equal({ ok: false, fault: 'crc' });
      expect(decodeFrame(Buffer.concat([good, Buffer.of(0)]))).to.deep.equal({ ok: false, fault: 'trailing-bytes' });
    });
    it('rejects a header announcing more than 2048 bytes even when its header check is right', () => {
      const forged = encodeFrame({
        type: FrameType.RESPONSE,
        flags: 0,
        seq: 0,
        payload: Buffer.alloc(FrameLayout.MAX_PAYLOAD),
      });
      const tooLong = Buffer.concat([forged, Buffer.alloc(1)]);
      tooLong.writeUInt16BE(FrameLayout.MAX_PAYLOAD + 1, FrameLayout.LENGTH_OFFSET);
      tooLong.writeUInt16BE(headerCheck(tooLong), FrameLayout.HEADER_CHECK_OFFSET);
      expect(decodeFrame(tooLong)).to.deep.equal({ ok: false, fault: 'length' });
    });
  });

  it('encodeFrame refuses payloads over 2048 bytes and fields out of range', () => {
    expect(() => encodeFrame({ type: 1, flags: 0, seq: 0, payload: Buffer.alloc(2049) })).to.throw(RangeError);
    expect(() => encodeFrame({ type: 256, flags: 0, seq: 0, payload: Buffer.alloc(0) })).to.throw(RangeError);
    expect(() => encodeFrame({ type: 1, flags: 0, seq: 0x10000, payload: Buffer.alloc(0) })).to.throw(RangeError);
  });

  it('round-trips any frame (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom(0, FrameFlag.MORE),
        fc.integer({ min: 0, max: 0xffff }),
        fc.uint8Array({ maxLength: FrameLayout.MAX_PAYLOAD }),
        (type, flags, seq, payload) => {
          const decoded = decodeFrame(encodeFrame({ type, flags, seq, payload: Buffer.from(payload) }));
          return (
            decoded.ok &&
            decoded.frame.type === type &&
            decoded.frame.flags === flags &&
            decoded.frame.seq === seq &&
            decoded.frame.payload.equals(payload)
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
