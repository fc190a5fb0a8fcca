/**
 * The options of a simulated changer (ChangerCore, SimulatedChanger, createInProcessTarget).
 * Design: docs/simulator.md; docs/architecture.md "Time and logging" (the clock and logger are injected).
 */
import type { Clock } from '../../common/clock/clock.js';
import type { Logger } from '../../common/logger.js';

/** What robot commands get while the robot moves: wait their turn (default) or status BUSY. */
export type BusyPolicy = 'queue' | 'busy';

/** Options of a simulated changer. */
export interface ChangerOptions {
  /** Mechanical time: VirtualClock in tests, ScaledClock for a lab simulator. */
  readonly clock: Clock;
  /** State file; without it the simulator keeps its state in memory only. */
  readonly statePath?: string | undefined;
  readonly busyPolicy?: BusyPolicy | undefined;
  /** Skip the power-on delay at start (benchmarks, quick in-process use); 29/00 is still reported. */
  readonly startReady?: boolean | undefined;
  /** Journal size that triggers a new snapshot (bytes). */
  readonly compactAfterBytes?: number | undefined;
  /**
   * Group the state file's commits of commands that complete in the same turn of the event loop into one write and
   * one fdatasync (sim serve sets it). Off by default: in-process simulators on a virtual clock commit at once.
   */
  readonly groupCommit?: boolean | undefined;
  /** LUNs REPORT LUNS lists (default [0]); createInProcessTarget passes the target's LUN. */
  readonly reportedLuns?: readonly number[] | undefined;
  /**
   * Where the simulator reports what it cannot answer in-band (error: the internal-failure last resort) and what
   * it repaired and carried on (warn: a state file's id counter behind its ids). Defaults to writing to stderr.
   */
  readonly logger?: Logger | undefined;
}
