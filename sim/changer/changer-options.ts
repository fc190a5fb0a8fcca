/**
 * The options of a simulated changer (ChangerCore, SimulatedChanger, createInProcessTarget).
 * Design: docs/simulator.md; docs/architecture.md "Time and logging" (the clock and logger are injected).
 */
import type { Clock } from '../../common/clock/clock.js';
import type { Logger } from '../../common/logger.js';
import type { LibraryState } from '../model/library-state.js';
import type { StateStore } from '../persistence/journal-store.js';

/**
 * Opens a changer's durable state: restores `state` (freshly built from its personality) from the state file, or
 * seeds it and writes the first snapshot; throws StateFileError when the file cannot be used.
 */
export type OpenStateStore = (state: LibraryState) => StateStore;

/** What robot commands get while the robot moves: wait their turn (default) or status BUSY. */
export type BusyPolicy = 'queue' | 'busy';

/** Options of a simulated changer. */
export interface ChangerOptions {
  /** Mechanical time: VirtualClock in tests, ScaledClock for a lab simulator. */
  readonly clock: Clock;
  /**
   * The state file, as `journalStateFile(path)` of sim/persistence/journal-store.ts gives it; without it the
   * simulator keeps its state in memory only. Injected, so that an in-memory simulator (`changerbench status
   * --fixture`) loads neither the state file's code nor the schemas that check it (zod).
   */
  readonly stateStore?: OpenStateStore | undefined;
  readonly busyPolicy?: BusyPolicy | undefined;
  /** Skip the power-on delay at start (benchmarks, quick in-process use); 29/00 is still reported. */
  readonly startReady?: boolean | undefined;
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
