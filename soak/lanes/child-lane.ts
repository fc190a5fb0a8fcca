/**
 * What the lanes over a real transport share: a `sim serve` child of their own with a control endpoint (to
 * settle between commands) and a deadline on every command. Design: docs/reliability.md 2.
 */
import { HttpControlClient } from '../../sim/control/control-http-client.js';
import type { ScsiResult, ScsiTransport } from '../../scsi/transport/scsi-transport.js';
import { withDeadline, type Answer } from '../answer.js';
import type { CdbCase } from '../cdb-cases.js';
import type { SimProcess } from '../sim-process.js';
import { settleOverControl } from './control-settle.js';
import type { Lane } from './lane.js';

/** Deadline of one command (generous: the machine may be loaded; a hang is minutes, not seconds). */
export const COMMAND_DEADLINE_MS = 30_000;

/** The SCSI result as the campaign compares it. */
export function answerOf(r: ScsiResult): Answer {
  return { status: r.status, sense: r.senseData && r.senseData.length > 0 ? r.senseData : undefined, dataIn: r.dataIn };
}

/** Base of the lanes that talk to a child. */
export abstract class ChildLane {
  readonly maxCdbLength: number = 16;
  readonly depth: number = 8;
  protected readonly control: HttpControlClient;

  constructor(protected readonly sim: SimProcess) {
    this.control = new HttpControlClient(sim.controlUrl, { timeoutMs: COMMAND_DEADLINE_MS });
  }

  get pid(): number {
    return this.sim.pid;
  }

  protected abstract send(c: CdbCase): Promise<Answer>;

  run(c: CdbCase): Promise<Answer> {
    return withDeadline(this.send(c), COMMAND_DEADLINE_MS, `cdb ${c.cdb.toString('hex')}`);
  }

  settle(): Promise<void> {
    return settleOverControl(this.control);
  }
}

/** A lane through one of our own initiators (iSCSI or serial): a ScsiTransport to a child. */
export class TransportLane extends ChildLane implements Lane {
  constructor(
    readonly name: string,
    override readonly maxCdbLength: number,
    sim: SimProcess,
    private readonly transport: ScsiTransport,
  ) {
    super(sim);
  }

  protected async send(c: CdbCase): Promise<Answer> {
    return answerOf(
      await this.transport.execute({
        lun: c.lun,
        cdb: c.cdb,
        ...(c.dataOut ? { dataOut: c.dataOut } : {}),
        allocationLength: c.allocationLength,
      }),
    );
  }

  async close(): Promise<void> {
    await this.transport.close().catch(() => undefined);
  }
}
