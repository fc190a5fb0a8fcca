/**
 * Turns an mhVTL library (its device.conf Library and Drive records and its library_contents) into a changerbench
 * library fixture (sim/personality/fixture-schema.ts) that loads and validates. What mhVTL describes is carried
 * over with its file and line in `sources`; what it does not (magazines, a door, timings, PREVENT locking,
 * capabilities) comes from the options or is marked "[I] assumed" there, so a reader sees which is which.
 * Element addresses follow vtllibrary's personality for the vendor and product (mhvtl-addressing.ts).
 * Spec: mhVTL device.conf(5), library_contents(5); docs/smc-reference.md 2a (Config, Personalities, MAP model, CLN
 * barcodes and 20 cleanings, PREVENT without effect); docs/lab-view.md "Bringing an mhVTL library".
 */
import { DEFAULT_TIMING } from '../fixture-defaults.js';
import type { LibraryFixture } from '../fixture-schema.js';
import type { DeviceRecord } from './device-conf.js';
import type { LibraryContents } from './library-contents.js';
import { mhvtlAddressing } from './mhvtl-addressing.js';
import { MhvtlFormatError } from './mhvtl-format-error.js';

/** What the importer is told beyond the two files. */
export interface MhvtlImportOptions {
  /** The Library record to use (default: the only one, or the NN of library_contents.NN). */
  readonly libraryId?: number | undefined;
  /** Cut the storage slots into removable magazines of this many slots (default: fixed slots). */
  readonly magazineSlots?: number | undefined;
  /** The library has an operator door (default: none). */
  readonly door?: boolean | undefined;
  /** Mechanical move time in ms (default: the fixture defaults, marked assumed). */
  readonly moveMs?: number | undefined;
}

/** The two files as read, with their names for citations and messages. */
export interface MhvtlSources {
  readonly deviceConfFile: string;
  readonly devices: readonly DeviceRecord[];
  readonly contentsFile: string;
  readonly contents: LibraryContents;
}

const ASSUMED = '[I] assumed: mhVTL does not describe';
const hexNaa = (naa: string): string => naa.replace(/[^0-9a-fA-F]/g, '');

function pickLibrary(src: MhvtlSources, wanted: number | undefined): DeviceRecord {
  const libraries = src.devices.filter((d) => d.kind === 'Library');
  const fromName = /\.(\d+)$/.exec(src.contentsFile)?.[1];
  const id =
    wanted ?? (libraries.length === 1 ? libraries[0]?.id : fromName === undefined ? undefined : Number(fromName));
  if (libraries.length === 0) throw new MhvtlFormatError(src.deviceConfFile, undefined, 'no "Library: ID ..." record');
  const lib = libraries.find((l) => l.id === id);
  if (!lib)
    throw new MhvtlFormatError(
      src.deviceConfFile,
      undefined,
      `${id === undefined ? 'several libraries' : `no Library ${id}`}; give --library with one of ${libraries.map((l) => l.id).join(', ')}`,
    );
  return lib;
}

function naaOf(lib: DeviceRecord): { value: string; source: string } {
  const hex = hexNaa(lib.naa ?? '');
  if (/^5[0-9a-fA-F]{15}$/.test(hex) || /^6[0-9a-fA-F]{31}$/.test(hex))
    return { value: hex.toUpperCase(), source: `device.conf line ${lib.line}` };
  const tail = (hex.length >= 15 ? hex.slice(-15) : hex.padStart(15, '0')).toUpperCase();
  return {
    value: `5${tail}`,
    source: `[I] inferred: mhVTL's NAA ${lib.naa ?? '(none)'} is not NAA type 5 or 6, which VPD 83h here needs; 5 + its last 15 hex digits`,
  };
}

/** Builds the fixture (throws MhvtlFormatError for a library the files do not describe). */
export function mhvtlFixture(src: MhvtlSources, options: MhvtlImportOptions = {}): LibraryFixture {
  const lib = pickLibrary(src, options.libraryId);
  const vendor = lib.vendor ?? 'MHVTL';
  const product = lib.product ?? 'VTL';
  const where = `docs/smc-reference.md 2a (mhVTL config): ${src.deviceConfFile} Library ${lib.id} (line ${lib.line})`;
  const inContents = `docs/smc-reference.md 2a (mhVTL config): ${src.contentsFile}`;
  const a = mhvtlAddressing(vendor, product);
  const { slots, maps, drives, pickers } = src.contents;
  const driveRecords = src.devices.filter((d) => d.kind === 'Drive' && d.libraryId === lib.id);
  const driveList = drives.map((d, i) => {
    const rec = driveRecords.find((r) => r.slot === d.number);
    return {
      address: a.dataTransfer + i,
      vendor: rec?.vendor ?? 'IBM',
      product: rec?.product ?? 'ULT3580-TD5',
      serial: rec?.serial ?? d.value ?? `MHVTL${lib.id}D${d.number}`,
    };
  });
  if (driveList.length === 0)
    throw new MhvtlFormatError(src.contentsFile, undefined, 'no "Drive N:" lines: a changer needs at least one drive');
  const naa = naaOf(lib);
  const inventory: LibraryFixture['inventory'] = [];
  const place = (entries: typeof slots, first: number) =>
    entries.forEach((e, i) => {
      if (e.value === null) return;
      const label = e.value.startsWith('NOBAR') ? '' : e.value;
      const cleaning = e.value.startsWith('CLN');
      inventory.push({
        location: first + i,
        volumeTag: label,
        kind: cleaning ? 'cleaning' : 'data',
        ...(cleaning ? { usesRemaining: 20 } : {}),
      });
    });
  place(slots, a.storage);
  place(maps, a.importExport);
  const magazineSlots = options.magazineSlots;
  const magazines: NonNullable<LibraryFixture['magazines']> =
    magazineSlots === undefined
      ? []
      : [
          {
            id: 'M{n}',
            name: 'Magazine {n} (from --magazine-slots)',
            perMagazine: magazineSlots,
            storage: { first: a.storage, count: slots.length },
          },
        ];
  const fixture: LibraryFixture = {
    name: `${vendor} ${product} (mhVTL library ${lib.id})`,
    description: `Imported from mhVTL: ${src.deviceConfFile} (Library ${lib.id}) and ${src.contentsFile}; element addresses follow vtllibrary's ${a.name} personality.`,
    inquiry: {
      vendor,
      product,
      revision: lib.revision ?? '0000',
      serial: lib.serial ?? `MHVTL${lib.id}`,
      removable: true,
      versionDescriptors: [],
      naa: naa.value,
    },
    elements: {
      transport: { first: a.transport, count: Math.max(1, pickers.length) },
      storage: { first: a.storage, count: slots.length },
      importExport: maps.length === 0 ? { count: 0 } : { first: a.importExport, count: maps.length },
      dataTransfer: { first: a.dataTransfer, count: driveList.length },
      drives: driveList,
    },
    ...(magazines.length ? { magazines, pulledMagazineStyle: 'access-only' as const } : {}),
    importExport: { openCommand: true, closeCommand: true, inEnab: true, exEnab: true, openStationSense: '02/3A/02' },
    door: options.door ? { present: true, openSense: '02/04/00' } : { present: false },
    prevent: {
      locksDoor: false,
      locksMagazines: false,
      locksImportExport: false,
      blocksMoveToImportExport: false,
      blocksOpenFullStation: false,
    },
    hiddenCleaningSlots: 0,
    cleaning: { usesPerCartridge: 20, reportCleanerAsc: false, cleanerPrefix: 'CLN', autoClean: false },
    capabilities: {
      exchangeMedium: false,
      positionToElement: true,
      initializeElementStatusWithRange: true,
      reserveRelease: true,
      persistentReservation: false,
      modeSelectElementAddress: false,
      barcodeReader: true,
    },
    timing: { ...DEFAULT_TIMING, ...(options.moveMs !== undefined ? { moveMs: options.moveMs } : {}) },
    inventory,
    sources: {
      inquiry: `${where}: vendor, product, revision, unit serial number${lib.revision ? '' : ' ([I] assumed revision 0000: none given)'}`,
      'inquiry.naa': naa.source.startsWith('[I]') ? naa.source : `${where}: NAA`,
      'inquiry.versionDescriptors': `${ASSUMED} version descriptors; none reported`,
      elements: `${inContents}: Picker, Slot, MAP and Drive lines (gaps filled); addresses from docs/smc-reference.md 2a's ${a.name} row`,
      'elements.drives': `${where}: Drive records with "Library ID: ${lib.id}" (vendor, product, serial)${driveRecords.length < driveList.length ? '; [I] assumed IBM ULT3580-TD5 for drives without a record' : ''}`,
      importExport:
        'docs/smc-reference.md 2a (MAP model: OPEN/CLOSE 1Bh both actions; MOVE to or from an open MAP fails 02/3A/02)',
      door: options.door
        ? '[I] assumed: --door given; mhVTL has no door, sense 02/04/00 chosen'
        : `${ASSUMED} a door; none`,
      prevent: 'docs/smc-reference.md 2a (mhVTL logs PREVENT/ALLOW with no effect: nothing locks)',
      hiddenCleaningSlots: `${ASSUMED} hidden cleaning slots; none`,
      cleaning: 'docs/smc-reference.md 2a (CLN barcodes are cleaning media, 20 uses) and 1.6 (cleaning cartridges)',
      capabilities: `${ASSUMED} a capability list: [I] assumed POSITION TO ELEMENT, INITIALIZE ELEMENT STATUS WITH RANGE, RESERVE/RELEASE, barcode reader; no EXCHANGE MEDIUM`,
      inventory: `${inContents}: Slot and MAP barcodes (CLN... cleaning, 20 uses; NOBAR... unlabelled)`,
      ...(magazines.length
        ? {
            magazines: `[I] assumed: --magazine-slots ${magazineSlots} (mhVTL has no magazines)`,
            pulledMagazineStyle: '[I] assumed: access-only (ACCESS=0, no exception)',
          }
        : {}),
      timing: `${ASSUMED} mechanical time: the fixture defaults (sim/personality/fixture-defaults.ts)${options.moveMs !== undefined ? `, moveMs from --move-ms ${options.moveMs}` : ''}`,
    },
  };
  return fixture;
}
