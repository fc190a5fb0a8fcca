/**
 * The load a simulator is killed under (campaign 2, docs/reliability.md 3): one iSCSI session keeping 8 commands
 * in flight (MOVE MEDIUMs between random full and empty elements, READ ELEMENT STATUS, TEST UNIT READY, INQUIRY),
 * and an operator on the control endpoint opening and closing the import/export station, handing cartridges
 * with new labels in and taking cartridges out, pulling and inserting magazines. The library refuses operator
 * actions while its robot moves (ROBOT_BUSY), so the operator now and then holds the hosts back until the
 * commands in flight have finished, acts, and lets them go on, as a person at a real library would. Every operator change of the
 * library's contents is recorded as acknowledged or in flight, so the census after a kill can be predicted.
 * Spec: SMC-3 6.6 MOVE MEDIUM, 6.10 READ ELEMENT STATUS (docs/smc-reference.md 1.2, 1.3);
 * docs: README "Control endpoint".
 */
import {
  encodeInquiryCdb,
  encodeMoveMediumCdb,
  encodeReadElementStatusCdb,
  encodeTestUnitReadyCdb,
} from '../scsi/codec/index.js';
import type { IscsiInitiator } from '../scsi/transport/iscsi/index.js';
import type { ControlResult, StatusView } from '../sim/control/control-types.js';
import type { HttpControlClient } from '../sim/control/control-http-client.js';
import type { SeededRandom } from './seeded-random.js';

/** An operator change of the contents: acknowledged, or sent and not yet answered. */
export interface ContentChange {
  readonly tag: string;
  readonly change: 'add' | 'remove';
}

/** What the load did before it was stopped (or its simulator killed). */
export interface LoadLog {
  readonly acknowledged: ContentChange[];
  inFlight: ContentChange | undefined;
  commands: number;
  moves: number;
  /** MOVE MEDIUMs answered GOOD (the robot carried a cartridge). */
  movesGood: number;
  operatorActions: number;
  /** Operator actions the simulator refused, by error code (robot busy, station locked...). */
  readonly refused: Record<string, number>;
}

const IN_FLIGHT = 8;

/** Runs until stop() or until the simulator goes away. */
export class BusyLoad {
  readonly log: LoadLog = {
    acknowledged: [],
    inFlight: undefined,
    commands: 0,
    moves: 0,
    movesGood: 0,
    operatorActions: 0,
    refused: {},
  };
  private stopped = false;
  /** Set while the operator waits for the robot: workers send nothing new. */
  private hold: Promise<void> | undefined;
  private inFlight = 0;
  private movesInFlight = 0;
  private status: StatusView;
  private readonly done: Promise<unknown>;

  constructor(
    private readonly initiator: IscsiInitiator,
    private readonly control: HttpControlClient,
    private readonly rng: SeededRandom,
    status: StatusView,
    private readonly labels: () => string,
  ) {
    this.status = status;
    this.done = Promise.allSettled([...Array.from({ length: IN_FLIGHT }, () => this.worker()), this.operator()]);
  }

  /** Commands sent and not yet answered, and how many of them are MOVE MEDIUMs (read at the moment of a kill). */
  get commandsInFlight(): { readonly commands: number; readonly moves: number } {
    return { commands: this.inFlight, moves: this.movesInFlight };
  }

  /** Stops sending; resolves when every worker has returned (they return on the first transport error). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  private async worker(): Promise<void> {
    while (!this.stopped) {
      if (this.hold) await this.hold;
      const roll = this.rng.below(10);
      let cdb: Buffer;
      let allocationLength = 0;
      let move = false;
      if (roll < 4) {
        const movable = this.status.elements.filter((e) => e.type !== 'transport' && e.accessible);
        const full = movable.filter((e) => e.cartridge);
        const empty = movable.filter((e) => !e.cartridge);
        if (full.length === 0 || empty.length === 0) cdb = encodeTestUnitReadyCdb();
        else {
          cdb = encodeMoveMediumCdb({
            transportAddress: 0,
            sourceAddress: this.rng.pick(full).address,
            destinationAddress: this.rng.pick(empty).address,
          });
          move = true;
          this.log.moves++;
        }
      } else if (roll < 7) {
        allocationLength = 0xffff;
        cdb = encodeReadElementStatusCdb({
          voltag: true,
          elementType: 0,
          startingAddress: 0,
          numberOfElements: 0xffff,
          allocationLength,
        });
      } else if (roll < 9) cdb = encodeTestUnitReadyCdb();
      else {
        allocationLength = 96;
        cdb = encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength });
      }
      this.inFlight++;
      if (move) this.movesInFlight++;
      try {
        const r = await this.initiator.execute({ lun: 0, cdb, allocationLength });
        this.log.commands++;
        if (move && r.status === 0) this.log.movesGood++;
      } catch {
        return;
      } finally {
        this.inFlight--;
        if (move) this.movesInFlight--;
      }
    }
  }

  private async operator(): Promise<void> {
    while (!this.stopped) {
      let release: (() => void) | undefined;
      try {
        if (this.rng.below(2) === 0) {
          this.hold = new Promise<void>((r) => (release = r));
          for (let waited = 0; this.inFlight > 0 && waited < 30_000 && !this.stopped; waited += 2)
            await new Promise((r) => setTimeout(r, 2));
        }
        this.status = await this.control.status();
        await this.act();
        this.log.operatorActions++;
      } catch {
        return;
      } finally {
        this.hold = undefined;
        release?.();
      }
      await new Promise((r) => setTimeout(r, 5 + this.rng.below(25)));
    }
  }

  /** One operator action; a change of contents is recorded in flight before it is sent. */
  private async act(): Promise<void> {
    const r = await this.action();
    if (r && !r.ok) this.log.refused[r.code] = (this.log.refused[r.code] ?? 0) + 1;
  }

  private async action(): Promise<ControlResult<unknown> | undefined> {
    const s = this.status;
    const roll = this.rng.below(10);
    if (s.importExport.present && roll < 6) {
      if (!s.importExport.open) return this.control.openImportExport();
      const ie = s.elements.filter((e) => e.type === 'importExport');
      const full = ie.filter((e) => e.cartridge);
      const empty = ie.filter((e) => !e.cartridge);
      if (roll < 2 && empty.length > 0) {
        const tag = this.labels();
        return this.change({ tag, change: 'add' }, () =>
          this.control.putIntoImportExport(this.rng.pick(empty).address, { volumeTag: tag }),
        );
      }
      if (roll < 4 && full.length > 0) {
        const e = this.rng.pick(full);
        return this.change({ tag: e.cartridge!.volumeTag, change: 'remove' }, () =>
          this.control.takeFromImportExport(e.address),
        );
      }
      return this.control.closeImportExport();
    }
    const mag = s.magazines.length > 0 ? this.rng.pick(s.magazines) : undefined;
    if (mag && roll < 8) return mag.present ? this.control.pullMagazine(mag.id) : this.control.insertMagazine(mag.id);
    if (s.drives.length > 0)
      return this.control.setDriveNeedsCleaning(this.rng.pick(s.drives).address, this.rng.below(2) === 0);
    return undefined;
  }

  private async change<T>(c: ContentChange, send: () => Promise<ControlResult<T>>): Promise<ControlResult<T>> {
    this.log.inFlight = c;
    const r = await send();
    this.log.inFlight = undefined;
    if (r.ok) this.log.acknowledged.push(c);
    return r;
  }
}
