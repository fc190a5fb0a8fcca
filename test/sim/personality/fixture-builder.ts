/**
 * Test helpers: a small valid fixture to break in one place at a time, and a temp directory to write
 * fixture files into. Format: sim/personality/fixture-schema.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A plain JSON object (what a fixture file holds). */
export type Json = Record<string, unknown>;

/**
 * A minimal valid fixture: MT 1, ST 4096-4105 in two magazines (left holds IE 16), DT 256, a door,
 * one hidden cleaning slot, a data cartridge in 4096 and a cleaner in 4097.
 */
export function minimalFixture(): Json {
  return {
    $schema: '../schema/library.schema.json',
    name: 'Test library',
    inquiry: {
      vendor: 'TEST',
      product: 'LIB',
      revision: '0001',
      serial: 'S0001',
      removable: true,
      versionDescriptors: ['0x0480'],
      naa: '5000000000000001',
    },
    elements: {
      transport: { first: 1, count: 1 },
      storage: { first: 4096, count: 10 },
      importExport: { first: 16, count: 1 },
      dataTransfer: { first: 256, count: 1 },
      drives: [{ address: 256, vendor: 'IBM', product: 'ULT3580-HH5', serial: 'D0001' }],
    },
    magazines: [
      { id: 'left', name: 'Left', importExport: [16], storage: [{ first: 4096, count: 5 }] },
      { id: 'right', name: 'Right', storage: [{ first: 4101, count: 5 }] },
    ],
    pulledMagazineStyle: 'ed-3b12',
    importExport: { openCommand: true, closeCommand: false, inEnab: true, exEnab: true, openStationSense: '05/3B/11' },
    door: { present: true, openSense: '02/04/83' },
    prevent: {
      locksDoor: false,
      locksMagazines: true,
      locksImportExport: true,
      blocksMoveToImportExport: false,
      blocksOpenFullStation: true,
    },
    hiddenCleaningSlots: 1,
    cleaning: { usesPerCartridge: 50, reportCleanerAsc: true, cleanerPrefix: 'CLN', autoClean: false },
    capabilities: {
      exchangeMedium: false,
      positionToElement: true,
      initializeElementStatusWithRange: true,
      reserveRelease: true,
      modeSelectElementAddress: false,
      barcodeReader: true,
    },
    inventory: [
      { location: 4096, volumeTag: 'A00001L5' },
      { location: 4097, volumeTag: 'CLN001L1', kind: 'cleaning', usesRemaining: 50 },
    ],
    sources: {
      inquiry: '[I] test',
      elements: 'docs/smc-reference.md 3 (test)',
      magazines: 'docs/smc-reference.md 3 (test)',
      'importExport.openStationSense': '[I] test',
      'door.openSense': '[I] test',
      hiddenCleaningSlots: '[I] test',
      cleaning: '[I] test',
      inventory: '[I] test',
    },
  };
}

/** The object at a dotted path inside `root` ("elements.storage"), for editing in tests. */
export function at(root: Json, path: string): Json {
  let current: unknown = root;
  for (const part of path.split('.')) current = (current as Json)[part];
  return current as Json;
}

/** A temporary directory for fixture files; `remove()` deletes it. */
export class TempFixtures {
  readonly dir = mkdtempSync(join(tmpdir(), 'changerbench-fixtures-'));

  /** Writes `name` (with JSON.stringify of `content`, or the string as is) and returns its path. */
  write(name: string, content: Json | string): string {
    const file = join(this.dir, name);
    writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
    return file;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
