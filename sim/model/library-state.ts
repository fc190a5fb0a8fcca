/**
 * The library's physical state: every element keyed by address (O(1) lookup), cartridges, magazines, drives,
 * hidden cleaning slots, door and IE station. Built from a personality; changed only through the transitions in
 * transitions.ts and operator-transitions.ts, which record what changed for persistence.
 * Spec: SMC-3 6.10 (elements and their addresses); docs/smc-reference.md 1.4 (page 1Dh counts include removed
 * magazines), 1.6 (hidden cleaning slots are not elements), 3 (address maps).
 */
import type { Personality } from '../personality/personality.js';
import { ChangeTracker } from './change-tracker.js';
import { ElementStatusWriter } from './element-status-writer.js';
import {
  ElementKind,
  type Cartridge,
  type CartridgeKind,
  type DriveState,
  type ElementKindCode,
  type ElementState,
  type MagazineState,
} from './element.js';

/** First address of each element type, as MODE SENSE page 1Dh reports them. */
export interface AddressAssignment {
  readonly transport: number;
  readonly storage: number;
  readonly importExport: number;
  readonly dataTransfer: number;
}

/** What a new cartridge is made of (operator put, personality seed, state file). */
export interface CartridgeSpec {
  readonly volumeTag: string;
  readonly kind: CartridgeKind;
  readonly usesRemaining?: number | undefined;
}

/** The number in a cartridge id this simulator issues ("c17" is 17), or undefined for any other string. */
export function cartridgeNumber(id: string): number | undefined {
  const m = /^c([1-9]\d{0,14})$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** The state of one simulated library. One instance per simulator; no module-level state. */
export class LibraryState {
  readonly transports: readonly ElementState[];
  readonly storage: readonly ElementState[];
  readonly importExport: readonly ElementState[];
  readonly dataTransfer: readonly ElementState[];
  readonly drives: readonly DriveState[];
  readonly magazines: ReadonlyMap<string, MagazineState>;
  /** Hidden cleaning slots: not addressable, not counted in page 1Dh (docs/smc-reference.md 1.6, 5.7). */
  readonly hidden: (Cartridge | undefined)[];
  /** Every cartridge in the library, by id. */
  readonly cartridges = new Map<string, Cartridge>();
  readonly changes = new ChangeTracker();
  /** READ ELEMENT STATUS fast path and its cache of encoded reports (valid while changes.version stays). */
  readonly statusWriter: ElementStatusWriter = new ElementStatusWriter(this);
  readonly door = { open: false };
  readonly station = { open: false };
  /** Number of the next id to issue; newCartridge() never issues one in use, whatever this says. */
  nextCartridgeId = 1;

  private readonly byHome = new Map<number, ElementState>();
  private byAddress = new Map<number, ElementState>();
  private sortedAll: ElementState[] = [];
  private readonly sortedByType = new Map<ElementKindCode, ElementState[]>();

  constructor(readonly personality: Personality) {
    const p = personality;
    const range = (type: ElementKindCode, first: number, count: number) =>
      Array.from({ length: count }, (_, i) => this.makeElement(type, first + i, i));
    this.transports = range(ElementKind.TRANSPORT, p.elements.transport.first, p.elements.transport.count);
    this.storage = range(ElementKind.STORAGE, p.elements.storage.first, p.elements.storage.count);
    this.importExport = range(ElementKind.IMPORT_EXPORT, p.elements.importExport.first, p.elements.importExport.count);
    const driveModels = [...p.elements.drives].sort((a, b) => a.address - b.address);
    this.dataTransfer = driveModels.map((d, i) => this.makeElement(ElementKind.DATA_TRANSFER, d.address, i));
    this.drives = driveModels.map((model, i) => {
      const element = this.dataTransfer[i] as ElementState;
      const drive: DriveState = { model, element, needsCleaning: false, cleaning: false };
      element.drive = drive;
      return drive;
    });
    const magazines = new Map<string, MagazineState>();
    for (const model of p.magazines) {
      if (magazines.has(model.id)) throw new Error(`personality ${p.id}: magazine id "${model.id}" appears twice`);
      const elements = [...model.storage, ...model.importExport].map((address) => {
        const e = this.byHome.get(address);
        if (!e || (e.type !== ElementKind.STORAGE && e.type !== ElementKind.IMPORT_EXPORT)) {
          throw new Error(
            `personality ${p.id}: magazine "${model.id}" names ${address}, which is no storage or IE element`,
          );
        }
        if (e.magazine)
          throw new Error(
            `personality ${p.id}: element ${address} is in magazines "${e.magazine.model.id}" and "${model.id}"`,
          );
        return e;
      });
      const magazine: MagazineState = { model, present: true, elements };
      for (const e of elements) e.magazine = magazine;
      magazines.set(model.id, magazine);
    }
    this.magazines = magazines;
    this.hidden = new Array<Cartridge | undefined>(p.hiddenCleaningSlots).fill(undefined);
    this.reindex();
  }

  private makeElement(type: ElementKindCode, home: number, ordinal: number): ElementState {
    if (!Number.isInteger(home) || home < 0 || home > 0xffff)
      throw new Error(`personality ${this.personality.id}: element address ${home} is not 0-65535`);
    if (this.byHome.has(home))
      throw new Error(`personality ${this.personality.id}: element address ${home} is used twice`);
    const e: ElementState = {
      type,
      home,
      address: home,
      ordinal,
      cartridge: undefined,
      magazine: undefined,
      drive: undefined,
    };
    this.byHome.set(home, e);
    return e;
  }

  /** Rebuilds the address indexes after construction or re-addressing. */
  private reindex(): void {
    this.byAddress = new Map();
    const all = [...this.transports, ...this.storage, ...this.importExport, ...this.dataTransfer];
    for (const e of all) this.byAddress.set(e.address, e);
    const byAddr = (a: ElementState, b: ElementState) => a.address - b.address;
    this.sortedAll = all.sort(byAddr);
    this.sortedByType.set(ElementKind.TRANSPORT, [...this.transports].sort(byAddr));
    this.sortedByType.set(ElementKind.STORAGE, [...this.storage].sort(byAddr));
    this.sortedByType.set(ElementKind.IMPORT_EXPORT, [...this.importExport].sort(byAddr));
    this.sortedByType.set(ElementKind.DATA_TRANSFER, [...this.dataTransfer].sort(byAddr));
  }

  /** The element at a current address (what an initiator names), if any. */
  element(address: number): ElementState | undefined {
    return this.byAddress.get(address);
  }

  /** The element at a personality (home) address, if any. */
  elementByHome(home: number): ElementState | undefined {
    return this.byHome.get(home);
  }

  /** Elements of one type (0 = all), sorted by current address. Do not modify the array. */
  sorted(type: 0 | ElementKindCode): readonly ElementState[] {
    return type === 0 ? this.sortedAll : (this.sortedByType.get(type) ?? []);
  }

  /** Index in {@link sorted}(type) of the first element at or above `address`; the length when there is none. */
  firstAtOrAbove(type: 0 | ElementKindCode, address: number): number {
    const list = this.sorted(type);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((list[mid] as ElementState).address < address) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The drive at a current address, if that address is a data transfer element. */
  drive(address: number): DriveState | undefined {
    return this.byAddress.get(address)?.drive;
  }

  /** First addresses per type now (lowest address of each type; the type's first home address when empty). */
  addressAssignment(): AddressAssignment {
    const first = (type: ElementKindCode, fallback: number) => this.sorted(type)[0]?.address ?? fallback;
    const e = this.personality.elements;
    return {
      transport: first(ElementKind.TRANSPORT, e.transport.first),
      storage: first(ElementKind.STORAGE, e.storage.first),
      importExport: first(ElementKind.IMPORT_EXPORT, e.importExport.first),
      dataTransfer: first(ElementKind.DATA_TRANSFER, e.drives[0]?.address ?? 0),
    };
  }

  /** The personality's own assignment (what power-on restores). */
  homeAssignment(): AddressAssignment {
    const e = this.personality.elements;
    const drives = e.drives.map((d) => d.address);
    return {
      transport: e.transport.first,
      storage: e.storage.first,
      importExport: e.importExport.first,
      dataTransfer: drives.length ? Math.min(...drives) : 0,
    };
  }

  /**
   * Re-addresses every element: type T's element with ordinal i gets `first(T) + i` (SMC-3 page 1Dh,
   * docs/smc-reference.md 1.4). The caller has checked that the new ranges fit in 16 bits and do not overlap. Restoring
   * the home assignment gives drives back their personality addresses even when those are not contiguous.
   */
  reassign(a: AddressAssignment): void {
    const home = this.homeAssignment();
    const isHome =
      a.transport === home.transport &&
      a.storage === home.storage &&
      a.importExport === home.importExport &&
      a.dataTransfer === home.dataTransfer;
    const set = (list: readonly ElementState[], first: number) => {
      for (const e of list) e.address = isHome ? e.home : first + e.ordinal;
    };
    set(this.transports, a.transport);
    set(this.storage, a.storage);
    set(this.importExport, a.importExport);
    set(this.dataTransfer, a.dataTransfer);
    this.reindex();
  }

  /**
   * Creates a cartridge (not yet placed anywhere) with a fresh id, or with `id` (one restored from the state file,
   * which moves the counter above it). A fresh id is above every id given so far and never one in the library,
   * even if the counter was set back: ids are never reused.
   */
  newCartridge(spec: CartridgeSpec, id?: string): Cartridge {
    const cleaning = spec.kind === 'cleaning';
    const uses = cleaning ? (spec.usesRemaining ?? this.personality.cleaning.usesPerCartridge) : 0;
    const cartridge: Cartridge = {
      id: id === undefined ? this.freshId() : this.takeId(id),
      volumeTag: spec.volumeTag,
      kind: spec.kind,
      usesRemaining: uses,
      spent: cleaning && uses <= 0,
      element: undefined,
      hiddenSlot: undefined,
      lastStorage: undefined,
      pickedFrom: undefined,
      placedByOperator: false,
    };
    return cartridge;
  }

  private freshId(): string {
    let n = this.nextCartridgeId;
    while (this.cartridges.has(`c${n}`)) n++;
    this.nextCartridgeId = n + 1;
    return `c${n}`;
  }

  private takeId(id: string): string {
    const n = cartridgeNumber(id);
    if (n !== undefined) this.nextCartridgeId = Math.max(this.nextCartridgeId, n + 1);
    return id;
  }

  /** Kind of a cartridge the operator hands in without saying: a cleaner when the label has the cleaner prefix. */
  kindForLabel(volumeTag: string): CartridgeKind {
    const prefix = this.personality.cleaning.cleanerPrefix;
    return prefix !== '' && volumeTag.startsWith(prefix) ? 'cleaning' : 'data';
  }
}
