/**
 * The one way to assemble a simulated changer behind its target in this process: the changer (its options, with
 * REPORT LUNS listing the target's LUN) and the SimulatedTarget every transport (in-memory, iSCSI, serial, sg:)
 * serves. The CLI, the conformance harness, `sim serve`, the benchmarks and the tests all build it here.
 * Design: docs/architecture.md "Interfaces that hold it together"; docs/simulator.md.
 */
import type { Clock } from '../../common/clock/clock.js';
import type { Personality } from '../personality/personality.js';
import type { ChangerOptions } from './changer-options.js';
import { SimulatedChanger } from './simulated-changer.js';
import { SimulatedTarget } from './simulated-target.js';

/** Options of {@link createInProcessTarget}: the changer's, and where the target puts it. */
export interface InProcessTargetOptions extends Omit<ChangerOptions, 'reportedLuns'> {
  /** LUN of the changer (default 0); REPORT LUNS lists it alone. */
  readonly lun?: number | undefined;
  /** Time of the target's command records (default: real time, whatever the mechanical time scale). */
  readonly recordClock?: Clock | undefined;
}

/** A simulated changer and the target that hosts it (C: the clock's own type, e.g. VirtualClock). */
export interface InProcessTarget<C extends Clock = Clock> {
  readonly changer: SimulatedChanger;
  readonly target: SimulatedTarget;
  /** The changer's mechanical clock (options.clock). */
  readonly clock: C;
}

/**
 * Builds the changer from `personality` (or restores it from `options.stateStore`'s state file: StateFileError when
 * that file cannot be used) and hosts it at `options.lun`.
 */
export function createInProcessTarget<C extends Clock>(
  personality: Personality,
  options: InProcessTargetOptions & { readonly clock: C },
): InProcessTarget<C> {
  const { lun = 0, recordClock, ...changerOptions } = options;
  const changer = new SimulatedChanger(personality, { ...changerOptions, reportedLuns: [lun] });
  const target = new SimulatedTarget(changer, { lun, clock: recordClock });
  return { changer, target, clock: options.clock };
}
