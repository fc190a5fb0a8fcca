/**
 * What changed in the database since the last commit, and the batch a commit hands its store: copies of the
 * records inserted or changed and the keys deleted, per table. Replaying batches in order over the snapshot
 * they follow (deletions of a batch first, then its records, each table keeping Map insertion order) gives the
 * database as it was at the last batch. Spec: docs/rsm-model.md "Persistence" (every change written before the
 * call that made it returns); the "do not serialise the whole database per commit".
 */
import type { ChangeSink } from './table.js';
import { recordKey, TABLE_NAMES, type DbSnapshot, type TableName } from './records.js';

/** The snapshot fields that are not records. */
export type DbHeader = Pick<DbSnapshot, 'format' | 'version' | 'computer' | 'offlineLibrary' | 'savedAt'>;

/** Records and deletions, per table: what one commit changed. */
export interface DbChanges {
  /** Records inserted or changed, as they were when the batch was taken (copies), in table order of insertion. */
  readonly put: Partial<Record<TableName, readonly unknown[] | undefined>>;
  /** Keys deleted (a key may also be in `put`: deleted, then inserted again). Applied before `put`. */
  readonly del: Partial<Record<TableName, readonly string[] | undefined>>;
}

/** What a commit hands its store. */
export interface DbBatch extends DbChanges {
  /** The database's header; savedAt is the clock time of the commit. */
  readonly header: DbHeader;
  /**
   * The whole database now, for a store that rewrites it (compaction). The rows are the live ones: serialise
   * them before yielding to the event loop. Never called on the in-memory path.
   */
  whole(): DbSnapshot;
}

/**
 * Keys changed since the last take(), per table, in the order that makes a replay keep the table's row order;
 * each with whether it was deleted on the way (then a replay deletes it before putting it back).
 */
export class ChangeLog implements ChangeSink {
  private tables = new Map<TableName, Map<string, boolean>>();
  private count = 0;

  private of(table: TableName): Map<string, boolean> {
    let keys = this.tables.get(table);
    if (!keys) {
      keys = new Map();
      this.tables.set(table, keys);
    }
    return keys;
  }

  put(table: TableName, key: string, added: boolean): void {
    const keys = this.of(table);
    const deleted = keys.get(key);
    if (deleted === undefined) {
      keys.set(key, false);
      this.count++;
    } else if (added) {
      // A row inserted again goes last in its table: so must its record in the batch.
      keys.delete(key);
      keys.set(key, deleted);
    }
  }

  deleted(table: TableName, key: string): void {
    const keys = this.of(table);
    if (!keys.has(key)) this.count++;
    keys.set(key, true);
  }

  /** Number of keys changed since the last take(). */
  get size(): number {
    return this.count;
  }

  /** The changed keys per table (key → deleted on the way), oldest first; the log starts empty again. */
  take(): ReadonlyMap<TableName, ReadonlyMap<string, boolean>> {
    const out = this.tables;
    this.tables = new Map();
    this.count = 0;
    return out;
  }
}

/** A deep copy of a record (plain JSON data: objects, arrays, strings, numbers, booleans, null). */
export function copyRecord<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => copyRecord(v)) as T;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const k in out) {
    const v = out[k];
    if (v !== null && typeof v === 'object') out[k] = copyRecord(v);
  }
  return out as T;
}

/** A database's rows per table, keyed as its tables key them, in table order. */
export type TableRows = Record<TableName, Map<string, unknown>>;

/** No rows in any table. */
export function emptyRows(): TableRows {
  const rows = {} as TableRows;
  for (const t of TABLE_NAMES) rows[t] = new Map();
  return rows;
}

/** The header fields of a snapshot. */
export function headerOf(s: DbSnapshot): DbHeader {
  return {
    format: s.format,
    version: s.version,
    computer: s.computer,
    offlineLibrary: s.offlineLibrary,
    savedAt: s.savedAt,
  };
}

/** The rows of a snapshot (the snapshot's own record objects, not copies). */
export function rowsOf(snapshot: DbSnapshot): TableRows {
  const rows = emptyRows();
  for (const t of TABLE_NAMES) for (const r of snapshot[t] as readonly unknown[]) rows[t].set(recordKey(t, r), r);
  return rows;
}

/** True when the changes change nothing. */
export function isEmptyChange(changes: DbChanges): boolean {
  return TABLE_NAMES.every((t) => (changes.put[t]?.length ?? 0) === 0 && (changes.del[t]?.length ?? 0) === 0);
}

/** Applies one batch to `rows`: its deletions, then its records. */
export function applyBatch(rows: TableRows, batch: DbChanges): void {
  for (const t of TABLE_NAMES) for (const key of batch.del[t] ?? []) rows[t].delete(key);
  for (const t of TABLE_NAMES) for (const r of batch.put[t] ?? []) rows[t].set(recordKey(t, r), r);
}

/** A snapshot of `rows` under `header` (the rows themselves, not copies). */
export function snapshotOf(header: DbHeader, rows: TableRows): DbSnapshot {
  const out = { ...header } as DbSnapshot;
  for (const t of TABLE_NAMES) (out as Record<TableName, unknown[]>)[t] = [...rows[t].values()];
  return out;
}
