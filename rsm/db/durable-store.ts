/**
 * Where the RSM database lives between runs, and how commits reach it: the store interface (a file written
 * durably, rsm/db/file-store.ts, or memory for tests, rsm/db/memory-store.ts), the clear error a malformed
 * database gives, and the committer that serialises and coalesces saves. A commit hands its store only what
 * changed (rsm/db/change-log.ts). Spec: POSIX rename(2) atomicity and fsync(2); design: the "persists
 * to disk durably and survives being killed", docs/rsm-model.md "Persistence".
 */
import { z } from 'zod';
import type { DbBatch } from './change-log.js';
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

/** Something saves can be written to. */
export interface DbSink<P> {
  /** Makes `payload` durable; resolves once it is. */
  save(payload: P): Promise<void>;
}

/** Storage of the database. */
export interface DbStore extends DbSink<DbBatch> {
  /** Human name for messages ("/var/lib/rsm/db.json", "memory"). */
  readonly description: string;
  /**
   * The stored database (fresh objects the caller may own), undefined when there is none yet; throws
   * RsmDatabaseError when it is unusable.
   */
  load(): Promise<DbSnapshot | undefined>;
  /** Makes one commit's changes durable (the first save after load() of nothing: the whole new database). */
  save(batch: DbBatch): Promise<void>;
}

/** Parses JSON text, or throws RsmDatabaseError. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new RsmDatabaseError(where, `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Checks parsed database JSON; throws RsmDatabaseError naming every problem. */
export function checkSnapshot(raw: unknown, where: string): DbSnapshot {
  const parsed = dbSnapshotSchema.safeParse(raw);
  if (!parsed.success) throw new RsmDatabaseError(where, `not a valid database:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Parses and checks database text; throws RsmDatabaseError naming every problem. */
export function parseSnapshot(text: string, where: string): DbSnapshot {
  return checkSnapshot(parseJson(text, where), where);
}

/**
 * Serialises saves of one store: each commit() resolves when a save that includes the caller's changes is
 * durable; saves requested while one runs are coalesced into the next (whose payload is taken when it starts, so
 * it includes every change made meanwhile). After close(), nothing more is written (a stopped or killed service
 * must not overwrite what its successor writes).
 */
export class DbCommitter<P> {
  private writing: Promise<void> | undefined;
  private pending: { take: () => P; waiters: { resolve: () => void; reject: (e: unknown) => void }[] } | undefined;
  private closed = false;

  constructor(private readonly store: DbSink<P>) {}

  /** Saves the payload `take()` produces when the write starts; resolves once it is durable. */
  commit(take: () => P): Promise<void> {
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
