/**
 * The database on disk: a database file (the whole database as JSON, with a generation number) and a journal
 * next to it (`<file>.journal`, one line per commit since that file was written). A commit appends its changes
 * to the journal and fsyncs it; once the journal outgrows the database file (and at least `compactAfterBytes`),
 * a commit compacts instead: it writes the whole database to a temporary file, fsyncs it, renames it over the
 * database file and fsyncs the directory, then replaces the journal the same way with an empty one of the new
 * generation. Loading replays the journal over the database file; a write cut short by a crash leaves at most a
 * torn last line, which is ignored and cut off. Spec: POSIX rename(2) atomicity, fsync(2), fdatasync(2);
 * docs/rsm-model.md "Persistence"; the "do not serialise the whole database per commit".
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { applyBatch, headerOf, isEmptyChange, rowsOf, snapshotOf, type DbBatch } from './change-log.js';
import { checkSnapshot, parseJson, RsmDatabaseError, type DbStore } from './durable-store.js';
import { journalHeader, journalLine, readJournal } from './journal.js';
import type { DbSnapshot } from './records.js';

/** Options of {@link FileDbStore}. */
export interface FileDbStoreOptions {
  /** The journal is compacted into the database file once it is larger than this and than the file (default 1 MiB). */
  readonly compactAfterBytes?: number | undefined;
}

const generationSchema = z.object({ generation: z.number().int().min(0).optional() });

/** Writes `text` to `path` durably through `temp`: write, fsync, rename, fsync of the directory. */
async function replaceDurably(path: string, temp: string, text: string): Promise<void> {
  const file = await open(temp, 'w', 0o600);
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

async function readOrUndefined(path: string, where: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RsmDatabaseError(where, `cannot be read (${(e as Error).message})`);
  }
}

/** What the store knows about its files; undefined: unknown (the next save compacts). */
interface FilesState {
  readonly generation: number;
  readonly fileBytes: number;
  journalBytes: number;
}

/** A database file and its journal, every commit durable before it resolves. */
export class FileDbStore implements DbStore {
  readonly journalPath: string;
  private readonly tempPath: string;
  private readonly journalTempPath: string;
  private readonly compactAfterBytes: number;
  private files: FilesState | undefined;
  private compacted = 0;

  constructor(
    readonly path: string,
    options: FileDbStoreOptions = {},
  ) {
    this.tempPath = `${path}.tmp`;
    this.journalPath = `${path}.journal`;
    this.journalTempPath = `${this.journalPath}.tmp`;
    this.compactAfterBytes = options.compactAfterBytes ?? 1 << 20;
  }

  get description(): string {
    return this.path;
  }

  /** How many times this object rewrote the database file (for tests and figures). */
  get compactions(): number {
    return this.compacted;
  }

  async load(): Promise<DbSnapshot | undefined> {
    this.files = undefined;
    // A temporary file left by a write that was cut short is never the database: the rename did not happen.
    await rm(this.tempPath, { force: true });
    await rm(this.journalTempPath, { force: true });
    const file = await readOrUndefined(this.path, this.path);
    // No database file: a new database (a journal without its database file is not replayed; the first save
    // replaces it).
    if (!file) return undefined;
    const raw = parseJson(file.toString('utf8'), this.path);
    const snapshot = checkSnapshot(raw, this.path);
    const gen = generationSchema.safeParse(raw);
    if (!gen.success) throw new RsmDatabaseError(this.path, `not a valid database:\n${z.prettifyError(gen.error)}`);
    const generation = gen.data.generation ?? 0;
    const journal = await readOrUndefined(this.journalPath, this.journalPath);
    const contents = journal && readJournal(journal, generation, this.journalPath);
    if (!contents?.follows) return snapshot; // files unknown: the first save compacts
    if (contents.torn) await this.cutJournal(contents.goodBytes);
    this.files = { generation, fileBytes: file.length, journalBytes: contents.goodBytes };
    if (contents.entries.length === 0) return snapshot;
    const rows = rowsOf(snapshot);
    for (const entry of contents.entries) applyBatch(rows, entry);
    return snapshotOf({ ...headerOf(snapshot), savedAt: contents.entries.at(-1)?.at ?? snapshot.savedAt }, rows);
  }

  async save(batch: DbBatch): Promise<void> {
    const files = this.files;
    if (!files || files.journalBytes > Math.max(this.compactAfterBytes, files.fileBytes)) return this.compact(batch);
    if (isEmptyChange(batch)) return;
    const line = Buffer.from(journalLine(batch.header.savedAt, batch), 'utf8');
    try {
      const journal = await open(this.journalPath, 'r+');
      try {
        await journal.write(line, 0, line.length, files.journalBytes);
        await journal.datasync();
      } finally {
        await journal.close();
      }
      files.journalBytes += line.length;
    } catch (e) {
      // What reached the journal is unknown: the next save rewrites both files.
      this.files = undefined;
      throw e;
    }
  }

  /** Writes the whole database as generation n+1, then an empty journal of that generation. */
  private async compact(batch: DbBatch): Promise<void> {
    const generation = (this.files?.generation ?? 0) + 1;
    const { format, version, ...rest } = batch.whole();
    // Serialised before the first await: the rows are the live ones.
    const text = JSON.stringify({ format, version, generation, ...rest }, null, 1);
    this.files = undefined;
    this.compacted++;
    await replaceDurably(this.path, this.tempPath, text);
    const header = journalHeader(generation);
    await replaceDurably(this.journalPath, this.journalTempPath, header);
    this.files = {
      generation,
      fileBytes: Buffer.byteLength(text, 'utf8'),
      journalBytes: Buffer.byteLength(header, 'utf8'),
    };
  }

  /** Cuts a torn last line off the journal (a write a crash cut short; it was never acknowledged). */
  private async cutJournal(length: number): Promise<void> {
    const journal = await open(this.journalPath, 'r+');
    try {
      await journal.truncate(length);
      await journal.sync();
    } finally {
      await journal.close();
    }
  }
}
