/**
 * Library personalities: the resolved model type and the fixture loader.
 * Design: docs/architecture.md style rule 4 ("library models are data"); numbers: docs/smc-reference.md 3.
 */
export type * from './personality.js';
export {
  FixtureError,
  FixtureNotFoundError,
  listFixtures,
  loadPersonality,
  parsePersonality,
  parsePersonalityText,
} from './load-personality.js';
export type { FixtureListing } from './load-personality.js';
export { defaultFixturesDir } from './fixtures-dir.js';
export { DEFAULT_TIMING } from './fixture-defaults.js';
