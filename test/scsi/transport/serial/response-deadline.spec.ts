/**
 * The serial initiator's response deadline (issue 16, defect 2): a command the target acknowledged but never
 * answers fails with ETIMEDOUT naming the command and the time waited, instead of waiting for ever; the limit
 * counts from when the command became the oldest outstanding one. Virtual time throughout.
 * Spec: docs/serial-framing.md section 8.5.
 */
import { expect } from 'chai';
import { VirtualClock } from '../../../../common/clock/clock.js';
import { Opcode } from '../../../../scsi/codec/opcodes.js';
import { ScsiStatus } from '../../../../scsi/codec/status.js';
import { TransportError } from '../../../../scsi/transport/scsi-transport.js';
import {
  ResponseDeadline,
  ResponseDeadlineDefaults,
  commandName,
  defaultResponseTimeoutMs,
  type ExpiredCommand,
} from '../../../../scsi/transport/serial/response-deadline.js';
import { parseSerialUrl } from '../../../../scsi/transport/serial/serial-url.js';
import { Cdbs } from './support/fake-changer.js';
import { driveUntil, rejectionOf } from './support/drive.js';
import { Harness } from './support/harness.js';

const MOVE = Buffer.from([Opcode.MOVE_MEDIUM, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const IES = Buffer.from([Opcode.INITIALIZE_ELEMENT_STATUS, 0, 0, 0, 0, 0]);
const IESR = Buffer.from([Opcode.INITIALIZE_ELEMENT_STATUS_WITH_RANGE, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

describe('serial initiator: response deadline (issue 16, defect 2)', () => {
  describe('defaults and names', () => {
    it('gives INITIALIZE ELEMENT STATUS (with or without range) an hour and every other command five minutes', () => {
      expect([IES, IESR, MOVE, Cdbs.testUnitReady()].map(defaultResponseTimeoutMs)).to.deep.equal([
        3_600_000, 3_600_000, 300_000, 300_000,
      ]);
      expect(ResponseDeadlineDefaults).to.deep.equal({ COMMAND_MS: 300_000, INITIALIZE_MS: 3_600_000 });
    });

    it('names commands by opcode', () => {
      expect([
        commandName(MOVE),
        commandName(Cdbs.testUnitReady()),
        commandName(Buffer.of(0xc1)),
        commandName(MOVE, 7),
        commandName(Buffer.of(0xc1), 8),
      ]).to.deep.equal([
        'MOVE MEDIUM (A5h)',
        'TEST UNIT READY (00h)',
        'opcode C1h',
        'MOVE MEDIUM (A5h, tag 7)',
        'opcode C1h (tag 8)',
      ]);
    });

    it('takes timeout= from the URL in milliseconds and refuses what is not a whole number', () => {
      expect(parseSerialUrl('serial:/dev/ttyS0?timeout=1500').responseTimeoutMs).to.equal(1500);
      expect(parseSerialUrl('serial:/dev/ttyS0?timeout=0').responseTimeoutMs).to.equal(0);
      expect(parseSerialUrl('serial:/dev/ttyS0').responseTimeoutMs).to.equal(undefined);
      expect(() => parseSerialUrl('serial:/dev/ttyS0?timeout=1.5')).to.throw(
        /timeout \(milliseconds\) must be a whole number/,
      );
      expect(() => parseSerialUrl('serial:/dev/ttyS0?timeout=-1')).to.throw(/must be a whole number/);
    });
  });

  describe('the timer (ResponseDeadline)', () => {
    it('runs one limit at a time, for the oldest command: a command queued behind another waits for it first', async () => {
      const clock = new VirtualClock();
      const start = clock.now();
      const expired: (ExpiredCommand & { at: number })[] = [];
      const d = new ResponseDeadline(clock, defaultResponseTimeoutMs, (e) =>
        expired.push({ ...e, at: clock.now() - start }),
      );
      d.sent(1, IES);
      d.sent(2, MOVE);
      d.sent(3, MOVE);
      await clock.advanceBy(3_599_999);
      expect(expired).to.deep.equal([]);
      await clock.advanceBy(1);
      expect(expired.map((e) => [e.tag, e.limitMs, e.waitedMs, e.at])).to.deep.equal([
        [1, 3_600_000, 3_600_000, 3_600_000],
      ]);
      d.settled(2); // answered after the inventory gave up: 3 is now the oldest, its five minutes start now
      await clock.advanceBy(300_000);
      expect(expired.map((e) => [e.tag, e.waitedMs])).to.deep.equal([
        [1, 3_600_000],
        [3, 3_900_000],
      ]);
      expect(clock.pending()).to.equal(0);
    });

    it('forgets answered commands (no timer left behind) and waits for ever with a limit of 0', async () => {
      const clock = new VirtualClock();
      const expired: ExpiredCommand[] = [];
      const d = new ResponseDeadline(clock, defaultResponseTimeoutMs, (e) => expired.push(e));
      d.sent(7, MOVE);
      d.settled(7);
      d.settled(99); // unknown: ignored
      expect(clock.pending()).to.equal(0);
      const never = new ResponseDeadline(
        clock,
        () => 0,
        (e) => expired.push(e),
      );
      never.sent(8, MOVE);
      await clock.advanceBy(100 * 3_600_000);
      expect(expired).to.deep.equal([]);
    });
  });

  describe('over a line to a target that acknowledges and never answers', () => {
    let h: Harness;
    afterEach(async () => {
      h.backend.release();
      await h.close();
    });

    it('rejects the command with ETIMEDOUT naming it and the time waited (default: 300 s), and the session goes on', async () => {
      h = new Harness();
      const i = await h.connectReady();
      h.backend.hold(); // POSITION TO ELEMENT is taken (ACKed) and never finishes
      const start = h.clock.now();
      const error = await rejectionOf(
        driveUntil(h.clock, h.pair, i.execute({ lun: 0, cdb: Cdbs.held(), allocationLength: 0 }), 100_000),
      );
      expect(error).to.be.instanceOf(TransportError);
      expect(error.code).to.equal('ETIMEDOUT');
      expect(error.message).to.match(
        /no RESPONSE to POSITION TO ELEMENT \(2Bh, tag 2\) after waiting 300000 ms \(limit 300000 ms/,
      );
      expect(h.clock.now() - start).to.equal(300_000);
      expect(i.stats().acksSent).to.be.greaterThan(0);
      expect(h.target.stats().line!.delivered).to.be.greaterThan(1); // the target had the command and the keepalives
      // the late answer, when it comes, is for no outstanding command; the session serves the next one
      h.backend.release();
      const next = await driveUntil(
        h.clock,
        h.pair,
        i.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 36 }),
      );
      expect(next?.status).to.equal(ScsiStatus.GOOD);
    });

    it('uses responseTimeoutMs when given, and 0 waits for ever', async () => {
      h = new Harness();
      const quick = await h.connectReady('host-a', { responseTimeoutMs: 1500 });
      h.backend.hold();
      const start = h.clock.now();
      const error = await rejectionOf(
        driveUntil(h.clock, h.pair, quick.execute({ lun: 0, cdb: Cdbs.held(), allocationLength: 0 })),
      );
      expect([error.code, h.clock.now() - start]).to.deep.equal(['ETIMEDOUT', 1500]);
      expect(error.message).to.include('after waiting 1500 ms (limit 1500 ms');
      h.backend.release();
      await quick.close();

      const patient = await h.connectReady('host-b', { responseTimeoutMs: 0, keepaliveMs: 0 });
      h.backend.hold();
      let settled = false;
      void patient.execute({ lun: 0, cdb: Cdbs.held(), allocationLength: 0 }).then(
        () => (settled = true),
        () => (settled = true),
      );
      await driveUntil(h.clock, h.pair, () => h.backend.calls.length === 4); // host-a's two commands, host-b's two
      await h.clock.advanceBy(10 * 3_600_000);
      expect(settled).to.equal(false);
      expect((await rejectionOf(h.connect('host-c', { responseTimeoutMs: -1 }))).message).to.match(
        /responseTimeoutMs must be a whole number/,
      );
    });
  });
});
