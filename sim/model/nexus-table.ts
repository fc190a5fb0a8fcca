/**
 * Per I_T nexus state: unit attention queues, deferred errors, PREVENT MEDIUM REMOVAL holders and the RESERVE(6)
 * unit reservation. A nexus seen for the first time (or after a reset or power-on) starts with POWER ON, RESET,
 * OR BUS DEVICE RESET OCCURRED.
 * Spec: SAM-5 (unit attention condition, per I_T nexus); SMC-3 PREVENT ALLOW MEDIUM REMOVAL (prevention
 * ends when every I_T nexus has allowed, or on reset); SPC-2 7.25/7.20 RESERVE(6)/RELEASE(6) (docs/scsi-model.md 4, 10,
 * 12); docs/smc-reference.md 1.5 (UAs queued FIFO per nexus, reset clears PREVENT), 1.6 (Dell TL: cleared only when all
 * initiators allow).
 */
import { Asc, type AscAscq } from '../../scsi/codec/sense-codes.js';
import type { SenseTriple } from '../personality/personality.js';

/** At most this many unit attentions wait per nexus; older duplicates are merged, the oldest dropped beyond. */
export const UA_QUEUE_LIMIT = 16;

/** What one I_T nexus has pending. */
export interface NexusState {
  readonly id: string;
  /** Unit attention conditions, oldest first. */
  readonly unitAttentions: AscAscq[];
  /** A deferred error to report on the next command (SPC-4 4.5, docs/scsi-model.md 7.3). */
  deferred: SenseTriple | undefined;
}

/** Every nexus the logical unit knows, with prevent and reservation state. */
export class NexusTable {
  private readonly nexuses = new Map<string, NexusState>();
  /** Nexuses that issued PREVENT MEDIUM REMOVAL and have not allowed since. */
  readonly preventers = new Set<string>();
  /** Holder of the RESERVE(6) unit reservation. */
  reservation: string | undefined;

  /** The nexus's state; a new nexus starts with 29/00. */
  get(nexus: string): NexusState {
    let state = this.nexuses.get(nexus);
    if (!state) {
      state = { id: nexus, unitAttentions: [Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED], deferred: undefined };
      this.nexuses.set(nexus, state);
    }
    return state;
  }

  /** Registers a nexus that has just been told about the reset (no 29/00 waiting). */
  adopt(nexus: string): void {
    if (!this.nexuses.has(nexus)) this.nexuses.set(nexus, { id: nexus, unitAttentions: [], deferred: undefined });
  }

  /** Ids of the nexuses seen since the last reset. */
  known(): string[] {
    return [...this.nexuses.keys()];
  }

  /** Queues a unit attention for every known nexus except `except` (nexuses not yet seen will get 29/00). */
  raise(ua: AscAscq, except?: string): void {
    for (const state of this.nexuses.values()) if (state.id !== except) this.push(state, ua);
  }

  /** Queues a unit attention for one nexus, if it is known. */
  raiseFor(nexus: string, ua: AscAscq): void {
    const state = this.nexuses.get(nexus);
    if (state) this.push(state, ua);
  }

  private push(state: NexusState, ua: AscAscq): void {
    const queue = state.unitAttentions;
    if (queue.some((q) => q.asc === ua.asc && q.ascq === ua.ascq)) return;
    if (queue.length >= UA_QUEUE_LIMIT) queue.shift();
    queue.push(ua);
  }

  /** Takes the oldest unit attention of a nexus, if any. */
  takeUnitAttention(state: NexusState): AscAscq | undefined {
    return state.unitAttentions.shift();
  }

  /** True while any nexus prevents medium removal. */
  get prevented(): boolean {
    return this.preventers.size > 0;
  }

  /** PREVENT (true) or ALLOW (false) from one nexus. */
  setPrevent(nexus: string, prevent: boolean): void {
    if (prevent) this.preventers.add(nexus);
    else this.preventers.delete(nexus);
  }

  /**
   * Reset or power-on: every nexus is forgotten (each gets 29/00 on its next command), prevention and the
   * reservation end.
   */
  resetAll(): void {
    this.nexuses.clear();
    this.preventers.clear();
    this.reservation = undefined;
  }

  /** I_T nexus loss: that nexus's prevent and reservation end and its pending conditions are dropped. */
  lost(nexus: string): void {
    this.nexuses.delete(nexus);
    this.preventers.delete(nexus);
    if (this.reservation === nexus) this.reservation = undefined;
  }
}
