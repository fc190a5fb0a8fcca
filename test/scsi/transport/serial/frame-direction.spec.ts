/**
 * Regression tests for issue 16 defect 2: a frame of a kind its receiver never accepts (a RESPONSE sent to the
 * target, a COMMAND sent to the initiator, ...) is ignored: no ACK, no NAK, no sequence number consumed, and the
 * traffic behind it is served. Spec: docs/serial-framing.md section 4 (direction column) and 7.4.
 */
import { expect } from 'chai';
import { VirtualClock } from '../../../../common/clock/clock.js';
import { ScsiStatus } from '../../../../scsi/codec/status.js';
import { encodeFrame } from '../../../../scsi/transport/serial/frame-codec.js';
import { FrameType, type Frame } from '../../../../scsi/transport/serial/frame-format.js';
import { decodeResponse } from '../../../../scsi/transport/serial/scsi-messages.js';
import { SerialLink, type SerialLinkOptions } from '../../../../scsi/transport/serial/serial-link.js';
import { encodeHello } from '../../../../scsi/transport/serial/session-messages.js';
import { Cdbs, INQUIRY_DATA } from './support/fake-changer.js';
import { FRAME_VECTORS, STRAY_RESPONSE_SEQ1 } from './frame-vectors.js';
import { Harness } from './support/harness.js';
import { LinePair, settle } from './support/line-pair.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const vector = (name: string): Buffer => hex(FRAME_VECTORS.find((v) => v.name === name)!.hex);

const HELLO = encodeFrame({
  type: FrameType.HELLO,
  flags: 0,
  seq: 0,
  payload: encodeHello({ version: 1, nonce: 0x2a, initiatorName: 'host-a' }),
});
const TUR_SEQ0 = vector('COMMAND TEST UNIT READY'); // tag 1
const INQUIRY_SEQ1 = vector('COMMAND INQUIRY'); // tag 2, allocation length 36
const ACK = (seq: number): Buffer => encodeFrame({ type: FrameType.ACK, flags: 0, seq, payload: Buffer.alloc(0) });

const kinds = (frames: Frame[]): string[] => frames.map((f) => `${f.type.toString(16)}@${f.seq}`);
const responses = (frames: Frame[]) =>
  frames
    .filter((f) => f.type === FrameType.RESPONSE)
    .map((f) => {
      const r = decodeResponse(f.payload);
      if (!r.ok) throw new Error(r.reason);
      return r.value;
    });

describe('serial: frames of a kind the receiver never accepts are ignored (issue 16, defect 2)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("the report's bytes are a well-formed RESPONSE at sequence 1", () => {
    expect(
      STRAY_RESPONSE_SEQ1.equals(
        encodeFrame({ type: FrameType.RESPONSE, flags: 0, seq: 1, payload: Buffer.alloc(16) }),
      ),
    ).to.equal(true);
  });

  it('target: the RESPONSE at seq 1 after a TEST UNIT READY at seq 0 gets no ACK, and the COMMAND at seq 1 is executed and answered', async () => {
    h = new Harness();
    expect(kinds(await h.raw(Buffer.alloc(0)))).to.deep.equal(['3@0']); // the READY the target announces itself with
    const welcome = await h.raw(HELLO);
    expect(kinds(welcome)).to.deep.equal(['2@0']);
    const tur = await h.raw(TUR_SEQ0);
    expect(kinds(tur)).to.deep.equal(['20@0', '11@0']);
    expect(responses(tur).map((r) => [r.tag, r.status])).to.deep.equal([[1, ScsiStatus.CHECK_CONDITION]]); // the nexus's unit attention
    expect(await h.raw(ACK(0))).to.deep.equal([]);

    expect(await h.raw(STRAY_RESPONSE_SEQ1)).to.deep.equal(
      [],
      'a RESPONSE sent to the target is answered with nothing, not even an ACK',
    );
    const inquiry = await h.raw(INQUIRY_SEQ1);
    expect(kinds(inquiry)).to.deep.equal(['20@1', '11@1']);
    const [answer] = responses(inquiry);
    expect([answer?.tag, answer?.status]).to.deep.equal([2, ScsiStatus.GOOD]);
    expect(answer?.dataIn).to.deep.equal(INQUIRY_DATA);
    expect(h.backend.calls.map((c) => c.cdb[0])).to.deep.equal([0x00, 0x12]);
    const line = h.target.stats().line!;
    expect([line.duplicates, line.ignoredFrames]).to.deep.equal([0, 1]);
  });

  it('target: every kind only an initiator receives (WELCOME, READY, RESPONSE) is ignored inside and outside a session', async () => {
    h = new Harness();
    expect(kinds(await h.raw(Buffer.alloc(0)))).to.deep.equal(['3@0']);
    const onlyForInitiators: Frame[] = [
      { type: FrameType.WELCOME, flags: 0, seq: 0, payload: hex('01 00 0000002a') },
      { type: FrameType.READY, flags: 0, seq: 0, payload: hex('01') },
      { type: FrameType.RESPONSE, flags: 0, seq: 0, payload: Buffer.alloc(16) },
    ];
    // without a session: a sequenced frame of a kind the target accepts draws RESET NO SESSION, these draw nothing
    for (const f of onlyForInitiators)
      expect(await h.raw(f)).to.deep.equal([], `no answer to ${f.type.toString(16)} without a session`);
    await h.raw(HELLO);
    for (const f of onlyForInitiators)
      expect(await h.raw(f)).to.deep.equal([], `no answer to ${f.type.toString(16)} in a session`);
    // a RESPONSE with a bad CRC draws no NAK either: it is not part of the target's incoming sequence
    const bad = encodeFrame({ type: FrameType.RESPONSE, flags: 0, seq: 0, payload: Buffer.alloc(16) });
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 0xff;
    expect(await h.raw(bad)).to.deep.equal([]);
    expect(kinds(await h.raw(TUR_SEQ0))).to.deep.equal(['20@0', '11@0']);
    expect(h.target.nexus).to.equal('serial:host-a@ttyS0');
  });

  it('initiator: a COMMAND, HELLO or a fragment of a COMMAND sent to it consumes nothing, and the RESPONSE behind them is taken', async () => {
    h = new Harness();
    const i = await h.connect();
    const before = i.stats();
    // frames only a target receives, written on the target's end of the line so that they reach the initiator
    h.pair.b.write(TUR_SEQ0);
    h.pair.b.write(HELLO);
    h.pair.b.write(encodeFrame({ type: FrameType.COMMAND, flags: 1, seq: 0, payload: Buffer.alloc(20) })); // MORE: would cut a RESPONSE short
    await settle(h.pair);
    const after = i.stats();
    expect([after.delivered, after.duplicates, after.acksSent, after.naksSent]).to.deep.equal([
      before.delivered,
      before.duplicates,
      before.acksSent,
      before.naksSent,
    ]);
    expect(after.ignoredFrames).to.equal(3);
    const ua = await i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 });
    expect(ua.status).to.equal(ScsiStatus.CHECK_CONDITION);
    expect((await i.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 36 })).dataIn).to.deep.equal(
      INQUIRY_DATA,
    );
  });
});

describe('serial link: what each side accepts (issue 16, defect 2, link level)', () => {
  function link(role: 'target' | 'initiator') {
    const pair = new LinePair();
    const seen = { messages: [] as number[], session: [] as number[], stray: [] as number[], out: [] as Buffer[] };
    const options: SerialLinkOptions = { clock: new VirtualClock(), baudRate: 115200, role };
    const l = new SerialLink(
      pair.b,
      {
        message: (type) => seen.messages.push(type),
        messageDropped: () => undefined,
        session: (f) => seen.session.push(f.type),
        stray: (f) => seen.stray.push(f.type),
        dead: () => undefined,
        closed: () => undefined,
      },
      options,
    );
    pair.a.on('data', (chunk: Buffer) => seen.out.push(chunk));
    const feed = async (bytes: Buffer): Promise<void> => {
      pair.a.write(bytes);
      await settle(pair);
    };
    return { pair, link: l, seen, feed };
  }

  it("a target link does not ACK the report's RESPONSE and still expects seq 1 afterwards", async () => {
    const t = link('target');
    t.link.activate();
    await t.feed(Buffer.concat([TUR_SEQ0]));
    expect(t.seen.out.map((b) => b.toString('hex'))).to.deep.equal([ACK(0).toString('hex')]);
    await t.feed(Buffer.concat([STRAY_RESPONSE_SEQ1]));
    expect(t.seen.out).to.have.length(1, 'no ACK for a RESPONSE');
    await t.feed(INQUIRY_SEQ1);
    expect(t.seen.out.map((b) => b.toString('hex'))).to.deep.equal([ACK(0).toString('hex'), ACK(1).toString('hex')]);
    expect(t.seen.messages).to.deep.equal([FrameType.COMMAND, FrameType.COMMAND]);
    expect(t.link.stats()).to.include({ delivered: 2, duplicates: 0, ignoredFrames: 1 });
    // inactive, the same RESPONSE is not a stray either (a stray draws RESET NO SESSION at the target)
    t.link.deactivate();
    await t.feed(STRAY_RESPONSE_SEQ1);
    expect(t.seen.stray).to.deep.equal([]);
    t.pair.cut();
  });

  it('an initiator link ignores COMMAND and HELLO, and accepts RESPONSE, KEEPALIVE and the session frames meant for it', async () => {
    const t = link('initiator');
    t.link.activate();
    await t.feed(Buffer.concat([TUR_SEQ0, HELLO]));
    expect(t.seen.out).to.deep.equal([]);
    expect(t.seen.session).to.deep.equal([]);
    await t.feed(
      Buffer.concat([
        vector('RESPONSE GOOD'),
        vector('WELCOME serial:host-a@ttyS0'),
        vector('READY'),
        vector('RESET CLOSED'),
      ]),
    );
    expect(t.seen.messages).to.deep.equal([FrameType.RESPONSE]);
    expect(t.seen.session).to.deep.equal([FrameType.WELCOME, FrameType.READY, FrameType.RESET]);
    expect(t.seen.out.map((b) => b.toString('hex'))).to.deep.equal([ACK(0).toString('hex')]);
    expect(t.link.stats()).to.include({ delivered: 1, ignoredFrames: 2 });
    t.pair.cut();
  });
});
