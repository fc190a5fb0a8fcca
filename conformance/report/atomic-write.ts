/**
 * Reports written so that a reader never sees half a file: the text goes to a temporary file beside the target
 * (same directory, so the rename stays on one file system), is flushed, and is renamed over the target, which
 * POSIX rename(2) does atomically. An interrupted run therefore leaves the previous file or the complete new one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** The temporary name used for `path` by this process. */
export function temporaryNameOf(path: string): string {
  return `${path}.tmp-${process.pid}`;
}

/** Writes `text` to `path` atomically (temporary file, fsync, rename); creates the directory. */
export function writeFileAtomic(path: string, text: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = temporaryNameOf(path);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

/** Replaces directory `path` by `fresh` (a fully written sibling directory): the old one is removed first. */
export function replaceDirectory(path: string, fresh: string): void {
  rmSync(path, { recursive: true, force: true });
  renameSync(fresh, path);
}
