/**
 * Durable state: a snapshot replaced atomically (write temp file, fsync, rename, fsync directory) plus a journal
 * of one line per commit, compacted into a new snapshot when it grows. The journal is preallocated (zeros written
 * ahead and synced once), so a commit writes the record's block and no file-size metadata: one pwrite into the
 * journal opened with O_DSYNC on Linux (durable-files.ts; write + fdatasync elsewhere); the text ends at
 * the first NUL. Commits can be grouped: records of the commands that complete close together (in one turn of the
 * event loop, or while recent groups show more on the way: commit-group.ts) share one durable write, done before
 * any of their answers is returned (commitGrouped). Synchronous
 * I/O on purpose: a commit finishes before the command's status is returned, and virtual-clock tests never wait on
 * a thread-pool callback. Design: docs/simulator.md "Persistence" (why a journal: rewriting the 20,000-slot
 * snapshot costs about a megabyte per move).
 */
import * as fs from 'node:fs';
import type { LibraryState } from '../model/library-state.js';
import { seedInventory } from '../model/transitions.js';
import { GroupSchedule, newGroup, type Group, type GroupWaitOptions } from './commit-group.js';
import { cannotWrite, openForDurableWrites, readText, writeDurablyAt, writeFileDurably } from './durable-files.js';
import type { SyncedFile } from './durable-files.js';
import { applyJournalRecord, applySnapshot, snapshotOf, takeJournalRecord } from './state-codec.js';
import {
  describeIssues,
  journalRecordSchema,
  snapshotSchema,
  StateFileError,
  type StateSnapshot,
} from './state-format.js';

/** Where the simulator's durable state goes. */
export interface StateStore {
  /**
   * Writes what changed since the last commit, and every grouped record still waiting, and returns once all of it
   * is on disk; does nothing when nothing changed and nothing waits.
   */
  commit(state: LibraryState): void;
  /**
   * Takes what changed since the last commit into the current group and returns a promise that settles once the
   * group is on disk (one write and one fdatasync at the end of this turn of the event loop, or a few turns later
   * when more records are expected: commit-group.ts), or undefined when
   * nothing changed and no group waits. A command answers only after it settles, so nothing it shows is lost.
   */
  commitGrouped(state: LibraryState): Promise<void> | undefined;
  /** Writes any waiting group and releases the files. */
  close(): void;
  /** What was repaired while loading (a cartridge id counter behind the ids), one line each, for the log. */
  readonly repairs: readonly string[];
}

/** Tuning for {@link JournalStore}. */
export interface JournalStoreOptions {
  /** Compact when the journal exceeds this many bytes and the size of the last snapshot (default 1 MiB). */
  readonly compactAfterBytes?: number;
  /** How a group waits for the records expected to join it (commit-group.ts). */
  readonly groupWait?: GroupWaitOptions;
}

/**
 * The ChangerOptions.stateStore of a state file at `file` (its journal beside it): {@link JournalStore.open}. An
 * undefined `compactAfterBytes` takes the default.
 */
export function journalStateFile(
  file: string,
  options: { readonly compactAfterBytes?: number | undefined; readonly groupWait?: GroupWaitOptions } = {},
): (state: LibraryState) => JournalStore {
  const { compactAfterBytes, ...rest } = options;
  return (state) =>
    JournalStore.open(file, state, compactAfterBytes === undefined ? rest : { ...rest, compactAfterBytes });
}

/** Zeros written ahead of the journal's end at a time, so that commits do not grow the file. */
const PREALLOCATE_BYTES = 1 << 20;

/** Snapshot + journal persistence. Open with {@link JournalStore.open}. */
export class JournalStore implements StateStore {
  /** The journal, opened for durable writes (O_DSYNC on Linux: durable-files.ts). */
  private journal: SyncedFile;
  /** What was repaired while loading (a cartridge id counter behind the ids), one line each, for the log. */
  repairs: readonly string[] = [];
  /** Bytes of records in the journal: where the next record goes. */
  private journalBytes = 0;
  /** Bytes the journal file holds (records and the zeros ahead of them). */
  private journalSize = 0;
  private snapshotBytes = 0;
  private group: Group | undefined;
  private readonly schedule: GroupSchedule;
  /** A write or sync failed: records may be missing, so the next commit writes a whole snapshot (recover). */
  private failed = false;
  /** fdatasync/fsync calls on the journal for commits (zeros written ahead and compactions not counted). */
  commitSyncs = 0;

  private constructor(
    private readonly file: string,
    private seq: number,
    private readonly compactAfterBytes: number,
    groupWait: GroupWaitOptions | undefined,
  ) {
    this.schedule = new GroupSchedule(groupWait);
    this.journal = openForDurableWrites(this.journalFile);
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
      if (journal !== undefined && journal.length > 0)
        throw new StateFileError(
          journalFile,
          `journal exists but its snapshot ${file} does not; refusing to start over`,
        );
      seedInventory(state);
    } else {
      ({ seq, repairs } = JournalStore.restore(file, text, state));
    }
    const journalExisted = fs.existsSync(journalFile);
    let store: JournalStore | undefined;
    try {
      store = new JournalStore(file, seq, options.compactAfterBytes ?? 1 << 20, options.groupWait);
      store.compact(state);
      store.repairs = repairs;
    } catch (e) {
      store?.close();
      // A journal this attempt created (empty: nothing was written to it) goes again; nothing else was touched.
      if (!journalExisted && fs.existsSync(journalFile) && fs.statSync(journalFile).size === 0)
        fs.unlinkSync(journalFile);
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
      if (rec.data.seq !== seq + 1)
        throw new StateFileError(journalFile, `${where} has sequence ${rec.data.seq}, expected ${seq + 1}`);
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
    if (group.lines.length === 1)
      this.schedule.schedule(
        group,
        () => this.group,
        () => this.flushQuietly(state),
      );
    return group.done;
  }

  /** Moves what changed into the waiting group (a new one when none waits). */
  private take(state: LibraryState): void {
    if (!state.changes.dirty && !this.failed) return;
    this.seq += 1;
    this.group ??= newGroup(this.schedule.now());
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
    if (this.failed) {
      // The records of a failed write are gone (and the journal's next one would leave a gap in its sequence, which
      // a restart refuses): only a whole snapshot of the state, through a reopened journal, brings the file back.
      if (state === undefined) {
        group.reject(new Error(`${this.journalFile}: not written since an earlier write failed`));
        return;
      }
      try {
        this.recover(state);
      } catch (e) {
        group.reject(e);
        throw e;
      }
      group.resolve();
      return;
    }
    try {
      const data = Buffer.from(group.lines.join(''));
      this.reserve(data.length);
      writeDurablyAt(this.journal, data, this.journalBytes);
      this.commitSyncs += 1;
      this.schedule.written(group.lines.length);
      this.journalBytes += data.length;
    } catch (e) {
      this.failed = true;
      group.reject(e);
      throw e;
    }
    group.resolve();
    if (state !== undefined && this.journalBytes > this.compactAfterBytes && this.journalBytes > this.snapshotBytes)
      this.compact(state);
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
    fs.writeSync(this.journal.fd, zeros, 0, zeros.length, this.journalSize);
    fs.fsyncSync(this.journal.fd);
    this.journalSize = size;
  }

  /** After a failed write: closes and reopens the journal, then writes a snapshot of everything (compact). */
  private recover(state: LibraryState): void {
    try {
      fs.closeSync(this.journal.fd);
    } catch {
      // Already unusable; the reopen below is what matters.
    }
    this.journal = openForDurableWrites(this.journalFile);
    this.failed = false;
    this.compact(state);
  }

  /** Writes a snapshot of everything and empties the journal. */
  compact(state: LibraryState): void {
    if (this.group !== undefined) this.flush(state);
    // A failure from here on leaves records taken from the state unwritten: the next commit recovers (flush).
    this.failed = true;
    if (state.changes.dirty) this.seq += 1;
    state.changes.clear();
    const text = JSON.stringify(snapshotOf(state, this.seq));
    writeFileDurably(this.file, text);
    this.snapshotBytes = Buffer.byteLength(text);
    fs.ftruncateSync(this.journal.fd, 0);
    fs.fsyncSync(this.journal.fd);
    this.journalBytes = 0;
    this.journalSize = 0;
    this.reserve(0);
    this.failed = false;
  }

  close(): void {
    try {
      this.flush(undefined);
    } finally {
      fs.closeSync(this.journal.fd);
    }
  }
}
