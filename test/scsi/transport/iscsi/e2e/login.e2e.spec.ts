import { expect } from 'chai';
import { createServer, type Server, type Socket } from 'node:net';
import { VirtualClock } from '../../../../../common/clock/clock.js';
import { IscsiInitiator, IscsiLoginError } from '../../../../../scsi/transport/iscsi/index.js';
import { TransportError } from '../../../../../scsi/transport/scsi-transport.js';
import { Cdb, TARGET_NAME, TargetFixture, eventually } from '../support/target-fixture.js';

const chap = { user: 'alice', secret: 'alice-secret-12' };
const mutualChap = { user: 'changer', secret: 'changer-secret-12' };

async function loginError(attempt: Promise<unknown>): Promise<IscsiLoginError> {
  try {
    await attempt;
  } catch (err) {
    expect(err).to.be.instanceOf(IscsiLoginError);
    expect((err as IscsiLoginError).code).to.equal('ELOGIN');
    return err as IscsiLoginError;
  }
  expect.fail('login should have been refused');
}

describe('iscsi end to end: login, CHAP, digests, discovery', function () {
  let fixture: TargetFixture;
  afterEach(async () => fixture.close());

  it('logs in without CHAP with one leading PDU and gives the backend the nexus string', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect({
      initiatorName: 'iqn.2026-01.org.example:host-a',
      isid: Buffer.from('80112233000a', 'hex'),
    });
    const result = await initiator.execute({ lun: 0, cdb: Cdb.testUnitReady(), allocationLength: 0 });
    expect(result.status).to.equal(0);
    const nexus = `iqn.2026-01.org.example:host-a,i,0x80112233000a,${TARGET_NAME},t,0x0001`;
    expect(fixture.backend.calls.at(-1)?.nexus).to.equal(nexus);
    expect(fixture.target.sessions()).to.have.length(1);
    expect(fixture.target.sessions()[0]).to.include({
      nexus,
      sessionType: 'Normal',
      initiatorName: 'iqn.2026-01.org.example:host-a',
    });
    expect(initiator.tsih).to.equal(fixture.target.sessions()[0]?.tsih);
    expect(initiator.targetPortalGroupTag).to.equal(1);
    expect(initiator.description).to.equal(`iscsi://127.0.0.1:${fixture.port}/${TARGET_NAME}/0`);
  });

  it('logs in through the security stage first (AuthMethod=None) when asked', async () => {
    fixture = await TargetFixture.start();
    const initiator = await fixture.connect({ loginFlow: 'staged' });
    expect((await initiator.execute({ lun: 0, cdb: Cdb.testUnitReady(), allocationLength: 0 })).status).to.equal(0);
  });

  it('connects by URL, with CHAP credentials in it', async () => {
    fixture = await TargetFixture.start({ chap });
    const initiator = await IscsiInitiator.connect(fixture.url(0, 'alice%alice-secret-12'));
    fixture.initiators.push(initiator);
    expect((await initiator.execute({ lun: 0, cdb: Cdb.inquiry(96), allocationLength: 96 })).dataIn).to.have.length(96);
  });

  it('requires CHAP when configured: no credentials and a wrong secret are refused with 0201h', async () => {
    fixture = await TargetFixture.start({ chap });
    expect((await loginError(fixture.connect())).loginStatus).to.equal(0x0201);
    expect(
      (await loginError(fixture.connect({ chap: { user: 'alice', secret: 'not-the-secret' } }))).loginStatus,
    ).to.equal(0x0201);
    expect((await loginError(fixture.connect({ chap: { user: 'bob', secret: chap.secret } }))).loginStatus).to.equal(
      0x0201,
    );
    expect(fixture.target.sessions()).to.have.length(0);
  });

  it('authenticates both ways with mutual CHAP', async () => {
    fixture = await TargetFixture.start({ chap, mutualChap });
    const initiator = await fixture.connect({ chap, mutualChap });
    expect((await initiator.execute({ lun: 0, cdb: Cdb.testUnitReady(), allocationLength: 0 })).status).to.equal(0);
  });

  it('refuses a target that cannot prove itself (mutual CHAP with the wrong target secret)', async () => {
    fixture = await TargetFixture.start({ chap, mutualChap });
    const error = await loginError(
      fixture.connect({ chap, mutualChap: { user: 'changer', secret: 'some-other-secret' } }),
    );
    expect(error.message).to.match(/mutual CHAP/);
    await eventually(() => fixture.target.sessions().length === 0, 'no session left');
  });

  it('refuses mutual CHAP against a target with none configured', async () => {
    fixture = await TargetFixture.start({ chap });
    expect((await loginError(fixture.connect({ chap, mutualChap }))).loginStatus).to.equal(0x0201);
  });

  it('restricts initiator names (0202h for others)', async () => {
    fixture = await TargetFixture.start({ allowedInitiators: ['iqn.2026-01.org.example:allowed'] });
    await fixture.connect({ initiatorName: 'iqn.2026-01.org.example:allowed' });
    expect(
      (await loginError(fixture.connect({ initiatorName: 'iqn.2026-01.org.example:intruder' }))).loginStatus,
    ).to.equal(0x0202);
  });

  it('refuses an unknown target name (0203h)', async () => {
    fixture = await TargetFixture.start();
    expect((await loginError(fixture.connect({ targetName: 'iqn.2026-01.org.example:nope' }))).loginStatus).to.equal(
      0x0203,
    );
  });

  for (const digests of [['CRC32C'], ['None']] as const) {
    it(`moves data intact with HeaderDigest and DataDigest ${digests[0]}`, async () => {
      fixture = await TargetFixture.start();
      const initiator = await fixture.connect({ headerDigest: digests, dataDigest: digests });
      const on = digests[0] === 'CRC32C';
      expect(initiator.parameters).to.include({ headerDigest: on, dataDigest: on });
      expect(fixture.target.sessions()[0]?.parameters).to.include({ headerDigest: on, dataDigest: on });
      const big = await initiator.execute({ lun: 0, cdb: Cdb.readElementStatus(300_000), allocationLength: 300_000 });
      expect(big.dataIn).to.have.length(300_000);
      const page = Buffer.alloc(12, 0x5a);
      expect(
        (await initiator.execute({ lun: 0, cdb: Cdb.modeSelect6(12), dataOut: page, allocationLength: 0 })).status,
      ).to.equal(0);
      expect((await initiator.execute({ lun: 0, cdb: Cdb.modeSense6(12), allocationLength: 12 })).dataIn).to.deep.equal(
        page,
      );
    });
  }

  it('discovers the target with SendTargets, with and without CHAP', async () => {
    fixture = await TargetFixture.start();
    expect(await IscsiInitiator.discover(fixture.portal())).to.deep.equal([
      { targetName: TARGET_NAME, portals: [{ host: '127.0.0.1', port: fixture.port, tpgt: 1 }] },
    ]);
    await fixture.close();
    fixture = await TargetFixture.start({ chap, tpgt: 7 });
    const found = await IscsiInitiator.discover(fixture.portal('alice%alice-secret-12'));
    expect(found[0]?.portals[0]?.tpgt).to.equal(7);
    try {
      await IscsiInitiator.discover(fixture.portal());
      expect.fail('discovery without CHAP should be refused');
    } catch (err) {
      expect((err as IscsiLoginError).loginStatus).to.equal(0x0201);
    }
  });

  it('reports ECONNREFUSED when nothing listens', async () => {
    fixture = await TargetFixture.start();
    const port = fixture.port;
    await fixture.target.close();
    try {
      await IscsiInitiator.connect({ host: '127.0.0.1', port, targetName: TARGET_NAME });
      expect.fail('connect should fail');
    } catch (err) {
      expect(err).to.be.instanceOf(TransportError);
      expect((err as TransportError).code).to.equal('ECONNREFUSED');
    }
  });

  it('reports ETIMEDOUT when the peer accepts but never answers the login', async () => {
    fixture = await TargetFixture.start();
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const clock = new VirtualClock();
    const attempt = IscsiInitiator.connect({
      host: '127.0.0.1',
      port,
      targetName: TARGET_NAME,
      clock,
      loginTimeoutMs: 5000,
    }).then(
      () => expect.fail('login should time out'),
      (err: unknown) => err,
    );
    await eventually(() => sockets.length === 1, 'the silent peer to accept');
    await clock.advanceBy(5000);
    const err = await attempt;
    expect(err).to.be.instanceOf(TransportError);
    expect((err as TransportError).code).to.equal('ETIMEDOUT');
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});
