/**
 * The lane through libiscsi (a client that is not ours): the soak-client program (soak/libiscsi/soak-client.c)
 * logs in with iscsi_full_connect_sync and sends each CDB with iscsi_scsi_command_sync, one line in, one line
 * out. libiscsi carries CDBs of at most 16 bytes (SCSI_CDB_MAX_SIZE) and no bidirectional commands.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Answer } from '../answer.js';
import type { CdbCase } from '../cdb-cases.js';
import type { SimProcess } from '../sim-process.js';
import { ChildLane } from './child-lane.js';
import { clearUnitAttentions, type Lane } from './lane.js';

const NONE = Buffer.alloc(0);

/** libiscsi against its own simulator. */
export class LibiscsiLane extends ChildLane implements Lane {
  readonly name = 'libiscsi';
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = '';

  private constructor(
    sim: SimProcess,
    private readonly client: ChildProcess,
  ) {
    super(sim);
    client.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    createInterface({ input: client.stdout! }).on('line', (line) => this.waiting.shift()?.(line));
    client.once('exit', (code) => {
      for (const w of this.waiting.splice(0)) w(`F soak-client exited (${code}): ${this.stderr.trim()}`);
    });
  }

  /** Starts the client (already built: `binary`) and waits for its READY line. */
  static async open(
    sim: SimProcess,
    binary: string,
    initiatorName = 'iqn.2026-12.dev.changerbench:soak-libiscsi',
  ): Promise<LibiscsiLane> {
    const { host, port, targetName } = sim.iscsi;
    const client = spawn(binary, [`${host}:${port}`, targetName, initiatorName], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lane = new LibiscsiLane(sim, client);
    const ready = await new Promise<string>((resolve) => lane.waiting.push(resolve));
    if (ready !== 'READY') throw new Error(`libiscsi soak-client did not log in: ${ready}`);
    await clearUnitAttentions(lane);
    return lane;
  }

  protected send(c: CdbCase): Promise<Answer> {
    return new Promise((resolve) => {
      this.waiting.push((line) => resolve(parseLine(line)));
      this.client.stdin!.write(
        `${c.lun} ${c.allocationLength} ${c.cdb.toString('hex')} ${c.dataOut?.toString('hex') || '-'}\n`,
      );
    });
  }

  async close(): Promise<void> {
    this.client.stdin!.end();
    const t = setTimeout(() => this.client.kill('SIGKILL'), 5000);
    if (this.client.exitCode === null && this.client.signalCode === null)
      await new Promise((r) => this.client.once('exit', r));
    clearTimeout(t);
  }
}

/** `A STATUS DATA SENSE` or `F message`. */
function parseLine(line: string): Answer {
  const [kind, status, data, sense] = line.split(' ');
  if (kind !== 'A' || status === undefined || data === undefined || sense === undefined)
    return { status: -1, sense: undefined, dataIn: NONE, fault: `libiscsi: ${line.slice(2)}` };
  const s = Number(status);
  if (!Number.isInteger(s) || s < 0 || s > 0xff)
    return { status: -1, sense: undefined, dataIn: NONE, fault: `libiscsi status ${status}` };
  return {
    status: s,
    sense: sense === '-' ? undefined : Buffer.from(sense, 'hex'),
    dataIn: data === '-' ? NONE : Buffer.from(data, 'hex'),
  };
}
