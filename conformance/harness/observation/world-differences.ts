/**
 * What a failed call must not change, compared between two snapshots: the library's reservation, cleaner flags,
 * Enabled and online records; its slot, IE port and door records (door lock included); library requests, new
 * ones and state changes of those that already existed; operator requests; the cartridges of the library and of
 * the offline library (which ones, not only how many); the changer's contents (full elements with their volume
 * tags and SVALID source addresses, so a changer read without VOLTAG still shows a move); the openings and,
 * where read, their locks (PREVENT ALLOW MEDIUM REMOVAL).
 * Spec: docs/rsm-semantics.md D3 (each failing check stops the call before anything is queued), 4 (library fields),
 * 7.1-7.5 (state machines); SMC-3 6.10 (FULL, SVALID, SOURCE STORAGE ELEMENT ADDRESS;
 * docs/smc-reference.md 1.3).
 */
import type { CartridgeView, LibraryView } from '../../../rsm/index.js';
import type { ChangerContents, ElementReading } from './changer-probe.js';
import type { OpeningState, World } from './world.js';

/** "storage 4106: CLN001L1" for a full element, with " (from 4100)" when its source address is valid. */
export function elementLine(e: ElementReading): string {
  const from = e.sourceAddress === undefined ? '' : ` (from ${e.sourceAddress})`;
  return `${e.kind} ${e.address}: ${e.volumeTag || '(no label)'}${from}`;
}

/** The lines of the full elements, for comparisons and messages. */
export function contentsLines(c: ChangerContents): string[] {
  return c.elements.filter((e) => e.full).map(elementLine);
}

function changed<T>(out: string[], what: string, a: T, b: T): void {
  if (a !== b) out.push(`${what} changed: ${String(a)} -> ${String(b)}`);
}

/** The same ids at the same positions, each once (then the id maps below would pair each row with its own place). */
function sameIdsInPlace<T extends { readonly id: string }>(before: readonly T[], after: readonly T[]): boolean {
  if (before.length !== after.length) return false;
  const ids = new Set<string>();
  for (const [i, r] of before.entries()) {
    if (r.id !== after[i]?.id || ids.has(r.id)) return false;
    ids.add(r.id);
  }
  return true;
}

/** Records keyed by id, each as one comparable line. */
function recordDiff<T extends { readonly id: string }>(
  out: string[],
  what: string,
  before: readonly T[],
  after: readonly T[],
  line: (r: T) => string,
): void {
  // the very same rows (a view reused while its table is unchanged) have the same ids and lines: nothing changed
  if (before.length === after.length && before.every((r, i) => r === after[i])) return;
  if (sameIdsInPlace(before, after)) {
    // the same records in the same order, a few replaced: only the replaced ones can have changed lines
    for (const [i, r] of before.entries()) {
      const n = after[i] as T;
      if (n === r) continue;
      const [l, m] = [line(r), line(n)];
      if (l !== m) out.push(`${what} ${r.id} changed: ${l} -> ${m}`);
    }
    return;
  }
  const was = new Map(before.map((r) => [r.id, line(r)]));
  const now = new Map(after.map((r) => [r.id, line(r)]));
  for (const [id, l] of was) {
    const n = now.get(id);
    if (n === undefined) out.push(`${what} ${id} is gone (${l})`);
    else if (n !== l) out.push(`${what} ${id} changed: ${l} -> ${n}`);
  }
  for (const [id, l] of now) if (!was.has(id)) out.push(`${what} ${id} appeared (${l})`);
}

function cartridgeLine(c: CartridgeView): string {
  const at = c.location ? `${c.location.kind} ${c.location.address}` : 'no element';
  return `${c.kind} ${c.barcode || '(no label)'} at ${at}${c.leavingRequest ? ` leaving with ${c.leavingRequest}` : ''}`;
}

function libraryRecords(out: string[], a: LibraryView, b: LibraryView): void {
  changed(out, 'reservation', a.cleanerSlot, b.cleanerSlot);
  changed(out, 'CLEANERPRESENT', a.cleanerPresent, b.cleanerPresent);
  changed(out, 'dwCleanerUsesRemaining', a.cleanerUsesRemaining, b.cleanerUsesRemaining);
  changed(out, 'library Enabled', a.enabled, b.enabled);
  changed(out, 'library online', a.online, b.online);
  changed(out, 'library offline reason', a.offlineReason, b.offlineReason);
  changed(out, 'library flags', a.flags, b.flags);
  recordDiff(out, 'slot record', a.slots ?? [], b.slots ?? [], (s) => `address ${s.address} state ${s.state}`);
  recordDiff(
    out,
    'IE port record',
    a.iePorts ?? [],
    b.iePorts ?? [],
    (p) => `address ${p.address} content ${p.content} position ${p.position} MaxExtendSecs ${p.maxExtendSecs}`,
  );
  recordDiff(
    out,
    'door record',
    a.doors ?? [],
    b.doors ?? [],
    (d) => `state ${d.state} ${d.locked ? 'locked' : 'unlocked'} MaxOpenSecs ${d.maxOpenSecs}`,
  );
}

function opening(out: string[], what: string, a: OpeningState | undefined, b: OpeningState | undefined): void {
  if (!a || !b) return;
  if (a.open !== b.open) out.push(`${what} open: ${a.open} -> ${b.open}`);
  if (a.locked !== undefined && b.locked !== undefined && a.locked !== b.locked)
    out.push(`${what} locked: ${a.locked} -> ${b.locked}`);
}

/** The differences between two snapshots in what a failed call must not change. Empty when nothing changed. */
export function differences(before: World, after: World): string[] {
  const out: string[] = [];
  libraryRecords(out, before.library, after.library);
  for (const r of after.requests) {
    const was = before.requests.find((x) => x.id === r.id);
    if (!was) out.push(`new library request ${r.operationName} ${r.id} (${r.stateName})`);
    else if (was.stateName !== r.stateName || was.dwErrorCode !== r.dwErrorCode) {
      out.push(
        `library request ${r.id} changed: ${was.stateName} (${was.dwErrorCode}) -> ${r.stateName} (${r.dwErrorCode})`,
      );
    }
  }
  for (const o of after.operatorRequests) {
    const was = before.operatorRequests.find((x) => x.id === o.id);
    if (!was) out.push(`new operator request ${o.commandName}: ${o.message}`);
    else if (was.stateName !== o.stateName)
      out.push(`operator request ${o.id} changed: ${was.stateName} -> ${o.stateName}`);
  }
  for (const r of before.requests)
    if (!after.requests.some((x) => x.id === r.id))
      out.push(`library request ${r.operationName} ${r.id} (${r.stateName}) disappeared`);
  for (const o of before.operatorRequests)
    if (!after.operatorRequests.some((x) => x.id === o.id))
      out.push(`operator request ${o.commandName} ${o.id} (${o.stateName}) disappeared`);
  recordDiff(out, 'cartridge', before.cartridges, after.cartridges, cartridgeLine);
  recordDiff(out, 'offline library medium', before.offline, after.offline, cartridgeLine);
  if (before.changer !== after.changer) {
    const was = new Set(contentsLines(before.changer));
    const now = new Set(contentsLines(after.changer));
    for (const l of was) if (!now.has(l)) out.push(`changer: ${l} is gone`);
    for (const l of now) if (!was.has(l)) out.push(`changer: ${l} appeared`);
  }
  opening(out, 'IE station', before.importExport, after.importExport);
  opening(out, 'door', before.door, after.door);
  return out;
}
