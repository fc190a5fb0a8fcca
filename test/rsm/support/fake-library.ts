/**
 * A small in-memory changer for the RSM model's tests: an element table, an IE station, a door, PREVENT
 * state, a queue of unit attentions, and the operator's hands and faults the tests script. The SCSI side is in
 * fake-changer.ts. Spec: docs/smc-reference.md 1.3 (descriptor flags), 1.6 (IE station, door, magazines, PREVENT),
 * 1.7 (sense codes and unit attentions: 28/01, 28/00, 3B/12, 3B/13).
 */
import type { SenseData } from '../../../scsi/codec/index.js';

/** One element of the fake library. */
export interface FakeElement {
  readonly type: 1 | 2 | 3 | 4;
  readonly address: number;
  full: boolean;
  barcode: string;
  mediumType: number;
  sourceAddress: number | undefined;
  /** Storage: its magazine is pulled. */
  notPresent: boolean;
  /** Reported ACCESS=0 for a reason other than a pulled magazine (door open, element reserved). */
  inaccessible: boolean;
}

/** Shape of the fake library. */
export interface FakeLibraryOptions {
  readonly vendor?: string;
  readonly product?: string;
  readonly serial?: string;
  readonly transport?: number;
  readonly storage?: { first: number; count: number };
  readonly importExport?: { first: number; count: number };
  readonly drives?: { first: number; count: number };
  /** Report volume tags (default true). */
  readonly voltag?: boolean;
  /** OPEN/CLOSE IMPORT/EXPORT ELEMENT support: both, OPEN only (TS3100 family), none (tgt). */
  readonly ieCommands?: 'open-close' | 'open-only' | 'none';
  /** PREVENT ALLOW MEDIUM REMOVAL supported (false: 05/20/00, as tgt). */
  readonly prevent?: boolean;
  /** CHECK CONDITION carries sense (false: the host must send REQUEST SENSE). */
  readonly autosense?: boolean;
  /** How a pulled magazine's elements read: EXCEPT with 3B/12 (default) or ACCESS=0 alone (SuperLoader 3). */
  readonly pulledMagazine?: 'except-3b12' | 'access-only';
}

/** The library's state and the operator/fault controls. */
export class FakeLibrary {
  readonly elements = new Map<number, FakeElement>();
  readonly options: Required<FakeLibraryOptions>;
  ieOpen = false;
  doorOpen = false;
  prevented = false;
  readonly unitAttentions: SenseData[] = [];
  /** Sense returned by REQUEST SENSE after a CHECK CONDITION without autosense. */
  deferredSense: SenseData | undefined;
  /** Scripted failures: opcode → sense to answer with (once each). */
  readonly failures: { opcode: number; sense: SenseData; skip: number; before?: () => void }[] = [];
  /** Every CDB received, as "OPCODE-NAME arg" strings (see fake-changer.ts). */
  readonly log: string[] = [];
  linkDown = false;

  constructor(options: FakeLibraryOptions = {}) {
    this.options = {
      vendor: 'FAKE',
      product: 'CHANGER',
      serial: 'SN0001',
      transport: 1,
      storage: { first: 4096, count: 10 },
      importExport: { first: 16, count: 1 },
      drives: { first: 256, count: 1 },
      voltag: true,
      ieCommands: 'open-close',
      prevent: true,
      autosense: true,
      pulledMagazine: 'except-3b12',
      ...options,
    };
    const add = (type: FakeElement['type'], first: number, count: number) => {
      for (let i = 0; i < count; i++)
        this.elements.set(first + i, {
          type,
          address: first + i,
          full: false,
          barcode: '',
          mediumType: 0,
          sourceAddress: undefined,
          notPresent: false,
          inaccessible: false,
        });
    };
    add(1, this.options.transport, 1);
    add(2, this.options.storage.first, this.options.storage.count);
    add(3, this.options.importExport.first, this.options.importExport.count);
    add(4, this.options.drives.first, this.options.drives.count);
  }

  element(address: number): FakeElement {
    const e = this.elements.get(address);
    if (!e) throw new RangeError(`no element ${address}`);
    return e;
  }

  /** Arrangement: puts a cartridge in an element. */
  place(address: number, barcode: string, cleaner = false): void {
    Object.assign(this.element(address), {
      full: true,
      barcode,
      mediumType: cleaner ? 2 : 1,
      sourceAddress: undefined,
    });
  }

  /** Arrangement: empties an element. */
  clear(address: number): void {
    Object.assign(this.element(address), { full: false, barcode: '', mediumType: 0, sourceAddress: undefined });
  }

  raise(asc: number, ascq: number): void {
    this.unitAttentions.push({ key: 6, asc, ascq });
  }

  /** The operator opens the IE station from the panel (refused while prevented, like the Dell TL). */
  operatorOpenStation(): boolean {
    if (this.prevented) return false;
    this.ieOpen = true;
    return true;
  }

  /** The operator takes the cartridge from an open IE element and closes the station: UA 28/01. */
  operatorTakeFromStation(address: number): void {
    if (!this.ieOpen) throw new Error('the IE station is closed');
    this.clear(address);
    this.ieOpen = false;
    this.raise(0x28, 0x01);
  }

  /** The operator puts a cartridge in an open IE element and closes the station: UA 28/01. */
  operatorPutInStation(address: number, barcode: string, cleaner = true): void {
    if (!this.ieOpen) throw new Error('the IE station is closed');
    this.place(address, barcode, cleaner);
    this.ieOpen = false;
    this.raise(0x28, 0x01);
  }

  /** The operator opens the door; false while it is locked (PREVENT). */
  operatorOpenDoor(): boolean {
    if (this.prevented) return false;
    this.doorOpen = true;
    return true;
  }

  /** The operator closes the door: UA 28/00. */
  operatorCloseDoor(): void {
    this.doorOpen = false;
    this.raise(0x28, 0x00);
  }

  /** The operator takes a cartridge from a storage slot through the open door. */
  operatorTakeFromSlot(address: number): void {
    if (!this.doorOpen) throw new Error('the door is closed');
    this.clear(address);
  }

  /** Pulls (or reinserts) the magazine holding `addresses`: UA 3B/12 (3B/13). */
  setMagazine(addresses: readonly number[], present: boolean): void {
    for (const a of addresses) this.element(a).notPresent = !present;
    this.raise(0x3b, present ? 0x13 : 0x12);
  }

  /** The next command with this opcode (after `skip` that succeed) answers CHECK CONDITION with the sense. */
  failNext(opcode: number, key: number, asc: number, ascq: number, skip = 0, before?: () => void): void {
    this.failures.push({ opcode, sense: { key, asc, ascq }, skip, ...(before ? { before } : {}) });
  }
}
