/**
 * Three identical simulated changers (same personality, same fresh state, each on its own VirtualClock), one
 * behind each transport: in-process (InMemoryTransport), iSCSI over loopback TCP (IscsiTarget and IscsiInitiator)
 * and serial over a real PTY pair made by socat (SerialTarget and SerialInitiator). Each changer's backend runs its
 * virtual clock until the command is answered and the robot is idle, so the same sequence of commands leaves the
 * three in the same state and the answers can be compared byte for byte (status, sense, data-in).
 * Spec: SAM-5 (Execute Command: one device server answers, whatever the service delivery subsystem;
 * docs/scsi-model.md 1);
 * RFC 7143 11.3 (SCSI Command PDU: the CDB field, extended CDB AHS; docs/iscsi.md 7.5);
 * docs/serial-framing.md 8 (COMMAND frames).
 */
import type {
  BackendResult,
  ScsiTargetBackend,
  TaskManagementFunction,
} from '../../../../scsi/transport/scsi-target-backend.js';
import { InMemoryTransport } from '../../../../scsi/transport/in-memory-transport.js';
import { IscsiInitiator } from '../../../../scsi/transport/iscsi/initiator/iscsi-initiator.js';
import { IscsiTarget } from '../../../../scsi/transport/iscsi/target/iscsi-target.js';
import type { ScsiCommand, ScsiResult, ScsiTransport } from '../../../../scsi/transport/scsi-transport.js';
import { SerialInitiator } from '../../../../scsi/transport/serial/serial-initiator.js';
import { SerialTarget } from '../../../../scsi/transport/serial/serial-target.js';
import type { Personality } from '../../../../sim/personality/personality.js';
import { PtyPair } from '../../../support/pty-pair.js';
import { FuzzTarget } from './fuzz-target.js';

const TARGET_NAME = 'iqn.2026-12.dev.changerbench:trio';
const SERIAL = 2;
const SERIAL_MAX_CDB = 16;

/** A FuzzTarget as a backend: each command runs to completion on the virtual clock, then the robot settles. */
class SettlingBackend implements ScsiTargetBackend {
  constructor(readonly fuzz: FuzzTarget) {}

  luns(): readonly number[] {
    return this.fuzz.target.luns();
  }

  async execute(nexus: string, lun: number, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult> {
    const r = await this.fuzz.execute(nexus, lun, cdb, dataOut);
    await this.fuzz.settle();
    return r;
  }

  taskManagement(nexus: string, fn: TaskManagementFunction, lun?: number): void {
    this.fuzz.target.taskManagement(nexus, fn, lun);
  }

  nexusLost(nexus: string): void {
    this.fuzz.target.nexusLost(nexus);
  }
}

/** One transport's answer, in a form that compares and prints. */
export interface Answer {
  readonly status: number;
  readonly sense: string;
  readonly data: string;
}

function answer(r: ScsiResult): Answer {
  return { status: r.status, sense: r.senseData?.toString('hex') ?? '', data: r.dataIn.toString('hex') };
}

/** The three transports, each with its own simulated changer. */
export class TransportTrio {
  private constructor(
    readonly names: readonly string[],
    readonly transports: readonly ScsiTransport[],
    readonly targets: readonly FuzzTarget[],
    private readonly stops: readonly (() => Promise<void>)[],
    /** The serial changer's backend and nexus, for the CDBs serial cannot carry (see executeAll). */
    private readonly serialSide: { readonly backend: ScsiTargetBackend; readonly nexus: string },
  ) {}

  static async start(personality: Personality): Promise<TransportTrio> {
    const targets = [0, 1, 2].map(() => new FuzzTarget(personality));
    const [local, net, line] = targets.map((t) => new SettlingBackend(t)) as [
      SettlingBackend,
      SettlingBackend,
      SettlingBackend,
    ];
    const stops: (() => Promise<void>)[] = [];
    try {
      const inMemory = new InMemoryTransport(local, { nexus: 'in-memory:trio' });
      stops.push(() => inMemory.close());
      const iscsiTarget = await IscsiTarget.listen({
        host: '127.0.0.1',
        port: 0,
        targetName: TARGET_NAME,
        backend: net,
      });
      stops.push(() => iscsiTarget.close());
      const iscsi = await IscsiInitiator.connect({
        host: '127.0.0.1',
        port: iscsiTarget.address().port,
        targetName: TARGET_NAME,
        initiatorName: 'iqn.2026-12.dev.changerbench:trio-host',
      });
      stops.unshift(() => iscsi.close());
      const pair = await PtyPair.start();
      stops.push(() => pair.stop());
      const serialTarget = await SerialTarget.open({
        path: pair.b,
        baudRate: 115200,
        backend: line,
        portName: 'pty-trio',
        reopenMs: 0,
      });
      stops.unshift(() => serialTarget.close());
      const serial = await SerialInitiator.open({ path: pair.a, baudRate: 115200, initiatorName: 'trio-host' });
      stops.unshift(() => serial.close());
      return new TransportTrio(['in-process', 'iSCSI', 'serial'], [inMemory, iscsi, serial], targets, stops, {
        backend: line,
        nexus: serial.nexus,
      });
    } catch (e) {
      for (const stop of stops) await stop().catch(() => undefined);
      for (const t of targets) t.close();
      throw e;
    }
  }

  /**
   * Sends `command` over each transport that can carry it, in turn: the answers in the order of `names`, with
   * undefined for serial when the CDB is longer than its 16 bytes (docs/serial-framing.md 8). Such a CDB still
   * runs on the serial changer, straight through its backend with the serial session's nexus, so the three stay
   * in the same state (a unit attention it reports, a move it makes).
   */
  async executeAll(command: ScsiCommand): Promise<(Answer | undefined)[]> {
    const answers: (Answer | undefined)[] = [];
    for (const [i, t] of this.transports.entries()) {
      if (i === SERIAL && command.cdb.length > SERIAL_MAX_CDB) {
        await this.serialSide.backend.execute(this.serialSide.nexus, command.lun, command.cdb, command.dataOut);
        answers.push(undefined);
      } else {
        answers.push(answer(await t.execute(command)));
      }
    }
    return answers;
  }

  /** Closes initiators, targets and the PTY pair and releases the changers; never rejects. */
  async close(): Promise<void> {
    for (const stop of this.stops) await stop().catch(() => undefined);
    for (const t of this.targets) t.close();
  }
}
