/**
 * SimulatorService in-process: endpoint lines, the iSCSI and control endpoints opened and closed, start-up
 * failures that close what was opened, durable state across a restart, and stopChanger's power-loss fallback.
 * The serial endpoint is in serve-serial.spec.ts.
 */
import { expect } from 'chai';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { VirtualClock } from '../../../common/clock/clock.js';
import { decodeSense, encodeInquiryCdb, encodeMoveMediumCdb, ScsiStatus, SenseKey } from '../../../scsi/codec/index.js';
import { IscsiInitiator } from '../../../scsi/transport/iscsi/initiator/iscsi-initiator.js';
import { HttpControlClient } from '../../../sim/control/control-http-client.js';
import { FixtureError } from '../../../sim/personality/index.js';
import { defaultTargetName, EndpointStartError } from '../../../sim/service/endpoints.js';
import { SimulatorService, stopChanger } from '../../../sim/service/serve.js';
import { SimulatedChanger } from '../../../sim/changer/simulated-changer.js';
import { TEST_PERSONALITY, st } from '../helpers/test-personality.js';
import { LOOPBACK_0, startFails, useServeRig } from './support/serve-rig.js';
import { journalStateFile } from '../../../sim/persistence/journal-store.js';

function occupiedPort(): Promise<Server> {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('sim/service/serve', () => {
  const rig = useServeRig();

  it('opens iSCSI and control endpoints and prints one line each', async () => {
    const s = await rig.start({ iscsi: { address: LOOPBACK_0 }, control: { address: LOOPBACK_0 } });
    const [iscsi, control] = s.lines();
    expect(iscsi).to.match(/^iscsi 127\.0\.0\.1:\d+ iqn\.2026-11\.dev\.changerbench:ibm-ts3100$/);
    expect(control).to.match(/^control http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.endpoint('iscsi')?.url).to.match(
      /^iscsi:\/\/127\.0\.0\.1:\d+\/iqn\.2026-11\.dev\.changerbench:ibm-ts3100\/0$/,
    );
    const client = new HttpControlClient(s.endpoint('control')?.url ?? '');
    expect(await client.health()).to.include({ personality: 'ibm-ts3100' });
    await s.close();
    const e = await client.status().catch((err: Error & { code?: string }) => err);
    expect((e as { code?: string }).code).to.equal('ECONNREFUSED');
  });

  it('serves SCSI over iSCSI at time scale 10000 (links on real time): a MOVE MEDIUM shows in the control status', async () => {
    const s = await SimulatorService.start({
      fixture: 'ibm-ts3100',
      timeScale: 10_000,
      startReady: true,
      iscsi: { address: LOOPBACK_0 },
      control: { address: LOOPBACK_0 },
    });
    rig.services.push(s);
    const control = new HttpControlClient(s.endpoint('control')?.url ?? '');
    const before = await control.status();
    const from = before.elements.find((e) => e.type === 'storage' && e.cartridge && e.accessible);
    const to = before.elements.find((e) => e.type === 'storage' && !e.cartridge && e.accessible);
    if (!from || !to) throw new Error('fixture needs a full and an empty storage element');
    const initiator = await IscsiInitiator.connect(s.endpoint('iscsi')?.url ?? '');
    try {
      const inquiry = await initiator.execute({
        lun: 0,
        cdb: encodeInquiryCdb({ allocationLength: 96 }),
        allocationLength: 96,
      });
      expect(inquiry.dataIn.subarray(8, 16).toString('latin1').trim()).to.equal('IBM');
      let result = await initiator.execute({
        lun: 0,
        cdb: encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: from.address, destinationAddress: to.address }),
        allocationLength: 0,
      });
      for (
        let i = 0;
        i < 5 &&
        result.status === ScsiStatus.CHECK_CONDITION &&
        result.senseData &&
        decodeSense(result.senseData).key === SenseKey.UNIT_ATTENTION;
        i++
      ) {
        result = await initiator.execute({
          lun: 0,
          cdb: encodeMoveMediumCdb({
            transportAddress: 0,
            sourceAddress: from.address,
            destinationAddress: to.address,
          }),
          allocationLength: 0,
        });
      }
      expect(result.status).to.equal(ScsiStatus.GOOD);
    } finally {
      await initiator.close();
    }
    const after = await control.status();
    expect(after.elements.find((e) => e.address === to.address)?.cartridge?.volumeTag).to.equal(
      from.cartridge?.volumeTag,
    );
    expect(after.elements.find((e) => e.address === from.address)?.cartridge).to.equal(null);
  });

  it('passes the connection cap per address to the iSCSI target: a second connection is closed at accept', async () => {
    const s = await rig.start({ iscsi: { address: LOOPBACK_0, maxConnectionsPerAddress: 1 } });
    const url = s.endpoint('iscsi')?.url ?? '';
    const first = await IscsiInitiator.connect(url);
    try {
      const port = Number(/:(\d+)\//.exec(url)?.[1]);
      const second = createConnection({ host: '127.0.0.1', port });
      second.on('error', () => undefined);
      const received: Buffer[] = [];
      second.on('data', (d: Buffer) => received.push(d));
      await new Promise<void>((resolve) => second.once('close', () => resolve()));
      expect(received).to.deep.equal([]);
      expect(
        (await first.execute({ lun: 0, cdb: encodeInquiryCdb({ allocationLength: 36 }), allocationLength: 36 })).status,
      ).to.equal(ScsiStatus.GOOD);
    } finally {
      await first.close();
    }
  });

  it('uses the target name it is given', async () => {
    const s = await rig.start({ iscsi: { address: LOOPBACK_0, targetName: 'iqn.2026-11.dev.example:lab1' } });
    expect(s.lines()[0]).to.match(/ iqn\.2026-11\.dev\.example:lab1$/);
  });

  it('derives valid iSCSI names from fixture ids', () => {
    expect(defaultTargetName('IBM_TS3100 (test)')).to.equal('iqn.2026-11.dev.changerbench:ibm-ts3100-test');
    expect(defaultTargetName('...')).to.equal('iqn.2026-11.dev.changerbench:changer');
  });

  it('fails with one clear sentence when a port is taken, having closed the endpoints it opened', async () => {
    const blocker = await occupiedPort();
    try {
      const port = (blocker.address() as { port: number }).port;
      const opened: number[] = [];
      const log = () => undefined;
      const said: string[] = [];
      const logger = {
        debug: log,
        warn: log,
        error: log,
        info: (f: Record<string, unknown>, message?: string) =>
          void (f.component === 'iscsi' ? opened.push((f.address as { port: number }).port) : said.push(message ?? '')),
      };
      const e = await startFails({
        fixture: 'ibm-ts3100',
        clock: new VirtualClock(),
        iscsi: { address: LOOPBACK_0 },
        control: { address: { host: '127.0.0.1', port } },
        logger,
      });
      expect(e).to.be.instanceOf(EndpointStartError);
      expect(e.message).to.equal(`control: cannot listen on 127.0.0.1:${port}: the address is already in use`);
      expect(opened, 'the iSCSI target had opened').to.have.length(1);
      const probe = createConnection({ host: '127.0.0.1', port: opened[0] ?? 0 });
      const refused = await new Promise<string | undefined>((resolve) => {
        probe.once('connect', () => resolve(undefined));
        probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code));
      });
      probe.destroy();
      expect(refused, 'and is closed again').to.equal('ECONNREFUSED');
      expect(said, 'no "simulator stopped" for a simulator that never started').to.not.include('simulator stopped');
      const e2 = await startFails({
        fixture: 'ibm-ts3100',
        clock: new VirtualClock(),
        iscsi: { address: { host: '127.0.0.1', port } },
      });
      expect(e2.message).to.match(/^iscsi: cannot listen on 127\.0\.0\.1:\d+: the address is already in use$/);
    } finally {
      blocker.close();
    }
  });

  it('names a fixture that does not exist', async () => {
    const e = await startFails({ fixture: 'no-such-library', control: { address: LOOPBACK_0 } });
    expect(e.name).to.equal('FixtureNotFoundError');
    expect(e).to.be.instanceOf(FixtureError);
    expect(e.message).to.contain('no such fixture file');
  });

  it('keeps state durable: a restart with the same state file restores operator changes', async () => {
    const statePath = join(rig.dir, 'state.json');
    const first = await rig.start({ fixture: 'quantum-superloader3', statePath, control: { address: LOOPBACK_0 } });
    const c1 = new HttpControlClient(first.endpoint('control')?.url ?? '');
    expect(await c1.pullMagazine('left')).to.deep.equal({ ok: true, value: null });
    const before = await c1.status();
    await first.close();
    const second = await rig.start({ fixture: 'quantum-superloader3', statePath, control: { address: LOOPBACK_0 } });
    const after = await new HttpControlClient(second.endpoint('control')?.url ?? '').status();
    expect(after.magazines.find((m) => m.id === 'left')?.present).to.equal(false);
    expect(after.elements).to.deep.equal(before.elements);
  });

  it('refuses a state file that cannot be used', async () => {
    const { writeFileSync } = await import('node:fs');
    const statePath = join(rig.dir, 'broken.json');
    writeFileSync(statePath, '{not json');
    const e = await startFails({ fixture: 'ibm-ts3100', statePath, control: { address: LOOPBACK_0 } });
    expect(e.name).to.equal('StateFileError');
    expect(e.message).to.contain('broken.json');
  });

  describe('stopChanger', () => {
    it('stops a move still running after the grace period as a power loss; the cartridge is back at its source after restart', async () => {
      const statePath = join(rig.dir, 'move.json');
      const clock = new VirtualClock();
      const changer = new SimulatedChanger(TEST_PERSONALITY, {
        clock,
        stateStore: journalStateFile(statePath),
        startReady: true,
      });
      await changer.execute(
        'host-a',
        encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: st(0), destinationAddress: st(3) }),
      );
      const moving = changer.execute(
        'host-a',
        encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: st(0), destinationAddress: st(3) }),
      );
      await clock.advanceBy(1);
      expect(changer.core.robot.busy, 'the robot is moving').to.equal(true);
      await stopChanger(changer, 0);
      const result = await moving;
      expect(result.status, 'the aborted command still gets an answer').to.be.a('number');
      const again = new SimulatedChanger(TEST_PERSONALITY, {
        clock: new VirtualClock(),
        stateStore: journalStateFile(statePath),
        startReady: true,
      });
      try {
        const where = again.control.status().elements.find((e) => e.cartridge?.volumeTag === 'D00000L8')?.address;
        expect(where).to.be.oneOf([st(0), st(3)]);
        expect(again.control.status().elements.filter((e) => e.cartridge?.volumeTag === 'D00000L8')).to.have.length(1);
      } finally {
        again.close();
      }
    });
  });
});
