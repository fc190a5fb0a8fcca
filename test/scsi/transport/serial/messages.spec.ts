import { expect } from 'chai';
import fc from 'fast-check';
import { FrameFlag, FrameLayout } from '../../../../scsi/transport/serial/frame-format.js';
import { Reassembler, splitMessage } from '../../../../scsi/transport/serial/fragmentation.js';
import {
  ResponseCode,
  decodeCommand,
  decodeResponse,
  encodeCommand,
  encodeResponse,
  peekTag,
} from '../../../../scsi/transport/serial/scsi-messages.js';
import {
  ResetReason,
  decodeHello,
  decodeReset,
  decodeWelcome,
  encodeHello,
  encodeReset,
  encodeWelcome,
} from '../../../../scsi/transport/serial/session-messages.js';
import { FRAME_VECTORS } from './frame-vectors.js';

const vector = (name: string): Buffer => {
  const v = FRAME_VECTORS.find((x) => x.name === name);
  if (!v) throw new Error(`no vector ${name}`);
  return v.frame.payload;
};

describe('serial session messages (section 4.1)', () => {
  it('decode the documented HELLO, WELCOME and RESET payloads', () => {
    expect(decodeHello(vector('HELLO host-a nonce 2A'))).to.deep.equal({
      ok: true,
      value: { version: 1, nonce: 0x2a, initiatorName: 'host-a' },
    });
    expect(decodeWelcome(vector('WELCOME serial:host-a@ttyS0'))).to.deep.equal({
      ok: true,
      value: { version: 1, nonce: 0x2a, nexus: 'serial:host-a@ttyS0' },
    });
    expect(decodeReset(vector('RESET NO SESSION'))).to.deep.equal({
      reason: ResetReason.NO_SESSION,
      nonce: 0,
      text: 'no session',
    });
    expect(decodeReset(vector('RESET UNSUPPORTED VERSION'))).to.deep.equal({
      reason: ResetReason.UNSUPPORTED_VERSION,
      nonce: 0x2a,
      text: '',
    });
    expect(decodeReset(Buffer.alloc(0))).to.deep.equal({ reason: ResetReason.CLOSED, nonce: 0, text: '' });
    expect(decodeReset(Buffer.of(3, 0, 1))).to.deep.equal({ reason: ResetReason.MALFORMED_HELLO, nonce: 0, text: '' });
  });

  it('encode them back to the same bytes', () => {
    expect(
      encodeHello({ version: 1, nonce: 0x2a, initiatorName: 'host-a' }).equals(vector('HELLO host-a nonce 2A')),
    ).to.equal(true);
    expect(
      encodeWelcome({ version: 1, nonce: 0x2a, nexus: 'serial:host-a@ttyS0' }).equals(
        vector('WELCOME serial:host-a@ttyS0'),
      ),
    ).to.equal(true);
    expect(
      encodeReset({ reason: ResetReason.NO_SESSION, nonce: 0, text: 'no session' }).equals(vector('RESET NO SESSION')),
    ).to.equal(true);
    expect(
      encodeReset({ reason: ResetReason.UNSUPPORTED_VERSION, nonce: 0x2a, text: '' }).equals(
        vector('RESET UNSUPPORTED VERSION'),
      ),
    ).to.equal(true);
  });

  it('refuse HELLOs without a usable name', () => {
    const header = Buffer.from('0100000000 2a'.replace(/ /g, ''), 'hex');
    expect(decodeHello(header).ok).to.equal(false);
    expect(decodeHello(Buffer.concat([header, Buffer.from('a\nb')])).ok).to.equal(false);
    expect(decodeHello(Buffer.concat([header, Buffer.of(0xc3, 0x28)])).ok).to.equal(false);
    expect(decodeHello(Buffer.concat([header, Buffer.alloc(201, 0x61)])).ok).to.equal(false);
    expect(decodeHello(Buffer.concat([header, Buffer.alloc(200, 0x61)])).ok).to.equal(true);
    expect(() => encodeHello({ version: 1, nonce: 1, initiatorName: '' })).to.throw(RangeError);
  });

  it('never throw on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        decodeHello(b);
        decodeWelcome(b);
        decodeReset(b);
        return true;
      }),
    );
  });
});

describe('serial SCSI messages (section 4.2)', () => {
  it('decode the documented COMMAND and RESPONSE payloads', () => {
    const inquiry = decodeCommand(vector('COMMAND INQUIRY'));
    expect(
      inquiry.ok && { ...inquiry.value, cdb: [...inquiry.value.cdb], dataOut: [...inquiry.value.dataOut] },
    ).to.deep.equal({
      tag: 2,
      lun: 0,
      cdb: [0x12, 0, 0, 0, 0x24, 0],
      allocationLength: 36,
      dataOut: [],
    });
    const check = decodeResponse(vector('RESPONSE CHECK CONDITION'));
    expect(check.ok).to.equal(true);
    if (!check.ok) return;
    expect([
      check.value.tag,
      check.value.code,
      check.value.status,
      check.value.sense.length,
      check.value.dataIn.length,
    ]).to.deep.equal([3, ResponseCode.COMPLETED, 2, 18, 0]);
    expect([check.value.sense[2], check.value.sense[12]]).to.deep.equal([0x05, 0x20]);
  });

  it('round-trip commands and responses (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          tag: fc.nat({ max: 0xffffffff }),
          lun: fc.nat({ max: 0xffff }),
          cdb: fc.uint8Array({ minLength: 1, maxLength: 16 }),
          allocationLength: fc.nat({ max: 0xffffffff }),
          dataOut: fc.uint8Array({ maxLength: 100 }),
        }),
        (c) => {
          const d = decodeCommand(encodeCommand(c));
          return (
            d.ok &&
            d.value.tag === c.tag &&
            d.value.lun === c.lun &&
            Buffer.from(d.value.cdb).equals(c.cdb) &&
            d.value.allocationLength === c.allocationLength &&
            Buffer.from(d.value.dataOut).equals(c.dataOut)
          );
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.record({
          tag: fc.nat({ max: 0xffffffff }),
          code: fc.integer({ min: 0, max: 2 }),
          status: fc.integer({ min: 0, max: 255 }),
          sense: fc.uint8Array({ maxLength: 64 }),
          residualOverflow: fc.nat({ max: 0xffffffff }),
          dataIn: fc.uint8Array({ maxLength: 300 }),
        }),
        (r) => {
          const d = decodeResponse(encodeResponse(r));
          return (
            d.ok &&
            d.value.tag === r.tag &&
            d.value.code === r.code &&
            d.value.status === r.status &&
            Buffer.from(d.value.sense).equals(r.sense) &&
            d.value.residualOverflow === r.residualOverflow &&
            Buffer.from(d.value.dataIn).equals(r.dataIn)
          );
        },
      ),
    );
  });

  it('refuse COMMANDs whose lengths do not add up or whose CDB length is out of range, keeping the tag readable', () => {
    const good = vector('COMMAND INQUIRY');
    expect(decodeCommand(good.subarray(0, 15)).ok).to.equal(false);
    expect(decodeCommand(Buffer.concat([good, Buffer.of(0)])).ok).to.equal(false);
    const zeroCdb = Buffer.from(good);
    zeroCdb[6] = 0;
    expect(decodeCommand(zeroCdb).ok).to.equal(false);
    const longCdb = Buffer.from(good);
    longCdb[6] = 17;
    expect(decodeCommand(longCdb).ok).to.equal(false);
    expect(peekTag(zeroCdb)).to.equal(2);
    expect(peekTag(Buffer.of(1, 2, 3))).to.equal(undefined);
  });

  it('refuse to encode what the layout cannot carry', () => {
    const base = { tag: 1, lun: 0, cdb: Buffer.alloc(6), allocationLength: 0, dataOut: Buffer.alloc(0) };
    expect(() => encodeCommand({ ...base, cdb: Buffer.alloc(17) })).to.throw(RangeError);
    expect(() => encodeCommand({ ...base, lun: 0x10000 })).to.throw(RangeError);
    expect(() => encodeCommand({ ...base, allocationLength: -1 })).to.throw(RangeError);
  });

  it('never throw on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        decodeCommand(b);
        decodeResponse(b);
        return true;
      }),
    );
  });
});

describe('serial fragmentation (section 5)', () => {
  it('splits at 2048 bytes with MORE on all but the last fragment, and an empty message into one empty fragment', () => {
    const parts = splitMessage(Buffer.alloc(2 * FrameLayout.MAX_PAYLOAD + 1));
    expect(parts.map((p) => [p.payload.length, p.flags])).to.deep.equal([
      [2048, FrameFlag.MORE],
      [2048, FrameFlag.MORE],
      [1, 0],
    ]);
    expect(splitMessage(Buffer.alloc(0)).map((p) => [p.payload.length, p.flags])).to.deep.equal([[0, 0]]);
    expect(splitMessage(Buffer.alloc(2048)).length).to.equal(1);
  });

  it('reassembles what it split (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 7000 }), fc.integer({ min: 1, max: 2048 }), (m, size) => {
        const r = new Reassembler(1 << 20);
        const done = splitMessage(Buffer.from(m), size).flatMap((f) => r.push(0x11, f.flags, f.payload));
        return done.length === 1 && done[0]!.ok && done[0]!.message.equals(m);
      }),
      { numRuns: 100 },
    );
  });

  it('drops a message over the limit, keeping its first fragment for the tag', () => {
    const r = new Reassembler(3000);
    const done = splitMessage(Buffer.alloc(5000, 7)).flatMap((f) => r.push(0x10, f.flags, f.payload));
    expect(done).to.have.length(1);
    expect(done[0]!.ok).to.equal(false);
    if (!done[0]!.ok) expect(done[0]!.head.length).to.equal(2048);
    const after = r.push(0x10, 0, Buffer.of(1));
    expect(after[0]!.ok && after[0]!.message).to.deep.equal(Buffer.of(1));
  });

  it('drops a message cut short by a fragment of another type and still delivers that fragment', () => {
    const r = new Reassembler(1 << 20);
    expect(r.push(0x10, FrameFlag.MORE, Buffer.of(1, 2, 3, 4))).to.deep.equal([]);
    const done = r.push(0x11, 0, Buffer.of(9));
    expect(done.map((d) => [d.ok, d.type])).to.deep.equal([
      [false, 0x10],
      [true, 0x11],
    ]);
  });
});
