/**
 * Drive cleaning: a usable cleaner placed in a drive runs a cleaning cycle (one use counted at the start, the
 * drive's needs-cleaning flag cleared at the end); a spent cleaner cleans nothing. With library-managed
 * auto-clean (page 1Fh ACE) the library itself cleans an empty drive that needs it, using a cleaner from a
 * hidden cleaning slot; the drive reports empty and accessible meanwhile (Quantum).
 * Spec: docs/smc-reference.md 1.6 "Cleaning cartridges / cleaning slots", 1.4 page 1Fh ACE; design:
 * docs/simulator.md "Cleaning".
 */
import type { Timer } from '../../common/clock/clock.js';
import type { DriveState } from '../model/element.js';
import type { LibraryState } from '../model/library-state.js';
import { setNeedsCleaning, useCleaning } from '../model/transitions.js';
import type { Personality, SenseTriple } from '../personality/personality.js';
import type { Robot } from './robot.js';

/**
 * What cleaning needs of the running library: sim/changer/changer-core.ts's ChangerCore fits. Declared here, below
 * the core that owns the cycles, so the two modules do not import each other.
 */
export interface CleaningHost {
  readonly state: LibraryState;
  readonly personality: Personality;
  readonly robot: Robot;
  /** Runs `fn` after `ms` on the library's clock (cancelled on power loss). */
  schedule(ms: number, fn: () => void): Timer;
  /** Publishes a change of the state. */
  commit(): void;
  /** Why a robot job may not move now (undefined: it may). */
  notReadyForRobot(): SenseTriple | undefined;
}

/** Cleaning cycles of one library's drives. */
export class CleaningCycles {
  private readonly running = new Map<DriveState, Timer>();
  private readonly autoCleanQueued = new Set<DriveState>();

  constructor(private readonly core: CleaningHost) {}

  /** The robot has put a cartridge into `drive`: a usable cleaner starts a cleaning cycle. */
  placedInDrive(drive: DriveState): void {
    const cartridge = drive.element.cartridge;
    if (!cartridge || cartridge.kind !== 'cleaning' || cartridge.spent) return;
    const state = this.core.state;
    useCleaning(state, cartridge);
    drive.cleaning = true;
    const timer = this.core.schedule(this.core.personality.timing.cleaningMs, () => {
      this.running.delete(drive);
      drive.cleaning = false;
      setNeedsCleaning(state, drive, false);
      this.core.commit();
    });
    this.running.set(drive, timer);
  }

  /** The cartridge left the drive by hand mid-cycle: the cycle ends unfinished (the use is gone). */
  stop(drive: DriveState): void {
    this.running.get(drive)?.cancel();
    this.running.delete(drive);
    drive.cleaning = false;
  }

  /** Power loss: every cycle stops (the core cancels the timers). */
  powerLost(): void {
    this.running.clear();
    this.autoCleanQueued.clear();
    for (const d of this.core.state.drives) d.cleaning = false;
  }

  /**
   * Queues a library-managed cleaning of `drive` when the product auto-cleans, the drive needs it and is empty,
   * and a hidden slot holds a usable cleaner (checked again when the robot gets to it).
   */
  maybeAutoClean(drive: DriveState): void {
    const core = this.core;
    if (!core.personality.cleaning.autoClean || this.autoCleanQueued.has(drive) || !this.wantsAutoClean(drive)) return;
    this.autoCleanQueued.add(drive);
    const timing = core.personality.timing;
    core.robot
      .run(`auto-clean drive ${drive.element.address}`, undefined, async (m) => {
        this.autoCleanQueued.delete(drive);
        const cleaner = this.wantsAutoClean(drive);
        if (!cleaner || core.notReadyForRobot()) return;
        drive.cleaning = true;
        await m.sleep(timing.moveMs);
        useCleaning(core.state, cleaner);
        core.commit();
        await m.sleep(timing.cleaningMs);
        drive.cleaning = false;
        setNeedsCleaning(core.state, drive, false);
        core.commit();
        await m.sleep(timing.moveMs);
      })
      .catch(() => undefined);
  }

  /** Looks again at every drive (after the library became ready: door closed, back online, powered on). */
  retryAutoClean(): void {
    for (const d of this.core.state.drives) this.maybeAutoClean(d);
  }

  private wantsAutoClean(drive: DriveState) {
    if (!drive.needsCleaning || drive.element.cartridge || drive.cleaning) return undefined;
    return this.core.state.hidden.find((c) => c !== undefined && !c.spent);
  }
}
