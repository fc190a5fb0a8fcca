/**
 * SgTransport over the fake kernel (no kernel needed): the time-out each command class hands the kernel and the URL
 * overrides, a kernel time-out and the watchdog as ETIMEDOUT naming the command and the duration, commands in
 * flight at once, a vanished device (ENODEV, ENXIO) ending the transport while another errno does not, close()
 * with a command in the kernel, and the refusals of commands SG_IO cannot carry.
 * Spec: scsi/transport/sg/sg-transport.ts, sg-timeouts.ts; Linux drivers/scsi/ch.c (timeout_move 300 s,
 * timeout_init 3600 s); scsi/transport/scsi-transport.ts (ECLOSED after close()).
 */
import { expect } from 'chai';
import { VirtualClock } from '../../../../common/clock/clock.js';
import { encodeInitializeElementStatusCdb, encodeModeSelect6Cdb, ScsiStatus } from '../../../../scsi/codec/index.js';
import {
  DEFAULT_SG_TIMEOUTS,
  openSgTransport,
  parseSgUrl,
  SG_WATCHDOG_GRACE_MS,
  SgDxfer,
  SgTransport,
} from '../../../../scsi/transport/sg/index.js';
import {
  FAKE_MAX_TRANSFER,
  FakeSgKernel,
  KERNEL_SENSE_BUFFER_SIZE,
  ReportingSgKernel,
} from '../../../support/fake-sg-kernel.js';
import { createSimulatedBackend, type SimulatedBackend } from '../contract/contract-harness.js';
import { Cdb, expectGood, expectTransportError, run, takeUnitAttentions } from '../contract/contract-commands.js';

interface Rig {
  readonly sim: SimulatedBackend;
  readonly kernel: FakeSgKernel;
  readonly transport: SgTransport;
  readonly fd: number;
}

const rigs: Rig[] = [];

/** A simulated TS3100 behind /dev/sg1 of a fake kernel whose time-outs run on the simulator's clock. */
function rig(url = 'sg:/dev/sg1', options: { kernelClock?: boolean; transportClock?: VirtualClock } = {}): Rig {
  const sim = createSimulatedBackend('ibm-ts3100');
  const kernel = new FakeSgKernel(options.kernelClock === false ? undefined : sim.clock);
  const parsed = parseSgUrl(url);
  kernel.addSgNode(parsed.path, sim.target);
  const fd = kernel.open(parsed.path);
  const transport = new SgTransport({ driver: kernel, fd, url: parsed, clock: options.transportClock ?? sim.clock });
  const r = { sim, kernel, transport, fd };
  rigs.push(r);
  return r;
}

/** A full and an empty storage slot of the simulator. */
function moveAddresses(sim: SimulatedBackend): [number, number] {
  const storage = sim.changer.control.status().elements.filter((e) => e.type === 'storage' && e.accessible);
  const from = storage.find((e) => e.cartridge !== null)?.address ?? expect.fail('a full slot');
  const to = storage.find((e) => e.cartridge === null)?.address ?? expect.fail('an empty slot');
  return [from, to];
}

describe('SgTransport over a fake kernel', () => {
  afterEach(async () => {
    for (const r of rigs.splice(0)) {
      await r.transport.close();
      r.sim.changer.close();
    }
  });

  it('gives the kernel each class its time-out: ch driver figures by default, the URL overrides', async () => {
    for (const [url, expected] of [
      ['sg:/dev/sg1', { quick: 20_000, move: 300_000, init: 3_600_000, other: 300_000 }],
      [
        'sg:/dev/sg1?timeout-move=600&timeout-quick=2.5&timeout-init=7200&timeout-other=90',
        { quick: 2_500, move: 600_000, init: 7_200_000, other: 90_000 },
      ],
    ] as const) {
      const { kernel, transport } = rig(url);
      kernel.interpose = () => ({ reply: { resid: 0, info: 0 } });
      const cdbs = [
        Cdb.testUnitReady(),
        Cdb.inquiry(36),
        Cdb.moveMedium(1, 2),
        encodeInitializeElementStatusCdb(),
        Cdb.readElementStatus(2, 0, 1, 64),
        Cdb.preventRemoval(true),
      ];
      for (const cdb of cdbs) await run(transport, cdb, 0);
      expect(kernel.seen.map((c) => c.timeoutMs)).to.deep.equal([
        expected.quick,
        expected.quick,
        expected.move,
        expected.init,
        expected.other,
        expected.other,
      ]);
      await transport.close();
    }
    expect(DEFAULT_SG_TIMEOUTS).to.deep.equal({ quick: 20_000, move: 300_000, init: 3_600_000, other: 300_000 });
  });

  it('reports a kernel time-out as ETIMEDOUT naming the command and how long, then carries on', async () => {
    const { sim, kernel, transport } = rig('sg:/dev/sg1?timeout-move=5');
    await takeUnitAttentions(transport);
    kernel.interpose = (c) => (c.cdb[0] === 0xa5 ? 'hang' : undefined);
    const move = run(transport, Cdb.moveMedium(...moveAddresses(sim)));
    move.catch(() => undefined);
    await sim.clock.advanceBy(5_000);
    const e = await expectTransportError(move, ['ETIMEDOUT'], 'the MOVE MEDIUM the target never answered');
    expect(e.message).to.equal('MOVE MEDIUM (a5h) on sg:/dev/sg1?timeout-move=5: timed out after 5 s (DID_TIME_OUT)');
    expectGood(await run(transport, Cdb.testUnitReady()), 'the next command');
  });

  it('gives up on an ioctl the kernel never returns one minute after its time-out (the watchdog)', async () => {
    const watch = new VirtualClock();
    const { kernel, transport } = rig('sg:/dev/sg1?timeout-quick=2', { kernelClock: false, transportClock: watch });
    kernel.interpose = () => 'hang';
    const tur = run(transport, Cdb.testUnitReady());
    tur.catch(() => undefined);
    await watch.advanceBy(2_000 + SG_WATCHDOG_GRACE_MS - 1);
    let settled = false;
    void tur.then(
      () => (settled = true),
      () => (settled = true),
    );
    await watch.advanceBy(0);
    expect(settled, 'not before the grace has passed').to.equal(false);
    await watch.advanceBy(1);
    const e = await expectTransportError(tur, ['ETIMEDOUT'], 'the TEST UNIT READY stuck in the kernel');
    expect(e.message).to.equal(
      'TEST UNIT READY (00h) on sg:/dev/sg1?timeout-quick=2: timed out after 2 s and the kernel had not returned it 60 s later',
    );
    kernel.interpose = () => undefined;
    expectGood(await run(transport, Cdb.inquiry(36), 36), 'a later command');
  });

  it('has several commands in flight: TEST UNIT READY and INQUIRY answer while a MOVE MEDIUM is in the kernel', async () => {
    const { sim, kernel, transport } = rig();
    await takeUnitAttentions(transport);
    const [from, to] = moveAddresses(sim);
    const move = run(transport, Cdb.moveMedium(from, to));
    await sim.clock.runUntil(() => sim.changer.control.status().robot.busy);
    const [tur, inq] = await Promise.all([run(transport, Cdb.testUnitReady()), run(transport, Cdb.inquiry(36), 36)]);
    expectGood(tur, 'TEST UNIT READY during the move');
    expectGood(inq, 'INQUIRY during the move');
    expect(kernel.seen.map((c) => c.cdb[0])).to.include.members([0xa5, 0x00, 0x12]);
    await sim.clock.runUntil(sim.changer.whenSettled());
    expectGood(await move, 'the MOVE MEDIUM');
    expect(sim.changer.control.status().elements.find((e) => e.address === to)?.cartridge).to.not.equal(null);
  });

  it('ends the transport when the device vanishes (ENODEV): the commands in flight and every later one', async () => {
    const { sim, kernel, transport } = rig();
    await takeUnitAttentions(transport);
    kernel.interpose = (c) => (c.cdb[0] === 0x00 ? 'hang' : undefined);
    const move = run(transport, Cdb.moveMedium(...moveAddresses(sim)));
    const tur = run(transport, Cdb.testUnitReady());
    for (const p of [move, tur]) p.catch(() => undefined);
    await sim.clock.runUntil(() => sim.changer.control.status().robot.busy);
    kernel.remove('/dev/sg1');
    const e = await expectTransportError(move, ['ENODEV'], 'the MOVE MEDIUM in flight');
    expect(e.message).to.equal('MOVE MEDIUM (a5h) on sg:/dev/sg1: the device is gone (ENODEV: no such device)');
    await expectTransportError(tur, ['ENODEV'], 'the TEST UNIT READY in flight');
    kernel.interpose = () => undefined;
    const later = await expectTransportError(run(transport, Cdb.inquiry(36), 36), ['ENODEV'], 'a later INQUIRY');
    expect(later.message, 'the first loss is what later commands report').to.equal(e.message);
  });

  it('treats ENXIO from SG_IO as the device gone too, and another errno (EIO) as one failed command', async () => {
    const { kernel, transport } = rig();
    kernel.interpose = () => ({ errno: 'EIO' });
    const eio = await expectTransportError(
      run(transport, Cdb.testUnitReady()),
      ['EIO'],
      'TEST UNIT READY failing with EIO',
    );
    expect(eio.message).to.equal('TEST UNIT READY (00h) on sg:/dev/sg1: SG_IO failed with EIO');
    kernel.interpose = () => undefined;
    await takeUnitAttentions(transport);
    kernel.interpose = () => ({ errno: 'ENXIO' });
    await expectTransportError(run(transport, Cdb.testUnitReady()), ['ENXIO'], 'TEST UNIT READY failing with ENXIO');
    kernel.interpose = () => undefined;
    await expectTransportError(run(transport, Cdb.testUnitReady()), ['ENXIO'], 'the next command after ENXIO');
  });

  it('on close() rejects commands in flight with ECLOSED and closes the descriptor once the kernel returned them', async () => {
    const { sim, kernel, transport, fd } = rig();
    await takeUnitAttentions(transport);
    const move = run(transport, Cdb.moveMedium(...moveAddresses(sim)));
    move.catch(() => undefined);
    await sim.clock.runUntil(() => sim.changer.control.status().robot.busy);
    await transport.close();
    await expectTransportError(move, ['ECLOSED'], 'the MOVE MEDIUM in flight at close()');
    expect(kernel.openFds, 'the ioctl still holds the descriptor').to.include(fd);
    await sim.clock.runUntil(sim.changer.whenSettled());
    await sim.clock.runUntil(() => !kernel.openFds.includes(fd));
    expect(kernel.closed).to.deep.equal([fd]);
    await expectTransportError(run(transport, Cdb.testUnitReady()), ['ECLOSED'], 'after close()');
    await transport.close();
    expect(kernel.closed, 'closed once').to.deep.equal([fd]);
  });

  it("builds data-in buffers no larger than the node carries: the kernel's figure, the URL's, or unlimited", async () => {
    const sim = createSimulatedBackend('ibm-ts3100');
    try {
      const kernel = new ReportingSgKernel(sim.clock);
      kernel.addSgNode('/dev/sg1', sim.target, { maxTransfer: FAKE_MAX_TRANSFER });
      kernel.addSgNode('/dev/sch0', sim.target);
      const sg = await openSgTransport('sg:/dev/sg1', { driver: kernel });
      const small = await openSgTransport('sg:/dev/sg1?max-transfer=65536', { driver: kernel });
      const ch = await openSgTransport('sg:/dev/sch0', { driver: kernel });
      expect([sg.maxTransferLength, small.maxTransferLength, ch.maxTransferLength]).to.deep.equal([
        FAKE_MAX_TRANSFER,
        65_536,
        undefined,
      ]);
      await takeUnitAttentions(sg);
      const all = Cdb.readElementStatus(0, 0, 0xffff, 0xffffff);
      const r = await run(sg, all, 0xffffff);
      expectGood(r, 'READ ELEMENT STATUS with the largest allocation length');
      expect(kernel.seen.at(-1)?.dxferLen, 'the buffer the kernel was given').to.equal(FAKE_MAX_TRANSFER);
      expect(r.dataIn.length).to.be.above(0).and.below(FAKE_MAX_TRANSFER);
      const big = await openSgTransport('sg:/dev/sg1?max-transfer=16000000', { driver: kernel });
      const e = await expectTransportError(run(big, all, 0xffffff), ['ENOMEM'], 'a buffer above what the node carries');
      expect(e.message).to.equal(
        'READ ELEMENT STATUS (b8h) on sg:/dev/sg1?max-transfer=16000000: SG_IO refused a 16000000-byte data buffer (ENOMEM): the HBA or the sg driver carries less in one command; give a smaller ?max-transfer=BYTES',
      );
      for (const t of [sg, small, ch, big]) await t.close();
    } finally {
      sim.changer.close();
    }
  });

  it('sends data-out as SG_DXFER_TO_DEV, and refuses what SG_IO cannot carry before the kernel sees it', async () => {
    const { kernel, transport } = rig();
    await takeUnitAttentions(transport);
    const parameters = Buffer.alloc(4);
    const r = await transport.execute({
      lun: 0,
      cdb: encodeModeSelect6Cdb({ pf: true, parameterListLength: 4 }),
      dataOut: parameters,
      allocationLength: 0,
    });
    expect([ScsiStatus.GOOD, ScsiStatus.CHECK_CONDITION]).to.include(r.status);
    const sent = kernel.seen.at(-1);
    expect([sent?.dxferDirection, sent?.dxferLen]).to.deep.equal([SgDxfer.TO_DEV, 4]);
    const before = kernel.seen.length;
    await expectTransportError(
      transport.execute({ lun: 1, cdb: Cdb.testUnitReady(), allocationLength: 0 }),
      ['EINVAL'],
      'LUN 1',
    );
    await expectTransportError(
      transport.execute({ lun: 0, cdb: Buffer.alloc(4), allocationLength: 0 }),
      ['EINVAL'],
      'a 4-byte CDB',
    );
    await expectTransportError(
      transport.execute({ lun: 0, cdb: Cdb.inquiry(36), dataOut: parameters, allocationLength: 36 }),
      ['ENOTSUP'],
      'data both ways',
    );
    expect(kernel.seen.length, 'none reached the kernel').to.equal(before);
  });
  it('returns sense as the kernel writes it: at most 96 bytes (SCSI_SENSE_BUFFERSIZE) whatever mx_sb_len asks, data cut by resid', async () => {
    const kernel = new FakeSgKernel();
    const longSense = Buffer.alloc(120, 0x11);
    longSense[0] = 0x70;
    kernel.addSgNode('/dev/sg2', {
      execute: async (_n, _l, cdb) =>
        cdb[0] === 0x12
          ? { status: ScsiStatus.GOOD, dataIn: Buffer.alloc(10, 0x22) }
          : { status: ScsiStatus.CHECK_CONDITION, dataIn: Buffer.alloc(0), sense: longSense },
      luns: () => [0],
      taskManagement: () => undefined,
      nexusLost: () => undefined,
    });
    const transport = new SgTransport({ driver: kernel, fd: kernel.open('/dev/sg2'), url: parseSgUrl('sg:/dev/sg2') });
    try {
      const check = await transport.execute({ lun: 0, cdb: Buffer.alloc(6), allocationLength: 0 });
      expect(check.status).to.equal(ScsiStatus.CHECK_CONDITION);
      expect(check.senseData, 'sb_len_wr is capped at 96 although mx_sb_len is 252').to.deep.equal(
        longSense.subarray(0, KERNEL_SENSE_BUFFER_SIZE),
      );
      const inquiry = await transport.execute({
        lun: 0,
        cdb: Buffer.from([0x12, 0, 0, 0, 96, 0]),
        allocationLength: 96,
      });
      expect(inquiry.dataIn, 'resid 86 of a 96-byte buffer: 10 bytes').to.deep.equal(Buffer.alloc(10, 0x22));
    } finally {
      await transport.close();
    }
  });
});
