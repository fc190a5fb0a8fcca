/**
 * Mocha root setup: property tests run with a fixed fast-check seed by default, so a run is reproducible (CI must
 * not fail at random); FC_SEED=<n> replays a reported seed, FC_SEED=random explores new cases.
 */
import fc from 'fast-check';

const requested = process.env['FC_SEED'];
if (requested !== 'random') {
  const seed = requested === undefined ? 20261124 : Number(requested);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got "${requested}"`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
