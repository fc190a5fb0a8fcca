/**
 * PERSISTENT RESERVE IN/OUT in the simulator (docs/smc-reference.md 1.8; sim/commands/persistent-reserve-*.ts):
 * registering, Exclusive Access - Registrants Only shutting out a third nexus while both registrants work, the
 * reservation outliving a nexus and a reset but not a power loss, RELEASE and CLEAR with their unit attentions,
 * the refusals (wrong key, length, APTPL, scope, type, unimplemented service actions), RESERVE(6) against it, and a
 * product without the capability answering 05/20/00.
 */
import { expect } from 'chai';
import {
  Asc,
  decodeReadKeysData,
  decodeReadReservationData,
  encodePersistentReserveInCdb,
  encodePersistentReserveOutCdb,
  encodePrOutParameters,
  PrInAction,
  PrOutAction,
  PrType,
  ScsiStatus,
  SenseKey,
} from '../../../scsi/codec/index.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { st, TEST_PERSONALITY } from '../helpers/test-personality.js';

const A = 'rsm';
const B = 'suite';
const C = 'backup-server';
const KEY = 0x43484742454e4348n;
const EA_RO = PrType.EXCLUSIVE_ACCESS_REGISTRANTS_ONLY;

const out = (
  serviceAction: number,
  key: bigint,
  saKey: bigint,
  type = 0,
  extra: Partial<{ aptpl: boolean; scope: number; length: number }> = {},
) => ({
  cdb: encodePersistentReserveOutCdb({
    serviceAction,
    type,
    scope: extra.scope ?? 0,
    parameterListLength: extra.length ?? 24,
  }),
  data: encodePrOutParameters({ reservationKey: key, serviceActionKey: saKey, aptpl: extra.aptpl ?? false }),
});

describe('sim PERSISTENT RESERVE IN/OUT', () => {
  let bench: Bench;
  const pr = async (nexus: string, o: ReturnType<typeof out>) => bench.run(nexus, o.cdb, o.data);
  const keys = async (nexus: string) => {
    const r = await bench.run(
      nexus,
      encodePersistentReserveInCdb({ serviceAction: PrInAction.READ_KEYS, allocationLength: 1024 }),
    );
    expectGood(r);
    return decodeReadKeysData(r.dataIn);
  };
  const reservation = async (nexus: string) => {
    const r = await bench.run(
      nexus,
      encodePersistentReserveInCdb({ serviceAction: PrInAction.READ_RESERVATION, allocationLength: 24 }),
    );
    expectGood(r);
    return decodeReadReservationData(r.dataIn).reservation;
  };
  const hold = async () => {
    expectGood(await pr(A, out(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0n, KEY)));
    expectGood(await pr(B, out(PrOutAction.REGISTER, 0n, KEY)));
    expectGood(await pr(B, out(PrOutAction.RESERVE, KEY, 0n, EA_RO)));
  };

  beforeEach(async () => {
    bench = new Bench();
    for (const n of [A, B, C]) await bench.drainUnitAttentions(n);
  });
  afterEach(() => bench.close());

  it('registers keys (PRGENERATION counts them) and reads them back', async () => {
    expect(await keys(A)).to.deep.equal({ generation: 0, keys: [] });
    expectGood(await pr(A, out(PrOutAction.REGISTER, 0n, KEY)));
    expectGood(await pr(B, out(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 7n, KEY)));
    expect(await keys(C)).to.deep.equal({ generation: 2, keys: [KEY, KEY] });
    // REGISTER with a wrong current key conflicts; with the right one it changes the key; key 0 unregisters
    expect((await pr(A, out(PrOutAction.REGISTER, 5n, 9n))).status).to.equal(ScsiStatus.RESERVATION_CONFLICT);
    expectGood(await pr(A, out(PrOutAction.REGISTER, KEY, 9n)));
    expectGood(await pr(A, out(PrOutAction.REGISTER, 9n, 0n)));
    expect(await keys(A)).to.deep.equal({ generation: 4, keys: [KEY] });
    expect(await reservation(A)).to.equal(undefined);
  });

  it('Exclusive Access - Registrants Only: a third nexus gets RESERVATION CONFLICT for MOVE MEDIUM, both registrants move', async () => {
    await hold();
    expect(await reservation(C)).to.deep.equal({ key: KEY, scope: 0, type: EA_RO });
    const r = await bench.move(C, st(0), st(3));
    expect(r.status).to.equal(ScsiStatus.RESERVATION_CONFLICT);
    expect(r.sense).to.equal(undefined);
    expectGood(await bench.tur(C)); // exempt as under RESERVE(6) (docs/smc-reference.md 1.7, 1.8)
    expectGood(await bench.move(A, st(0), st(3)));
    expectGood(await bench.move(B, st(3), st(0)));
    // a non-registrant cannot release or clear it
    expect((await pr(C, out(PrOutAction.CLEAR, KEY, 0n))).status).to.equal(ScsiStatus.RESERVATION_CONFLICT);
    expect((await pr(C, out(PrOutAction.RESERVE, KEY, 0n, EA_RO))).status).to.equal(ScsiStatus.RESERVATION_CONFLICT);
  });

  it('outlives the nexus and a reset, ends on a power loss', async () => {
    await hold();
    bench.changer.nexusLost(A);
    bench.changer.nexusLost(B);
    bench.changer.reset('logical-unit');
    await bench.drainUnitAttentions(C);
    expect((await bench.move(C, st(0), st(3))).status).to.equal(ScsiStatus.RESERVATION_CONFLICT);
    bench.changer.core.powerCycle();
    await bench.settle();
    await bench.drainUnitAttentions(C);
    expect(await reservation(C)).to.equal(undefined);
    expect(await keys(C)).to.deep.equal({ generation: 0, keys: [] });
    expectGood(await bench.move(C, st(0), st(3)));
  });

  it('RELEASE by the holder ends it and tells the other registrant (06/2A/04); CLEAR removes every key (06/2A/03)', async () => {
    await hold();
    expectCheck(
      await pr(B, out(PrOutAction.RELEASE, KEY, 0n, PrType.EXCLUSIVE_ACCESS)),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_RELEASE_OF_PERSISTENT_RESERVATION,
    );
    expectGood(await pr(A, out(PrOutAction.RELEASE, KEY, 0n, EA_RO))); // not the holder: nothing changes
    expect(await reservation(A)).to.deep.include({ type: EA_RO });
    expectGood(await pr(B, out(PrOutAction.RELEASE, KEY, 0n, EA_RO)));
    expect(await bench.drainUnitAttentions(A)).to.deep.equal([Asc.RESERVATIONS_RELEASED]);
    expectGood(await bench.move(C, st(0), st(3)));
    expectGood(await pr(A, out(PrOutAction.RESERVE, KEY, 0n, EA_RO)));
    expectGood(await pr(A, out(PrOutAction.CLEAR, KEY, 0n)));
    expect(await bench.drainUnitAttentions(B)).to.deep.equal([Asc.RESERVATIONS_PREEMPTED]);
    expect(await keys(C)).to.deep.include({ keys: [] });
    expectGood(await bench.move(C, st(3), st(0)));
  });

  it('refuses what it does not implement, with the field pointers of SPC-4', async () => {
    expectGood(await pr(A, out(PrOutAction.REGISTER, 0n, KEY)));
    expectCheck(
      await pr(A, out(PrOutAction.REGISTER, 0n, KEY, 0, { length: 16 })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.PARAMETER_LIST_LENGTH_ERROR,
    );
    expectCheck(
      await pr(A, out(PrOutAction.REGISTER, KEY, KEY, 0, { aptpl: true })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_PARAMETER_LIST,
      { cd: false, byte: 20, bit: 0 },
    );
    expectCheck(
      await pr(A, out(PrOutAction.RESERVE, KEY, 0n, EA_RO, { scope: 1 })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_CDB,
      { cd: true, byte: 2, bit: 7 },
    );
    expectCheck(await pr(A, out(PrOutAction.RESERVE, KEY, 0n, 2)), SenseKey.ILLEGAL_REQUEST, Asc.INVALID_FIELD_IN_CDB, {
      cd: true,
      byte: 2,
      bit: 3,
    });
    expectCheck(
      await pr(A, out(PrOutAction.PREEMPT, KEY, KEY, EA_RO)),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_CDB,
      { cd: true, byte: 1, bit: 4 },
    );
    expectCheck(
      await bench.run(
        A,
        encodePersistentReserveInCdb({ serviceAction: PrInAction.READ_FULL_STATUS, allocationLength: 64 }),
      ),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_CDB,
      { cd: true, byte: 1, bit: 4 },
    );
    expect((await pr(C, out(PrOutAction.RESERVE, 0n, 0n, EA_RO))).status).to.equal(ScsiStatus.RESERVATION_CONFLICT);
  });

  it("RESERVE(6) conflicts while keys are registered; PR OUT conflicts under another nexus's RESERVE(6)", async () => {
    expectGood(await bench.run(C, Buffer.from([0x16, 0, 0, 0, 0, 0])));
    expect((await pr(A, out(PrOutAction.REGISTER, 0n, KEY))).status).to.equal(ScsiStatus.RESERVATION_CONFLICT);
    expectGood(await bench.run(C, Buffer.from([0x17, 0, 0, 0, 0, 0])));
    expectGood(await pr(A, out(PrOutAction.REGISTER, 0n, KEY)));
    expect((await bench.run(C, Buffer.from([0x16, 0, 0, 0, 0, 0]))).status).to.equal(ScsiStatus.RESERVATION_CONFLICT);
  });

  it('a product without persistent reservations answers 05/20/00', async () => {
    bench.close();
    bench = new Bench({
      ...TEST_PERSONALITY,
      capabilities: { ...TEST_PERSONALITY.capabilities, persistentReservation: false },
    });
    await bench.drainUnitAttentions(A);
    expectCheck(
      await bench.run(A, encodePersistentReserveInCdb({ serviceAction: PrInAction.READ_KEYS, allocationLength: 64 })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_COMMAND_OPERATION_CODE,
    );
    expectCheck(
      await pr(A, out(PrOutAction.REGISTER, 0n, KEY)),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_COMMAND_OPERATION_CODE,
    );
  });
});
