/**
 * Shared by the simulator's fuzz and property tests: a SimulatedTarget on a VirtualClock whose internal-failure
 * logger only records (so a hit is reported with its CDB instead of escaping as an exception), the check every
 * answer must pass (SAM-5 5.3 statuses a changer may give; well-formed sense per SPC-4 4.5; never the
 * internal-failure sense 04/44/00, SPC-4 4.5 "INTERNAL TARGET FAILURE"), and a seeded random source.
 * See docs/scsi-model.md 2 and 7.3.
 */
import { VirtualClock } from '../../../../common/clock/clock.js';
import { decodeSense, isWellFormedSense, ScsiStatus } from '../../../../scsi/codec/index.js';
import type { BackendResult } from '../../../../scsi/transport/scsi-target-backend.js';
import type { Personality } from '../../../../sim/personality/personality.js';
import { SimulatedChanger } from '../../../../sim/changer/simulated-changer.js';
import { SimulatedTarget } from '../../../../sim/changer/simulated-target.js';
import { SILENT_LOGGER } from '../../../../common/logger.js';
import { createInProcessTarget } from '../../../../sim/changer/in-process-target.js';
import { journalStateFile } from '../../../../sim/persistence/journal-store.js';

/** Statuses the simulator may answer with. */
export const ALLOWED_STATUSES: ReadonlySet<number> = new Set([
  ScsiStatus.GOOD,
  ScsiStatus.CHECK_CONDITION,
  ScsiStatus.BUSY,
  ScsiStatus.RESERVATION_CONFLICT,
]);

/** A simulated target under test. */
export class FuzzTarget {
  readonly clock = new VirtualClock();
  readonly changer: SimulatedChanger;
  readonly target: SimulatedTarget;
  /** Messages the simulator sent to its internal-failure logger. */
  readonly internalFailures: string[] = [];

  constructor(personality: Personality, options: { readonly statePath?: string; readonly startReady?: boolean } = {}) {
    ({ changer: this.changer, target: this.target } = createInProcessTarget(personality, {
      clock: this.clock,
      stateStore: options.statePath === undefined ? undefined : journalStateFile(options.statePath),
      startReady: options.startReady ?? true,
      logger: {
        ...SILENT_LOGGER,
        error: (fields, message) => void this.internalFailures.push(`${message}: ${String(fields['detail'])}`),
      },
    }));
  }

  /** Runs one command to completion on the virtual clock (throws if it can never complete). */
  async execute(nexus: string, lun: number, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult> {
    return (await this.clock.runUntil(this.target.execute(nexus, lun, cdb, dataOut))) as BackendResult;
  }

  /** Runs virtual time until the robot is idle and no mechanical timer is pending. */
  async settle(): Promise<void> {
    await this.clock.runUntil(this.changer.whenSettled());
  }

  close(): void {
    this.changer.close();
  }
}

/** Why an answer breaks the contract, or undefined when it is fine. */
export function answerProblem(r: BackendResult): string | undefined {
  if (!ALLOWED_STATUSES.has(r.status))
    return `status 0x${r.status.toString(16)} is not GOOD, CHECK CONDITION, BUSY or RESERVATION CONFLICT`;
  if (!Buffer.isBuffer(r.dataIn)) return 'dataIn is not a Buffer';
  if (r.status !== ScsiStatus.CHECK_CONDITION) return undefined;
  if (!r.sense) return 'CHECK CONDITION without sense data';
  if (!isWellFormedSense(r.sense)) return `malformed sense ${r.sense.toString('hex')}`;
  const s = decodeSense(r.sense);
  if (s.key === 0x04 && s.asc === 0x44 && s.ascq === 0x00) return 'internal-failure sense 04/44/00';
  return undefined;
}

/** A small seeded generator (mulberry32), so a failing fuzz run can be repeated from its seed. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** `length` random bytes. */
  bytes(length: number): Buffer {
    const b = Buffer.alloc(length);
    for (let i = 0; i < length; i++) b[i] = this.below(256);
    return b;
  }
}
