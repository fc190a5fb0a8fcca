/**
 * The state file's file operations: an atomic replace (write a temporary file, fsync, rename, fsync the directory),
 * a read that tells a missing file from an unreadable one, and the words for why a file cannot be written.
 * Design: docs/simulator.md "Persistence".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateFileError } from './state-format.js';

/** Replaces `file` with `data` atomically: a temporary file written and fsync'ed, renamed, the directory fsync'ed. */
export function writeFileDurably(file: string, data: string): void {
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

/**
 * On Linux the journal is opened with O_DSYNC: a commit is then one pwrite that returns once the record is on disk,
 * as a write followed by fdatasync would (POSIX open(), O_DSYNC, "synchronized I/O data integrity completion";
 * docs/simulator.md "Persistence"), in one system call instead of two. Elsewhere the commit calls fdatasync itself:
 * on macOS, O_DSYNC (like fsync) leaves the record in the drive's cache, while Node's fdatasync there is
 * fcntl(F_FULLFSYNC), which flushes it; Windows has no O_DSYNC.
 */
const DATA_SYNC_FLAG: number | undefined = process.platform === 'linux' ? fs.constants.O_DSYNC : undefined;

/** A file opened for commits: its descriptor, and whether a write alone is durable (O_DSYNC, Linux). */
export interface SyncedFile {
  readonly fd: number;
  readonly writesAreDurable: boolean;
}

/** Opens (creating when missing) `file` for reading and durable writes at any offset; see DATA_SYNC_FLAG. */
export function openForDurableWrites(file: string): SyncedFile {
  const flags = fs.constants.O_RDWR | fs.constants.O_CREAT | (DATA_SYNC_FLAG ?? 0);
  return { fd: fs.openSync(file, flags), writesAreDurable: DATA_SYNC_FLAG !== undefined };
}

/** Writes `data` at `position` of `file` and returns once it is on disk (one pwrite with O_DSYNC; else + fdatasync). */
export function writeDurablyAt(file: SyncedFile, data: Buffer, position: number): void {
  let done = 0;
  while (done < data.length) done += fs.writeSync(file.fd, data, done, data.length - done, position + done);
  if (!file.writesAreDurable) fs.fdatasyncSync(file.fd);
}

/** The text of `file`, or undefined when it does not exist; StateFileError when it cannot be read. */
export function readText(file: string): string | undefined {
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
export function cannotWrite(file: string, e: NodeJS.ErrnoException): string {
  const dir = path.dirname(path.resolve(file));
  const culprit = e.path !== undefined && path.resolve(e.path) !== path.resolve(file) ? ` (${e.path})` : '';
  if (e.code === 'ENOENT')
    return existsDir(dir)
      ? `cannot be created: ${e.message}`
      : `cannot be created: the directory ${dir} does not exist`;
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
