/**
 * A lane of the CDB campaign: one transport to one simulator of its own, all started from the same fixture, so
 * that the same commands in the same order meet the same state on every lane. Design: docs/reliability.md 2.
 */
import type { Answer } from '../answer.js';
import type { CdbCase } from '../cdb-cases.js';

/** A transport under comparison. */
export interface Lane {
  readonly name: string;
  /** Longest CDB the lane carries (serial and libiscsi: 16; our iSCSI: 260 with the Extended CDB AHS). */
  readonly maxCdbLength: number;
  /**
   * Commands without mechanical work the lane may have in flight at once. They reach the simulator in the order
   * sent (iSCSI CmdSN order, serial sequence order, libiscsi's one-at-a-time loop fed from a pipe) and each is
   * answered from the state it finds on arrival, so the answers are those of one-at-a-time sending.
   */
  readonly depth: number;
  /** The simulator process behind the lane, if it is a child. */
  readonly pid: number | undefined;
  run(c: CdbCase): Promise<Answer>;
  /** Waits until the robot is idle and no mechanical timer is pending (what a move may start). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Operation codes whose work may outlast their answer (robot, inventory, import/export), SMC-3 6
 * (docs/smc-reference.md 1.1).
 */
export const MECHANICAL_OPCODES: ReadonlySet<number> = new Set([0x07, 0x1b, 0x2b, 0x37, 0xa5, 0xa6, 0x1e, 0x16, 0x17]);

/**
 * TEST UNIT READY until GOOD (at most 5 tries), before the campaign: every lane's nexus starts without unit
 * attentions (SAM-5 unit attention condition, docs/scsi-model.md 4: the first command of a new I_T nexus gets 06h/29h;
 * libiscsi's login already sends one).
 */
export async function clearUnitAttentions(lane: Lane): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const a = await lane.run({ index: -1, lun: 0, cdb: Buffer.alloc(6), dataOut: undefined, allocationLength: 0 });
    if (a.status === 0) return;
  }
  throw new Error(`lane ${lane.name}: TEST UNIT READY never answered GOOD`);
}
