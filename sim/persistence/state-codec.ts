/**
 * Converts between the live LibraryState and the state file's snapshot and journal records, checking on the way
 * in that every location exists in the personality and holds at most one cartridge.
 * Design: docs/simulator.md "Persistence"; format: state-format.ts.
 */
import type { Cartridge, ElementState } from '../model/element.js';
import type { LibraryState } from '../model/library-state.js';
import { attach, attachHidden, detach } from '../model/transitions.js';
import { STATE_FORMAT, STATE_VERSION, StateFileError, type CartridgeRecord, type JournalRecord, type StateSnapshot } from './state-format.js';

function recordOf(c: Cartridge): CartridgeRecord {
  const r: { -readonly [K in keyof CartridgeRecord]: CartridgeRecord[K] } = {
    id: c.id,
    volumeTag: c.volumeTag,
    kind: c.kind,
    usesRemaining: c.usesRemaining,
    spent: c.spent,
    location: c.element ? c.element.home : `hidden:${c.hiddenSlot ?? 0}`,
  };
  if (c.lastStorage) r.lastStorage = c.lastStorage.home;
  if (c.pickedFrom) r.pickedFrom = c.pickedFrom.home;
  if (c.placedByOperator) r.placedByOperator = true;
  return r;
}

/** The whole state, for a snapshot written at journal sequence `seq`. */
export function snapshotOf(state: LibraryState, seq: number): StateSnapshot {
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    personality: state.personality.id,
    seq,
    nextCartridgeId: state.nextCartridgeId,
    door: { open: state.door.open },
    importExport: { open: state.station.open },
    magazines: Object.fromEntries([...state.magazines.values()].map((m) => [m.model.id, { present: m.present }])),
    drives: Object.fromEntries(state.drives.map((d) => [String(d.element.home), { needsCleaning: d.needsCleaning }])),
    cartridges: [...state.cartridges.values()].map(recordOf),
  };
}

/** What changed since the last commit, as journal record `seq`; clears the change tracker. */
export function takeJournalRecord(state: LibraryState, seq: number): JournalRecord {
  const ch = state.changes;
  const record: { -readonly [K in keyof JournalRecord]: JournalRecord[K] } = { seq, nextCartridgeId: state.nextCartridgeId };
  if (ch.cartridges.size) {
    record.cartridges = Object.fromEntries([...ch.cartridges].map((id) => {
      const c = state.cartridges.get(id);
      return [id, c ? recordOf(c) : null];
    }));
  }
  if (ch.magazines.size) {
    record.magazines = Object.fromEntries([...ch.magazines].map((id) => [id, { present: state.magazines.get(id)?.present ?? true }]));
  }
  if (ch.drives.size) {
    record.drives = Object.fromEntries([...ch.drives].map((home) => [String(home), { needsCleaning: state.elementByHome(home)?.drive?.needsCleaning ?? false }]));
  }
  if (ch.door) record.door = { open: state.door.open };
  if (ch.station) record.importExport = { open: state.station.open };
  ch.clear();
  return record;
}

/** Applies records to a state, reporting problems against one file and place ("line 12"). */
class Applier {
  constructor(
    private readonly state: LibraryState,
    private readonly file: string,
  ) {}

  fail(where: string, problem: string): never {
    throw new StateFileError(this.file, `${where}: ${problem}`);
  }

  element(where: string, home: number): ElementState {
    const e = this.state.elementByHome(home);
    if (!e) this.fail(where, `element address ${home} does not exist in personality ${this.state.personality.id}`);
    return e;
  }

  cartridges(where: string, records: Record<string, CartridgeRecord | null>): void {
    const st = this.state;
    for (const id of Object.keys(records)) {
      const old = st.cartridges.get(id);
      if (old) detach(st, old);
    }
    for (const [id, r] of Object.entries(records)) {
      if (r === null) {
        st.cartridges.delete(id);
        continue;
      }
      if (r.id !== id) this.fail(where, `cartridge key ${id} holds a record for ${r.id}`);
      const c = st.newCartridge({ volumeTag: r.volumeTag, kind: r.kind, usesRemaining: r.usesRemaining }, id);
      c.spent = r.spent;
      if (r.lastStorage !== undefined) c.lastStorage = this.element(where, r.lastStorage);
      if (r.pickedFrom !== undefined) c.pickedFrom = this.element(where, r.pickedFrom);
      c.placedByOperator = r.placedByOperator ?? false;
      if (typeof r.location === 'number') {
        const e = this.element(where, r.location);
        if (e.cartridge) this.fail(where, `cartridges ${e.cartridge.id} and ${id} are both at element ${r.location}`);
        attach(st, c, e);
      } else {
        const slot = Number(r.location.slice('hidden:'.length));
        if (slot >= st.hidden.length) this.fail(where, `cartridge ${id} is in ${r.location} but the personality has ${st.hidden.length} hidden slots`);
        const there = st.hidden[slot];
        if (there) this.fail(where, `cartridges ${there.id} and ${id} are both in ${r.location}`);
        attachHidden(st, c, slot);
      }
    }
  }

  rest(where: string, r: Pick<JournalRecord, 'magazines' | 'drives' | 'door' | 'importExport' | 'nextCartridgeId'>): void {
    const st = this.state;
    for (const [id, m] of Object.entries(r.magazines ?? {})) {
      const magazine = st.magazines.get(id);
      if (!magazine) this.fail(where, `magazine "${id}" does not exist in personality ${st.personality.id}`);
      magazine.present = m.present;
    }
    for (const [home, d] of Object.entries(r.drives ?? {})) {
      const drive = this.element(where, Number(home)).drive;
      if (!drive) this.fail(where, `element ${home} is not a drive`);
      drive.needsCleaning = d.needsCleaning;
    }
    if (r.door) st.door.open = r.door.open;
    if (r.importExport) st.station.open = r.importExport.open;
    st.nextCartridgeId = Math.max(st.nextCartridgeId, r.nextCartridgeId);
  }
}

/** Replaces the state's contents with a snapshot (the state must be freshly built, without cartridges). */
export function applySnapshot(state: LibraryState, snapshot: StateSnapshot, file: string): void {
  if (snapshot.personality !== state.personality.id) {
    throw new StateFileError(file, `it was written for personality "${snapshot.personality}", not "${state.personality.id}"`);
  }
  const a = new Applier(state, file);
  const records: Record<string, CartridgeRecord> = {};
  for (const r of snapshot.cartridges) {
    if (records[r.id]) a.fail('snapshot', `cartridge id ${r.id} appears twice`);
    records[r.id] = r;
  }
  a.cartridges('snapshot', records);
  a.rest('snapshot', snapshot);
  state.changes.clear();
}

/** Applies one journal record on top of the state. */
export function applyJournalRecord(state: LibraryState, record: JournalRecord, file: string, where: string): void {
  const a = new Applier(state, file);
  if (record.cartridges) a.cartridges(where, record.cartridges);
  a.rest(where, record);
  state.changes.clear();
}
