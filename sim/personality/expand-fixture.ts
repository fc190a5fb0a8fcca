/**
 * Expands a validated fixture (fixture-schema.ts) into the resolved Personality: hex strings and ranges
 * become address lists, runs of drives, magazines and cartridges are generated, defaults are filled in and
 * their citations recorded. Every generated item remembers the fixture entry it came from, so that the
 * consistency checks can name it. Expansion never fails: nonsense is left for check-consistency.ts.
 * Spec: docs/smc-reference.md 1.4 (page 1Dh ranges), 1.6 (magazines, hidden cleaning slots), 3 (products).
 */
import { FIXTURE_DEFAULTS, DEFAULT_TIMING, DEFAULT_TIMING_SOURCE } from './fixture-defaults.js';
import type { FixtureAddress, LibraryFixture } from './fixture-schema.js';
import { fillTemplate } from './name-template.js';
import type {
  AddressRange,
  CartridgeSeed,
  DriveModel,
  MagazineModel,
  Personality,
  SenseTriple,
  TimingModel,
} from './personality.js';

/** A generated or copied item with the fixture entry it came from. */
export interface Traced<T> {
  readonly value: T;
  /** Path of the fixture entry ("inventory[3]"). */
  readonly origin: string;
  /** 0-based position inside a run; undefined for an explicit entry. */
  readonly runIndex?: number | undefined;
}

/** Facts about an inventory entry the consistency checks need beyond the seed. */
export interface TracedCartridge extends Traced<CartridgeSeed> {
  /** usesRemaining was written in the fixture. */
  readonly usesGiven: boolean;
  /** kind was written in the fixture (else it came from the cleaner prefix). */
  readonly kindGiven: boolean;
}

/** The expansion result: the personality plus where each generated item came from. */
export interface ExpandedFixture {
  readonly personality: Personality;
  readonly drives: readonly Traced<DriveModel>[];
  readonly magazines: readonly Traced<MagazineModel>[];
  readonly inventory: readonly TracedCartridge[];
  /** elements.importExport.first was written (when false with a count > 0, IE addresses are unknown). */
  readonly importExportFirstGiven: boolean;
}

/** Converts a fixture address (integer or "0x..." string) to a number. */
export function toAddress(a: FixtureAddress): number {
  return typeof a === 'number' ? a : Number.parseInt(a.slice(2), 16);
}

/** Parses "KK/AA/QQ" (hex) into a sense triple. */
export function parseSense(text: string): SenseTriple {
  const [key = '0', asc = '0', ascq = '0'] = text.split('/');
  return { key: Number.parseInt(key, 16), asc: Number.parseInt(asc, 16), ascq: Number.parseInt(ascq, 16) };
}

/** All addresses of a range, in order. */
export function rangeAddresses(range: AddressRange): number[] {
  return Array.from({ length: range.count }, (_v, i) => range.first + i);
}

function toRange(r: { first: FixtureAddress; count: number }): AddressRange {
  return { first: toAddress(r.first), count: r.count };
}

function expandAddressList(
  items: readonly (FixtureAddress | { first: FixtureAddress; count: number })[] | undefined,
): number[] {
  const out: number[] = [];
  for (const item of items ?? []) {
    if (typeof item === 'object') out.push(...rangeAddresses(toRange(item)));
    else out.push(toAddress(item));
  }
  return out;
}

function expandDrives(f: LibraryFixture): Traced<DriveModel>[] {
  const out: Traced<DriveModel>[] = [];
  f.elements.drives.forEach((entry, i) => {
    const origin = `elements.drives[${i}]`;
    if ('address' in entry) {
      out.push({
        value: {
          address: toAddress(entry.address),
          vendor: entry.vendor,
          product: entry.product,
          serial: entry.serial,
        },
        origin,
      });
      return;
    }
    const start = entry.start ?? FIXTURE_DEFAULTS.driveRunStart;
    for (let j = 0; j < entry.count; j++) {
      const drive = {
        address: toAddress(entry.from) + j,
        vendor: entry.vendor,
        product: entry.product,
        serial: fillTemplate(entry.serial, start + j),
      };
      out.push({ value: drive, origin, runIndex: j });
    }
  });
  return out;
}

function expandMagazines(f: LibraryFixture): Traced<MagazineModel>[] {
  const out: Traced<MagazineModel>[] = [];
  (f.magazines ?? []).forEach((entry, i) => {
    const origin = `magazines[${i}]`;
    if (!('perMagazine' in entry)) {
      const magazine = {
        id: entry.id,
        name: entry.name,
        storage: expandAddressList(entry.storage),
        importExport: expandAddressList(entry.importExport),
      };
      out.push({ value: magazine, origin });
      return;
    }
    const source = entry.storage ?? entry.importExport;
    if (source === undefined) return;
    const range = toRange(source);
    const start = entry.start ?? FIXTURE_DEFAULTS.magazineRunStart;
    for (let m = 0; m * entry.perMagazine < range.count; m++) {
      const first = range.first + m * entry.perMagazine;
      const addresses = rangeAddresses({
        first,
        count: Math.min(entry.perMagazine, range.count - m * entry.perMagazine),
      });
      const isStorage = entry.storage !== undefined;
      const magazine = {
        id: fillTemplate(entry.id, start + m),
        name: fillTemplate(entry.name, start + m),
        storage: isStorage ? addresses : [],
        importExport: isStorage ? [] : addresses,
      };
      out.push({ value: magazine, origin, runIndex: m });
    }
  });
  return out;
}

function expandInventory(f: LibraryFixture): TracedCartridge[] {
  const out: TracedCartridge[] = [];
  const prefix = f.cleaning.cleanerPrefix;
  const kindOf = (tag: string, given: 'data' | 'cleaning' | undefined) =>
    given ?? (tag !== '' && tag.startsWith(prefix) ? 'cleaning' : 'data');
  const seed = (
    location: CartridgeSeed['location'],
    volumeTag: string,
    kind: 'data' | 'cleaning',
    uses: number | undefined,
  ): CartridgeSeed =>
    kind === 'cleaning'
      ? { location, volumeTag, kind, usesRemaining: uses ?? f.cleaning.usesPerCartridge }
      : { location, volumeTag, kind };
  f.inventory.forEach((entry, i) => {
    const origin = `inventory[${i}]`;
    const flags = { usesGiven: entry.usesRemaining !== undefined, kindGiven: entry.kind !== undefined };
    if ('location' in entry) {
      const loc =
        typeof entry.location === 'string' && entry.location.startsWith('hidden:')
          ? (entry.location as `hidden:${number}`)
          : toAddress(entry.location);
      out.push({
        value: seed(loc, entry.volumeTag, kindOf(entry.volumeTag, entry.kind), entry.usesRemaining),
        origin,
        ...flags,
      });
      return;
    }
    const from = toAddress(entry.from);
    const stride = entry.stride ?? FIXTURE_DEFAULTS.cartridgeRunStride;
    const start = entry.start ?? FIXTURE_DEFAULTS.cartridgeRunStart;
    for (let j = 0; j < entry.count; j++) {
      const tag = fillTemplate(entry.volumeTag, start + j);
      out.push({
        value: seed(from + j * stride, tag, kindOf(tag, entry.kind), entry.usesRemaining),
        origin,
        runIndex: j,
        ...flags,
      });
    }
  });
  return out;
}

function resolveTiming(f: LibraryFixture, sources: Record<string, string>): TimingModel {
  const timing: Record<string, number> = {};
  for (const key of Object.keys(DEFAULT_TIMING) as (keyof TimingModel)[]) {
    const given = f.timing?.[key];
    timing[key] = given ?? DEFAULT_TIMING[key];
    if (given === undefined) sources[`timing.${key}`] = DEFAULT_TIMING_SOURCE;
  }
  return timing as unknown as TimingModel;
}

/** Expands a schema-valid fixture. `id` is the file name without .json, `file` the path for messages. */
export function expandFixture(f: LibraryFixture, id: string, file: string): ExpandedFixture {
  const sources: Record<string, string> = {};
  const drives = expandDrives(f);
  const magazines = expandMagazines(f);
  const inventory = expandInventory(f);
  const openStationSense = f.importExport.openStationSense ?? FIXTURE_DEFAULTS.openStationSense.value;
  if (f.importExport.openStationSense === undefined)
    sources['importExport.openStationSense'] = FIXTURE_DEFAULTS.openStationSense.source;
  const doorSense = f.door.openSense ?? FIXTURE_DEFAULTS.doorOpenSense.value;
  if (f.door.openSense === undefined) sources['door.openSense'] = FIXTURE_DEFAULTS.doorOpenSense.source;
  const style = f.pulledMagazineStyle ?? FIXTURE_DEFAULTS.pulledMagazineStyle.value;
  if (f.pulledMagazineStyle === undefined) sources['pulledMagazineStyle'] = FIXTURE_DEFAULTS.pulledMagazineStyle.source;
  const timing = resolveTiming(f, sources);
  const ie = f.elements.importExport;
  const personality: Personality = {
    id,
    name: f.name,
    file,
    inquiry: {
      ...f.inquiry,
      versionDescriptors: f.inquiry.versionDescriptors.map(toAddress),
      naa: f.inquiry.naa.toUpperCase(),
    },
    elements: {
      transport: toRange(f.elements.transport),
      storage: toRange(f.elements.storage),
      importExport: { first: ie.first === undefined ? 0 : toAddress(ie.first), count: ie.count },
      drives: drives.map((d) => d.value),
      dataTransfer: toRange(f.elements.dataTransfer),
    },
    magazines: magazines.map((m) => m.value),
    pulledMagazineStyle: style,
    importExport: {
      openCommand: f.importExport.openCommand,
      closeCommand: f.importExport.closeCommand,
      inEnab: f.importExport.inEnab,
      exEnab: f.importExport.exEnab,
      openStationSense: parseSense(openStationSense),
    },
    door: { present: f.door.present, openSense: parseSense(doorSense) },
    prevent: { ...f.prevent },
    hiddenCleaningSlots: f.hiddenCleaningSlots,
    cleaning: { ...f.cleaning },
    capabilities: { ...f.capabilities, persistentReservation: f.capabilities.persistentReservation },
    timing,
    inventory: inventory.map((c) => c.value),
    sources: { ...sources, ...f.sources },
  };
  return { personality, drives, magazines, inventory, importExportFirstGiven: ie.first !== undefined };
}
