/**
 * Busy polling of the target: BusyPoller keeps the event loop turning for its window after each keepAwake and
 * then lets the process sleep; PduChannel asks for it after each answer the host waits for, and not after what the
 * target sends on its own. The window is wall time by nature; the tests inject the time and the turns.
 * Spec: scsi/transport/iscsi/busy-poll.ts (module comment).
 */
import { expect } from 'chai';
import sinon from 'sinon';
import {
  BusyPoller,
  isAwaitedAnswer,
  MAX_BUSY_POLL_MICROS,
  type BusyPollerHost,
} from '../../../../scsi/transport/iscsi/busy-poll.js';
import { Iscsi } from '../../../../scsi/transport/iscsi/constants.js';
import { encodeAsyncMessage } from '../../../../scsi/transport/iscsi/pdu/async-message.js';
import { encodeNopIn } from '../../../../scsi/transport/iscsi/pdu/nop.js';
import { encodeScsiResponse } from '../../../../scsi/transport/iscsi/pdu/scsi-response.js';
import { DEFAULT_BUSY_POLL_MICROS, defaultBusyPollMicros } from '../../../../sim/service/endpoints.js';
import { answerReads, nopInAnswer, nopOut } from './support/answering-channel.js';
import { Cdb, eventually, TargetFixture } from './support/target-fixture.js';

/** Turns run by hand; time moves when the test says. */
class ManualLoop implements BusyPollerHost {
  time = 0;
  private pending: (() => void)[] = [];
  now(): number {
    return this.time;
  }
  nextTurn(work: () => void): void {
    this.pending.push(work);
  }
  get waiting(): number {
    return this.pending.length;
  }
  /** Runs one turn: what was scheduled before it. */
  turn(): void {
    const work = this.pending;
    this.pending = [];
    for (const w of work) w();
  }
}

describe('scsi/transport/iscsi/busy-poll', () => {
  it('keeps the loop turning until the window has passed, then stops asking for turns', () => {
    const loop = new ManualLoop();
    const poller = new BusyPoller(50, loop);
    expect(poller.active).to.equal(false);
    poller.keepAwake();
    expect(poller.active).to.equal(true);
    expect(loop.waiting).to.equal(1);
    loop.time = 0.049; // 49 µs
    loop.turn();
    expect(loop.waiting, 'still inside the window').to.equal(1);
    loop.time = 0.05;
    loop.turn();
    expect(loop.waiting, 'window over: the process may sleep').to.equal(0);
    expect(poller.active).to.equal(false);
    expect(poller.turns).to.equal(2);
  });

  it('a keepAwake inside the window extends it without a second chain of turns', () => {
    const loop = new ManualLoop();
    const poller = new BusyPoller(50, loop);
    poller.keepAwake();
    loop.time = 0.04;
    poller.keepAwake();
    expect(loop.waiting, 'one chain').to.equal(1);
    loop.time = 0.08;
    loop.turn();
    expect(loop.waiting, '40 µs after the second answer: inside its window').to.equal(1);
    loop.time = 0.09;
    loop.turn();
    expect(loop.waiting).to.equal(0);
  });

  it('stop() ends the window at the next turn and ignores later requests', () => {
    const loop = new ManualLoop();
    const poller = new BusyPoller(1000, loop);
    poller.keepAwake();
    poller.stop();
    loop.turn();
    expect(loop.waiting).to.equal(0);
    poller.keepAwake();
    expect(loop.waiting).to.equal(0);
    expect(poller.active).to.equal(false);
  });

  it('refuses a window that is not a whole number of microseconds from 1 to the maximum', () => {
    for (const bad of [0, -1, 1.5, MAX_BUSY_POLL_MICROS + 1, Number.NaN]) {
      expect(() => new BusyPoller(bad), String(bad)).to.throw(
        RangeError,
        /busy-poll window must be an integer from 1 to 10000 µs/,
      );
    }
  });

  it('with real turns, a window ends by itself (the process is not kept busy)', async () => {
    const poller = new BusyPoller(200);
    poller.keepAwake();
    while (poller.active) await new Promise((resolve) => setImmediate(resolve));
    expect(poller.turns).to.be.greaterThan(0);
  });
});

describe('PduChannel asks for busy polling after each answer the host waits for', () => {
  it('after every answer, whether a read carried one command or several, answered at once or later', async () => {
    for (const timing of ['at-once', 'microtasks', 'later-turn'] as const) {
      for (const batchAnswers of [false, true]) {
        const { asked } = await answerReads([[1], [2, 3], [4, 5, 6, 7]], timing, { throttleReads: true, batchAnswers });
        expect(asked, `${timing}, batchAnswers ${batchAnswers}`).to.equal(7);
      }
    }
  });

  it('what the target sends on its own (a ping, an asynchronous message) asks for nothing', async () => {
    expect(isAwaitedAnswer(nopInAnswer(7).bhs), 'a NOP-In answering the host').to.equal(true);
    const ping = encodeNopIn({
      initiatorTaskTag: Iscsi.RESERVED_TAG,
      targetTransferTag: 1,
      statSN: 1,
      expCmdSN: 1,
      maxCmdSN: 32,
    });
    expect(isAwaitedAnswer(ping.bhs), "the target's own ping").to.equal(false);
    expect(
      isAwaitedAnswer(encodeScsiResponse({ initiatorTaskTag: 1, status: 0, statSN: 1, expCmdSN: 2, maxCmdSN: 33 }).bhs),
    ).to.equal(true);
    expect(isAwaitedAnswer(encodeAsyncMessage({ asyncEvent: 1, statSN: 1, expCmdSN: 1, maxCmdSN: 32 }).bhs)).to.equal(
      false,
    );
    expect(isAwaitedAnswer(nopOut(1).bhs), 'an initiator PDU').to.equal(false);
  });
});

describe('IscsiTarget with busyPollMicros', () => {
  let fixture: TargetFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('is off unless asked for (a library user embedding the target keeps a sleeping event loop)', async () => {
    fixture = await TargetFixture.start();
    expect(fixture.target.poller).to.equal(undefined);
  });

  it('polls after answers to a host with one command in flight, serves it as before, and stops on close', async () => {
    fixture = await TargetFixture.start({ busyPollMicros: MAX_BUSY_POLL_MICROS });
    const poller = fixture.target.poller;
    expect(poller?.windowMicros).to.equal(MAX_BUSY_POLL_MICROS);
    const initiator = await fixture.connect();
    for (let i = 0; i < 20; i++) {
      const r = await initiator.execute({ lun: 0, cdb: Cdb.testUnitReady(), allocationLength: 0 });
      expect(r.status).to.equal(0);
    }
    expect(poller?.turns, 'the event loop was kept turning').to.be.greaterThan(0);
    await fixture.close();
    fixture = undefined;
    // close() ends a running window at the next turn, whatever is left of its 10 ms.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(poller?.active, 'a closed target stops polling').to.equal(false);
    const turns = poller?.turns;
    poller?.keepAwake();
    expect(poller?.active, 'a closed target does not poll').to.equal(false);
    expect(poller?.turns).to.equal(turns);
  });

  it('refuses a window beyond 10,000 µs', async () => {
    const e = await TargetFixture.start({ busyPollMicros: 10_001 }).catch((err: unknown) => err);
    expect(e).to.be.instanceOf(RangeError);
    expect((e as Error).message).to.equal('busyPollMicros must be an integer from 0 to 10000, got 10001');
  });

  it('sim serve polls for 50 µs with two CPUs or more and not at all with one (it would starve its peer)', () => {
    expect(DEFAULT_BUSY_POLL_MICROS).to.equal(50);
    expect(defaultBusyPollMicros(1)).to.equal(0);
    expect(defaultBusyPollMicros(2)).to.equal(50);
    expect(defaultBusyPollMicros(64)).to.equal(50);
  });
});

describe('IscsiInitiator with busyPollMicros (a load generator that does not sleep while commands run)', () => {
  let fixture: TargetFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('is off unless asked for', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect();
    expect(initiator.busyPoller).to.equal(undefined);
  });

  it('polls while commands run, gets every answer, and stops when the session closes', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect({ busyPollMicros: MAX_BUSY_POLL_MICROS });
    const poller = initiator.busyPoller;
    expect(poller?.windowMicros).to.equal(MAX_BUSY_POLL_MICROS);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => initiator.execute({ lun: 0, cdb: Cdb.testUnitReady(), allocationLength: 0 })),
    );
    expect(results.map((r) => r.status)).to.deep.equal(new Array(8).fill(0));
    expect(poller?.turns, 'the event loop was kept turning').to.be.greaterThan(0);
    await initiator.close();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(poller?.active, 'a closed session stops polling').to.equal(false);
    poller?.keepAwake();
    expect(poller?.active, 'and does not start again').to.equal(false);
  });

  it('keeps polling after each command sent, and after an answer only while other commands are still due', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect({ busyPollMicros: MAX_BUSY_POLL_MICROS });
    const keepAwake = sinon.spy(BusyPoller.prototype, 'keepAwake');
    try {
      // The fixture's MOVE MEDIUM waits until released: both commands are out before either answer comes.
      const moves = [
        initiator.execute({ lun: 0, cdb: Cdb.moveMedium(), allocationLength: 0 }),
        initiator.execute({ lun: 0, cdb: Cdb.moveMedium(), allocationLength: 0 }),
      ];
      const backend = fixture.backend;
      await eventually(() => backend.movesWaiting === 2, 'both moves at the target');
      expect(keepAwake.callCount, 'one per command sent').to.equal(2);
      backend.releaseMoves();
      expect((await Promise.all(moves)).map((r) => r.status)).to.deep.equal([0, 0]);
      expect(
        keepAwake.callCount,
        'one more after the first answer (the second was still due), none after the last',
      ).to.equal(3);
    } finally {
      keepAwake.restore();
    }
  });

  it('refuses a window that is not a whole number of µs from 0 to 10,000', async () => {
    fixture = await TargetFixture.start();
    for (const bad of [-1, 1.5, MAX_BUSY_POLL_MICROS + 1]) {
      const e = await fixture.connect({ busyPollMicros: bad }).catch((err: unknown) => err);
      expect(e, String(bad)).to.be.instanceOf(RangeError);
      expect((e as Error).message).to.equal(`busyPollMicros must be an integer from 0 to 10000, got ${bad}`);
    }
  });
});
