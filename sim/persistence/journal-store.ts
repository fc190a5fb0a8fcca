/**
 * Durable state: a snapshot replaced atomically (write temp file, fsync, rename, fsync directory) plus a journal
 * of one line per commit, compacted into a new snapshot when it grows. The journal is preallocated (zeros written
 * ahead and synced once), so a commit's fdatasync writes the record's block and no file-size metadata; the text
 * ends at the first NUL. Commits can be grouped: records of the commands that complete in one turn of the event
 * loop share one write and one fdatasync, done before any of their answers is returned (commitGrouped). Synchronous
 * I/O on purpose: a commit finishes before the command's status is returned, and virtual-clock tests never wait on
 * a thread-pool callback. Design: docs/simulator.md "Persistence" (why a journal: rewriting the 20,000-slot
 * snapshot costs about a megabyte per move).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LibraryState } from '../model/library-state.js';
import { seedInventory } from '../model/transitions.js';
import { applyJournalRecord, applySnapshot, snapshotOf, takeJournalRecord } from './state-codec.js';
import { describeIssues, journalRecordSchema, snapshotSchema, StateFileError, type StateSnapshot } from './state-format.js';

/** Where the simulator's durable state goes. */
export interface StateStore {
  /**
   * Writes what changed since the last commit, and every grouped record still waiting, and returns once all of it
   * is on disk; does nothing when nothing changed and nothing waits.
   */
  commit(state: LibraryState): void;
  /**
   * Takes what changed since the last commit into the current group and returns a promise that settles once the
   * group is on disk (one write and one fdatasync at the end of this turn of the event loop), or undefined when
   * nothing changed and no group waits. A command answers only after it settles, so nothing it shows is lost.
   */
  commitGrouped(state: LibraryState): Promise<void> | undefined;
  /** Writes any waiting group and releases the files. */
  close(): void;
}

/** Tuning for {@link JournalStore}. */
export interface JournalStoreOptions {
  /** Compact when the journal exceeds this many bytes and the size of the last snapshot (default 1 MiB). */
  readonly compactAfterBytes?: number;
}

/** Zeros written ahead of the journal's end at a time, so that commits do not grow the file. */
const PREALLOCATE_BYTES = 1 << 20;

/** A group of journal lines waiting for their one write and fdatasync, and the commands waiting on it. */
interface Group {
  readonly lines: string[];
  readonly done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function newGroup(): Group {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A group whose commands have all gone (a closed session) must not report an unhandled rejection.
  done.catch(() => undefined);
  return { lines: [], done, resolve, reject };
}

function writeFileDurably(file: string, data: string): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDirectory(path.dirname(file));
}

function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(file, `cannot be read: ${(e as Error).message}`);
  }
}

/**
 * Why a state file (or its journal or temporary file, named when it is the one at fault) could not be created or
 * written, in words: the directory is what is usually missing.
 */
function cannotWrite(file: string, e: NodeJS.ErrnoException): string {
  const dir = path.dirname(path.resolve(file));
  const culprit = e.path !== undefined && path.resolve(e.path) !== path.resolve(file) ? ` (${e.path})` : '';
  if (e.code === 'ENOENT') return existsDir(dir) ? `cannot be created: ${e.message}` : `cannot be created: the directory ${dir} does not exist`;
  if (e.code === 'EACCES' || e.code === 'EPERM') return `cannot be written: permission denied${culprit || ` (${dir})`}`;
  if (e.code === 'ENOTDIR') return `cannot be created: a part of ${dir} is not a directory`;
  if (e.code === 'EISDIR') return `cannot be written: ${culprit ? `${e.path} is a directory` : 'it is a directory'}`;
  return `cannot be written: ${e.message}`;
}

function existsDir(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Snapshot + journal persistence. Open with {@link JournalStore.open}. */
export class JournalStore implements StateStore {
  private journalFd: number;
  /** What was repaired while loading (a cartridge id counter behind the ids), one line each, for the log. */
  repairs: readonly string[] = [];
  /** Bytes of records in the journal: where the next record goes. */
  private journalBytes = 0;
  /** Bytes the journal file holds (records and the zeros ahead of them). */
  private journalSize = 0;
  private snapshotBytes = 0;
  private group: Group | undefined;
  /** fdatasync/fsync calls on the journal for commits (zeros written ahead and compactions not counted). */
  commitSyncs = 0;

  private constructor(
    private readonly file: string,
    private seq: number,
    private readonly compactAfterBytes: number,
  ) {
    this.journalFd = fs.openSync(this.journalFile, fs.existsSync(this.journalFile) ? 'r+' : 'w+');
  }

  /** The journal's path for a state file path. */
  static journalPath(file: string): string {
    return `${file}.journal`;
  }

  private get journalFile(): string {
    return JournalStore.journalPath(this.file);
  }

  /**
   * Restores `state` (freshly built from its personality) from the state file, or seeds it from the personality
   * and writes the first snapshot when there is no file. Throws StateFileError, leaving the files untouched, when
   * they cannot be used.
   */
  static open(file: string, state: LibraryState, options: JournalStoreOptions = {}): JournalStore {
    const journalFile = JournalStore.journalPath(file);
    const text = readText(file);
    let seq = 0;
    let repairs: string[] = [];
    if (text === undefined) {
      const journal = readText(journalFile);
      if (journal !== undefined && journal.length > 0) throw new StateFileError(journalFile, `journal exists but its snapshot ${file} does not; refusing to start over`);
      seedInventory(state);
    } else {
      ({ seq, repairs } = JournalStore.restore(file, text, state));
    }
    const journalExisted = fs.existsSync(journalFile);
    let store: JournalStore | undefined;
    try {
      store = new JournalStore(file, seq, options.compactAfterBytes ?? 1 << 20);
      store.compact(state);
      store.repairs = repairs;
    } catch (e) {
      store?.close();
      // A journal this attempt created (empty: nothing was written to it) goes again; nothing else was touched.
      if (!journalExisted && fs.existsSync(journalFile) && fs.statSync(journalFile).size === 0) fs.unlinkSync(journalFile);
      const code = (e as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw e;
      throw new StateFileError(file, cannotWrite(file, e as NodeJS.ErrnoException));
    }
    return store;
  }

  private static restore(file: string, text: string, state: LibraryState): { seq: number; repairs: string[] } {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new StateFileError(file, `is not valid JSON (${(e as Error).message})`);
    }
    const parsed = snapshotSchema.safeParse(json);
    if (!parsed.success) throw new StateFileError(file, describeIssues(parsed.error));
    const snapshot: StateSnapshot = parsed.data;
    const repairs = applySnapshot(state, snapshot, file);
    let seq = snapshot.seq;
    const journalFile = JournalStore.journalPath(file);
    const stored = readText(journalFile) ?? '';
    // The preallocated zeros after the last record are not part of the journal.
    const end = stored.indexOf('\0');
    const journal = end < 0 ? stored : stored.slice(0, end);
    const lines = journal.split('\n');
    // The last piece has no newline: empty, or a record torn by a crash before its fsync (never acknowledged).
    lines.pop();
    lines.forEach((line, i) => {
      const where = `line ${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new StateFileError(journalFile, `${where} is not valid JSON (${(e as Error).message})`);
      }
      const rec = journalRecordSchema.safeParse(value);
      if (!rec.success) throw new StateFileError(journalFile, `${where}: ${describeIssues(rec.error)}`);
      if (rec.data.seq <= snapshot.seq) return;
      if (rec.data.seq !== seq + 1) throw new StateFileError(journalFile, `${where} has sequence ${rec.data.seq}, expected ${seq + 1}`);
      applyJournalRecord(state, rec.data, journalFile, where);
      seq = rec.data.seq;
    });
    return { seq, repairs };
  }

  commit(state: LibraryState): void {
    this.take(state);
    this.flush(state);
  }

  commitGrouped(state: LibraryState): Promise<void> | undefined {
    this.take(state);
    const group = this.group;
    if (group === undefined) return undefined;
    if (group.lines.length === 1) setImmediate(() => this.flushQuietly(state));
    return group.done;
  }

  /** Moves what changed into the waiting group (a new one when none waits). */
  private take(state: LibraryState): void {
    if (!state.changes.dirty) return;
    this.seq += 1;
    this.group ??= newGroup();
    this.group.lines.push(`${JSON.stringify(takeJournalRecord(state, this.seq))}\n`);
  }

  /**
   * Writes the waiting group with one write and one fdatasync, then settles it, and compacts when the journal has
   * grown (given the state); throws what the disk threw.
   */
  private flush(state: LibraryState | undefined): void {
    const group = this.group;
    if (group === undefined) return;
    this.group = undefined;
    try {
      const data = Buffer.from(group.lines.join(''));
      this.reserve(data.length);
      fs.writeSync(this.journalFd, data, 0, data.length, this.journalBytes);
      fs.fdatasyncSync(this.journalFd);
      this.commitSyncs += 1;
      this.journalBytes += data.length;
    } catch (e) {
      group.reject(e);
      throw e;
    }
    group.resolve();
    if (state !== undefined && this.journalBytes > this.compactAfterBytes && this.journalBytes > this.snapshotBytes) this.compact(state);
  }

  /** The end-of-turn flush of a group: a failure reaches the waiting commands, which answer it. */
  private flushQuietly(state: LibraryState): void {
    try {
      this.flush(state);
    } catch {
      // Rejected the group's promise; the commands waiting on it report the error.
    }
  }

  /** Makes sure `bytes` more fit before the journal's end: zeros written ahead (synced once) when they do not. */
  private reserve(bytes: number): void {
    if (this.journalBytes + bytes <= this.journalSize && this.journalSize > 0) return;
    const size = this.journalBytes + bytes + PREALLOCATE_BYTES;
    const zeros = Buffer.alloc(size - this.journalSize);
    fs.writeSync(this.journalFd, zeros, 0, zeros.length, this.journalSize);
    fs.fsyncSync(this.journalFd);
    this.journalSize = size;
  }

  /** Writes a snapshot of everything and empties the journal. */
  compact(state: LibraryState): void {
    if (this.group !== undefined) this.flush(state);
    if (state.changes.dirty) this.seq += 1;
    state.changes.clear();
    const text = JSON.stringify(snapshotOf(state, this.seq));
    writeFileDurably(this.file, text);
    this.snapshotBytes = Buffer.byteLength(text);
    fs.ftruncateSync(this.journalFd, 0);
    fs.fsyncSync(this.journalFd);
    this.journalBytes = 0;
    this.journalSize = 0;
    this.reserve(0);
  }

  close(): void {
    try {
      this.flush(undefined);
    } finally {
      fs.closeSync(this.journalFd);
    }
  }
}
