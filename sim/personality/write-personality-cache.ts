/**
 * Writes the build-time cache of the bundled fixtures (personality-cache.ts): each fixture of the directory loaded
 * through the full loader, kept only when its encoded form reads back as the very same value (so a cache hit gives
 * what the loader gives). A fixture that does not load gets no entry: loading it later reports its problems.
 * Run by `npm run build` (scripts/write-personality-cache.mjs) into dist/sim/personality/bundled/.
 * Design: docs/simulator.md "Start-up".
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { defaultFixturesDir } from './fixtures-dir.js';
import { loadPersonality } from './load-personality.js';
import {
  decodePersonality,
  defaultLoaderDir,
  encodePersonality,
  loaderDigest,
  PERSONALITY_CACHE_FORMAT,
  PERSONALITY_CACHE_VERSION,
  type PersonalityCacheEntry,
} from './personality-cache.js';

/** What {@link writePersonalityCache} did. */
export interface CacheWriteResult {
  /** Ids written. */
  readonly written: readonly string[];
  /** Ids left out, with why (one line each). */
  readonly skipped: readonly string[];
}

/** The same value with the same key order (isDeepStrictEqual ignores the order of keys). */
const sameValue = (a: unknown, b: unknown): boolean =>
  isDeepStrictEqual(a, b) &&
  JSON.stringify(a, (_k, v: unknown) => (v === undefined ? '\u0000undefined' : v)) ===
    JSON.stringify(b, (_k, v: unknown) => (v === undefined ? '\u0000undefined' : v));

/** Replaces `cacheDir` with one entry per fixture of `fixturesDir` (default: the bundled fixtures/libraries). */
export function writePersonalityCache(cacheDir: string, fixturesDir: string = defaultFixturesDir()): CacheWriteResult {
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const written: string[] = [];
  const skipped: string[] = [];
  for (const name of readdirSync(fixturesDir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const id = name.replace(/\.json$/, '');
    const path = join(fixturesDir, name);
    const source = readFileSync(path, 'utf8');
    let personality;
    try {
      personality = loadPersonality(path);
    } catch (e) {
      skipped.push(`${id}: does not load (${(e as Error).message.split('\n')[0] ?? ''})`);
      continue;
    }
    const encoded = encodePersonality(personality);
    if (!sameValue(decodePersonality(JSON.parse(JSON.stringify(encoded)), personality.file), personality)) {
      skipped.push(`${id}: its Personality does not survive JSON (a value JSON cannot hold)`);
      continue;
    }
    const entry: PersonalityCacheEntry = {
      format: PERSONALITY_CACHE_FORMAT,
      version: PERSONALITY_CACHE_VERSION,
      source,
      personality: encoded,
      loader: loaderDigest(defaultLoaderDir()),
    };
    writeFileSync(join(cacheDir, `${id}.json`), JSON.stringify(entry));
    written.push(id);
  }
  return { written, skipped };
}
