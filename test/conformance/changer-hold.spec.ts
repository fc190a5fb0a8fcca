/**
 * The hold's commands against the simulator in-process (conformance/harness/target/changer-hold.ts,
 * docs/conformance.md "Holding the changer"): taking it shuts out a third initiator; releasing it ends the reservation
 * and removes only the suite's keys, so a key another initiator registered before the run is still there afterwards
 * (CLEAR would have dropped it); releasing after a power cycle dropped everything still succeeds.
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
  ScsiStatus,
} from '../../scsi/codec/index.js';
import { InMemoryTransport } from '../../scsi/transport/in-memory-transport.js';
import { HOLD_KEY, HOLD_TYPE, releaseHold, takeHold } from '../../conformance/harness/target/changer-hold.js';
import { Bench, expectGood } from '../sim/helpers/bench.js';
import { st } from '../sim/helpers/test-personality.js';

const BACKUP_KEY = 0x4241434b55503031n;

describe('conformance/harness/target/changer-hold: take and release the hold', () => {
  let bench: Bench;
  let rsm: InMemoryTransport;
  let suite: InMemoryTransport;
  const keys = async () => {
    const r = await bench.run(
      'other',
      encodePersistentReserveInCdb({ serviceAction: PrInAction.READ_KEYS, allocationLength: 1024 }),
    );
    expectGood(r);
    return decodeReadKeysData(r.dataIn).keys;
  };
  const reservation = async () => {
    const r = await bench.run(
      'other',
      encodePersistentReserveInCdb({ serviceAction: PrInAction.READ_RESERVATION, allocationLength: 24 }),
    );
    expectGood(r);
    return decodeReadReservationData(r.dataIn).reservation;
  };

  beforeEach(async () => {
    bench = new Bench();
    rsm = new InMemoryTransport(bench.target, { nexus: 'rsm' });
    suite = new InMemoryTransport(bench.target, { nexus: 'suite' });
    for (const n of ['rsm', 'suite', 'other', 'third']) await bench.drainUnitAttentions(n);
  });
  afterEach(() => bench.close());

  it('holds against a third initiator and, released, leaves a key registered before the run in place', async () => {
    const register = {
      cdb: encodePersistentReserveOutCdb({ serviceAction: PrOutAction.REGISTER, parameterListLength: 24 }),
      data: encodePrOutParameters({ reservationKey: 0n, serviceActionKey: BACKUP_KEY }),
    };
    expectGood(await bench.run('other', register.cdb, register.data));

    const fact = await bench.clock.runUntil(takeHold(rsm, suite, 0, undefined));
    expect(fact).to.include({ present: true, source: 'probed' });
    expect(await reservation()).to.deep.include({ key: HOLD_KEY, type: HOLD_TYPE });
    // 'other' is a registrant (its key), so an Exclusive Access - Registrants Only hold lets it in: a third, unregistered nexus is shut out
    expect((await bench.move('third', st(0), st(3))).status).to.equal(ScsiStatus.RESERVATION_CONFLICT);

    expect(await bench.clock.runUntil(releaseHold(rsm, suite, 0))).to.equal(undefined);
    // the other registrant is told the registrants-only reservation was released (06/2A/04), not preempted
    expect(await bench.drainUnitAttentions('other')).to.deep.equal([Asc.RESERVATIONS_RELEASED]);
    expect(await reservation()).to.equal(undefined);
    expect(await keys()).to.deep.equal([BACKUP_KEY]);
    expectGood(await bench.move('third', st(0), st(3)));
  });

  it('releases cleanly after a power cycle dropped the registrations and the reservation', async () => {
    await bench.clock.runUntil(takeHold(rsm, suite, 0, undefined));
    bench.changer.core.powerCycle();
    await bench.settle();
    for (const n of ['rsm', 'suite', 'other']) await bench.drainUnitAttentions(n);
    expect(await bench.clock.runUntil(releaseHold(rsm, suite, 0))).to.equal(undefined);
    expect(await reservation()).to.equal(undefined);
    expect(await keys()).to.deep.equal([]);
  });
});
