/**
 * Which durable parts of the library changed since the last commit, so that persistence writes only those
 * (a journal record per command instead of the whole 20,000-slot state). Design: docs/simulator.md
 * "Persistence".
 */

/** Dirty sets, filled by the transitions in this directory and emptied by a commit. */
export class ChangeTracker {
  /** Cartridge ids whose record changed or that left the library. */
  readonly cartridges = new Set<string>();
  /** Magazine ids whose presence changed. */
  readonly magazines = new Set<string>();
  /** Home addresses of drives whose needs-cleaning flag changed. */
  readonly drives = new Set<number>();
  door = false;
  station = false;

  /** True when something must be written before the next status is returned. */
  get dirty(): boolean {
    return this.door || this.station || this.cartridges.size > 0 || this.magazines.size > 0 || this.drives.size > 0;
  }

  clear(): void {
    this.cartridges.clear();
    this.magazines.clear();
    this.drives.clear();
    this.door = false;
    this.station = false;
  }
}
