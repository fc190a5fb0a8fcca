/**
 * A library model as data: what one real product looks like to a SCSI initiator and how it behaves.
 * The fixture files in fixtures/libraries/ are validated and expanded into this resolved form by
 * sim/personality/load-personality.ts. Design: docs/architecture.md style rule 4; numbers: docs/smc-reference.md 3.
 */

/** A sense key with its ASC/ASCQ, as a product reports a condition. */
export interface SenseTriple {
  readonly key: number;
  readonly asc: number;
  readonly ascq: number;
}

/** A contiguous range of element addresses. */
export interface AddressRange {
  readonly first: number;
  readonly count: number;
}

/** How a product reports the elements of a pulled magazine (docs/smc-reference.md 1.6 "Magazine removed", 5.3). */
export type PulledMagazineStyle =
  /** ACCESS=0 only (Quantum SuperLoader 3, Tandberg SLR). */
  | 'access-only'
  /** ACCESS=0, EXCEPT=1, ASC/ASCQ 3B/12 (Quantum i-series IE magazines). */
  | 'except-3b12'
  /** ACCESS=0, EXCEPT=1, ED=1, ASC/ASCQ 3B/12 (IBM TS3100/TS3200, Dell TL2000/TL4000). */
  | 'ed-3b12'
  /** ACCESS=0, EXCEPT=1, vendor ASC/ASCQ 83/02 (Tandberg SLR, ATL/Exabyte; mtx hides these). */
  | 'vendor-8302';

/** A removable magazine: the operator pulls and reinserts it with its cartridges. */
export interface MagazineModel {
  /** Short id used by the operator API ("left", "right", "A"). */
  readonly id: string;
  readonly name: string;
  /** Storage element addresses in this magazine. */
  readonly storage: readonly number[];
  /** IE element addresses in this magazine (mail slot kept in a magazine), possibly none. */
  readonly importExport: readonly number[];
}

/** A data transfer element (tape drive) as the library reports it with DVCID. */
export interface DriveModel {
  readonly address: number;
  readonly vendor: string;
  readonly product: string;
  readonly serial: string;
}

/** A cartridge in the starting inventory. */
export interface CartridgeSeed {
  /** Element address, or `hidden:N` for the N-th hidden cleaning slot (0-based). */
  readonly location: number | `hidden:${number}`;
  readonly volumeTag: string;
  readonly kind: 'data' | 'cleaning';
  /** Cleanings left (cleaning cartridges only); defaults to the personality's usesPerCartridge. */
  readonly usesRemaining?: number;
}

/** Mechanical durations in milliseconds of simulated time. */
export interface TimingModel {
  /** One MOVE MEDIUM (pick and place), also each half of EXCHANGE MEDIUM. */
  readonly moveMs: number;
  /** POSITION TO ELEMENT. */
  readonly positionMs: number;
  /** Inventory (INITIALIZE ELEMENT STATUS) per element scanned, plus a fixed overhead. */
  readonly inventoryPerElementMs: number;
  readonly inventoryOverheadMs: number;
  /** Opening or closing the IE station under program control. */
  readonly ieOpenMs: number;
  readonly ieCloseMs: number;
  /** A drive cleaning cycle. */
  readonly cleaningMs: number;
  /** Time the library needs after a power cycle before it is ready (NOT READY 04/01 meanwhile). */
  readonly powerOnMs: number;
}

/** Resolved library model. */
export interface Personality {
  /** Fixture id, the file name without .json ("ibm-ts3100"). */
  readonly id: string;
  /** Product name for people ("IBM TS3100 Tape Library (Dell PowerVault TL2000)"). */
  readonly name: string;
  /** File it came from, for messages. */
  readonly file: string;
  readonly inquiry: {
    readonly vendor: string;
    readonly product: string;
    readonly revision: string;
    readonly serial: string;
    /** RMB bit in standard INQUIRY byte 1. */
    readonly removable: boolean;
    /** Version descriptors (e.g. 0x0480 SMC-3, 0x0300 SPC-3; docs/scsi-model.md 8). */
    readonly versionDescriptors: readonly number[];
    /** NAA identifier for VPD 83h, as hex (16 hex digits for NAA 5). */
    readonly naa: string;
  };
  readonly elements: {
    readonly transport: AddressRange;
    readonly storage: AddressRange;
    /** count 0: the product reports no IE element (Quantum SuperLoader 3). */
    readonly importExport: AddressRange;
    readonly drives: readonly DriveModel[];
    /**
     * The data transfer element range reported in page 1Dh (optional, added by the fixture loader, which
     * always sets it). It may be larger than `drives`: an address in it without a drive is an empty drive
     * bay (docs/smc-reference.md 1.6 "Removed / empty drive bays"). When absent, derive it from `drives`.
     */
    readonly dataTransfer?: AddressRange;
  };
  readonly magazines: readonly MagazineModel[];
  readonly pulledMagazineStyle: PulledMagazineStyle;
  readonly importExport: {
    /** OPEN IMPORT/EXPORT ELEMENT (1Bh action 00h) supported. */
    readonly openCommand: boolean;
    /** CLOSE IMPORT/EXPORT ELEMENT (1Bh action 01h) supported (TL2000/4000: no). */
    readonly closeCommand: boolean;
    /** IE station supports import (INENAB) and export (EXENAB). */
    readonly inEnab: boolean;
    readonly exEnab: boolean;
    /** Sense for a MOVE to or from an IE element while the station is open (SL150: 02/3A/02). */
    readonly openStationSense: SenseTriple;
  };
  readonly door: {
    /** The library has an operator access door. */
    readonly present: boolean;
    /** Sense for motion commands while the door is open (IBM/Dell: 02/04/83). */
    readonly openSense: SenseTriple;
  };
  readonly prevent: {
    /** What PREVENT MEDIUM REMOVAL locks against the operator. */
    readonly locksDoor: boolean;
    readonly locksMagazines: boolean;
    readonly locksImportExport: boolean;
    /** MOVE MEDIUM to an IE element while prevented fails 05/53/02 (SuperLoader 3). */
    readonly blocksMoveToImportExport: boolean;
    /** OPEN IMPORT/EXPORT ELEMENT while prevented and the station full fails 05/53/02 (Dell TL). */
    readonly blocksOpenFullStation: boolean;
  };
  /** Hidden cleaning slots: not counted in page 1Dh and not addressable (docs/smc-reference.md 1.6, 5.7). */
  readonly hiddenCleaningSlots: number;
  readonly cleaning: {
    /** Cleanings a new cleaning cartridge allows. */
    readonly usesPerCartridge: number;
    /** Put ASC/ASCQ 30/03 in the descriptor of an element holding a cleaner (IBM/Dell). */
    readonly reportCleanerAsc: boolean;
    /** Barcode prefix the library treats as a cleaner ("CLN"). */
    readonly cleanerPrefix: string;
    /** Library-managed auto-clean (mode page 1Fh ACE). */
    readonly autoClean: boolean;
  };
  readonly capabilities: {
    readonly exchangeMedium: boolean;
    readonly positionToElement: boolean;
    readonly initializeElementStatusWithRange: boolean;
    readonly reserveRelease: boolean;
    /**
     * PERSISTENT RESERVE IN/OUT (docs/smc-reference.md 1.8). Undefined: the fixture does not say; the simulator then
     * has none, and a conformance run that uses the fixture as its library model probes.
     */
    readonly persistentReservation: boolean | undefined;
    /** MODE SELECT may change page 1Dh (Magnum: yes; SL150, SuperLoader: no). */
    readonly modeSelectElementAddress: boolean;
    /** Barcode reader (page 1Fh VTRP). */
    readonly barcodeReader: boolean;
  };
  readonly timing: TimingModel;
  readonly inventory: readonly CartridgeSeed[];
  /** Where each number came from: field path -> citation (docs/smc-reference.md section, manual and page). */
  readonly sources: Readonly<Record<string, string>>;
}
