/**
 * Issue 16, defect 2, over a real PTY pair made by socat: the report's bytes (a RESPONSE at sequence 1 sent to the
 * target) do not make the target drop the next COMMAND; frames only a target receives do not confuse a real
 * initiator; and a command a peer acknowledges but never answers fails at the initiator's response deadline.
 * Spec: docs/serial-framing.md sections 7.4 and 8.5.
 */
import { expect } from 'chai';
import { ScsiStatus } from '../../../../scsi/codec/status.js';
import { encodeFrame } from '../../../../scsi/transport/serial/frame-codec.js';
import { FrameType, type Frame } from '../../../../scsi/transport/serial/frame-format.js';
import { decodeCommand, decodeResponse, encodeResponse } from '../../../../scsi/transport/serial/scsi-messages.js';
import { SerialInitiator } from '../../../../scsi/transport/serial/serial-initiator.js';
import { SerialTarget } from '../../../../scsi/transport/serial/serial-target.js';
import { decodeHello, encodeHello, encodeWelcome } from '../../../../scsi/transport/serial/session-messages.js';
import { PtyPair, socatMissingReason } from '../../../support/pty-pair.js';
import { FRAME_VECTORS, STRAY_RESPONSE_SEQ1 } from './frame-vectors.js';
import { Cdbs, FakeChanger, INQUIRY_DATA } from './support/fake-changer.js';
import { rejectionOf } from './support/drive.js';
import { RawPort } from './support/raw-port.js';

const skipReason = socatMissingReason();
const vector = (name: string): Buffer =>
  Buffer.from(FRAME_VECTORS.find((v) => v.name === name)!.hex.replace(/\s+/g, ''), 'hex');
const frame = (type: number, seq: number, payload: Buffer = Buffer.alloc(0)): Buffer =>
  encodeFrame({ type, flags: 0, seq, payload });
const isType = (type: number, seq?: number) => (f: Frame) => f.type === type && (seq === undefined || f.seq === seq);

describe(`serial over a socat PTY pair: stray frames and the response deadline (issue 16, defect 2)${skipReason ? ` [${skipReason}]` : ''}`, function () {
  this.timeout(60_000);
  let pty: PtyPair | undefined;
  const cleanup: (() => Promise<unknown>)[] = [];

  before(function () {
    if (skipReason) this.skip();
  });

  beforeEach(async () => {
    pty = await PtyPair.start();
  });

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
    await pty?.stop();
    pty = undefined;
  });

  it("the target ignores the report's RESPONSE at seq 1 and executes and answers the COMMAND at seq 1", async () => {
    const backend = new FakeChanger(64 * 1024);
    const target = await SerialTarget.open({ path: pty!.b, baudRate: 115200, backend, portName: 'pty', reopenMs: 0 });
    cleanup.push(() => target.close());
    const raw = await RawPort.open(pty!.a);
    cleanup.push(() => raw.close());

    await raw.write(frame(FrameType.HELLO, 0, encodeHello({ version: 1, nonce: 0x2a, initiatorName: 'host-a' })));
    await raw.next(isType(FrameType.WELCOME), 'the WELCOME');
    await raw.write(vector('COMMAND TEST UNIT READY')); // seq 0, tag 1
    const ua = decodeResponse(
      (await raw.next(isType(FrameType.RESPONSE, 0), 'the RESPONSE to TEST UNIT READY')).payload,
    );
    expect(ua.ok && [ua.value.tag, ua.value.status]).to.deep.equal([1, ScsiStatus.CHECK_CONDITION]);
    await raw.write(frame(FrameType.ACK, 0));

    await raw.write(STRAY_RESPONSE_SEQ1);
    await raw.write(vector('COMMAND INQUIRY')); // seq 1, tag 2
    const answer = decodeResponse(
      (await raw.next(isType(FrameType.RESPONSE, 1), 'the RESPONSE to INQUIRY (tag 2)')).payload,
    );
    expect(
      answer.ok && [answer.value.tag, answer.value.status, Buffer.from(answer.value.dataIn).equals(INQUIRY_DATA)],
    ).to.deep.equal([2, ScsiStatus.GOOD, true]);
    expect(backend.calls.map((c) => c.cdb[0])).to.deep.equal([0x00, 0x12]);
    const line = target.stats().line!;
    expect([line.ignoredFrames, line.duplicates, line.delivered]).to.deep.equal([1, 0, 2]);
  });

  it('a real initiator ignores a COMMAND sent to it, takes the RESPONSE behind it, and gives up a command that is ACKed but never answered', async () => {
    const raw = await RawPort.open(pty!.b); // plays the target
    cleanup.push(() => raw.close());
    const opening = SerialInitiator.open(`serial:${pty!.a}?baud=115200&name=host-a&timeout=800`);
    const hello = decodeHello((await raw.next(isType(FrameType.HELLO), 'the HELLO')).payload);
    if (!hello.ok) throw new Error(hello.reason);
    await raw.write(
      frame(FrameType.WELCOME, 0, encodeWelcome({ version: 1, nonce: hello.value.nonce, nexus: 'serial:host-a@raw' })),
    );
    const initiator = await opening;
    cleanup.push(() => initiator.close());

    const tur = initiator.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 });
    const first = decodeCommand((await raw.next(isType(FrameType.COMMAND, 0), 'the COMMAND at seq 0')).payload);
    if (!first.ok) throw new Error(first.reason);
    const response = encodeResponse({
      tag: first.value.tag,
      code: 0,
      status: ScsiStatus.GOOD,
      sense: Buffer.alloc(0),
      residualOverflow: 0,
      dataIn: Buffer.alloc(0),
    });
    // a COMMAND at seq 0 (a kind only targets receive) ahead of the real RESPONSE at seq 0
    await raw.write(
      Buffer.concat([
        frame(FrameType.ACK, 0),
        vector('COMMAND TEST UNIT READY'),
        frame(FrameType.RESPONSE, 0, response),
      ]),
    );
    expect((await tur).status).to.equal(ScsiStatus.GOOD);
    expect(initiator.stats()).to.include({ ignoredFrames: 1, duplicates: 0, delivered: 1 });

    const seen = raw.frames.length;
    const inquiry = rejectionOf(initiator.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 36 }));
    await raw.next(isType(FrameType.COMMAND, 1), 'the COMMAND at seq 1', seen);
    await raw.write(frame(FrameType.ACK, 1)); // acknowledged, never answered
    const error = await inquiry;
    expect(error.code).to.equal('ETIMEDOUT');
    expect(error.message).to.match(/no RESPONSE to INQUIRY \(12h, tag 2\) after waiting \d+ ms \(limit 800 ms/);
  });
});
