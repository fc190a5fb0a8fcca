/**
 * The lane through our serial initiator (scsi/transport/serial) over a socat PTY pair to a `sim serve --serial`
 * child. The framing carries CDBs of 1 to 16 bytes (docs/serial-framing.md).
 */
import { SerialInitiator } from '../../scsi/transport/serial/serial-initiator.js';
import type { Answer } from '../answer.js';
import type { CdbCase } from '../cdb-cases.js';
import type { SimProcess } from '../sim-process.js';
import { answerOf, ChildLane } from './child-lane.js';
import { clearUnitAttentions, type Lane } from './lane.js';

/** Our serial initiator against its own simulator. */
export class SerialLane extends ChildLane implements Lane {
  readonly name = 'serial';

  private constructor(
    sim: SimProcess,
    private readonly initiator: SerialInitiator,
  ) {
    super(sim);
  }

  /** `path`: the initiator's end of the PTY pair whose other end the child serves. */
  static async open(sim: SimProcess, path: string): Promise<SerialLane> {
    const lane = new SerialLane(sim, await SerialInitiator.open({ path, baudRate: 115200, initiatorName: 'soak', openTimeoutMs: 30_000 }));
    await clearUnitAttentions(lane);
    return lane;
  }

  protected async send(c: CdbCase): Promise<Answer> {
    return answerOf(await this.initiator.execute({ lun: c.lun, cdb: c.cdb, ...(c.dataOut ? { dataOut: c.dataOut } : {}), allocationLength: c.allocationLength }));
  }

  async close(): Promise<void> {
    await this.initiator.close().catch(() => undefined);
  }
}
