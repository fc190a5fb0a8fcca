import { expect } from 'chai';
import {
  Asc,
  encodeInitializeElementStatusCdb,
  encodeInitializeElementStatusWithRangeCdb,
  encodeInquiryCdb,
  encodeModeSense6Cdb,
  encodeMoveMediumCdb,
  encodeReadElementStatusCdb,
  ScsiStatus,
  SenseKey,
} from '../../../scsi/codec/index.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { A, st, TEST_PERSONALITY } from '../helpers/test-personality.js';

const N = 'nexus-a';
const M = 'nexus-b';
const T = TEST_PERSONALITY.timing;
const moveCdb = (s: number, d: number) =>
  encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: s, destinationAddress: d });

describe('sim mechanical time and busy policy', () => {
  it("queues robot commands FIFO behind the current motion (busyPolicy 'queue')", async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    await bench.drainUnitAttentions(M);
    const t0 = bench.clock.now();
    const finished: string[] = [];
    const first = bench.start(N, moveCdb(st(0), st(3))).then((r) => (finished.push('first'), r));
    const second = bench.start(M, moveCdb(st(3), st(4))).then((r) => (finished.push('second'), r));
    expectGood((await bench.clock.runUntil(first))!);
    expect(bench.clock.now() - t0).to.equal(T.moveMs);
    expectGood((await bench.clock.runUntil(second))!);
    expect(bench.clock.now() - t0).to.equal(2 * T.moveMs);
    expect(finished).to.deep.equal(['first', 'second']);
    expect(bench.contents().get(st(4))).to.equal('D00000L8');
    bench.close();
  });

  it("answers BUSY to robot commands while the robot moves (busyPolicy 'busy'), and status commands at once", async () => {
    const bench = new Bench(TEST_PERSONALITY, { busyPolicy: 'busy' });
    await bench.drainUnitAttentions(N);
    await bench.drainUnitAttentions(M);
    const moving = bench.start(N, moveCdb(st(0), st(3)));
    await bench.clock.advanceBy(1000);
    const t = bench.clock.now();
    expect((await bench.changer.execute(M, moveCdb(st(1), st(4)))).status).to.equal(ScsiStatus.BUSY);
    expect((await bench.changer.execute(M, encodeInitializeElementStatusCdb())).status).to.equal(ScsiStatus.BUSY);
    for (const cdb of [
      Buffer.alloc(6),
      encodeInquiryCdb({ allocationLength: 36 }),
      encodeModeSense6Cdb({ dbd: true, pageCode: 0x3f, allocationLength: 255 }),
      encodeReadElementStatusCdb({
        voltag: true,
        elementType: 0,
        startingAddress: 0,
        numberOfElements: 100,
        allocationLength: 9999,
      }),
    ]) {
      expectGood(await bench.changer.execute(M, cdb));
    }
    expect(bench.clock.now(), 'nothing waited').to.equal(t);
    expectGood((await bench.clock.runUntil(moving))!);
    expectGood(await bench.move(M, st(1), st(4)));
    bench.close();
  });

  it('times INITIALIZE ELEMENT STATUS (overhead + per element) and WITH RANGE (range, FAST)', async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    let t = bench.clock.now();
    expectGood(await bench.run(N, encodeInitializeElementStatusCdb()));
    expect(bench.clock.now() - t).to.equal(T.inventoryOverheadMs + 15 * T.inventoryPerElementMs);
    t = bench.clock.now();
    expectGood(
      await bench.run(
        N,
        encodeInitializeElementStatusWithRangeCdb({ range: true, startingAddress: st(2), numberOfElements: 4 }),
      ),
    );
    expect(bench.clock.now() - t).to.equal(T.inventoryOverheadMs + 4 * T.inventoryPerElementMs);
    t = bench.clock.now();
    expectGood(
      await bench.run(
        N,
        encodeInitializeElementStatusWithRangeCdb({
          range: true,
          fast: true,
          startingAddress: st(2),
          numberOfElements: 0,
        }),
      ),
    );
    expect(bench.clock.now() - t).to.equal(T.inventoryOverheadMs + 8 * T.inventoryPerElementMs * 0.25);
    expectCheck(
      await bench.run(
        N,
        encodeInitializeElementStatusWithRangeCdb({ range: true, startingAddress: 0x0fff, numberOfElements: 1 }),
      ),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_ELEMENT_ADDRESS,
      { cd: true, byte: 2 },
    );
    bench.close();
  });

  it('stretches every motion by the slow-motion factor', async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    expect(bench.control.setSlowMotion(3).ok).to.equal(true);
    expect(bench.control.setSlowMotion(0)).to.include({ ok: false, code: 'INVALID_ARGUMENT' });
    const t = bench.clock.now();
    expectGood(await bench.move(N, st(0), st(3)));
    expect(bench.clock.now() - t).to.equal(3 * T.moveMs);
    bench.close();
  });
});

describe('sim power, online state', () => {
  it('is NOT READY 02/04/01 for the power-on time after a cold start', async () => {
    const bench = new Bench(TEST_PERSONALITY, { startReady: false });
    expectCheck(await bench.tur(N), SenseKey.UNIT_ATTENTION, Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
    expectCheck(await bench.tur(N), SenseKey.NOT_READY, Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY);
    expectGood(await bench.run(N, encodeInquiryCdb({ allocationLength: 36 })));
    await bench.clock.advanceBy(T.powerOnMs);
    expectGood(await bench.tur(N));
    bench.close();
  });

  it('returns a cartridge caught in the gripper by a power cycle to its source; the aborted and queued commands get 06/29/00', async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    await bench.drainUnitAttentions(M);
    expectGood(await bench.run(N, Buffer.from([0x1e, 0, 0, 0, 1, 0])));
    const moving = bench.start(N, moveCdb(st(0), A.DT0));
    const queued = bench.start(M, moveCdb(st(1), A.DT1));
    await bench.clock.advanceBy(T.moveMs / 2);
    expect(bench.contents().get(A.MT)).to.equal('D00000L8');
    expect(bench.control.powerCycle().ok).to.equal(true);
    expect(bench.contents().get(st(0))).to.equal('D00000L8');
    expect(bench.contents().has(A.MT)).to.equal(false);
    expectCheck(
      (await bench.clock.runUntil(moving))!,
      SenseKey.UNIT_ATTENTION,
      Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED,
    );
    expectCheck(
      (await bench.clock.runUntil(queued))!,
      SenseKey.UNIT_ATTENTION,
      Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED,
    );
    expect(bench.contents().get(st(1))).to.equal('D00001L8');
    expect(bench.control.status().prevent.holders).to.deep.equal([]);
    expectCheck(await bench.tur(N), SenseKey.NOT_READY, Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY);
    expectCheck(await bench.tur('nexus-c'), SenseKey.UNIT_ATTENTION, Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED);
    await bench.settle();
    expectGood(await bench.tur(N));
    bench.close();
  });

  it('is NOT READY 02/04/12 while offline, except for INQUIRY, REQUEST SENSE, REPORT LUNS, MODE SENSE', async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    bench.control.setOnline(false);
    expectCheck(await bench.tur(N), SenseKey.NOT_READY, Asc.LOGICAL_UNIT_NOT_READY_OFFLINE);
    expectCheck(await bench.readAll(N), SenseKey.NOT_READY, Asc.LOGICAL_UNIT_NOT_READY_OFFLINE);
    expectCheck(await bench.move(N, st(0), st(3)), SenseKey.NOT_READY, Asc.LOGICAL_UNIT_NOT_READY_OFFLINE);
    expectGood(await bench.run(N, encodeInquiryCdb({ allocationLength: 36 })));
    expectGood(await bench.run(N, encodeModeSense6Cdb({ dbd: true, pageCode: 0x1d, allocationLength: 255 })));
    expect(bench.control.status().online).to.equal(false);
    bench.control.setOnline(true);
    expectGood(await bench.tur(N));
    bench.close();
  });

  it('drops queued robot commands of a nexus on ABORT TASK SET (TASK ABORTED); the running one completes', async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    const first = bench.start(N, moveCdb(st(0), st(3)));
    const second = bench.start(N, moveCdb(st(1), st(4)));
    await bench.clock.advanceBy(1);
    bench.changer.abortTasks(N, 'task-set');
    expectGood((await bench.clock.runUntil(first))!);
    expect((await bench.clock.runUntil(second))!.status).to.equal(ScsiStatus.TASK_ABORTED);
    expect(bench.contents().get(st(1))).to.equal('D00001L8');
    bench.close();
  });
});

describe('sim library-initiated inventory', () => {
  it('runs robot commands accepted before a rescan first, and answers later ones NOT READY 02/04/01 until it ends', async () => {
    const bench = new Bench();
    await bench.drainUnitAttentions(N);
    bench.control.pullMagazine('right');
    await bench.drainUnitAttentions(N);
    const running = bench.start(N, moveCdb(st(0), st(3)));
    await bench.clock.advanceBy(1);
    const accepted = bench.start(N, moveCdb(st(1), st(4)));
    await bench.clock.advanceBy(1);
    expect(bench.control.insertMagazine('right').ok).to.equal(true);
    const later = await bench.changer.execute(N, moveCdb(st(2), A.DT0));
    expectCheck(later, SenseKey.UNIT_ATTENTION, Asc.MEDIUM_MAGAZINE_INSERTED);
    expectCheck(
      await bench.changer.execute(N, moveCdb(st(2), A.DT0)),
      SenseKey.NOT_READY,
      Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY,
    );
    expectGood((await bench.clock.runUntil(running))!);
    expectGood((await bench.clock.runUntil(accepted))!);
    expect(bench.control.status().scanning).to.equal(true);
    await bench.settle();
    expect(bench.control.status().scanning).to.equal(false);
    expectGood(await bench.move(N, st(2), A.DT0));
    bench.close();
  });
});
