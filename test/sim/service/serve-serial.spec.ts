/**
 * SimulatorService's serial endpoint on socat PTY pairs: the endpoint line, two lines on one library (each its
 * own nexus), the same device refused twice, and a device that cannot be opened. Skipped without socat.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { VirtualClock } from '../../../common/clock/clock.js';
import { encodeInquiryCdb, ScsiStatus } from '../../../scsi/codec/index.js';
import { SerialInitiator } from '../../../scsi/transport/serial/serial-initiator.js';
import { EndpointStartError } from '../../../sim/service/endpoints.js';
import { PtyPair, socatMissingReason } from '../../support/pty-pair.js';
import { startFails, useServeRig } from './support/serve-rig.js';

describe('sim/service/serve', () => {
  const rig = useServeRig();

  describe('serial endpoint', function () {
    let pty: PtyPair | undefined;

    before(function () {
      const missing = socatMissingReason();
      if (missing) this.skip();
    });

    afterEach(async () => {
      await Promise.all(rig.services.splice(0).map((s) => s.close()));
      await pty?.stop();
      pty = undefined;
    });

    it('serves on a PTY and prints "serial PATH BAUD"', async () => {
      pty = await PtyPair.start();
      const s = await rig.start({ serial: { path: pty.b, baudRate: 38400 } });
      expect(s.lines()).to.deep.equal([`serial ${pty.b} 38400`]);
      expect(s.endpoint('serial')?.url).to.equal(`serial:${pty.b}?baud=38400`);
    });

    it('serves two lines on one library, each its own nexus, and refuses the same device twice', async () => {
      const first = await PtyPair.start();
      const second = await PtyPair.start();
      try {
        const s = await rig.start({
          serial: [
            { path: first.b, baudRate: 115200 },
            { path: second.b, baudRate: 115200 },
          ],
        });
        expect(s.lines()).to.deep.equal([`serial ${first.b} 115200`, `serial ${second.b} 115200`]);
        const one = await SerialInitiator.open({ path: first.a, baudRate: 115200, initiatorName: 'host-one' });
        const two = await SerialInitiator.open({ path: second.a, baudRate: 115200, initiatorName: 'host-two' });
        try {
          for (const link of [one, two])
            expect(
              (await link.execute({ lun: 0, cdb: encodeInquiryCdb({ allocationLength: 96 }), allocationLength: 96 }))
                .status,
            ).to.equal(ScsiStatus.GOOD);
          expect(s.changer.control.status().nexuses).to.include.members([
            `serial:host-one@${first.b}`,
            `serial:host-two@${second.b}`,
          ]);
        } finally {
          await Promise.all([one.close(), two.close()]);
        }
        const e = await startFails({
          fixture: 'ibm-ts3100',
          clock: new VirtualClock(),
          serial: [
            { path: join(rig.dir, 'tty'), baudRate: 9600 },
            { path: join(rig.dir, 'tty'), baudRate: 9600 },
          ],
        });
        expect(e.message).to.match(/was given twice/);
      } finally {
        await Promise.all(rig.services.splice(0).map((x) => x.close()));
        await Promise.all([first.stop(), second.stop()]);
      }
    });

    it('names the device it cannot open', async () => {
      const missing = join(rig.dir, 'no-such-tty');
      const e = await startFails({
        fixture: 'ibm-ts3100',
        clock: new VirtualClock(),
        serial: { path: missing, baudRate: 9600 },
      });
      expect(e).to.be.instanceOf(EndpointStartError);
      expect(e.message).to.match(new RegExp(`^serial: cannot open ${missing}: `));
    });
  });
});
