/**
 * The lane through our own iSCSI initiator (scsi/transport/iscsi) to a `sim serve --iscsi` child: CDBs of 1 to
 * 260 bytes, the long ones in the Extended CDB AHS (RFC 7143 11.2.2.3).
 */
import { IscsiInitiator } from '../../scsi/transport/iscsi/index.js';
import type { Answer } from '../answer.js';
import type { CdbCase } from '../cdb-cases.js';
import type { SimProcess } from '../sim-process.js';
import { answerOf, ChildLane } from './child-lane.js';
import { clearUnitAttentions, type Lane } from './lane.js';

/** Our initiator against its own simulator. */
export class IscsiLane extends ChildLane implements Lane {
  readonly name = 'iscsi';
  override readonly maxCdbLength = 260;

  private constructor(
    sim: SimProcess,
    private readonly initiator: IscsiInitiator,
  ) {
    super(sim);
  }

  static async open(sim: SimProcess, initiatorName = 'iqn.2026-12.dev.changerbench:soak'): Promise<IscsiLane> {
    const { host, port, targetName } = sim.iscsi;
    const lane = new IscsiLane(sim, await IscsiInitiator.connect({ host, port, targetName, initiatorName, loginTimeoutMs: 30_000 }));
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
