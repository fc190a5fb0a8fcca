/**
 * The running library: state, nexuses, robot, timers, faults and persistence of one simulated changer, shared by
 * the command handlers and the control API. Holds the library-wide conditions the dispatcher checks (powering
 * on, offline, library-initiated inventory, door open) and the events that raise unit attentions.
 * Spec: SAM-5 (unit attentions, resets); docs/smc-reference.md 1.5-1.7 (power-on/reset clears PREVENT,
 * 02/04/01 becoming ready and while inventorying, 02/04/12 offline, door open sense per product, 06/28/00 after
 * door close, 06/3B/13 after magazine insertion). Design: docs/simulator.md.
 */
import type { Clock, Timer } from '../../common/clock/clock.js';
import type { BusyPolicy, ChangerOptions } from './changer-options.js';
import { lineLogger, type Logger } from '../../common/logger.js';
import { Asc, SenseKey, type AscAscq } from '../../scsi/codec/sense-codes.js';
import { FaultInjector } from '../control/fault-injector.js';
import { Robot } from '../mechanics/robot.js';
import { CleaningCycles } from '../mechanics/cleaning-cycles.js';
import type { ElementState } from '../model/element.js';
import { LibraryState } from '../model/library-state.js';
import { NexusTable } from '../model/nexus-table.js';
import { PersistentReservations } from '../model/persistent-reservations.js';
import { recoverTransports, seedInventory } from '../model/transitions.js';
import type { StateStore } from '../persistence/journal-store.js';
import type { Personality, SenseTriple } from '../personality/personality.js';

const notReady = (a: AscAscq): SenseTriple => ({ key: SenseKey.NOT_READY, asc: a.asc, ascq: a.ascq });
const BECOMING_READY = notReady(Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY);
const OFFLINE = notReady(Asc.LOGICAL_UNIT_NOT_READY_OFFLINE);

/** One simulated library at run time. */
export class ChangerCore {
  readonly state: LibraryState;
  readonly nexuses = new NexusTable();
  /** Persistent reservations: they outlive nexuses and resets, not a power loss. */
  readonly persistent = new PersistentReservations();
  readonly robot: Robot;
  readonly faults = new FaultInjector();
  readonly cleaning: CleaningCycles;
  readonly busyPolicy: BusyPolicy;
  readonly logger: Logger;
  /** What REPORT LUNS lists (options.reportedLuns; createInProcessTarget passes the target's LUN). */
  readonly reportedLuns: readonly number[];
  private descriptorSense = false;
  private powering = false;
  private isOffline = false;
  private scans = 0;
  private slow = 1;
  private readonly store: StateStore | undefined;
  private readonly timers = new Set<Timer>();
  private timerWaiters: (() => void)[] = [];

  constructor(
    readonly personality: Personality,
    readonly options: ChangerOptions,
  ) {
    this.state = new LibraryState(personality);
    this.robot = new Robot(options.clock, () => this.slow);
    this.cleaning = new CleaningCycles(this);
    this.busyPolicy = options.busyPolicy ?? 'queue';
    this.reportedLuns = options.reportedLuns ?? [0];
    this.logger = options.logger ?? lineLogger('changerbench sim');
    if (options.stateStore !== undefined) {
      const store = options.stateStore(this.state);
      this.store = store;
      for (const repair of store.repairs) this.logger.warn({}, repair);
    } else {
      seedInventory(this.state);
      this.state.changes.clear();
    }
    this.powerOn(options.startReady === true);
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** Current value of the control mode page's D_SENSE (descriptor-format sense). */
  get dSense(): boolean {
    return this.descriptorSense;
  }

  /** MODE SELECT of the control mode page sets D_SENSE; a power-on reverts it. */
  setDescriptorSense(on: boolean): void {
    this.descriptorSense = on;
  }

  /** In the power-on delay (NOT READY 04/01). */
  get poweringOn(): boolean {
    return this.powering;
  }

  /** Taken offline by the operator (NOT READY 04/12). */
  get offline(): boolean {
    return this.isOffline;
  }

  /** The operator takes the library offline or brings it back. */
  setOnline(online: boolean): void {
    this.isOffline = !online;
  }

  /** Library-initiated inventories queued or running (NOT READY 04/01 meanwhile). */
  get scanning(): number {
    return this.scans;
  }

  /** Multiplies every mechanical duration. */
  get slowFactor(): number {
    return this.slow;
  }

  /** The fault injector slows (or restores) every mechanical duration. */
  setSlowFactor(factor: number): void {
    this.slow = factor;
  }

  /** Writes what changed (before a status or an operator result is returned). */
  commit(): void {
    if (this.store) this.store.commit(this.state);
    else this.state.changes.clear();
  }

  /**
   * Writes what changed before a command's status is returned: with `groupCommit`, the records of the commands that
   * complete in one turn share one write and fdatasync, and the promise settles once they are on disk (every
   * command waits for the group in flight, so no answer shows a state that is not yet durable); otherwise at once.
   */
  commitForAnswer(): Promise<void> | undefined {
    if (this.store === undefined) {
      this.state.changes.clear();
      return undefined;
    }
    if (this.options.groupCommit !== true) {
      this.store.commit(this.state);
      return undefined;
    }
    return this.store.commitGrouped(this.state);
  }

  /** Calls `fn` after `ms` of mechanical time (scaled); power loss cancels it. */
  schedule(ms: number, fn: () => void): Timer {
    const timer = this.clock.setTimer(ms * this.slowFactor, () => {
      this.timers.delete(handle);
      fn();
      this.wakeTimerWaiters();
    });
    const handle: Timer = {
      cancel: () => {
        timer.cancel();
        if (this.timers.delete(handle)) this.wakeTimerWaiters();
      },
    };
    this.timers.add(handle);
    return handle;
  }

  private wakeTimerWaiters(): void {
    const waiters = this.timerWaiters;
    this.timerWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * Why the library cannot do a command now, if it cannot: powering on 02/04/01, offline 02/04/12, inventory in
   * progress 02/04/01, and for motion commands and TEST UNIT READY the door open (the product's openSense).
   */
  notReady(motion: boolean): SenseTriple | undefined {
    if (this.powering) return BECOMING_READY;
    if (this.isOffline) return OFFLINE;
    if (this.scans > 0) return BECOMING_READY;
    if (motion && this.state.door.open) return this.personality.door.openSense;
    return undefined;
  }

  /**
   * The readiness a robot job re-checks when it starts: as {@link notReady} for motion, without the library's own
   * inventories — in a FIFO robot every inventory ahead of the job has finished, and one queued behind it was
   * started after the job was accepted.
   */
  notReadyForRobot(): SenseTriple | undefined {
    if (this.powering) return BECOMING_READY;
    if (this.isOffline) return OFFLINE;
    if (this.state.door.open) return this.personality.door.openSense;
    return undefined;
  }

  /** Queues a unit attention for every nexus (but `except`). */
  raise(ua: AscAscq, except?: string): void {
    this.nexuses.raise(ua, except);
  }

  /** Mechanical time to inventory `elements` elements (FAST: presence only, a quarter per element). */
  inventoryMs(elements: number, fast = false): number {
    const t = this.personality.timing;
    return t.inventoryOverheadMs + elements * t.inventoryPerElementMs * (fast ? 0.25 : 1);
  }

  /** A library-initiated inventory (after door close, magazine insertion, IE close): NOT READY until done. */
  startScan(label: string, elements: readonly ElementState[]): void {
    this.scans += 1;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.scans -= 1;
    };
    // Finish inside the job, so the next queued command already sees the library ready; and on the outer
    // promise for a scan dropped from the queue by a power loss before it started.
    this.robot
      .run(label, undefined, async (m) => {
        try {
          await m.sleep(this.inventoryMs(elements.length));
        } finally {
          finish();
        }
      })
      .catch(() => undefined)
      .finally(finish);
  }

  /** Power-on: the gripper's cartridge goes back, then NOT READY 04/01 for the power-on time. */
  private powerOn(instant: boolean): void {
    recoverTransports(this.state);
    this.commit();
    if (instant) return;
    this.powering = true;
    this.schedule(this.personality.timing.powerOnMs, () => {
      this.powering = false;
      this.cleaning.retryAutoClean();
    });
  }

  /** Power loss and power-on: motion stops, timers die, every nexus starts over with 29/00, mode pages revert. */
  powerCycle(): void {
    this.robot.abortAll();
    for (const t of [...this.timers]) t.cancel();
    this.cleaning.powerLost();
    this.nexuses.resetAll();
    this.persistent.powerLost();
    this.revertModePages();
    this.powerOn(false);
  }

  /** Current mode parameters return to their defaults (power-on; nothing is saveable). */
  revertModePages(): void {
    this.descriptorSense = false;
    this.state.reassign(this.state.homeAssignment());
  }

  /**
   * LOGICAL UNIT RESET, TARGET WARM RESET, or a power-on reset without mechanics: prevention and reservations
   * end, queued robot commands are aborted, every nexus gets 29/00 next.
   */
  reset(kind: 'logical-unit' | 'target-warm' | 'power-on'): void {
    this.robot.abortQueued((owner) => owner !== undefined);
    this.nexuses.resetAll();
    if (kind === 'power-on') this.revertModePages();
  }

  /** The nexus is gone: its prevent and reservation end, its queued robot commands are dropped. */
  nexusLost(nexus: string): void {
    this.robot.abortQueued((owner) => owner === nexus);
    this.nexuses.lost(nexus);
  }

  /** Resolves when the robot is idle and no mechanical timer (power-on, cleaning) is pending. */
  async whenSettled(): Promise<void> {
    for (;;) {
      if (this.robot.busy) await this.robot.whenIdle();
      else if (this.timers.size > 0) await new Promise<void>((resolve) => this.timerWaiters.push(resolve));
      else return;
    }
  }

  /** Closes the state file. */
  close(): void {
    for (const t of [...this.timers]) t.cancel();
    this.store?.close();
  }
}
