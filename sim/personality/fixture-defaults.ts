/**
 * Values a fixture may leave out, each with the citation the resolved Personality records for it.
 * Timing: no vendor manual in docs/smc-reference.md gives mechanical durations, so these are plausible figures
 * for small LTO libraries, marked [I]; sense defaults: docs/smc-reference.md 1.6 and 1.7.
 */
import type { PulledMagazineStyle, TimingModel } from './personality.js';

/** Default mechanical durations (milliseconds of simulated time). */
export const DEFAULT_TIMING = {
  moveMs: 10_000,
  positionMs: 4_000,
  inventoryPerElementMs: 400,
  inventoryOverheadMs: 15_000,
  ieOpenMs: 3_000,
  ieCloseMs: 3_000,
  cleaningMs: 90_000,
  powerOnMs: 90_000,
} as const satisfies TimingModel;

/** Citation recorded for a defaulted timing field. */
export const DEFAULT_TIMING_SOURCE =
  '[I] inferred: default of sim/personality/fixture-defaults.ts (plausible small-LTO-library figures: move ~10 s, cleaning and power-on ~90 s; no manual in docs/smc-reference.md gives durations)';

/** Other defaults with their citations. */
export const FIXTURE_DEFAULTS = {
  openStationSense: {
    value: '02/3A/02',
    source:
      '[I] inferred: default; docs/smc-reference.md 1.6 "IE station door": SL150 and mhVTL answer 02/3A/02 for a MOVE to or from an open mailslot',
  },
  doorOpenSense: {
    value: '02/04/83',
    source:
      '[I] inferred: default for a library without a door (never reported); docs/smc-reference.md 1.7 "Door open (vendor)" 02/04/83',
  },
  pulledMagazineStyle: {
    value: 'access-only' as PulledMagazineStyle,
    source: '[I] inferred: default; the fixture models no removable magazine, so the style is never used',
  },
  driveRunStart: 1,
  cartridgeRunStart: 1,
  cartridgeRunStride: 1,
  magazineRunStart: 1,
} as const;
