/**
 * Where the RSM database lives between runs: a file written durably (temporary file, fsync, rename, fsync of
 * the directory), or memory for tests. Loading checks the file against the schema and fails with a clear error.
 * Spec: POSIX rename(2) atomicity and fsync(2); design: the "persists to disk durably and survives being
 * killed", docs/rsm-model.md "Persistence".
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { dbSnapshotSchema, type DbSnapshot } from './records.js';

/** The database file is unreadable or not a database: thrown by load(), and so by RsmService.start(). */
export class RsmDatabaseError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`RSM database ${path}: ${message}`);
    this.name = 'RsmDatabaseError';
  }
}

/** Storage of the database snapshot. */
export interface DbStore {
  /** Human name for messages ("/var/lib/rsm/db.json", "memory"). */
  readonly description: string;
  /** The stored snapshot, undefined when there is none yet; throws RsmDatabaseError when it is unusable. */
  load(): Promise<DbSnapshot | undefined>;
  /** Replaces the stored snapshot; resolves once it is durable. */
  save(text: string): Promise<void>;
}

/** Parses and checks database text; throws RsmDatabaseError naming every problem. */
export function parseSnapshot(text: string, where: string): DbSnapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new RsmDatabaseError(where, `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = dbSnapshotSchema.safeParse(raw);
  if (!parsed.success) throw new RsmDatabaseError(where, `not a valid database:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A database file, replaced atomically and durably on every save. */
export class FileDbStore implements DbStore {
  private readonly tempPath: string;

  constructor(readonly path: string) {
    this.tempPath = `${path}.tmp`;
  }

  get description(): string {
    return this.path;
  }

  async load(): Promise<DbSnapshot | undefined> {
    // A temporary file left by a write that was cut short is never the database: the rename did not happen.
    await rm(this.tempPath, { force: true });
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new RsmDatabaseError(this.path, `cannot be read (${(e as Error).message})`);
    }
    return parseSnapshot(text, this.path);
  }

  async save(text: string): Promise<void> {
    const file = await open(this.tempPath, 'w', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(this.tempPath, this.path);
    const dir = await open(dirname(this.path), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

/** A database kept in memory: survives a service restart when the same store object is passed again. */
export class MemoryDbStore implements DbStore {
  readonly description = 'memory';
  /** The last saved text, for tests that inspect or corrupt it. */
  text: string | undefined;

  constructor(text?: string) {
    this.text = text;
  }

  async load(): Promise<DbSnapshot | undefined> {
    return this.text === undefined ? undefined : parseSnapshot(this.text, this.description);
  }

  async save(text: string): Promise<void> {
    this.text = text;
  }
}

/**
 * Serialises saves of one store: each commit() resolves when a save that includes the caller's changes is
 * durable; saves requested while one runs are coalesced into the next. After close(), nothing more is written
 * (a stopped or killed service must not overwrite what its successor writes).
 */
export class DbCommitter {
  private writing: Promise<void> | undefined;
  private pending: { take: () => string; waiters: { resolve: () => void; reject: (e: unknown) => void }[] } | undefined;
  private closed = false;

  constructor(private readonly store: DbStore) {}

  /** Saves the snapshot `take()` produces when the write starts; resolves once it is on disk. */
  commit(take: () => string): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      if (this.pending) {
        this.pending.take = take;
        this.pending.waiters.push({ resolve, reject });
      } else {
        this.pending = { take, waiters: [{ resolve, reject }] };
      }
      if (!this.writing) this.writing = this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending && !this.closed) {
      const batch = this.pending;
      this.pending = undefined;
      try {
        await this.store.save(batch.take());
        for (const w of batch.waiters) w.resolve();
      } catch (e) {
        for (const w of batch.waiters) w.reject(e);
      }
    }
    if (this.pending) for (const w of this.pending.waiters) w.resolve();
    this.pending = undefined;
    this.writing = undefined;
  }

  /**
   * Stops writing. `flush` true (graceful stop) first finishes every requested save; false (kill) drops saves
   * not yet started and waits only for the one already under way.
   */
  async close(flush: boolean): Promise<void> {
    if (flush) {
      while (this.writing) await this.writing;
    }
    this.closed = true;
    if (this.writing) await this.writing;
  }
}
