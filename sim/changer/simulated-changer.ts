/**
 * A simulated SCSI medium changer: one personality, one robot on an injected clock, per-nexus state, optional
 * durable state file, and the operator/fault API as `control`. Transports reach it through SimulatedTarget
 * (sim/changer/simulated-target.ts) or call execute() directly.
 * Spec: SAM-5 (Execute Command); sim/changer/logical-unit.ts (ScsiLogicalUnit contract); design:
 * docs/architecture.md "Changer (sim)", docs/simulator.md. See docs/scsi-model.md 1.
 */
import { Asc } from '../../scsi/codec/index.js';
import type { BackendResult } from '../../scsi/transport/scsi-target-backend.js';
import type { ScsiLogicalUnit } from './logical-unit.js';
import { ChangerCore } from './changer-core.js';
import type { ChangerOptions } from './changer-options.js';
import { buildCommandTable, type CommandTable } from '../commands/registry.js';
import { ChangerControl } from '../control/changer-control.js';
import { Dispatcher } from './dispatcher.js';
import type { Personality } from '../personality/personality.js';

/** The simulated changer logical unit. */
export class SimulatedChanger implements ScsiLogicalUnit {
  /** Operator hands and fault injection. */
  readonly control: ChangerControl;
  /** State, robot and conditions (for tests, tools and the console; prefer `control`). */
  readonly core: ChangerCore;
  /** The commands this product implements. */
  readonly commands: CommandTable;
  private readonly dispatcher: Dispatcher;

  /**
   * Builds the library from the personality, or restores it from `options.stateStore` (throws StateFileError
   * when that file cannot be used); then a power-on follows (NOT READY 04/01 for the product's power-on time,
   * unless `startReady`), and every nexus is greeted with 06/29/00.
   */
  constructor(
    readonly personality: Personality,
    options: ChangerOptions,
  ) {
    this.core = new ChangerCore(personality, options);
    this.commands = buildCommandTable(personality);
    this.dispatcher = new Dispatcher(this.core, this.commands);
    this.control = new ChangerControl(this.core);
  }

  /** Same as the constructor, for callers that prefer a factory. */
  static async create(personality: Personality, options: ChangerOptions): Promise<SimulatedChanger> {
    return new SimulatedChanger(personality, options);
  }

  execute(nexus: string, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult> {
    return this.dispatcher.execute(nexus, cdb, dataOut);
  }

  reset(kind: 'logical-unit' | 'target-warm' | 'power-on'): void {
    this.core.reset(kind);
  }

  nexusLost(nexus: string): void {
    this.core.nexusLost(nexus);
  }

  /**
   * Task management for one nexus: ABORT TASK SET drops its queued robot commands (answered TASK ABORTED);
   * CLEAR TASK SET drops everyone's and tells the other nexuses 06/2F/00. A running motion always finishes.
   * ABORT TASK without a tag cannot name a task here and does nothing.
   */
  abortTasks(nexus: string, scope: 'task-set' | 'clear-task-set'): void {
    if (scope === 'task-set') {
      this.core.robot.abortQueued((owner) => owner === nexus);
      return;
    }
    const owners = this.core.robot.abortQueued((owner) => owner !== undefined);
    for (const owner of new Set(owners))
      if (owner !== nexus) this.core.nexuses.raiseFor(owner, Asc.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR);
  }

  /** Resolves when the robot is idle and no mechanical timer runs (advance a VirtualClock until it settles). */
  whenSettled(): Promise<void> {
    return this.core.whenSettled();
  }

  /** Releases the state file. */
  close(): void {
    this.core.close();
  }
}
