/**
 * An index that files table rows by a group (a library's GUID) and a place in it (an element address, a door
 * number, a barcode), so "the slot at 4100 of this library" or "the cartridges recorded at element 16" are map
 * look-ups instead of a scan and a sort of every row. Rows sharing a place keep table order, so the first of
 * them is the row a scan in table order would have found. Spec: docs/rsm-model.md "Discovery and the database"
 * (slots, IE ports, drives by element address; cartridges matched by place or barcode).
 */
import type { RowIndex } from './table.js';

/** Where a row is filed: its group and its place in the group. */
export interface Placement<K extends string | number> {
  readonly group: string;
  readonly at: K;
}

const NONE: readonly never[] = Object.freeze([]);

/** Rows by group and place; undefined placement: not filed. */
export class PlaceIndex<T extends object, K extends string | number> implements RowIndex<T> {
  /** group → place → rows in table order (each bucket array is replaced, never changed, so callers may hold one). */
  private readonly groups = new Map<string, Map<K, readonly T[]>>();
  private readonly filed = new Map<T, Placement<K>>();
  /** group → its rows by place, then table order (built on demand, dropped when the group changes). */
  private readonly sorted = new Map<string, readonly T[]>();

  constructor(
    private readonly placeOf: (row: T) => Placement<K> | undefined,
    private readonly orderOf: (row: T) => number,
  ) {}

  add(row: T): void {
    const p = this.placeOf(row);
    if (p) this.file(row, p);
  }

  update(row: T): void {
    const old = this.filed.get(row);
    const p = this.placeOf(row);
    if (old && p && old.group === p.group && old.at === p.at) return;
    if (old) this.unfile(row, old);
    if (p) this.file(row, p);
  }

  remove(row: T): void {
    const old = this.filed.get(row);
    if (old) this.unfile(row, old);
  }

  /** The rows filed at `at` in `group`, in table order. */
  at(group: string, at: K): readonly T[] {
    return this.groups.get(group)?.get(at) ?? NONE;
  }

  /** The first row filed at `at` in `group`, in table order. */
  first(group: string, at: K): T | undefined {
    return this.at(group, at)[0];
  }

  /** Every row of `group`, by place (ascending), rows at one place in table order. Do not change the array. */
  all(group: string): readonly T[] {
    const cached = this.sorted.get(group);
    if (cached) return cached;
    const places = this.groups.get(group);
    if (!places) return NONE;
    const keys = [...places.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const rows = keys.flatMap((k) => places.get(k) ?? NONE);
    this.sorted.set(group, rows);
    return rows;
  }

  private file(row: T, p: Placement<K>): void {
    let places = this.groups.get(p.group);
    if (!places) {
      places = new Map();
      this.groups.set(p.group, places);
    }
    const bucket = places.get(p.at);
    if (!bucket) {
      places.set(p.at, [row]);
    } else {
      const order = this.orderOf(row);
      let i = bucket.length;
      while (i > 0 && this.orderOf(bucket[i - 1] as T) > order) i--;
      places.set(p.at, [...bucket.slice(0, i), row, ...bucket.slice(i)]);
    }
    this.filed.set(row, p);
    this.sorted.delete(p.group);
  }

  private unfile(row: T, p: Placement<K>): void {
    const places = this.groups.get(p.group);
    const bucket = places?.get(p.at);
    if (places && bucket) {
      const rest = bucket.filter((r) => r !== row);
      if (rest.length > 0) places.set(p.at, rest);
      else places.delete(p.at);
      if (places.size === 0) this.groups.delete(p.group);
    }
    this.filed.delete(row);
    this.sorted.delete(p.group);
  }
}
