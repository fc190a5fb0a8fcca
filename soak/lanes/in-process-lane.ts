/**
 * The in-process lane: SimulatedTarget.execute on a virtual clock, what every transport ends in. Its data-in is
 * cut to the expected transfer length, as a transport would (SAM-5 Execute Command, docs/scsi-model.md 1). Spec:
 * sim/changer/simulated-target.ts.
 */
import { VirtualClock } from '../../common/clock/clock.js';
import { loadPersonality } from '../../sim/personality/index.js';
import { SimulatedChanger } from '../../sim/changer/simulated-changer.js';
import { SimulatedTarget } from '../../sim/changer/simulated-target.js';
import type { Answer } from '../answer.js';
import type { CdbCase } from '../cdb-cases.js';
import { clearUnitAttentions, type Lane } from './lane.js';
import { SILENT_LOGGER } from '../../common/logger.js';
import { createInProcessTarget } from '../../sim/changer/in-process-target.js';

/** A simulator in this process. */
export class InProcessLane implements Lane {
  readonly maxCdbLength = 260;
  /** One at a time: the virtual clock runs one command to completion. */
  readonly depth = 1;
  readonly pid = undefined;
  private readonly clock = new VirtualClock();
  private readonly changer: SimulatedChanger;
  private readonly target: SimulatedTarget;
  /** Messages of the simulator's internal-failure logger. */
  readonly internalFailures: string[] = [];

  constructor(
    fixture: string,
    readonly name = 'in-process',
    private readonly nexus = 'soak',
  ) {
    ({ changer: this.changer, target: this.target } = createInProcessTarget(loadPersonality(fixture), {
      clock: this.clock,
      startReady: true,
      logger: {
        ...SILENT_LOGGER,
        error: (fields, message) => void this.internalFailures.push(`${message}: ${String(fields['detail'])}`),
      },
    }));
  }

  async run(c: CdbCase): Promise<Answer> {
    const r = await this.clock.runUntil(this.target.execute(this.nexus, c.lun, c.cdb, c.dataOut));
    if (!r) throw new Error('the in-process simulator never completed the command');
    const dataIn = r.dataIn.length > c.allocationLength ? r.dataIn.subarray(0, c.allocationLength) : r.dataIn;
    return { status: r.status, sense: r.sense, dataIn: Buffer.from(dataIn) };
  }

  /** A lane ready for the campaign: its nexus's unit attentions cleared, like every other lane's. */
  static async open(fixture: string, name?: string): Promise<InProcessLane> {
    const lane = new InProcessLane(fixture, name);
    await clearUnitAttentions(lane);
    return lane;
  }

  async settle(): Promise<void> {
    await this.clock.runUntil(this.changer.whenSettled());
  }

  async close(): Promise<void> {
    this.changer.close();
  }
}
