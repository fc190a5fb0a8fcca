/**
 * A hand-built library model for simulator tests: small, round timings, every feature switched on, so each test
 * can switch off what it needs with a spread. Numbers are illustrative, not a real product.
 */
import type { Personality } from '../../../sim/personality/personality.js';

/** Addresses of the test library. */
export const A = {
  MT: 1,
  IE0: 0x10,
  IE1: 0x11,
  DT0: 0x100,
  DT1: 0x101,
  /** Storage 0x1000-0x1009: magazine "left" 0x1000-0x1004, "right" 0x1005-0x1009. */
  ST: 0x1000,
} as const;

/** Storage address n (0-9). */
export const st = (n: number): number => A.ST + n;

export const TEST_PERSONALITY: Personality = {
  id: 'test-library',
  name: 'Test library',
  file: 'test/sim/helpers/test-personality.ts',
  inquiry: {
    vendor: 'CHBENCH',
    product: 'TESTLIB',
    revision: '0001',
    serial: 'TL0000000001',
    removable: true,
    versionDescriptors: [0x0480, 0x0300],
    naa: '5000000000000001',
  },
  elements: {
    transport: { first: A.MT, count: 1 },
    storage: { first: A.ST, count: 10 },
    importExport: { first: A.IE0, count: 2 },
    drives: [
      { address: A.DT0, vendor: 'IBM', product: 'ULT3580-HH5', serial: '1000000001' },
      { address: A.DT1, vendor: 'IBM', product: 'ULT3580-HH5', serial: '1000000002' },
    ],
  },
  magazines: [
    { id: 'left', name: 'Left magazine', storage: [st(0), st(1), st(2), st(3), st(4)], importExport: [] },
    { id: 'right', name: 'Right magazine', storage: [st(5), st(6), st(7), st(8), st(9)], importExport: [] },
  ],
  pulledMagazineStyle: 'ed-3b12',
  importExport: {
    openCommand: true,
    closeCommand: true,
    inEnab: true,
    exEnab: true,
    openStationSense: { key: 2, asc: 0x3a, ascq: 0x02 },
  },
  door: { present: true, openSense: { key: 2, asc: 0x04, ascq: 0x83 } },
  prevent: {
    locksDoor: true,
    locksMagazines: true,
    locksImportExport: true,
    blocksMoveToImportExport: true,
    blocksOpenFullStation: true,
  },
  hiddenCleaningSlots: 2,
  cleaning: { usesPerCartridge: 10, reportCleanerAsc: true, cleanerPrefix: 'CLN', autoClean: false },
  capabilities: {
    exchangeMedium: true,
    positionToElement: true,
    initializeElementStatusWithRange: true,
    reserveRelease: true,
    persistentReservation: true,
    modeSelectElementAddress: true,
    barcodeReader: true,
  },
  timing: {
    moveMs: 10_000,
    positionMs: 2_000,
    inventoryPerElementMs: 100,
    inventoryOverheadMs: 5_000,
    ieOpenMs: 1_000,
    ieCloseMs: 1_000,
    cleaningMs: 60_000,
    powerOnMs: 30_000,
  },
  inventory: [
    { location: st(0), volumeTag: 'D00000L8', kind: 'data' },
    { location: st(1), volumeTag: 'D00001L8', kind: 'data' },
    { location: st(2), volumeTag: 'D00002L8', kind: 'data' },
    { location: st(5), volumeTag: 'D00005L8', kind: 'data' },
    { location: st(9), volumeTag: 'CLN001L1', kind: 'cleaning', usesRemaining: 2 },
    { location: 'hidden:0', volumeTag: 'CLN900L1', kind: 'cleaning', usesRemaining: 5 },
  ],
  sources: {},
};

/** The test personality with top-level fields replaced (spread nested objects yourself). */
export function testPersonality(overrides: Partial<Personality> = {}): Personality {
  return { ...TEST_PERSONALITY, ...overrides };
}
