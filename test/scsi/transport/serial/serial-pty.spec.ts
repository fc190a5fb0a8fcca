import { expect } from 'chai';
import { ScsiStatus } from '../../../../scsi/codec/status.js';
import { SenseKey } from '../../../../scsi/codec/sense-codes.js';
import { TransportError } from '../../../../scsi/transport/scsi-transport.js';
import { SerialInitiator } from '../../../../scsi/transport/serial/serial-initiator.js';
import { SerialTarget } from '../../../../scsi/transport/serial/serial-target.js';
import { Cdbs, FakeChanger, INQUIRY_DATA, elementStatusPattern } from './support/fake-changer.js';
import { rejectionOf } from './support/drive.js';
import { PtyPair, socatMissingReason, waitFor } from '../../../support/pty-pair.js';

const skipReason = socatMissingReason();
const MB = 1024 * 1024;

describe(`serial transport over a real PTY pair made by socat${skipReason ? ` [${skipReason}]` : ''}`, function () {
  this.timeout(60_000);
  let pty: PtyPair | undefined;
  let target: SerialTarget | undefined;
  let initiators: SerialInitiator[] = [];
  let backend: FakeChanger;

  before(function () {
    if (skipReason) this.skip();
  });

  beforeEach(async () => {
    backend = new FakeChanger(MB);
    pty = await PtyPair.start();
  });

  afterEach(async () => {
    // clean up whatever the test left, in an order that cannot leave socat or a port behind
    for (const i of initiators) await i.close().catch(() => undefined);
    initiators = [];
    await target?.close().catch(() => undefined);
    target = undefined;
    await pty?.stop();
    pty = undefined;
  });

  const openTarget = async (extra: { reopenMs?: number; pace?: boolean } = {}): Promise<SerialTarget> => {
    target = await SerialTarget.open({ path: pty!.b, baudRate: 115200, backend, portName: 'pty', ...extra });
    return target;
  };
  const openInitiator = async (name = 'host-a', query = ''): Promise<SerialInitiator> => {
    const i = await SerialInitiator.open(`serial:${pty!.a}?baud=115200&lun=0&name=${name}${query}`);
    initiators.push(i);
    return i;
  };

  it('serves TEST UNIT READY, INQUIRY, CHECK CONDITION, truncation and a 1 MB data-in end to end', async () => {
    await openTarget();
    const i = await openInitiator();
    expect(i.nexus).to.equal('serial:host-a@pty');
    expect(i.description).to.equal(`serial:${pty!.a}?baud=115200&lun=0`);

    const ua = await i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 });
    expect([ua.status, ua.senseData?.[2]]).to.deep.equal([ScsiStatus.CHECK_CONDITION, SenseKey.UNIT_ATTENTION]);
    expect((await i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 })).status).to.equal(
      ScsiStatus.GOOD,
    );

    expect((await i.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 36 })).dataIn).to.deep.equal(
      INQUIRY_DATA,
    );
    const cut = await i.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 8 });
    expect([cut.dataIn.length, cut.residualOverflow]).to.deep.equal([8, 28]);

    const bad = await i.execute({ lun: 0, cdb: Cdbs.unknown(), allocationLength: 0 });
    expect([bad.status, bad.senseData?.[2], bad.senseData?.[12]]).to.deep.equal([
      ScsiStatus.CHECK_CONDITION,
      SenseKey.ILLEGAL_REQUEST,
      0x20,
    ]);

    const big = await i.execute({ lun: 0, cdb: Cdbs.readElementStatus(MB), allocationLength: MB });
    expect(big.dataIn.length).to.equal(MB);
    expect(big.dataIn.equals(elementStatusPattern(MB))).to.equal(true);
    expect((i.stats().bytesIn - MB) / MB).to.be.below(0.05);
  });

  it('connects when the initiator starts before the target (HELLO repeated or prompted by READY)', async () => {
    const opening = SerialInitiator.open({
      path: pty!.a,
      baudRate: 115200,
      initiatorName: 'early',
      helloIntervalMs: 60_000,
    });
    await openTarget();
    const i = await opening;
    initiators.push(i);
    expect((await i.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 36 })).status).to.equal(ScsiStatus.GOOD);
  });

  it('works with pacing on both ends', async () => {
    await openTarget({ pace: true });
    const i = await openInitiator('paced', '&pace=1');
    const r = await i.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 36 });
    expect(r.dataIn).to.deep.equal(INQUIRY_DATA);
  });

  it('on connection loss rejects pending and later commands; the target keeps running and serves again', async () => {
    const t = await openTarget({ reopenMs: 50 });
    const events: string[] = [];
    t.on('line-lost', () => events.push('line-lost'));
    t.on('line-open', () => events.push('line-open'));
    const i = await openInitiator();
    await i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 }); // the unit attention
    backend.hold();
    const pending = rejectionOf(i.execute({ lun: 0, cdb: Cdbs.held(), allocationLength: 0 }));
    await waitFor(() => backend.calls.length === 2, 'the held command to reach the backend');

    await pty!.kill();
    const error = await pending;
    expect(error).to.be.instanceOf(TransportError);
    expect(['ECONNRESET', 'ECLOSED']).to.include(error.code);
    const later = await rejectionOf(i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 }));
    expect(['ECONNRESET', 'ECLOSED']).to.include(later.code);
    await waitFor(() => events.includes('line-lost'), 'the target to notice');
    expect(backend.lost).to.deep.equal(['serial:host-a@pty']);
    backend.release();

    // the same links come back (a new socat): the target reopens its path by itself and serves a new initiator
    pty = await PtyPair.start(pty!.dir);
    await waitFor(() => events.filter((e) => e === 'line-open').length === 1, 'the target to reopen its port');
    const again = await openInitiator('host-b');
    expect((await again.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 36 })).status).to.equal(
      ScsiStatus.GOOD,
    );
    expect(t.stats().linesLost).to.equal(1);
  });

  it('rejects open() with ECONNREFUSED for a device that does not exist', async () => {
    const error = await rejectionOf(SerialInitiator.open(`serial:${pty!.dir}/no-such-tty?baud=115200`));
    expect(error.code).to.equal('ECONNREFUSED');
  });
});
