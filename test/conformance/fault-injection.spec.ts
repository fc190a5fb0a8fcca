/**
 * The suite's fault injection over the simulator's control API: faults are armed, counted until they fire,
 * journalled as operator actions, and refusals surface as OperatorRefusedError; a sim: session offers it, and the
 * capability says so. Spec: conformance/harness/target/fault-injection.ts, target/sim-target.ts (SimulatorFaults);
 * docs/simulator.md "Operator and fault API".
 */
import { expect } from 'chai';
import { VirtualClock } from '../../common/clock/clock.js';
import { OperatorJournal, OperatorRefusedError } from '../../conformance/harness/operator/operator.js';
import { SimLibraryTarget, SimulatorFaults } from '../../conformance/harness/target/sim-target.js';
import { localControlClient } from '../../sim/control/control-client.js';
import { loadPersonality } from '../../sim/personality/index.js';
import { SimulatedChanger } from '../../sim/changer/simulated-changer.js';

describe('conformance/harness fault injection (SimulatorFaults)', () => {
  it('arms a command fault and a move fault, counts them until cleared, and journals each', async () => {
    const changer = new SimulatedChanger(loadPersonality('ibm-ts3100'), {
      clock: new VirtualClock(),
      startReady: true,
    });
    const journal = new OperatorJournal();
    const faults = new SimulatorFaults(localControlClient(changer.control), journal);
    try {
      await faults.failNextCommand({ opcode: 0xa5, sense: { key: 5, asc: 0x3b, ascq: 0x0d } });
      await faults.failNextMove('changer');
      expect(await faults.pending()).to.equal(2);
      await faults.clear();
      expect(await faults.pending()).to.equal(0);
      expect(journal.entries().map((e) => e.action)).to.deep.equal([
        'fail-next-command',
        'fail-next-move',
        'clear-faults',
      ]);
      expect(journal.entries()[0]?.args).to.deep.equal({ opcode: 0xa5, key: 5, asc: 0x3b, ascq: 0x0d });
    } finally {
      changer.close();
    }
  });

  it('a refused fault (sense key out of range) is an OperatorRefusedError and journalled as refused', async () => {
    const changer = new SimulatedChanger(loadPersonality('ibm-ts3100'), {
      clock: new VirtualClock(),
      startReady: true,
    });
    const journal = new OperatorJournal();
    const faults = new SimulatorFaults(localControlClient(changer.control), journal);
    try {
      let error: unknown;
      await faults.failNextCommand({ sense: { key: 16, asc: 0, ascq: 0 } }).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(OperatorRefusedError);
      expect(journal.entries()[0]?.result).to.equal('refused');
      expect(await faults.pending()).to.equal(0);
    } finally {
      changer.close();
    }
  });

  it('every sim: session offers fault injection through its own simulator', async () => {
    const session = await new SimLibraryTarget('spectra-2k', 'Spectra 2K').open();
    try {
      expect(session.faults?.description).to.equal('simulator control API');
      await session.faults?.powerCycle();
      expect(await session.faults?.pending()).to.equal(0);
    } finally {
      await session.close();
    }
  });
});
