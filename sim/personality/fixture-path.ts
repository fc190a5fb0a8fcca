/**
 * Where a fixture argument points: an id looked up in a fixtures directory ("ibm-ts3100") or a file path, and how
 * messages name that file. Shared by the loader (load-personality.ts) and the build-time cache of the bundled
 * fixtures (personality-cache.ts), so that both resolve an argument alike.
 * Design: docs/architecture.md style rule 4 ("library models are data"); docs/simulator.md "Start-up".
 */
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { defaultFixturesDir } from './fixtures-dir.js';

/** A fixture argument resolved to its file. */
export interface FixturePath {
  /** Absolute path of the file. */
  readonly absolute: string;
  /** The path as messages show it: relative to the working directory when inside it, else absolute. */
  readonly file: string;
  /** The fixtures directory an id was looked up in; undefined when the argument was a path. */
  readonly dir: string | undefined;
}

/** The fixture id of a file: its name without the .json extension. */
export function idOf(file: string): string {
  return basename(file).replace(/\.json$/i, '');
}

/** A path as shown in messages: relative to the working directory when inside it, else absolute. */
export function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

/**
 * Resolves an id ("ibm-ts3100", looked up in `fixturesDir`, default the bundled fixtures/libraries) or a file path
 * (anything containing a slash or ending in .json, relative to the working directory).
 */
export function resolveFixture(fileOrId: string, fixturesDir?: string): FixturePath {
  const isPath = /[\\/]/.test(fileOrId) || fileOrId.endsWith('.json');
  const dir = isPath ? undefined : (fixturesDir ?? defaultFixturesDir());
  const absolute = dir === undefined ? resolve(fileOrId) : join(dir, `${fileOrId}.json`);
  return { absolute, file: displayPath(absolute), dir };
}
