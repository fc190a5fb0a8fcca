/**
 * The build-time cache of the bundled fixtures: `npm run build` loads each fixtures/libraries/<id>.json through the
 * full loader (load-personality.ts: strict JSON, schema, citations, consistency) and writes the resolved Personality,
 * with the fixture's text, to dist/sim/personality/bundled/<id>.json (write-personality-cache.ts). A later load of
 * a file whose id and text are those of an entry takes the entry instead of validating again: the loader's result
 * depends on nothing else but the file's path, which only goes into `file`. Any other text (an edited or a user's
 * fixture) misses and is validated in full, with the same messages. An entry older than the loader's compiled
 * An entry records a digest of the loader that made it (the modules of this folder and zod's installed version) and
 * is used only by the same loader: a build that compiled the loader without writing the cache again (a bare `tsc`),
 * or a zod upgrade, must not serve what the old loader made. Contents, not modification times, so a clone, a copy
 * or a reinstall of node_modules keeps the cache usable. This module does not load the schema (zod).
 * Design: docs/simulator.md "Start-up"; docs/architecture.md style rule 4 ("library models are data").
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { idOf, resolveFixture } from './fixture-path.js';
import type { Personality } from './personality.js';

/** The `format` of a cache entry. */
export const PERSONALITY_CACHE_FORMAT = 'changerbench-personality-cache';
/** The `version` of a cache entry; an entry of another version is not used. */
export const PERSONALITY_CACHE_VERSION = 2;

/** One cached fixture: the text it was loaded from and what the loader made of it. */
export interface PersonalityCacheEntry {
  readonly format: typeof PERSONALITY_CACHE_FORMAT;
  readonly version: typeof PERSONALITY_CACHE_VERSION;
  /** The fixture file's text, compared whole with the file read at load time. */
  readonly source: string;
  /** The Personality without `file`, encoded by {@link encodePersonality}. */
  readonly personality: unknown;
  /** {@link loaderDigest} of the loader that wrote the entry. */
  readonly loader: string;
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
    typeof e.personality === 'object' &&
    typeof e.loader === 'string'
    ? (e as PersonalityCacheEntry)
    : undefined;
}

/** Where {@link cachedPersonality} looks. */
export interface CacheLookupOptions {
  /** Where ids are looked up (default: the bundled fixtures/libraries). */
  readonly fixturesDir?: string | undefined;
  /** The cache (default {@link defaultCacheDir}). */
  readonly cacheDir?: string | undefined;
  /** The loader's modules, whose digest an entry must carry (default {@link defaultLoaderDir}). */
  readonly loaderDir?: string | undefined;
}

/** The folder of the loader's modules: this module's own (dist/sim/personality/ in the compiled tree). */
export function defaultLoaderDir(): string {
  return fileURLToPath(new URL('.', import.meta.url));
}

/** zod's installed version (its package.json `version`), or "unknown" when it cannot be read. */
export function installedZodVersion(): string {
  try {
    const file = createRequire(import.meta.url).resolve('zod/package.json');
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

const digests = new Map<string, string>();

/**
 * A digest of the loader: the names and contents of the modules (.js, .ts) of `dir` and its folders (the cache's
 * own folder left out), in name order, and zod's version. Kept per folder and version for the process.
 */
export function loaderDigest(dir: string, zodVersion: string = installedZodVersion()): string {
  const key = `${dir}\u0000${zodVersion}`;
  const known = digests.get(key);
  if (known !== undefined) return known;
  const hash = createHash('sha256').update(`zod ${zodVersion}\n`);
  const visit = (d: string, prefix: string): void => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1));
    for (const e of entries) {
      if (e.isDirectory()) {
        if (e.name !== 'bundled') visit(join(d, e.name), `${prefix}${e.name}/`);
      } else if (/\.(js|ts)$/.test(e.name)) {
        hash.update(`${prefix}${e.name}\n`).update(readFileSync(join(d, e.name)));
      }
    }
  };
  let digest: string;
  try {
    visit(dir, '');
    digest = hash.digest('hex');
  } catch {
    digest = 'unreadable';
  }
  digests.set(key, digest);
  return digest;
}

/**
 * The cached Personality of a fixture argument (an id or a path, as loadPersonality takes it) when the file reads
 * exactly as the cached text of its id and the entry was written by this loader (its {@link loaderDigest});
 * undefined otherwise (no cache, no entry, another text, an unreadable file, another loader or zod: the caller then
 * loads it in full, which reports any problem).
 */
export function cachedPersonality(fileOrId: string, options: CacheLookupOptions = {}): Personality | undefined {
  const { absolute, file } = resolveFixture(fileOrId, options.fixturesDir);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const id = idOf(absolute);
  const entry = readCacheEntry(cacheDir, id);
  if (entry === undefined) return undefined;
  if (entry.loader !== loaderDigest(options.loaderDir ?? defaultLoaderDir())) return undefined;
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch {
    return undefined;
  }
  return text === entry.source ? decodePersonality(entry.personality, file) : undefined;
}
