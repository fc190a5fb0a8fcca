/**
 * The library fixture file format (fixtures/libraries/<id>.json) as a zod 4 schema. A fixture is written
 * for people: ranges instead of address lists, generated runs of cartridges, drives and magazines, hex
 * strings for addresses, "KK/AA/QQ" sense triples, default timing; load-personality.ts expands it into the
 * resolved Personality (personality.ts). Field meanings: docs/smc-reference.md 1.4 (page 1Dh), 1.6 (magazines,
 * IE ports, doors, PREVENT, cleaners), 3 (real libraries), 5 (gotchas).
 */
import { z } from 'zod';
import {
  address,
  addressList,
  addressRange,
  asciiText,
  cartridgeKind,
  citation,
  durationMs,
  elementCount,
  expecting,
  flag,
  location,
  naa,
  nonEmptyText,
  nonNegativeInt,
  positiveInt,
  pulledMagazineStyle,
  senseText,
  template,
  uint16,
  volumeTag,
} from './fixture-schema-leaves.js';

const inquirySchema = z.strictObject(
  {
    vendor: asciiText(8, 'a T10 vendor id'),
    product: asciiText(16, 'a product id'),
    revision: asciiText(4, 'a revision'),
    serial: asciiText(32, 'a serial number'),
    removable: flag.describe('RMB bit of standard INQUIRY byte 1'),
    versionDescriptors: z
      .array(uint16, expecting('a list of version descriptors'))
      .describe('e.g. "0x0480" SMC-3, "0x0300" SPC-3'),
    naa: naa.describe('NAA identifier for VPD page 83h'),
  },
  expecting('an object with the INQUIRY data'),
);

const driveSchema = z.strictObject(
  {
    address,
    vendor: asciiText(8, 'a T10 vendor id'),
    product: asciiText(16, 'a product id'),
    serial: asciiText(32, 'a serial number'),
  },
  expecting('a drive {"address", "vendor", "product", "serial"}'),
);

const driveRunSchema = z
  .strictObject(
    {
      from: address,
      count: elementCount(),
      vendor: asciiText(8, 'a T10 vendor id'),
      product: asciiText(16, 'a product id'),
      serial: template('a serial number'),
      start: nonNegativeInt().optional(),
    },
    expecting('a run of drives {"from", "count", "vendor", "product", "serial", "start"}'),
  )
  .describe('count drives at consecutive addresses from "from"; {n} in serial counts from "start" (default 1)');

const elementsSchema = z.strictObject(
  {
    transport: addressRange().describe('medium transport elements (MT)'),
    storage: addressRange().describe(
      'storage elements (ST) reported in page 1Dh; hidden cleaning slots are not among them',
    ),
    importExport: z
      .strictObject(
        { first: address.optional(), count: elementCount(0) },
        expecting('an address range {"first", "count"} (count may be 0)'),
      )
      .describe('import/export elements (IE); count 0: the product reports none ("first" may then be left out)'),
    dataTransfer: addressRange().describe('data transfer elements (DT), including empty drive bays'),
    drives: z.array(z.union([driveSchema, driveRunSchema]), expecting('a list of drives and runs of drives')),
  },
  expecting('an object {"transport", "storage", "importExport", "dataTransfer", "drives"}'),
);

const magazineSchema = z.strictObject(
  {
    id: asciiText(16, 'a magazine id'),
    name: nonEmptyText(),
    storage: addressList.optional(),
    importExport: addressList.optional(),
  },
  expecting('a magazine {"id", "name", "storage", "importExport"}'),
);

const magazineRunSchema = z
  .strictObject(
    {
      id: template('a magazine id'),
      name: nonEmptyText('a magazine name, where {n} or {n:0W} is replaced by the magazine number'),
      start: nonNegativeInt().optional(),
      perMagazine: elementCount(),
      storage: addressRange().optional(),
      importExport: addressRange().optional(),
    },
    expecting('a run of magazines {"id", "name", "perMagazine", "storage" or "importExport", "start"}'),
  )
  .describe('cuts one range (storage or importExport) into magazines of perMagazine consecutive addresses');

const importExportSchema = z.strictObject(
  {
    openCommand: flag.describe('OPEN IMPORT/EXPORT ELEMENT (1Bh action 00h) supported'),
    closeCommand: flag.describe('CLOSE IMPORT/EXPORT ELEMENT (1Bh action 01h) supported'),
    inEnab: flag,
    exEnab: flag,
    openStationSense: senseText.optional().describe('sense for a MOVE to or from an open station; default "02/3A/02"'),
  },
  expecting('an object {"openCommand", "closeCommand", "inEnab", "exEnab", "openStationSense"}'),
);

const doorSchema = z.strictObject(
  {
    present: flag,
    openSense: senseText.optional().describe('sense for motion commands while the door is open; required when present'),
  },
  expecting('an object {"present", "openSense"}'),
);

const preventSchema = z.strictObject(
  {
    locksDoor: flag,
    locksMagazines: flag,
    locksImportExport: flag,
    blocksMoveToImportExport: flag,
    blocksOpenFullStation: flag,
  },
  expecting(
    'an object {"locksDoor", "locksMagazines", "locksImportExport", "blocksMoveToImportExport", "blocksOpenFullStation"}',
  ),
);

const cleaningSchema = z.strictObject(
  {
    usesPerCartridge: positiveInt(),
    reportCleanerAsc: flag.describe('put ASC/ASCQ 30/03 in the descriptor of an element holding a cleaner'),
    cleanerPrefix: asciiText(8, 'a barcode prefix'),
    autoClean: flag,
  },
  expecting('an object {"usesPerCartridge", "reportCleanerAsc", "cleanerPrefix", "autoClean"}'),
);

const capabilitiesSchema = z.strictObject(
  {
    exchangeMedium: flag,
    positionToElement: flag,
    initializeElementStatusWithRange: flag,
    reserveRelease: flag,
    persistentReservation: flag
      .optional()
      .describe(
        'PERSISTENT RESERVE IN/OUT (docs/smc-reference.md 1.8); default false. A library model without it leaves the suite to probe',
      ),
    modeSelectElementAddress: flag,
    barcodeReader: flag,
  },
  expecting('an object of capability flags'),
);

const timingSchema = z.strictObject(
  {
    moveMs: durationMs.optional(),
    positionMs: durationMs.optional(),
    inventoryPerElementMs: durationMs.optional(),
    inventoryOverheadMs: durationMs.optional(),
    ieOpenMs: durationMs.optional(),
    ieCloseMs: durationMs.optional(),
    cleaningMs: durationMs.optional(),
    powerOnMs: durationMs.optional(),
  },
  expecting('an object of durations in milliseconds'),
);

const cartridgeSchema = z.strictObject(
  {
    location,
    volumeTag,
    kind: cartridgeKind
      .optional()
      .describe('default: "cleaning" when the tag starts with cleaning.cleanerPrefix, else "data"'),
    usesRemaining: nonNegativeInt().optional().describe('cleanings left; required for cleaning cartridges'),
  },
  expecting('a cartridge {"location", "volumeTag", "kind", "usesRemaining"}'),
);

const cartridgeRunSchema = z
  .strictObject(
    {
      from: address,
      count: elementCount(),
      stride: elementCount().optional(),
      volumeTag: template('a volume tag'),
      start: nonNegativeInt().optional(),
      kind: cartridgeKind.optional(),
      usesRemaining: nonNegativeInt().optional(),
    },
    expecting('a run of cartridges {"from", "count", "stride", "volumeTag", "start", "kind", "usesRemaining"}'),
  )
  .describe('count cartridges at from, from+stride, ...; {n} in volumeTag counts from "start" (default 1)');

/** The whole fixture file. */
export const libraryFixtureSchema = z
  .strictObject(
    {
      $schema: z.string(expecting('a path to the JSON schema')).optional(),
      name: nonEmptyText('a product name'),
      description: z.string(expecting('a string')).optional(),
      inquiry: inquirySchema,
      elements: elementsSchema,
      magazines: z
        .array(z.union([magazineSchema, magazineRunSchema]), expecting('a list of magazines and runs of magazines'))
        .optional(),
      pulledMagazineStyle: pulledMagazineStyle.optional().describe('required when there are magazines'),
      importExport: importExportSchema,
      door: doorSchema,
      prevent: preventSchema,
      hiddenCleaningSlots: nonNegativeInt().describe('cleaning slots that are neither counted nor addressable'),
      cleaning: cleaningSchema,
      capabilities: capabilitiesSchema,
      timing: timingSchema
        .optional()
        .describe('fields left out take the defaults of sim/personality/fixture-defaults.ts'),
      inventory: z.array(
        z.union([cartridgeSchema, cartridgeRunSchema]),
        expecting('a list of cartridges and runs of cartridges'),
      ),
      sources: z
        .record(z.string(), citation, expecting('an object mapping field paths to citations'))
        .describe('field path ("elements.storage.count", or a parent such as "elements") -> citation'),
    },
    expecting('a library fixture object'),
  )
  .meta({
    title: 'changerbench library fixture',
    description: 'A tape library model; see sim/personality/fixture-schema.ts.',
  });

/** A fixture file as validated (before expansion). */
export type LibraryFixture = z.infer<typeof libraryFixtureSchema>;
export type FixtureDrive = z.infer<typeof driveSchema>;
export type FixtureDriveRun = z.infer<typeof driveRunSchema>;
export type FixtureMagazine = z.infer<typeof magazineSchema>;
export type FixtureMagazineRun = z.infer<typeof magazineRunSchema>;
export type FixtureCartridge = z.infer<typeof cartridgeSchema>;
export type FixtureCartridgeRun = z.infer<typeof cartridgeRunSchema>;
/** An address as written: an integer or a "0x..." string. */
export type FixtureAddress = z.infer<typeof address>;
