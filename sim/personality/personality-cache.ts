/**
 * The build-time cache of the bundled fixtures: `npm run build` loads each fixtures/libraries/<id>.json through the
 * full loader (load-personality.ts: strict JSON, schema, citations, consistency) and writes the resolved Personality,
 * with the fixture's text, to dist/sim/personality/bundled/<id>.json (write-personality-cache.ts). A later load of
 * a file whose id and text are those of an entry takes the entry instead of validating again: the loader's result
 * depends on nothing else but the file's path, which only goes into `file`. Any other text (an edited or a user's
 * fixture) misses and is validated in full, with the same messages. An entry older than the loader's compiled
 * modules (this folder) or than zod's installed package is not used either: a build that compiled the loader without
 * writing the cache again (a bare `tsc`), or a zod upgrade, must not serve what the old loader made. This module does
 * not load the schema (zod).
 * Design: docs/simulator.md "Start-up"; docs/architecture.md style rule 4 ("library models are data").
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { idOf, resolveFixture } from './fixture-path.js';
import type { Personality } from './personality.js';

/** The `format` of a cache entry. */
export const PERSONALITY_CACHE_FORMAT = 'changerbench-personality-cache';
/** The `version` of a cache entry; an entry of another version is not used. */
export const PERSONALITY_CACHE_VERSION = 1;

/** One cached fixture: the text it was loaded from and what the loader made of it. */
export interface PersonalityCacheEntry {
  readonly format: typeof PERSONALITY_CACHE_FORMAT;
  readonly version: typeof PERSONALITY_CACHE_VERSION;
  /** The fixture file's text, compared whole with the file read at load time. */
  readonly source: string;
  /** The Personality without `file`, encoded by {@link encodePersonality}. */
  readonly personality: unknown;
}

/** Where JSON has no undefined: a property whose value is undefined is written as this object. */
const UNDEFINED = { $undefined: true } as const;

const isUndefinedMark = (v: unknown): boolean =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && '$undefined' in v;

/** A Personality as JSON data: `file` left out, a property holding undefined kept (as a mark), key order kept. */
export function encodePersonality(p: Personality): unknown {
  const { file: _file, ...rest } = p;
  return JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (v === undefined ? UNDEFINED : v)));
}

/** The inverse of {@link encodePersonality}, with `file` set. */
export function decodePersonality(data: unknown, file: string): Personality {
  const revive = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(revive);
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = isUndefinedMark(o[k]) ? undefined : revive(o[k]);
    return o;
  };
  const body = revive(data) as Omit<Personality, 'file'>;
  // `file` goes where the loader puts it (after id and name), so that key order matches a loaded personality
  const { id, name, ...tail } = body;
  return { id, name, file, ...tail };
}

/** The cache of the compiled tree: dist/sim/personality/bundled/ (absent when running from the sources). */
export function defaultCacheDir(): string {
  return join(fileURLToPath(new URL('.', import.meta.url)), 'bundled');
}

/** The entry of fixture `id` in `cacheDir`, or undefined when there is none or it is not one of this version. */
export function readCacheEntry(cacheDir: string, id: string): PersonalityCacheEntry | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(cacheDir, `${id}.json`), 'utf8'));
  } catch {
    return undefined;
  }
  const e = data as Partial<PersonalityCacheEntry> | null;
  return e !== null &&
    typeof e === 'object' &&
    e.format === PERSONALITY_CACHE_FORMAT &&
    e.version === PERSONALITY_CACHE_VERSION &&
    typeof e.source === 'string' &&
    e.personality !== null &&
    typeof e.personality === 'object'
    ? (e as PersonalityCacheEntry)
    : undefined;
}

/** Where {@link cachedPersonality} looks. */
export interface CacheLookupOptions {
  /** Where ids are looked up (default: the bundled fixtures/libraries). */
  readonly fixturesDir?: string | undefined;
  /** The cache (default {@link defaultCacheDir}). */
  readonly cacheDir?: string | undefined;
  /** The loader's modules, whose newest one an entry must not be older than (default: this module's folder). */
  readonly loaderDir?: string | undefined;
}

/**
 * The newest modification time (ms) of the loader: the modules of `dir` and its folders (the cache's own folder
 * left out) and zod's package.json. Infinity when it cannot be read, so that no entry is used.
 */
export function loaderTime(dir: string): number {
  let newest = 0;
  const visit = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== 'bundled') visit(join(d, e.name));
      } else if (/\.(js|ts)$/.test(e.name)) newest = Math.max(newest, statSync(join(d, e.name)).mtimeMs);
    }
  };
  try {
    visit(dir);
    const zod = createRequire(import.meta.url).resolve('zod/package.json');
    return Math.max(newest, statSync(zod).mtimeMs);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * The cached Personality of a fixture argument (an id or a path, as loadPersonality takes it) when the file reads
 * exactly as the cached text of its id and the entry is not older than the loader; undefined otherwise (no cache,
 * no entry, another text, an unreadable file, a loader compiled or a zod installed after the entry: the caller then
 * loads it in full, which reports any problem).
 */
export function cachedPersonality(fileOrId: string, options: CacheLookupOptions = {}): Personality | undefined {
  const { absolute, file } = resolveFixture(fileOrId, options.fixturesDir);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const id = idOf(absolute);
  const entry = readCacheEntry(cacheDir, id);
  if (entry === undefined) return undefined;
  const loaderDir = options.loaderDir ?? fileURLToPath(new URL('.', import.meta.url));
  try {
    if (statSync(join(cacheDir, `${id}.json`)).mtimeMs < loaderTime(loaderDir)) return undefined;
  } catch {
    return undefined;
  }
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch {
    return undefined;
  }
  return text === entry.source ? decodePersonality(entry.personality, file) : undefined;
}
