/**
 * Which durable parts of the library changed since the last commit, so that persistence writes only those
 * (a journal record per command instead of the whole 20,000-slot state). Design: docs/simulator.md
 * "Persistence".
 */

/** A dirty set whose every add() also counts as a change of the state (see {@link ChangeTracker.version}). */
class CountingSet<T> extends Set<T> {
  constructor(private readonly counted: () => void) {
    super();
  }

  override add(value: T): this {
    this.counted();
    return super.add(value);
  }
}

/** Dirty sets, filled by the transitions in this directory and emptied by a commit. */
export class ChangeTracker {
  /**
   * Goes up on every recorded change and never goes down (a commit does not reset it): caches of answers
   * computed from the state (READ ELEMENT STATUS) are valid while it stays the same.
   */
  version = 0;
  /** Cartridge ids whose record changed or that left the library. */
  readonly cartridges = new CountingSet<string>(() => this.version++);
  /** Magazine ids whose presence changed. */
  readonly magazines = new CountingSet<string>(() => this.version++);
  /** Home addresses of drives whose needs-cleaning flag changed. */
  readonly drives = new CountingSet<number>(() => this.version++);
  private doorChanged = false;
  private stationChanged = false;

  get door(): boolean {
    return this.doorChanged;
  }

  set door(changed: boolean) {
    if (changed) this.version++;
    this.doorChanged = changed;
  }

  get station(): boolean {
    return this.stationChanged;
  }

  set station(changed: boolean) {
    if (changed) this.version++;
    this.stationChanged = changed;
  }

  /** True when something must be written before the next status is returned. */
  get dirty(): boolean {
    return this.door || this.station || this.cartridges.size > 0 || this.magazines.size > 0 || this.drives.size > 0;
  }

  clear(): void {
    // Set.prototype.clear allocates a fresh table even for an empty set; most commands leave most sets empty.
    if (this.cartridges.size > 0) this.cartridges.clear();
    if (this.magazines.size > 0) this.magazines.clear();
    if (this.drives.size > 0) this.drives.clear();
    this.doorChanged = false;
    this.stationChanged = false;
  }
}
