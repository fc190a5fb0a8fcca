/**
 * Converts between the live LibraryState and the state file's snapshot and journal records, checking on the way
 * in every invariant of the state (state-checks.ts) before a record is applied.
 * Design: docs/simulator.md "Persistence"; format: state-format.ts.
 */
import type { Cartridge } from '../model/element.js';
import type { LibraryState } from '../model/library-state.js';
import { attach, attachHidden, detach } from '../model/transitions.js';
import {
  checkDrive,
  checkFields,
  checkId,
  checkNewId,
  checkPlacement,
  checkUnchanged,
  type Fail,
} from './state-checks.js';
import {
  STATE_FORMAT,
  STATE_VERSION,
  StateFileError,
  type CartridgeRecord,
  type JournalRecord,
  type StateSnapshot,
} from './state-format.js';

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
  const record: { -readonly [K in keyof JournalRecord]: JournalRecord[K] } = {
    seq,
    nextCartridgeId: state.nextCartridgeId,
  };
  if (ch.cartridges.size) {
    record.cartridges = Object.fromEntries(
      [...ch.cartridges].map((id) => {
        const c = state.cartridges.get(id);
        return [id, c ? recordOf(c) : null];
      }),
    );
  }
  if (ch.magazines.size) {
    record.magazines = Object.fromEntries(
      [...ch.magazines].map((id) => [id, { present: state.magazines.get(id)?.present ?? true }]),
    );
  }
  if (ch.drives.size) {
    record.drives = Object.fromEntries(
      [...ch.drives].map((home) => [
        String(home),
        { needsCleaning: state.elementByHome(home)?.drive?.needsCleaning ?? false },
      ]),
    );
  }
  if (ch.door) record.door = { open: state.door.open };
  if (ch.station) record.importExport = { open: state.station.open };
  ch.clear();
  return record;
}

/** One cartridge entry to apply: its id, the field that holds it, and its new value (null: it left). */
interface Entry {
  readonly key: string;
  readonly field: string;
  readonly record: CartridgeRecord | null;
}

/** For a journal record: the counter the state had reached before it, and the record's own. */
interface Counters {
  readonly reached: number;
  readonly recordCounter: number;
}

/**
 * Applies records to a state after checking them (state-checks.ts), reporting problems against one file and place
 * ("snapshot", "line 12"). Nothing of a record is applied before all of its entries have been checked against
 * the state as it is.
 */
class Applier {
  constructor(
    private readonly state: LibraryState,
    private readonly file: string,
    private readonly where: string,
  ) {}

  readonly fail: Fail = (field, problem) => {
    throw new StateFileError(this.file, `${this.where}: ${field}: ${problem}`);
  };

  cartridges(entries: readonly Entry[], counters?: Counters): void {
    const st = this.state;
    const at = (field: string, id: string) => (sub: string) => `${field}.${sub} (cartridge ${id})`;
    for (const { key, field, record } of entries) {
      const old = st.cartridges.get(key);
      if (record === null) {
        if (!old) this.fail(field, `removes cartridge ${key}, which is not in the library`);
        continue;
      }
      if (record.id !== key) this.fail(`${field}.id`, `the record under ${key} is for ${record.id}`);
      const n = checkId(this.fail, `${field}.id`, record.id);
      checkFields(this.fail, at(field, key), record);
      if (counters && old) checkUnchanged(this.fail, field, old, record);
      else if (counters) checkNewId(this.fail, field, key, n, counters.reached, counters.recordCounter);
    }
    for (const { key } of entries) {
      const old = st.cartridges.get(key);
      if (old) detach(st, old);
    }
    for (const { key, field, record: r } of entries) {
      if (r === null) {
        st.cartridges.delete(key);
        continue;
      }
      const where = checkPlacement(st, this.fail, at(field, key), r);
      const c = st.newCartridge({ volumeTag: r.volumeTag, kind: r.kind, usesRemaining: r.usesRemaining }, key);
      c.spent = r.spent;
      if (r.lastStorage !== undefined) c.lastStorage = st.elementByHome(r.lastStorage);
      if (r.pickedFrom !== undefined) c.pickedFrom = st.elementByHome(r.pickedFrom);
      c.placedByOperator = r.placedByOperator ?? false;
      if (typeof where === 'number') attachHidden(st, c, where);
      else attach(st, c, where);
    }
  }

  rest(r: Pick<JournalRecord, 'magazines' | 'drives' | 'door' | 'importExport'>): void {
    const st = this.state;
    for (const [id, m] of Object.entries(r.magazines ?? {})) {
      const magazine = st.magazines.get(id);
      if (!magazine)
        this.fail(`magazines.${id}`, `magazine "${id}" does not exist in personality ${st.personality.id}`);
      magazine.present = m.present;
    }
    for (const [home, d] of Object.entries(r.drives ?? {})) {
      const drive = checkDrive(st, this.fail, `drives.${home}`, home).drive;
      if (drive) drive.needsCleaning = d.needsCleaning;
    }
    if (r.door) st.door.open = r.door.open;
    if (r.importExport) st.station.open = r.importExport.open;
  }
}

/**
 * Replaces the state's contents with a snapshot (the state must be freshly built, without cartridges). Returns
 * what was repaired (a counter behind the ids, raised above them), one line each for the log.
 */
export function applySnapshot(state: LibraryState, snapshot: StateSnapshot, file: string): string[] {
  if (snapshot.personality !== state.personality.id) {
    throw new StateFileError(
      file,
      `it was written for personality "${snapshot.personality}", not "${state.personality.id}"`,
    );
  }
  const a = new Applier(state, file, 'snapshot');
  const seen = new Set<string>();
  const entries = snapshot.cartridges.map((r, i): Entry => {
    if (seen.has(r.id)) a.fail(`cartridges.${i}.id`, `cartridge id ${r.id} appears twice`);
    seen.add(r.id);
    return { key: r.id, field: `cartridges.${i}`, record: r };
  });
  a.cartridges(entries);
  a.rest(snapshot);
  const repairs: string[] = [];
  // newCartridge() has moved the counter above every restored id; a file whose counter is behind them would
  // have the next cartridge take an id in use. The counter says nothing else, so it is raised, not refused.
  if (snapshot.nextCartridgeId < state.nextCartridgeId) {
    repairs.push(
      `state file ${file}: nextCartridgeId: expected a number above every cartridge id (the highest is c${state.nextCartridgeId - 1}), got ${snapshot.nextCartridgeId}; new cartridges are numbered from c${state.nextCartridgeId}`,
    );
  }
  state.nextCartridgeId = Math.max(state.nextCartridgeId, snapshot.nextCartridgeId);
  state.changes.clear();
  return repairs;
}

/** Applies one journal record on top of the state, after checking that it fits the state it applies to. */
export function applyJournalRecord(state: LibraryState, record: JournalRecord, file: string, where: string): void {
  const a = new Applier(state, file, where);
  const reached = state.nextCartridgeId;
  if (record.nextCartridgeId < reached)
    a.fail(
      'nextCartridgeId',
      `expected at least ${reached} (the number already reached), got ${record.nextCartridgeId}`,
    );
  const entries = Object.entries(record.cartridges ?? {}).map(([key, r]): Entry => ({
    key,
    field: `cartridges.${key}`,
    record: r,
  }));
  a.cartridges(entries, { reached, recordCounter: record.nextCartridgeId });
  a.rest(record);
  state.nextCartridgeId = Math.max(state.nextCartridgeId, record.nextCartridgeId);
  state.changes.clear();
}
