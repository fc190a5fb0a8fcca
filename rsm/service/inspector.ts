/**
 * Read-only views of the RSM database for the conformance suite and reports: library requests with every state
 * they went through, operator requests, the reservation, CLEANERPRESENT and uses remaining, and where any
 * cartridge is (a library, the offline library, or nowhere because it was deleted). These are a test probe, not
 * ntmsapi: they need no session. Spec: docs/rsm-semantics.md 4 (fields), 7.1-7.2 (what the suite observes), D5 (an
 * ejected cleaner is deleted), D10 (request fields).
 */
import type { UnitAttentionEvent } from '../changer/unit-attention.js';
import { isLibraryOnline } from '../db/library-state.js';
import type { RsmDatabase } from '../db/database.js';
import type { CartridgeRecord, LibRequestRecord, LibraryRecord, OpRequestRecord, SlotRecord } from '../db/records.js';
import { NULL_GUID, type Guid } from '../ntms/guid.js';
import {
  NtmsLibraryFlags,
  NtmsLmOperation,
  NtmsLmState,
  NtmsOpreqCommand,
  NtmsOpreqState,
  ntmsName,
} from '../ntms/ntms-constants.js';
import type { ResultTable } from '../results/result-table.js';

/** An operator request. */
export interface OperatorRequestView {
  readonly id: Guid;
  readonly command: number;
  readonly commandName: string;
  readonly state: number;
  readonly stateName: string;
  readonly library: Guid;
  readonly libRequest: Guid;
  readonly message: string;
  readonly timeSubmitted: number;
  readonly timeCompleted: number | null;
}

/** A library request with its history. */
export interface LibraryRequestView {
  readonly id: Guid;
  readonly operation: number;
  readonly operationName: string;
  readonly option: number;
  readonly state: number;
  readonly stateName: string;
  readonly library: Guid;
  readonly slotId: Guid;
  readonly driveId: Guid;
  readonly physMediaId: Guid;
  readonly timeQueued: number;
  readonly timeCompleted: number | null;
  readonly dwErrorCode: number;
  /** "ERROR_TIMEOUT (1460)". */
  readonly errorLabel: string;
  readonly application: string;
  readonly user: string;
  readonly computer: string;
  readonly history: readonly {
    readonly state: number;
    readonly stateName: string;
    readonly at: number;
    readonly note: string;
  }[];
  /** State names in the order visited ("NTMS_LM_QUEUED", "NTMS_LM_INPROCESS", ...). */
  readonly statesVisited: readonly string[];
  readonly operatorRequests: readonly OperatorRequestView[];
}

/** Where a cartridge is. */
export interface CartridgeView {
  readonly id: Guid;
  readonly library: Guid;
  readonly inOfflineLibrary: boolean;
  readonly location: { readonly kind: string; readonly address: number } | null;
  readonly barcode: string;
  readonly kind: 'cleaner' | 'data';
  /** The eject request taking it out, if any (per docs/rsm-semantics.md D11). */
  readonly leavingRequest: Guid | null;
}

/** A library's cleaner-related state. */
export interface LibraryView {
  readonly id: Guid;
  readonly name: string;
  readonly isOfflineLibrary: boolean;
  readonly online: boolean;
  readonly libraryType: number;
  readonly offlineReason: string;
  readonly enabled: boolean;
  /** The reserved cleaner slot's GUID, or the NULL GUID. */
  readonly cleanerSlot: Guid;
  readonly reservedSlot: {
    readonly id: Guid;
    readonly address: number;
    readonly number: number;
    readonly state: number;
  } | null;
  readonly cleanerPresent: boolean;
  readonly cleanerUsesRemaining: number;
  readonly flags: number;
  readonly hasDoor: boolean;
  readonly iePorts: readonly {
    readonly id: Guid;
    readonly address: number;
    readonly content: number;
    readonly position: number;
    readonly maxExtendSecs: number;
  }[];
  readonly doors: readonly {
    readonly id: Guid;
    readonly state: number;
    readonly locked: boolean;
    readonly maxOpenSecs: number;
  }[];
  readonly slots: readonly {
    readonly id: Guid;
    readonly address: number;
    readonly number: number;
    readonly state: number;
  }[];
  readonly drives: readonly {
    readonly id: Guid;
    readonly address: number;
    readonly number: number;
    readonly enabled: boolean;
    readonly lastCleaned: number | null;
  }[];
}

type SlotView = LibraryView['slots'][number];

/** Views over one database. */
export class RsmInspector {
  /**
   * The latest slot list per library, reused while the slot table is unchanged: a 20,000-slot library's view
   * is not rebuilt at every call. Views are frozen, so sharing them is safe.
   */
  private readonly slotLists = new Map<
    Guid,
    { readonly db: RsmDatabase; readonly version: number; readonly rows: readonly SlotView[] }
  >();
  /** The view of each slot record, reused while its fields are the same. */
  private readonly slotViews = new WeakMap<SlotRecord, SlotView>();

  constructor(
    private readonly db: () => RsmDatabase,
    private readonly results: () => ResultTable,
    private readonly events: (library: Guid) => readonly UnitAttentionEvent[],
  ) {}

  /** The fixed offline library's GUID. */
  get offlineLibraryId(): Guid {
    return this.db().offlineLibraryId;
  }

  libraries(): LibraryView[] {
    return [...this.db().libraries.values()].map((l) => this.libraryView(l));
  }

  library(id: Guid): LibraryView | undefined {
    const l = this.db().libraries.get(id);
    return l && this.libraryView(l);
  }

  private libraryView(l: LibraryRecord): LibraryView {
    const db = this.db();
    const slot = l.cleanerSlot === NULL_GUID ? undefined : db.slots.get(l.cleanerSlot);
    return {
      id: l.id,
      name: l.name,
      isOfflineLibrary: l.id === db.offlineLibraryId,
      online: isLibraryOnline(l),
      libraryType: l.libraryType,
      offlineReason: l.offlineReason,
      enabled: l.enabled,
      cleanerSlot: l.cleanerSlot,
      reservedSlot: slot ? { id: slot.id, address: slot.address, number: slot.number, state: slot.state } : null,
      cleanerPresent: (l.flags & NtmsLibraryFlags.NTMS_LIBRARYFLAG_CLEANERPRESENT) !== 0,
      cleanerUsesRemaining: l.cleanerUsesRemaining,
      flags: l.flags,
      hasDoor: l.hasDoor,
      iePorts: db.iePortsOf(l.id).map((p) => ({
        id: p.id,
        address: p.address,
        content: p.content,
        position: p.position,
        maxExtendSecs: p.maxExtendSecs,
      })),
      doors: db.doorsOf(l.id).map((d) => ({ id: d.id, state: d.state, locked: d.locked, maxOpenSecs: d.maxOpenSecs })),
      slots: this.slotsView(db, l.id),
      drives: db.drivesOf(l.id).map((d) => ({
        id: d.id,
        address: d.address,
        number: d.number,
        enabled: d.enabled,
        lastCleaned: d.lastCleaned,
      })),
    };
  }

  private slotsView(db: RsmDatabase, library: Guid): readonly SlotView[] {
    const cached = this.slotLists.get(library);
    if (cached?.db === db && cached.version === db.slots.version) return cached.rows;
    const rows = Object.freeze(
      db.slotsOf(library).map((s) => {
        const seen = this.slotViews.get(s);
        if (seen && seen.address === s.address && seen.number === s.number && seen.state === s.state) return seen;
        const view = Object.freeze({ id: s.id, address: s.address, number: s.number, state: s.state });
        this.slotViews.set(s, view);
        return view;
      }),
    );
    this.slotLists.set(library, { db, version: db.slots.version, rows });
    return rows;
  }

  private opView(o: OpRequestRecord): OperatorRequestView {
    return {
      id: o.id,
      command: o.command,
      commandName: ntmsName(NtmsOpreqCommand, o.command),
      state: o.state,
      stateName: ntmsName(NtmsOpreqState, o.state),
      library: o.library,
      libRequest: o.libRequest,
      message: o.message,
      timeSubmitted: o.timeSubmitted,
      timeCompleted: o.timeCompleted,
    };
  }

  private requestView(r: LibRequestRecord): LibraryRequestView {
    const db = this.db();
    const history = r.history.map((h) => ({
      state: h.state,
      stateName: ntmsName(NtmsLmState, h.state),
      at: h.at,
      note: h.note,
    }));
    return {
      id: r.id,
      operation: r.operation,
      operationName: ntmsName(NtmsLmOperation, r.operation),
      option: r.option,
      state: r.state,
      stateName: ntmsName(NtmsLmState, r.state),
      library: r.library,
      slotId: r.slotId,
      driveId: r.driveId,
      physMediaId: r.physMediaId,
      timeQueued: r.timeQueued,
      timeCompleted: r.timeCompleted,
      dwErrorCode: r.dwErrorCode,
      errorLabel: this.results().label(r.dwErrorCode),
      application: r.application,
      user: r.user,
      computer: r.computer,
      history,
      statesVisited: history.map((h) => h.stateName),
      operatorRequests: r.operatorRequests.flatMap((id) => {
        const o = db.opRequests.get(id);
        return o ? [this.opView(o)] : [];
      }),
    };
  }

  /** A library request, or undefined for an unknown id. */
  libraryRequest(id: Guid): LibraryRequestView | undefined {
    const r = this.db().libRequests.get(id);
    return r && this.requestView(r);
  }

  /** Library requests, oldest first, optionally of one library. */
  libraryRequests(library?: Guid): LibraryRequestView[] {
    return [...this.db().libRequests.values()]
      .filter((r) => library === undefined || r.library === library)
      .map((r) => this.requestView(r));
  }

  /** Operator requests, optionally of one library. */
  operatorRequests(library?: Guid): OperatorRequestView[] {
    return [...this.db().opRequests.values()]
      .filter((o) => library === undefined || o.library === library)
      .map((o) => this.opView(o));
  }

  private cartridgeView(c: CartridgeRecord): CartridgeView {
    return {
      id: c.id,
      library: c.library,
      inOfflineLibrary: c.library === this.db().offlineLibraryId,
      location: c.location ? { ...c.location } : null,
      barcode: c.barcode,
      kind: c.kind,
      leavingRequest: c.leavingRequest === NULL_GUID ? null : c.leavingRequest,
    };
  }

  /** Cartridges, optionally of one library (the offline library included when named). */
  cartridges(library?: Guid): CartridgeView[] {
    return [...this.db().cartridges.values()]
      .filter((c) => library === undefined || c.library === library)
      .map((c) => this.cartridgeView(c));
  }

  /**
   * Where a cartridge is: in a library (maybe the offline library), or undefined when the database no longer has
   * it (an ejected cleaner is deleted, per docs/rsm-semantics.md D5).
   */
  findCartridge(id: Guid): CartridgeView | undefined {
    const c = this.db().cartridges.get(id);
    return c && this.cartridgeView(c);
  }

  /** The library's cleaner (CLEANERPRESENT), if any. */
  cleanerOf(library: Guid): CartridgeView | undefined {
    const l = this.db().libraries.get(library);
    const c = l ? this.db().cleanerOf(l) : undefined;
    return c && this.cartridgeView(c);
  }

  /** Unit attentions the model met on the library's changer link (newest last). */
  unitAttentions(library: Guid): readonly UnitAttentionEvent[] {
    return this.events(library);
  }
}
