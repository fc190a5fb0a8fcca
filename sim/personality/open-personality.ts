/**
 * Loads a fixture for a command that starts often (`changerbench status --fixture`): a bundled fixture that reads as
 * it did at build time comes from the build-time cache (personality-cache.ts) without loading the schema (zod);
 * anything else goes through the full loader (load-personality.ts), imported only then, with its messages.
 * Design: docs/simulator.md "Start-up".
 */
import { cachedPersonality, type CacheLookupOptions } from './personality-cache.js';
import type { Personality } from './personality.js';

/**
 * The Personality of a fixture id or file, as loadPersonality gives it (same value, same FixtureError or
 * FixtureNotFoundError for a missing or bad file).
 */
export async function openPersonality(fileOrId: string, options: CacheLookupOptions = {}): Promise<Personality> {
  const cached = cachedPersonality(fileOrId, options);
  if (cached !== undefined) return cached;
  const { loadPersonality } = await import('./load-personality.js');
  return loadPersonality(fileOrId, options.fixturesDir);
}
