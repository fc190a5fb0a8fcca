/**
 * Issue 16 defect 4: lines a peer can cause once per PDU are rate-limited per session and reason. 100,000
 * commands outside the CmdSN window and 20,000 PDUs with an unknown opcode make a bounded number of lines above
 * debug, the first one and then a count of those held back once the interval (10 s on the injected clock) is over.
 * Spec: RFC 7143 4.2.2.1 (out-of-window commands are ignored), 11.17 (Reject); docs/iscsi.md 7.2;
 * scsi/transport/iscsi/log-limiter.ts.
 */
import { expect } from 'chai';
import { VirtualClock } from '../../../../../common/clock/clock.js';
import { IscsiOpcode } from '../../../../../scsi/transport/iscsi/constants.js';
import { LogLimiter, MAX_LOG_KEYS, OVERFLOW_KEY } from '../../../../../scsi/transport/iscsi/log-limiter.js';
import { framePduToBuffer, NO_DIGESTS } from '../../../../../scsi/transport/iscsi/pdu/pdu-framing.js';
import { encodeNopOut } from '../../../../../scsi/transport/iscsi/pdu/nop.js';
import { pduOpcode } from '../../../../../scsi/transport/iscsi/pdu/pdu.js';
import { encodeScsiCommand } from '../../../../../scsi/transport/iscsi/pdu/scsi-command.js';
import { RawSession } from '../support/raw-session.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { TargetFixture } from '../support/target-fixture.js';

/** Sends `count` PDUs made by `make` in large writes, then a NOP-Out ping; resolves when its NOP-In is back. */
async function flood(raw: RawSession, count: number, make: (i: number) => Buffer): Promise<void> {
  for (let start = 0; start < count; start += 5000) {
    const chunk: Buffer[] = [];
    for (let i = start; i < Math.min(count, start + 5000); i++) chunk.push(make(i));
    raw.send(Buffer.concat(chunk));
  }
  raw.send(encodeNopOut({ immediate: true, initiatorTaskTag: 0x7777, cmdSN: raw.cmdSN, expStatSN: raw.expStatSN }));
  for (;;) {
    const pdu = await raw.next();
    if (pdu === undefined) throw new Error('the target closed the connection');
    if (pduOpcode(pdu.bhs) === IscsiOpcode.NOP_IN && pdu.bhs.readUInt32BE(16) === 0x7777) return;
  }
}

describe('iscsi/target log amplification (issue 16 defect 4)', function () {
  this.timeout(120_000);
  let fixture: TargetFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('100,000 commands outside the CmdSN window and 20,000 rejected PDUs make a bounded number of lines, with the held-back counts', async () => {
    const clock = new VirtualClock();
    const logger = new RecordingLogger();
    fixture = await TargetFixture.start({ clock, logger });
    const raw = await RawSession.connect(fixture.port);
    try {
      expect((await raw.login()).statusClass).to.equal(0);
      const cdb = Buffer.alloc(6);
      await flood(raw, 100_000, (i) =>
        framePduToBuffer(
          encodeScsiCommand({
            immediate: false,
            final: true,
            read: false,
            write: false,
            lun: 0,
            initiatorTaskTag: i + 1,
            expectedDataTransferLength: 0,
            cmdSN: raw.cmdSN + 1000 + i,
            expStatSN: raw.expStatSN,
            cdb,
          }),
          NO_DIGESTS,
        ),
      );
      const unknown = encodeNopOut({
        immediate: true,
        initiatorTaskTag: 1,
        cmdSN: raw.cmdSN,
        expStatSN: raw.expStatSN,
      });
      unknown.bhs[0] = 0x40 | 0x1f; // immediate, opcode 1Fh: not an initiator opcode
      const unknownBytes = framePduToBuffer(unknown, NO_DIGESTS);
      await flood(raw, 20_000, () => unknownBytes);
      const window = logger.aboveDebug('outside the CmdSN window');
      const rejects = logger.aboveDebug('rejecting a PDU');
      expect(window).to.have.length(1);
      expect(rejects).to.have.length(1);
      expect(window[0]?.fields['nexus']).to.be.a('string');
      await clock.advanceBy(10_000);
      const held = logger.aboveDebug().filter((l) => l.fields['suppressed'] !== undefined);
      expect(held.map((l) => [l.level, l.fields['suppressed']])).to.have.deep.members([
        ['warn', 99_999],
        ['warn', 19_999],
      ]);
      expect(logger.aboveDebug().length).to.be.below(10);
    } finally {
      raw.close();
    }
  });

  it('LogLimiter: the first line, debug for the rest of the interval, the count when it ends or at close(), per key', async () => {
    const clock = new VirtualClock();
    const logger = new RecordingLogger();
    const limiter = new LogLimiter(logger, clock, { nexus: 'n' }, 10_000);
    for (let i = 0; i < 5; i++) limiter.warn('a', 'line a', { i });
    limiter.warn('b', 'line b');
    expect(logger.aboveDebug().map((l) => [l.message, l.fields['i'], l.fields['nexus']])).to.deep.equal([
      ['line a', 0, 'n'],
      ['line b', undefined, 'n'],
    ]);
    expect(logger.lines.filter((l) => l.level === 'debug')).to.have.length(4);
    await clock.advanceBy(9_999);
    expect(logger.aboveDebug()).to.have.length(2);
    await clock.advanceBy(1);
    expect(logger.aboveDebug().map((l) => l.message)).to.deep.equal([
      'line a',
      'line b',
      'line a: 4 more like it held back',
    ]);
    limiter.warn('a', 'line a', { i: 9 });
    limiter.warn('a', 'line a', { i: 10 });
    limiter.close();
    expect(
      logger
        .aboveDebug()
        .slice(3)
        .map((l) => [l.message, l.fields['suppressed']]),
    ).to.deep.equal([
      ['line a', undefined],
      ['line a: 1 more like it held back', 1],
    ]);
    expect(clock.pending()).to.equal(0);
    limiter.warn('c', 'after close');
    expect(logger.lines.at(-1)).to.deep.include({ level: 'debug', message: 'after close' });
  });

  it('LogLimiter: keys a peer chooses (one per address) are capped, the lines of the rest share one key', async () => {
    const clock = new VirtualClock();
    const logger = new RecordingLogger();
    const limiter = new LogLimiter(logger, clock, {}, 10_000);
    for (let i = 0; i < 10 * MAX_LOG_KEYS; i++)
      limiter.warn(`login-refused:10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, 'login refused');
    expect(logger.aboveDebug(), 'one line per key up to the cap, then one for all the rest').to.have.length(
      MAX_LOG_KEYS + 1,
    );
    expect(clock.pending(), 'timers (and windows) bounded').to.equal(MAX_LOG_KEYS + 1);
    await clock.advanceBy(10_000);
    const held = logger.aboveDebug().at(-1)!;
    expect([held.fields['key'], held.fields['suppressed']]).to.deep.equal([OVERFLOW_KEY, 9 * MAX_LOG_KEYS - 1]);
    expect(clock.pending()).to.equal(0);
    limiter.close();
  });
});
