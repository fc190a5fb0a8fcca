/**
 * A simulator on a VirtualClock with helpers to run commands and check their outcome. Any use of the
 * internal-failure path (04/44/00) throws, so no test can pass through it unnoticed.
 */
import { expect } from 'chai';
import { VirtualClock } from '../../../common/clock/clock.js';
import {
  decodeSense,
  encodeMoveMediumCdb,
  encodeReadElementStatusCdb,
  encodeTestUnitReadyCdb,
  ScsiStatus,
  SenseKey,
  type AscAscq,
  type FieldPointer,
  type SenseData,
} from '../../../scsi/codec/index.js';
import type { BackendResult } from '../../../scsi/transport/scsi-target-backend.js';
import type { BusyPolicy } from '../../../sim/changer/changer-options.js';
import type { Personality } from '../../../sim/personality/personality.js';
import { createInProcessTarget } from '../../../sim/changer/in-process-target.js';
import type { SimulatedChanger } from '../../../sim/changer/simulated-changer.js';
import type { SimulatedTarget } from '../../../sim/changer/simulated-target.js';
import { TEST_PERSONALITY } from './test-personality.js';
import { SILENT_LOGGER } from '../../../common/logger.js';
import { journalStateFile } from '../../../sim/persistence/journal-store.js';

export interface BenchOptions {
  readonly statePath?: string;
  readonly busyPolicy?: BusyPolicy;
  /** Default true: skip the power-on delay. */
  readonly startReady?: boolean;
  readonly compactAfterBytes?: number;
  /** LUN of the changer behind `target` (default 0). */
  readonly lun?: number;
}

/** One simulator under test. */
export class Bench {
  readonly clock = new VirtualClock();
  readonly changer: SimulatedChanger;
  /** The target hosting the changer at `options.lun`. */
  readonly target: SimulatedTarget;

  constructor(
    readonly personality: Personality = TEST_PERSONALITY,
    options: BenchOptions = {},
  ) {
    ({ changer: this.changer, target: this.target } = createInProcessTarget(personality, {
      clock: this.clock,
      lun: options.lun,
      stateStore:
        options.statePath === undefined
          ? undefined
          : journalStateFile(options.statePath, { compactAfterBytes: options.compactAfterBytes }),
      busyPolicy: options.busyPolicy,
      startReady: options.startReady ?? true,
      logger: {
        ...SILENT_LOGGER,
        error: (fields, message) => {
          throw new Error(`internal target failure path was hit: ${message}: ${String(fields['detail'])}`);
        },
      },
    }));
  }

  get control() {
    return this.changer.control;
  }

  /** Runs a command to completion, advancing virtual time as far as it needs. */
  async run(nexus: string, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult> {
    return (await this.clock.runUntil(this.changer.execute(nexus, cdb, dataOut))) as BackendResult;
  }

  /** Starts a command without advancing time. */
  start(nexus: string, cdb: Uint8Array, dataOut?: Uint8Array): Promise<BackendResult> {
    return this.changer.execute(nexus, cdb, dataOut);
  }

  /** Advances time until the robot is idle and no mechanical timer is pending. */
  async settle(): Promise<void> {
    await this.clock.runUntil(this.changer.whenSettled());
  }

  /** Consumes the unit attentions of a nexus (TEST UNIT READY until no UNIT ATTENTION); returns them. */
  async drainUnitAttentions(nexus: string): Promise<AscAscq[]> {
    const seen: AscAscq[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await this.run(nexus, encodeTestUnitReadyCdb());
      const s = r.sense ? decodeSense(r.sense) : undefined;
      if (!s || s.key !== SenseKey.UNIT_ATTENTION) return seen;
      seen.push({ asc: s.asc, ascq: s.ascq });
    }
    throw new Error('unit attentions never ended');
  }

  tur(nexus: string): Promise<BackendResult> {
    return this.run(nexus, encodeTestUnitReadyCdb());
  }

  move(nexus: string, source: number, destination: number, transportAddress = 0): Promise<BackendResult> {
    return this.run(
      nexus,
      encodeMoveMediumCdb({ transportAddress, sourceAddress: source, destinationAddress: destination }),
    );
  }

  /** READ ELEMENT STATUS of every element with volume tags. */
  readAll(nexus: string, allocationLength = 0xffffff): Promise<BackendResult> {
    return this.run(
      nexus,
      encodeReadElementStatusCdb({
        voltag: true,
        elementType: 0,
        startingAddress: 0,
        numberOfElements: 0xffff,
        allocationLength,
      }),
    );
  }

  /** Volume tag at each full address, from the control API. */
  contents(): Map<number, string> {
    const m = new Map<number, string>();
    for (const e of this.control.status().elements) if (e.cartridge) m.set(e.address, e.cartridge.volumeTag);
    return m;
  }

  close(): void {
    this.changer.close();
  }
}

/** The decoded sense of a CHECK CONDITION result. */
export function senseOf(r: BackendResult): SenseData {
  expect(r.status, 'status').to.equal(ScsiStatus.CHECK_CONDITION);
  expect(r.sense, 'sense data').to.be.instanceOf(Buffer);
  return decodeSense(r.sense as Buffer);
}

/** Asserts CHECK CONDITION with key/ASC/ASCQ and, when given, exactly this field pointer. */
export function expectCheck(r: BackendResult, key: number, code: AscAscq, pointer?: FieldPointer): SenseData {
  const s = senseOf(r);
  expect({ key: s.key, asc: s.asc, ascq: s.ascq }, 'sense').to.deep.equal({ key, asc: code.asc, ascq: code.ascq });
  if (pointer) expect(s.fieldPointer, 'field pointer').to.deep.equal(pointer);
  return s;
}

/** Asserts GOOD status. */
export function expectGood(r: BackendResult): void {
  const detail = r.sense ? JSON.stringify(decodeSense(r.sense)) : '';
  expect(r.status, `status (sense ${detail})`).to.equal(ScsiStatus.GOOD);
}
