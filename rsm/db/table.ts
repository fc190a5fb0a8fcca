/**
 * One record table of the RSM database: rows by key in insertion order (the order a snapshot lists them and
 * lookups return the first match in), every change reported to the database's change log (so a commit writes
 * only what changed) and to the table's indexes (so lookups by library and element address need no scan).
 * Rows are handed out frozen; they change only through insert(), edit() and delete().
 * Spec: docs/rsm-model.md "Discovery and the database", "Persistence"; docs/rsm-semantics.md 4 (the objects).
 */
import { recordKey, type TableName, type Thawed } from './records.js';

/** Told of every change of a table's rows (the database's change log). */
export interface ChangeSink {
  /** A row was inserted (`added`: under a key the table did not hold) or changed in place. */
  put(table: TableName, key: string, added: boolean): void;
  /** A row was deleted. */
  deleted(table: TableName, key: string): void;
}

/** An index over a table's rows, kept up to date by the table. */
export interface RowIndex<T> {
  add(row: T): void;
  /** The row may have changed the fields the index files it by. */
  update(row: T): void;
  remove(row: T): void;
}

/** A record table. */
export class Table<T extends object> {
  private readonly rows = new Map<string, T>();
  private readonly order = new Map<T, number>();
  private readonly indexes: RowIndex<T>[] = [];
  private nextOrder = 0;
  private changes = 0;

  constructor(
    readonly name: TableName,
    private readonly sink: ChangeSink,
  ) {}

  /** A number that changes whenever a row is inserted, edited or deleted (for caches of views). */
  get version(): number {
    return this.changes;
  }

  /** Number of rows. */
  get size(): number {
    return this.rows.size;
  }

  get(key: string): T | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  /** The rows in table order. */
  values(): IterableIterator<T> {
    return this.rows.values();
  }

  /** A row's place in table order (smaller: earlier); rows compare like their positions in values(). */
  orderOf(row: T): number {
    return this.order.get(row) ?? Number.MAX_SAFE_INTEGER;
  }

  /** Keeps `index` up to date from now on (add indexes before the first row). */
  addIndex(index: RowIndex<T>): void {
    this.indexes.push(index);
    for (const row of this.rows.values()) index.add(row);
  }

  /**
   * Stores `row` under its key. A row already stored under that key is replaced in place (it keeps its position
   * in table order, as Map.set does); otherwise the row goes last. Returns the row.
   */
  insert(row: T): T {
    const key = recordKey(this.name, row);
    const old = this.rows.get(key);
    if (old) {
      for (const ix of this.indexes) ix.remove(old);
      this.order.delete(old);
    }
    this.order.set(row, old ? this.orderOf(old) : this.nextOrder++);
    this.rows.set(key, row);
    this.changes++;
    for (const ix of this.indexes) ix.add(row);
    this.sink.put(this.name, key, old === undefined);
    return row;
  }

  /**
   * Changes `row` in place through `change` and records the change. A row no longer in the table (deleted
   * meanwhile) is changed but nothing is recorded: it is not part of the database any more.
   */
  edit(row: T, change: (writable: Thawed<T>) => void): void {
    const key = recordKey(this.name, row);
    if (this.rows.get(key) !== row) {
      change(row as Thawed<T>);
      return;
    }
    try {
      change(row as Thawed<T>);
    } finally {
      this.changes++;
      for (const ix of this.indexes) ix.update(row);
      this.sink.put(this.name, key, false);
    }
  }

  /** Deletes the row under `key`; false when there was none. */
  delete(key: string): boolean {
    const row = this.rows.get(key);
    if (!row) return false;
    this.rows.delete(key);
    this.changes++;
    for (const ix of this.indexes) ix.remove(row);
    this.order.delete(row);
    this.sink.deleted(this.name, key);
    return true;
  }
}

/** Rows that carry created/modified clock times. */
export type Timed = { readonly id: string; readonly modified: number };

/** A table of rows with a `modified` time. */
export class TimedTable<T extends Timed> extends Table<T> {
  constructor(
    name: TableName,
    sink: ChangeSink,
    private readonly now: () => number,
  ) {
    super(name, sink);
  }

  /** Marks `row` changed now (its `modified` time). */
  touch(row: T): void {
    this.edit(row, (w) => {
      (w as { modified: number }).modified = this.now();
    });
  }
}
