/**
 * Persistent reservations of the logical unit: one registration key per I_T nexus and at most one reservation
 * (LU_SCOPE). Registrations and the reservation outlive the nexus (a session that ends and logs in again under the
 * same I_T nexus id is still registered) and resets; a power loss ends them (APTPL is not supported). PRGENERATION
 * counts the changes of REGISTER, REGISTER AND IGNORE EXISTING KEY and CLEAR. Pure: no clock, no I/O; the handlers
 * (sim/commands/persistent-reserve-*.ts) turn the verdicts into status and sense and raise the unit attentions.
 * Spec: SPC-4 5.13 (persistent reservations: 5.13.7 registering, reserving, the holder, 5.13.11 releasing,
 * preempting and clearing), 5.13 table "commands in the presence of persistent reservations";
 * docs/smc-reference.md 1.8.
 */
import { PrType } from '../../scsi/codec/index.js';

/** The reservation in force. */
export interface PersistentReservation {
  /** The nexus that reserved (the holder; for the all-registrants types every registrant holds it). */
  readonly holder: string;
  readonly type: number;
}

/** A verdict: done, RESERVATION CONFLICT, or a named refusal the handler reports as CHECK CONDITION. */
export type PrVerdict =
  | { readonly kind: 'good'; readonly notify: readonly string[] }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'invalid-release' };

const VALID_TYPES: ReadonlySet<number> = new Set(Object.values(PrType));
const ALL_REGISTRANTS: ReadonlySet<number> = new Set([
  PrType.WRITE_EXCLUSIVE_ALL_REGISTRANTS,
  PrType.EXCLUSIVE_ACCESS_ALL_REGISTRANTS,
]);
const REGISTRANTS: ReadonlySet<number> = new Set([
  PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY,
  PrType.EXCLUSIVE_ACCESS_REGISTRANTS_ONLY,
  ...ALL_REGISTRANTS,
]);
const WRITE_ONLY: ReadonlySet<number> = new Set([
  PrType.WRITE_EXCLUSIVE,
  PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY,
  PrType.WRITE_EXCLUSIVE_ALL_REGISTRANTS,
]);

const good = (notify: readonly string[] = []): PrVerdict => ({ kind: 'good', notify });
const CONFLICT: PrVerdict = { kind: 'conflict' };

/** Whether `type` is a persistent reservation type SPC-4 defines (docs/smc-reference.md 1.8). */
export function isPrType(type: number): boolean {
  return VALID_TYPES.has(type);
}

/** The registrations and the reservation of one logical unit. */
export class PersistentReservations {
  private readonly keys = new Map<string, bigint>();
  private current: PersistentReservation | undefined;
  /** PRGENERATION (32 bits, wraps). */
  generation = 0;

  /** The reservation in force, if any. */
  get reservation(): PersistentReservation | undefined {
    return this.current;
  }

  /** The key of the reservation as READ RESERVATION reports it (0 for the all-registrants types). */
  get reservationKey(): bigint {
    const r = this.current;
    return !r || ALL_REGISTRANTS.has(r.type) ? 0n : (this.keys.get(r.holder) ?? 0n);
  }

  /** Every registered key, one per nexus, in registration order. */
  registeredKeys(): bigint[] {
    return [...this.keys.values()];
  }

  registered(nexus: string): boolean {
    return this.keys.has(nexus);
  }

  /** Whether `nexus` holds the reservation (SPC-4 5.13, docs/smc-reference.md 1.8). */
  holds(nexus: string): boolean {
    const r = this.current;
    if (!r) return false;
    return ALL_REGISTRANTS.has(r.type) ? this.keys.has(nexus) : r.holder === nexus;
  }

  /**
   * Whether a command that is not exempt may run from `nexus` under the reservation in force; `changesMedia`:
   * it moves cartridges or the robot (the commands the Write Exclusive types keep to their holders or registrants).
   */
  allows(nexus: string, changesMedia: boolean): boolean {
    const r = this.current;
    if (!r || this.holds(nexus)) return true;
    if (WRITE_ONLY.has(r.type) && !changesMedia) return true;
    return REGISTRANTS.has(r.type) && this.keys.has(nexus);
  }

  /**
   * REGISTER (`ignoreExisting` false) or REGISTER AND IGNORE EXISTING KEY: registers `serviceActionKey` for
   * `nexus`, changes its key, or unregisters it (key 0). Without `ignoreExisting` the RESERVATION KEY must be the
   * nexus's current key (0 when unregistered), else RESERVATION CONFLICT.
   */
  register(nexus: string, reservationKey: bigint, serviceActionKey: bigint, ignoreExisting: boolean): PrVerdict {
    const mine = this.keys.get(nexus);
    if (!ignoreExisting && reservationKey !== (mine ?? 0n)) return CONFLICT;
    if (serviceActionKey === 0n) {
      if (mine === undefined) return good();
      return good(this.unregister(nexus));
    }
    this.keys.set(nexus, serviceActionKey);
    this.bump();
    return good();
  }

  private unregister(nexus: string): string[] {
    this.keys.delete(nexus);
    this.bump();
    const r = this.current;
    if (!r) return [];
    const lastOfAll = ALL_REGISTRANTS.has(r.type) && this.keys.size === 0;
    if (lastOfAll || (!ALL_REGISTRANTS.has(r.type) && r.holder === nexus)) {
      this.current = undefined;
      // SPC-4 5.13.11, docs/smc-reference.md 1.8: the registrants-only types tell the other registrants their
      // reservation is gone
      return REGISTRANTS.has(r.type) ? [...this.keys.keys()] : [];
    }
    return [];
  }

  /** RESERVE: a registered nexus with its key creates the reservation, or repeats the one it holds. */
  reserve(nexus: string, key: bigint, type: number): PrVerdict {
    if (this.keys.get(nexus) !== key || key === 0n) return CONFLICT;
    const r = this.current;
    if (!r) {
      this.current = { holder: nexus, type };
      return good();
    }
    return this.holds(nexus) && r.type === type ? good() : CONFLICT;
  }

  /** RELEASE: the holder ends the reservation (same type, else invalid-release); from others it changes nothing. */
  release(nexus: string, key: bigint, type: number): PrVerdict {
    if (this.keys.get(nexus) !== key) return CONFLICT;
    const r = this.current;
    if (!r || !this.holds(nexus)) return good();
    if (r.type !== type) return { kind: 'invalid-release' };
    this.current = undefined;
    return good(REGISTRANTS.has(r.type) ? [...this.keys.keys()].filter((n) => n !== nexus) : []);
  }

  /** CLEAR: a registered nexus with its key ends the reservation and every registration. */
  clear(nexus: string, key: bigint): PrVerdict {
    if (this.keys.get(nexus) !== key) return CONFLICT;
    const others = [...this.keys.keys()].filter((n) => n !== nexus);
    this.keys.clear();
    this.current = undefined;
    this.bump();
    return good(others);
  }

  /**
   * Power loss: without APTPL nothing persists, and PRGENERATION starts again at 0 (SPC-4 6.15.2,
   * docs/smc-reference.md 1.8).
   */
  powerLost(): void {
    this.keys.clear();
    this.current = undefined;
    this.generation = 0;
  }

  private bump(): void {
    this.generation = (this.generation + 1) >>> 0;
  }
}
