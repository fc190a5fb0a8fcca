/**
 * Which durable parts of the library changed since the last commit, so that persistence writes only those
 * (a journal record per command instead of the whole 20,000-slot state). Design:
 * docs/simulator.md "Persistence".
 */

/**
 * A dirty set whose every add() also counts as a change of the state (see {@link ChangeTracker.version}). It is
 * emptied after every command, and Set.prototype.clear allocates a new table each time (and truncating an array
 * goes through the runtime), so the entries live in an array that is reused: `count` says how much of it is in
 * use (a command marks a cartridge or two), with a Set index built only once it grows.
 */
class DirtySet<T> implements Iterable<T> {
  private readonly items: T[] = [];
  private count = 0;
  private index: Set<T> | undefined;

  constructor(private readonly counted: () => void) {}

  get size(): number {
    return this.count;
  }

  add(value: T): this {
    this.counted();
    if (this.has(value)) return this;
    this.items[this.count++] = value;
    if (this.index) this.index.add(value);
    else if (this.count > INDEX_FROM) this.index = new Set(this.items.slice(0, this.count));
    return this;
  }

  has(value: T): boolean {
    if (this.index) return this.index.has(value);
    for (let i = 0; i < this.count; i++) if (this.items[i] === value) return true;
    return false;
  }

  clear(): void {
    this.count = 0;
    this.index = undefined;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.count; i++) yield this.items[i] as T;
  }
}

/** Entries a DirtySet searches linearly before it builds an index. */
const INDEX_FROM = 16;

/** Dirty sets, filled by the transitions in this directory and emptied by a commit. */
export class ChangeTracker {
  /**
   * Goes up on every recorded change and never goes down (a commit does not reset it): caches of answers
   * computed from the state (READ ELEMENT STATUS) are valid while it stays the same.
   */
  version = 0;
  /** Cartridge ids whose record changed or that left the library. */
  readonly cartridges = new DirtySet<string>(() => this.version++);
  /** Magazine ids whose presence changed. */
  readonly magazines = new DirtySet<string>(() => this.version++);
  /** Home addresses of drives whose needs-cleaning flag changed. */
  readonly drives = new DirtySet<number>(() => this.version++);
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
    this.cartridges.clear();
    this.magazines.clear();
    this.drives.clear();
    this.doorChanged = false;
    this.stationChanged = false;
  }
}
