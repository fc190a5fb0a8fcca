/**
 * The soak's seeded randomness: the fuzz tests' generator (mulberry32, test/sim/fuzz/support/fuzz-target.ts) with
 * a pick. Every campaign prints its seed, and the same seed gives the same CDBs, kill moments and load, so a
 * failure can be repeated. Design: docs/reliability.md 5.
 */
import { SeededRandom as FuzzRandom } from '../test/sim/fuzz/support/fuzz-target.js';

/** A small deterministic generator. */
export class SeededRandom extends FuzzRandom {
  /** One of the items. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)] as T;
  }
}
