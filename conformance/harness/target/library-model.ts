/**
 * What the host must be told about a library because SCSI does not say it: whether it has an operator access
 * door, which storage and IE elements form which removable magazine, whether the host can open and close the IE
 * station, the NOT READY sense the product reports while its door is open, how the changer is held for a run, and
 * its mechanical times (for time limits). It is read from the fixture format the simulator uses (a bundled product
 * by name or a vendor's file, `conformance run --model`), through conformance/harness/target/targets.ts, the one place
 * allowed to reach the loader in sim/; everything else sees only this shape.
 * Design: docs/architecture.md style rule 4 ("library models are data"); docs/conformance.md "Library models".
 */

/** A sense key with its ASC/ASCQ. */
export interface ModelSense {
  readonly key: number;
  readonly asc: number;
  readonly ascq: number;
}

/**
 * What READ ELEMENT STATUS shows for a storage element of a pulled magazine: always ACCESS=0, and per product
 * EXCEPT, ED and an ASC/ASCQ (docs/smc-reference.md 1.6 "Magazine removed", 5.3).
 */
export interface PulledMagazineReading {
  readonly except: boolean;
  readonly disabled: boolean;
  /** The additional sense the descriptor carries; undefined where the product sets none (ACCESS=0 only). */
  readonly sense?: { readonly asc: number; readonly ascq: number };
}

/** The fixture format's pulled-magazine styles as readings (docs/smc-reference.md 1.6, 5.3). */
export const PULLED_MAGAZINE_READINGS: Readonly<Record<string, PulledMagazineReading>> = Object.freeze({
  'access-only': { except: false, disabled: false },
  'except-3b12': { except: true, disabled: false, sense: { asc: 0x3b, ascq: 0x12 } },
  'ed-3b12': { except: true, disabled: true, sense: { asc: 0x3b, ascq: 0x12 } },
  'vendor-8302': { except: true, disabled: false, sense: { asc: 0x83, ascq: 0x02 } },
});

/** A removable magazine of the model. */
export interface ModelMagazine {
  readonly id: string;
  /** What the operator reads on the library ("Left magazine"). */
  readonly name: string;
  readonly storage: readonly number[];
  readonly importExport: readonly number[];
}

/** Mechanical times of the product, milliseconds of library time. */
export interface ModelTiming {
  readonly moveMs: number;
  readonly inventoryPerElementMs: number;
  readonly inventoryOverheadMs: number;
  readonly ieOpenMs: number;
  readonly ieCloseMs: number;
  readonly powerOnMs: number;
}

/** The library model as the conformance suite uses it. */
export interface LibraryModel {
  /** The fixture id ("oracle-sl150"). */
  readonly id: string;
  /** The product name. */
  readonly name: string;
  /** Where it was read from (for the report). */
  readonly file: string;
  readonly door: { readonly present: boolean; readonly openSense: ModelSense };
  readonly magazines: readonly ModelMagazine[];
  /** How the product reports the storage elements of a pulled magazine (docs/smc-reference.md 1.6). */
  readonly pulledMagazine: PulledMagazineReading;
  readonly importExport: { readonly openByHost: boolean; readonly closeByHost: boolean };
  /**
   * How the changer may be held for a run: persistent reservations (undefined: the model does not say, the suite
   * probes), RESERVE(6)/RELEASE(6), and what PREVENT MEDIUM REMOVAL locks.
   */
  readonly hold: {
    readonly persistentReservation: boolean | undefined;
    readonly reserveRelease: boolean;
    readonly preventLocksDoor: boolean;
    readonly preventLocksImportExport: boolean;
  };
  readonly timing: ModelTiming;
}

/** "02/04/83" for a sense triple. */
export function senseText(s: ModelSense): string {
  const h = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
  return `${h(s.key)}/${h(s.asc)}/${h(s.ascq)}`;
}

/**
 * Library time one test may take on this product: the worst arrangement of the suite (two inventories after the
 * operator closes a station or the door, a dozen moves, four IE cycles) plus the operator's time at the library
 * (`operatorMs`) and the restoring after the test. An estimate for a time limit, not a measurement.
 */
export function testLimitMs(model: LibraryModel, elements: number, operatorMs: number): number {
  const t = model.timing;
  const inventory = t.inventoryOverheadMs + t.inventoryPerElementMs * elements;
  return 4 * inventory + 16 * t.moveMs + 4 * (t.ieOpenMs + t.ieCloseMs) + 2 * operatorMs;
}
