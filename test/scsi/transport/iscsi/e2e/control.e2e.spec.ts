import { expect } from 'chai';
import { VirtualClock } from '../../../../../common/clock/clock.js';
import { TmfResponse } from '../../../../../scsi/transport/iscsi/index.js';
import { decodeNopIn } from '../../../../../scsi/transport/iscsi/pdu/nop.js';
import { TransportError } from '../../../../../scsi/transport/scsi-transport.js';
import { FakeBackend } from '../support/fake-backend.js';
import { RawSession } from '../support/raw-session.js';
import { Cdb, TARGET_NAME, TargetFixture, eventually } from '../support/target-fixture.js';
import { TcpProxy } from '../support/tcp-proxy.js';

async function transportError(p: Promise<unknown>): Promise<TransportError> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(TransportError);
    return err as TransportError;
  }
  expect.fail('expected a TransportError');
}

const tur = { lun: 0, cdb: Cdb.testUnitReady(), allocationLength: 0 } as const;
const senseCode = (r: { senseData?: Buffer }) => [r.senseData?.[2], r.senseData?.[12], r.senseData?.[13]];

describe('iscsi end to end: NOP, task management, logout, sessions, connection loss', function () {
  let fixture: TargetFixture;
  let proxy: TcpProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    await fixture.close();
  });

  it('answers NOP-Out pings and answers the target NOP-In pings', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect();
    expect((await initiator.ping(Buffer.from('are you there'))).toString()).to.equal('are you there');
    const tsih = fixture.target.sessions()[0]!.tsih;
    expect((await fixture.target.ping(tsih, Buffer.from('and you?'))).toString()).to.equal('and you?');
    expect(initiator.nopInAnswered).to.equal(1);
    expect((await initiator.execute(tur)).status).to.equal(0);
  });

  it('pings idle sessions on an interval and keeps those that answer', async () => {
    const clock = new VirtualClock();
    fixture = await TargetFixture.start({ clock, nopInIntervalMs: 1000, nopInTimeoutMs: 500 });
    const initiator = await fixture.connect();
    await clock.advanceBy(1000);
    await eventually(() => initiator.nopInAnswered === 1, 'the first keepalive answered');
    await clock.advanceBy(1000);
    await eventually(() => initiator.nopInAnswered === 2, 'the second keepalive answered');
    expect(fixture.target.sessions()).to.have.length(1);
    expect((await initiator.execute(tur)).status).to.equal(0);
  });

  it('drops a session whose NOP-In ping goes unanswered', async () => {
    const clock = new VirtualClock();
    fixture = await TargetFixture.start({ clock, nopInIntervalMs: 1000, nopInTimeoutMs: 500 });
    const raw = await RawSession.connect(fixture.port);
    try {
      await raw.login();
      await clock.advanceBy(1000);
      const ping = await raw.next();
      expect(ping && decodeNopIn(ping)).to.include({ initiatorTaskTag: 0xffffffff });
      await clock.advanceBy(500);
      await raw.untilClosed();
      await eventually(() => fixture.target.sessions().length === 0, 'the session to end');
      expect(fixture.backend.lostNexuses).to.have.length(1);
    } finally {
      raw.close();
    }
  });

  it('aborts a running command with ABORT TASK (AbortSignal) and keeps the session usable', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect();
    const controller = new AbortController();
    const move = transportError(
      initiator.execute({ lun: 0, cdb: Cdb.moveMedium(), allocationLength: 0 }, { signal: controller.signal }),
    );
    await eventually(() => fixture.backend.movesWaiting === 1, 'MOVE MEDIUM to reach the backend');
    controller.abort();
    expect((await move).code).to.equal('EABORTED');
    expect(fixture.backend.tmfCalls).to.deep.equal([
      { nexus: fixture.target.sessions()[0]!.nexus, fn: 'abort-task', lun: 0 },
    ]);
    fixture.backend.releaseMoves();
    expect((await initiator.execute(tur)).status).to.equal(0);
  });

  it('times a command out (ETIMEDOUT) and aborts it at the target', async () => {
    const clock = new VirtualClock();
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect({ clock });
    const move = transportError(
      initiator.execute({ lun: 0, cdb: Cdb.moveMedium(), allocationLength: 0 }, { timeoutMs: 60_000 }),
    );
    await eventually(() => fixture.backend.movesWaiting === 1, 'MOVE MEDIUM to reach the backend');
    await clock.advanceBy(60_000);
    expect((await move).code).to.equal('ETIMEDOUT');
    await eventually(() => fixture.backend.tmfCalls.length === 1, 'ABORT TASK at the backend');
    expect(fixture.backend.tmfCalls[0]?.fn).to.equal('abort-task');
  });

  it('LOGICAL UNIT RESET reaches the backend, clears prevent state and raises unit attentions on every nexus', async () => {
    fixture = await TargetFixture.start();
    const a = await fixture.connect({ initiatorName: 'iqn.2026-01.org.example:a' });
    const b = await fixture.connect({ initiatorName: 'iqn.2026-01.org.example:b' });
    await a.execute({ lun: 0, cdb: Cdb.prevent(true), allocationLength: 0 });
    await b.execute(tur);
    const [nexusA, nexusB] = fixture.target.sessions().map((s) => s.nexus);
    expect(fixture.backend.prevented(nexusA!)).to.equal(true);
    expect(await a.taskManagement('logical-unit-reset', 0)).to.equal(TmfResponse.FUNCTION_COMPLETE);
    expect(fixture.backend.tmfCalls).to.deep.equal([{ nexus: nexusA, fn: 'logical-unit-reset', lun: 0 }]);
    expect(fixture.backend.prevented(nexusA!)).to.equal(false);
    expect(senseCode(await a.execute(tur))).to.deep.equal([6, 0x29, 0]);
    expect(senseCode(await b.execute(tur))).to.deep.equal([6, 0x29, 0]);
    expect(nexusB).to.not.equal(nexusA);
  });

  it('passes TARGET WARM RESET to the backend and refuses a reset of a missing LUN', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect();
    expect(await initiator.taskManagement('target-warm-reset')).to.equal(TmfResponse.FUNCTION_COMPLETE);
    expect(fixture.backend.tmfCalls.map((c) => [c.fn, c.lun])).to.deep.equal([['target-warm-reset', undefined]]);
    expect(await initiator.taskManagement('logical-unit-reset', 9)).to.equal(TmfResponse.LUN_DOES_NOT_EXIST);
  });

  it('fails the commands a LUN reset terminated with EABORTED', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect();
    const move = transportError(initiator.execute({ lun: 0, cdb: Cdb.moveMedium(), allocationLength: 0 }));
    await eventually(() => fixture.backend.movesWaiting === 1, 'MOVE MEDIUM to reach the backend');
    expect(await initiator.taskManagement('logical-unit-reset')).to.equal(0);
    expect((await move).code).to.equal('EABORTED');
  });

  it('logs out: the backend loses the nexus and later commands fail with ECLOSED', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect();
    await initiator.execute(tur);
    const nexus = fixture.target.sessions()[0]!.nexus;
    await initiator.logout();
    expect(fixture.backend.lostNexuses).to.deep.equal([nexus]);
    expect(fixture.target.sessions()).to.have.length(0);
    expect((await transportError(initiator.execute(tur))).code).to.equal('ECLOSED');
  });

  it('keeps two sessions apart, each its own I_T nexus for prevent state', async () => {
    fixture = await TargetFixture.start();
    const a = await fixture.connect({
      initiatorName: 'iqn.2026-01.org.example:same',
      isid: Buffer.from('800000010000', 'hex'),
    });
    const b = await fixture.connect({
      initiatorName: 'iqn.2026-01.org.example:same',
      isid: Buffer.from('800000020000', 'hex'),
    });
    await a.execute({ lun: 0, cdb: Cdb.prevent(true), allocationLength: 0 });
    await b.execute(tur);
    const nexuses = fixture.target.sessions().map((s) => s.nexus);
    expect(nexuses).to.deep.equal([
      `iqn.2026-01.org.example:same,i,0x800000010000,${TARGET_NAME},t,0x0001`,
      `iqn.2026-01.org.example:same,i,0x800000020000,${TARGET_NAME},t,0x0001`,
    ]);
    expect(nexuses.map((n) => fixture.backend.prevented(n))).to.deep.equal([true, false]);
  });

  it('reinstates a session logged in again with the same initiator name and ISID', async () => {
    fixture = await TargetFixture.start();
    const isid = Buffer.from('80abcdef0000', 'hex');
    const old = await fixture.connect({ isid });
    const fresh = await fixture.connect({ isid });
    expect(fixture.target.sessions()).to.have.length(1);
    expect(fixture.backend.lostNexuses).to.have.length(1);
    expect((await transportError(old.execute(tur))).code).to.equal('ECONNRESET');
    expect((await fresh.execute(tur)).status).to.equal(0);
  });

  it('turns a lost connection into ECONNRESET for outstanding and later commands while other sessions go on', async () => {
    fixture = await TargetFixture.start();
    proxy = await TcpProxy.start(fixture.port);
    const survivor = await fixture.connect({ initiatorName: 'iqn.2026-01.org.example:survivor' });
    const victim = await fixture.connect({ port: proxy.port, initiatorName: 'iqn.2026-01.org.example:victim' });
    const move = transportError(victim.execute({ lun: 0, cdb: Cdb.moveMedium(), allocationLength: 0 }));
    await eventually(() => fixture.backend.movesWaiting === 1, 'MOVE MEDIUM to reach the backend');
    const victimNexus = fixture.target.sessions().find((s) => s.initiatorName.endsWith('victim'))!.nexus;
    proxy.cut();
    expect((await move).code).to.equal('ECONNRESET');
    expect((await transportError(victim.execute(tur))).code).to.equal('ECONNRESET');
    await eventually(() => fixture.backend.lostNexuses.includes(victimNexus), 'the target to notice the loss');
    fixture.backend.releaseMoves();
    expect((await survivor.execute(tur)).status).to.equal(0);
    expect(fixture.target.sessions().map((s) => s.initiatorName)).to.deep.equal(['iqn.2026-01.org.example:survivor']);
  });

  it('rejects commands after close() with ECLOSED, and outstanding ones too', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect();
    const move = transportError(initiator.execute({ lun: 0, cdb: Cdb.moveMedium(), allocationLength: 0 }));
    await eventually(() => fixture.backend.movesWaiting === 1, 'MOVE MEDIUM to reach the backend');
    const closing = initiator.close();
    expect((await move).code).to.equal('ECLOSED');
    await closing;
    expect((await transportError(initiator.execute(tur))).code).to.equal('ECLOSED');
  });

  it('serves the changer at a configured LUN: REPORT LUNS lists it, LUN 0 reads as not present', async () => {
    fixture = await TargetFixture.start({}, new FakeBackend([3]));
    const initiator = await fixture.connect({}, 3);
    const luns = await initiator.execute({ lun: 0, cdb: Cdb.reportLuns(64), allocationLength: 64 });
    expect(luns.dataIn.toString('hex')).to.equal('0000000800000000' + '0003000000000000');
    const absent = await initiator.execute({ lun: 0, cdb: Cdb.inquiry(36), allocationLength: 36 });
    expect(absent.dataIn[0]).to.equal(0x7f);
    const present = await initiator.execute({ lun: 3, cdb: Cdb.inquiry(36), allocationLength: 36 });
    expect(present.dataIn[0]).to.equal(0x08);
    expect(senseCode(await initiator.execute(tur))).to.deep.equal([5, 0x25, 0]);
  });

  it('target close ends every session and the backend hears of each', async () => {
    fixture = await TargetFixture.start();
    const a = await fixture.connect({ initiatorName: 'iqn.2026-01.org.example:a' });
    await fixture.connect({ initiatorName: 'iqn.2026-01.org.example:b' });
    await fixture.target.close();
    expect(fixture.backend.lostNexuses).to.have.length(2);
    expect((await transportError(a.execute(tur))).code).to.equal('ECONNRESET');
  });
});
