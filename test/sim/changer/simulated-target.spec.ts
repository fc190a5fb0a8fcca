import { expect } from 'chai';
import {
  Asc,
  decodeReportLunsData,
  decodeSense,
  decodeStandardInquiry,
  encodeInquiryCdb,
  encodeReportLunsCdb,
  encodeRequestSenseCdb,
  encodeTestUnitReadyCdb,
  ScsiStatus,
  SenseKey,
} from '../../../scsi/codec/index.js';
import { InMemoryTransport } from '../../../scsi/transport/in-memory-transport.js';
import { SimulatedTarget } from '../../../sim/changer/simulated-target.js';
import { Bench, expectCheck, expectGood } from '../helpers/bench.js';
import { st } from '../helpers/test-personality.js';

const N = 'nexus-a';

describe('sim SimulatedTarget', () => {
  let bench: Bench;
  let target: SimulatedTarget;
  const exec = (lun: number, cdb: Buffer) => bench.clock.runUntil(target.execute(N, lun, cdb)).then((r) => r!);

  beforeEach(() => {
    bench = new Bench(undefined, { lun: 3 });
    target = bench.target;
  });
  afterEach(() => bench.close());

  it('hosts the changer at its LUN and reports it in REPORT LUNS from any LUN', async () => {
    expect(target.luns()).to.deep.equal([3]);
    for (const lun of [0, 3, 7])
      expect(
        decodeReportLunsData((await exec(lun, encodeReportLunsCdb({ allocationLength: 64 }))).dataIn),
      ).to.deep.equal([3]);
    expectCheck(
      await exec(3, encodeTestUnitReadyCdb()),
      SenseKey.UNIT_ATTENTION,
      Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED,
    );
  });

  it('refuses to host a changer whose REPORT LUNS would list other LUNs than its own', () => {
    expect(() => new SimulatedTarget(bench.changer, { lun: 0 })).to.throw(
      RangeError,
      'a changer hosted at LUN 0 must list [0] in REPORT LUNS, not [3]',
    );
  });

  it('answers INQUIRY to a LUN without a unit with qualifier 011b, type 1Fh', async () => {
    const d = decodeStandardInquiry((await exec(0, encodeInquiryCdb({ allocationLength: 96 }))).dataIn);
    expect([d.peripheralQualifier, d.deviceType]).to.deep.equal([3, 0x1f]);
  });

  it('answers other commands to a LUN without a unit with 05/25/00 (REQUEST SENSE as data)', async () => {
    expectCheck(await exec(0, encodeTestUnitReadyCdb()), SenseKey.ILLEGAL_REQUEST, Asc.LOGICAL_UNIT_NOT_SUPPORTED);
    const rs = await exec(0, encodeRequestSenseCdb({ allocationLength: 18 }));
    expect(rs.status).to.equal(ScsiStatus.GOOD);
    const s = decodeSense(rs.dataIn);
    expect([s.key, s.asc, s.ascq]).to.deep.equal([5, 0x25, 0]);
    expectCheck(
      await exec(0, encodeReportLunsCdb({ allocationLength: 64, control: 0x04 })),
      SenseKey.ILLEGAL_REQUEST,
      Asc.INVALID_FIELD_IN_CDB,
      { cd: true, byte: 11, bit: 2 },
    );
  });

  it('serves an in-memory transport end to end, and releases prevent state when the link drops', async () => {
    const host = new InMemoryTransport(target, { nexus: 'host-1' });
    const run = (cdb: Buffer) =>
      bench.clock.runUntil(host.execute({ lun: 3, cdb, allocationLength: 255 })).then((r) => r!);
    expect((await run(encodeTestUnitReadyCdb())).status).to.equal(ScsiStatus.CHECK_CONDITION);
    expect((await run(Buffer.from([0x1e, 0, 0, 0, 1, 0]))).status).to.equal(ScsiStatus.GOOD);
    expect((await run(Buffer.from([0xa5, 0, 0, 0, 0x10, 0x00, 0x10, 0x03, 0, 0, 0, 0]))).status).to.equal(
      ScsiStatus.GOOD,
    );
    expect(bench.contents().get(st(3))).to.equal('D00000L8');
    expect(bench.control.status().prevent.holders).to.deep.equal(['host-1']);
    host.disconnect();
    expect(bench.control.status().prevent.holders).to.deep.equal([]);
  });

  it('passes LOGICAL UNIT RESET for its LUN only and CLEAR TASK SET with 06/2F/00 for the others', async () => {
    await bench.clock.runUntil(target.execute('other', 3, encodeTestUnitReadyCdb()));
    await bench.drainUnitAttentions(N);
    expectGood(await exec(3, Buffer.from([0x1e, 0, 0, 0, 1, 0])));
    target.taskManagement(N, 'logical-unit-reset', 0);
    expect(bench.control.status().prevent.holders).to.deep.equal([N]);
    target.taskManagement(N, 'logical-unit-reset', 3);
    expect(bench.control.status().prevent.holders).to.deep.equal([]);
    await bench.drainUnitAttentions(N);
    await bench.drainUnitAttentions('other');
    const moving = target.execute(N, 3, Buffer.from([0xa5, 0, 0, 0, 0x10, 0x00, 0x10, 0x03, 0, 0, 0, 0]));
    const queued = target.execute('other', 3, Buffer.from([0xa5, 0, 0, 0, 0x10, 0x01, 0x10, 0x04, 0, 0, 0, 0]));
    await bench.clock.advanceBy(1);
    target.taskManagement(N, 'clear-task-set', 3);
    expect((await bench.clock.runUntil(queued))!.status).to.equal(ScsiStatus.TASK_ABORTED);
    expectGood((await bench.clock.runUntil(moving))!);
    expectCheck(
      await bench.clock.runUntil(target.execute('other', 3, encodeTestUnitReadyCdb())).then((r) => r!),
      SenseKey.UNIT_ATTENTION,
      Asc.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR,
    );
  });
});
