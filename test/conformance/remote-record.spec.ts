/**
 * The restorer of a suite over the wire refuses a library whose I/O station is not empty at the start, saying
 * what is there and how to clear it, instead of letting every inject time out (a newcomer's run against a
 * simulator they had used by hand failed 21 paths with "still not true after 3600000 ms").
 * Spec: conformance/harness/sim-target.ts (RemoteSimulatorControl.record); docs/conformance.md "Over the wire".
 */
import { expect } from 'chai';
import { ScaledClock } from '../../scsi/clock/clock.js';
import { localControlClient } from '../../sim/control/control-client.js';
import { loadPersonality } from '../../sim/personality/index.js';
import { SimulatedChanger } from '../../sim/simulated-changer.js';
import { RemoteSimulatorControl } from '../../conformance/harness/sim-target.js';

describe('conformance/harness RemoteSimulatorControl.record', () => {
  it('refuses a start with a cartridge in the I/O station, naming it and the way out', async () => {
    const changer = new SimulatedChanger(loadPersonality('ibm-ts3100'), { clock: new ScaledClock(1000), startReady: true });
    try {
      const control = localControlClient(changer.control);
      expect((await control.openImportExport()).ok).to.equal(true);
      expect((await control.putIntoImportExport(16, { volumeTag: 'CLN777L1', kind: 'cleaning', usesRemaining: 20 })).ok).to.equal(true);
      expect((await control.closeImportExport()).ok).to.equal(true);
      const remote = new RemoteSimulatorControl(control, 'http://127.0.0.1:8080', 1000);
      const error = await remote.record().then(() => undefined, (e: unknown) => e as Error);
      expect(error?.message).to.equal(
        'the library behind http://127.0.0.1:8080 does not start with an empty I/O station (CLN777L1 in IE element 16); the suite hands cleaners in through it. Take them out first (changerbench sim console --control http://127.0.0.1:8080: "ie open", "ie take ADDRESS", "ie close") or restart sim serve on a fresh state',
      );
    } finally {
      changer.close();
    }
  });

  it('records a library whose I/O station is empty', async () => {
    const changer = new SimulatedChanger(loadPersonality('ibm-ts3100'), { clock: new ScaledClock(1000), startReady: true });
    try {
      const remote = new RemoteSimulatorControl(localControlClient(changer.control), 'http://127.0.0.1:8080', 1000);
      await remote.record();
      await remote.restore(); // nothing moved: nothing to do
      expect((await localControlClient(changer.control).status()).importExport.open).to.equal(false);
    } finally {
      changer.close();
    }
  });
});
