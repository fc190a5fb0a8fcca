/**
 * The serial transport's behaviour under line loss, resets and back-pressure, and its pacing at the line's baud rate
 * (split from serial-transport.spec.ts). Spec: docs/serial-framing.md.
 */
import { expect } from 'chai';
import { TransportError } from '../../../../scsi/transport/scsi-transport.js';
import { SerialInitiator } from '../../../../scsi/transport/serial/serial-initiator.js';
import { Cdbs } from './support/fake-changer.js';
import { driveUntil, rejectionOf } from './support/drive.js';
import { Harness } from './support/harness.js';

const NEXUS_A = 'serial:host-a@ttyS0';

describe('serial transport: faults and pacing over an in-memory line', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  describe('faults', () => {
    it('on line loss rejects pending and later commands with ECONNRESET; the target ends the nexus', async () => {
      h = new Harness();
      const i = await h.connectReady();
      h.backend.hold();
      const pending = i.execute({ lun: 0, cdb: Cdbs.held(), allocationLength: 0 });
      await driveUntil(h.clock, h.pair, () => h.backend.calls.length > 1);
      h.pair.cut();
      const error = await rejectionOf(pending);
      expect([error instanceof TransportError, error.code]).to.deep.equal([true, 'ECONNRESET']);
      expect((await rejectionOf(i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 }))).code).to.equal(
        'ECONNRESET',
      );
      expect(h.backend.lost).to.deep.equal([NEXUS_A]);
      expect(h.events).to.include('line-lost');
      h.backend.release();
    });

    it('reports ECONNRESET when the target closes the session', async () => {
      h = new Harness();
      const i = await h.connect();
      await h.target.close();
      await driveUntil(h.clock, h.pair, () => h.backend.lost.length > 0);
      const error = await rejectionOf(
        driveUntil(h.clock, h.pair, i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 })),
      );
      expect(error.code).to.equal('ECONNRESET');
      expect(error.message).to.match(/CLOSED/);
    });

    it('reports ETIMEDOUT when the target stops acknowledging (keepalive during a long command)', async () => {
      let silent = false;
      h = new Harness({ fault: (chunk, direction) => (silent && direction === 'b-to-a' ? null : chunk) });
      const i = await h.connectReady('host-a', { keepaliveMs: 1000, link: { retransmitMs: 200, maxRetries: 3 } });
      h.backend.hold();
      const pending = i.execute({ lun: 0, cdb: Cdbs.held(), allocationLength: 0 });
      await driveUntil(h.clock, h.pair, () => h.backend.calls.length > 1);
      silent = true;
      const error = await rejectionOf(driveUntil(h.clock, h.pair, pending));
      expect(error.code).to.equal('ETIMEDOUT');
      expect(i.stats().timeouts).to.equal(4);
      h.backend.release();
    });

    it('gives up opening with ETIMEDOUT when no target answers, after repeating HELLO', async () => {
      h = new Harness({ fault: (chunk, direction) => (direction === 'a-to-b' ? null : chunk) });
      const opening = h.connect('host-a', { openTimeoutMs: 2000, helloIntervalMs: 500 });
      const error = await rejectionOf(driveUntil(h.clock, h.pair, opening));
      expect(error.code).to.equal('ETIMEDOUT');
      // HELLO at 0 ms, again at once when the target's READY arrives, then at 500, 1000 and 1500 ms
      expect(h.pair.counts['a-to-b']).to.equal(5);
    });

    it('connects when the target comes up after the initiator (READY prompts a HELLO)', async () => {
      h = new Harness();
      const late = new Harness();
      // an initiator waiting on a line whose target has not opened yet: its first HELLO is lost
      const clockTarget = late.clock;
      const opening = SerialInitiator.connect(late.pair.a, {
        baudRate: 115200,
        clock: clockTarget,
        initiatorName: 'early',
        nonce: () => 1,
        helloIntervalMs: 60_000,
      });
      const i = await driveUntil(clockTarget, late.pair, opening);
      expect(i?.nexus).to.equal('serial:early@ttyS0');
      await i?.close();
      await late.close();
    });
  });

  describe('pacing', () => {
    it('takes at least the line time of the bytes at the configured baud rate (virtual time)', async () => {
      h = new Harness({ target: { pace: true, baudRate: 115200 } });
      // paced output waits on the virtual clock, so even the handshake needs driving
      const i = (await driveUntil(h.clock, h.pair, h.connect('host-a', { pace: true }))) as SerialInitiator;
      await driveUntil(h.clock, h.pair, i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 }));
      const start = h.clock.now();
      const size = 20_000;
      const r = await driveUntil(
        h.clock,
        h.pair,
        i.execute({ lun: 0, cdb: Cdbs.readElementStatus(size), allocationLength: size }),
      );
      const elapsed = h.clock.now() - start;
      expect(r?.dataIn.length).to.equal(size);
      expect(elapsed).to.be.at.least((size * 10 * 1000) / 115200);
      expect(elapsed).to.be.below((size * 10 * 1000 * 1.1) / 115200);
    });
  });
});
