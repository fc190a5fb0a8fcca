/**
 * A database kept in memory for tests and the conformance suite: it survives a service restart when the same
 * store object is passed again. It keeps its own copies of the records a commit hands it (so a killed service's
 * later changes never leak into its successor) and never serialises them, unless a test reads `text`.
 * Spec: docs/rsm-model.md "Persistence and restart"; the "the in-memory store must not serialise".
 */
import {
  applyBatch,
  copyRecord,
  emptyRows,
  headerOf,
  rowsOf,
  snapshotOf,
  type DbBatch,
  type DbHeader,
  type TableRows,
} from './change-log.js';
import { parseSnapshot, type DbStore } from './durable-store.js';
import type { DbSnapshot } from './records.js';

/** A database kept in memory. */
export class MemoryDbStore implements DbStore {
  readonly description = 'memory';
  private stored: { header: DbHeader; rows: TableRows } | undefined;
  /** Text given to the constructor or set by a test, checked at the next load(). */
  private unparsed: string | undefined;

  constructor(text?: string) {
    this.unparsed = text;
  }

  /**
   * The stored database as JSON text, built when read (for tests that inspect it); setting it replaces the
   * database, checked at the next load() (for tests that corrupt it).
   */
  get text(): string | undefined {
    if (this.unparsed !== undefined) return this.unparsed;
    return this.stored && JSON.stringify(snapshotOf(this.stored.header, this.stored.rows), null, 1);
  }

  set text(value: string | undefined) {
    this.unparsed = value;
    this.stored = undefined;
  }

  async load(): Promise<DbSnapshot | undefined> {
    if (this.unparsed !== undefined) {
      const snapshot = parseSnapshot(this.unparsed, this.description);
      this.stored = { header: headerOf(snapshot), rows: rowsOf(snapshot) };
      this.unparsed = undefined;
    }
    // Copies: the database takes ownership of what load() returns.
    return this.stored && copyRecord(snapshotOf(this.stored.header, this.stored.rows));
  }

  async save(batch: DbBatch): Promise<void> {
    // The batch's records are already copies taken at commit time.
    this.stored ??= { header: batch.header, rows: emptyRows() };
    this.stored.header = { ...this.stored.header, savedAt: batch.header.savedAt };
    applyBatch(this.stored.rows, batch);
  }
}
