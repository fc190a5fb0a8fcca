import { expect } from 'chai';
import { Asc, encodeInquiryCdb, encodeReadElementStatusCdb, SenseKey } from '../../../scsi/codec/index.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { A, st, TEST_PERSONALITY } from '../helpers/test-personality.js';

const N = 'nexus-a';
const M = 'nexus-b';
const PREVENT = Buffer.from([0x1e, 0, 0, 0, 1, 0]);
const ALLOW = Buffer.from([0x1e, 0, 0, 0, 0, 0]);

describe('sim PREVENT ALLOW MEDIUM REMOVAL and the door', () => {
  let bench: Bench;
  beforeEach(async () => {
    bench = new Bench();
    await bench.drainUnitAttentions(N);
    await bench.drainUnitAttentions(M);
  });
  afterEach(() => bench.close());

  it('locks the door while either of two nexuses prevents, until both allow', async () => {
    expectGood(await bench.run(N, PREVENT));
    expectGood(await bench.run(M, PREVENT));
    expect(bench.control.openDoor()).to.include({ ok: false, code: 'PREVENTED' });
    expectGood(await bench.run(N, ALLOW));
    expect(bench.control.status().door.locked).to.equal(true);
    expect(bench.control.openDoor()).to.include({ ok: false, code: 'PREVENTED' });
    expectGood(await bench.run(M, ALLOW));
    expect(bench.control.status().door.locked).to.equal(false);
    expect(bench.control.openDoor().ok).to.equal(true);
  });

  it('is released by a logical unit reset (and the reset raises 06/29/00)', async () => {
    expectGood(await bench.run(N, PREVENT));
    expectGood(await bench.run(M, PREVENT));
    bench.changer.reset('logical-unit');
    expect(bench.control.status().prevent.holders).to.deep.equal([]);
    expect(bench.control.openDoor().ok).to.equal(true);
    expectCheck(
      await bench.run(N, Buffer.from([0, 0, 0, 0, 0, 0])),
      SenseKey.UNIT_ATTENTION,
      Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED,
    );
  });

  it('is released by a target reset through task management, and by the holder losing its nexus', async () => {
    const target = bench.target;
    expectGood(await bench.run(N, PREVENT));
    target.taskManagement(N, 'target-warm-reset');
    expect(bench.control.status().prevent.holders).to.deep.equal([]);
    await bench.drainUnitAttentions(M);
    expectGood(await bench.run(M, PREVENT));
    target.nexusLost(M);
    expect(bench.control.status().prevent.holders).to.deep.equal([]);
  });

  it('rejects PREVENT values 2 and 3 with 05/24/00 at byte 4', async () => {
    for (const value of [2, 3]) {
      expectCheck(
        await bench.run(N, Buffer.from([0x1e, 0, 0, 0, value, 0])),
        SenseKey.ILLEGAL_REQUEST,
        Asc.INVALID_FIELD_IN_CDB,
        { cd: true, byte: 4, bit: 1 },
      );
    }
    expect(bench.control.status().prevent.holders).to.deep.equal([]);
  });

  it('gives NOT READY with the product door sense to TUR and motion commands while the door is open', async () => {
    expect(bench.control.openDoor().ok).to.equal(true);
    expectCheck(await bench.tur(N), SenseKey.NOT_READY, Asc.VENDOR_DOOR_OPEN);
    expectCheck(await bench.move(N, st(0), st(3)), SenseKey.NOT_READY, Asc.VENDOR_DOOR_OPEN);
    expectGood(await bench.run(N, encodeInquiryCdb({ allocationLength: 96 })));
    expectGood(
      await bench.run(
        N,
        encodeReadElementStatusCdb({
          voltag: true,
          elementType: 0,
          startingAddress: 0,
          numberOfElements: 50,
          allocationLength: 5000,
        }),
      ),
    );
  });

  it('raises 06/28/00 for everyone when the door closes, then re-scans (02/04/01) before it is ready again', async () => {
    bench.control.openDoor();
    const taken = bench.control.takeThroughDoor(st(0));
    expect(taken.ok && taken.value.volumeTag).to.equal('D00000L8');
    expect(bench.control.putThroughDoor(A.DT1, { volumeTag: 'HAND01L8' }).ok).to.equal(true);
    expect(bench.control.closeDoor().ok).to.equal(true);
    expectCheck(await bench.tur(N), SenseKey.UNIT_ATTENTION, Asc.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED);
    expectCheck(await bench.tur(N), SenseKey.NOT_READY, Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY);
    const t0 = bench.clock.now();
    await bench.settle();
    const elements = 1 + 10 + 2 + 2;
    expect(bench.clock.now() - t0).to.equal(
      TEST_PERSONALITY.timing.inventoryOverheadMs + elements * TEST_PERSONALITY.timing.inventoryPerElementMs,
    );
    expectGood(await bench.tur(N));
    expectCheck(await bench.tur(M), SenseKey.UNIT_ATTENTION, Asc.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED);
    expect(bench.contents().get(A.DT1)).to.equal('HAND01L8');
    expect(bench.contents().has(st(0))).to.equal(false);
  });

  it('refuses door hands while the door is closed, and door operations on a product without a door', async () => {
    expect(bench.control.takeThroughDoor(st(0))).to.include({ ok: false, code: 'DOOR_CLOSED' });
    const noDoor = new Bench({ ...TEST_PERSONALITY, door: { ...TEST_PERSONALITY.door, present: false } });
    expect(noDoor.control.openDoor()).to.include({ ok: false, code: 'NO_DOOR' });
    noDoor.close();
  });

  it('lets the door open while prevented where the product does not lock it', async () => {
    const b = new Bench({ ...TEST_PERSONALITY, prevent: { ...TEST_PERSONALITY.prevent, locksDoor: false } });
    await b.drainUnitAttentions(N);
    expectGood(await b.run(N, PREVENT));
    expect(b.control.openDoor().ok).to.equal(true);
    b.close();
  });
});
