/**
 * After-effects read through GetNtmsObjectInformation, the call an application has, as well as through the
 * inspector: the library (CleanerSlot, CLEANERPRESENT, dwCleanerUsesRemaining), the eject's library request
 * (OperationCode 11, Library, SlotId, State, dwErrorCode, TimeCompleted), the reserved slot's State and the IE
 * port's Content. Each is compared with what the path expects; a structure that disagrees with the expectation
 * fails even when the inspector agrees.
 * Spec: docs/rsm-semantics.md D10 ("visible through the object-information call"), D5-D8 (final states), 4
 * (structures), 7.1 (cleaner slot), 7.3 (IE port).
 */
import { AssertionError } from 'chai';
import {
  NtmsLibraryFlags,
  NtmsLmOperation,
  NtmsLmState,
  NtmsObjectType,
  type Guid,
  type NtmsHandle,
  type NtmsObjectInformation,
  type ResultName,
} from '../../../rsm/index.js';
import type { PathTest } from '../path-test.js';

/** What the path expects the object-information call to show. */
export interface ObjectInfoExpectation {
  readonly library: { readonly cleanerSlot: Guid; readonly cleanerPresent: boolean; readonly uses: number };
  readonly request?: {
    readonly id: Guid;
    readonly state: keyof typeof NtmsLmState;
    readonly error: ResultName;
    readonly slotId: Guid;
  };
  readonly slot?: { readonly id: Guid; readonly state: number };
  readonly port?: { readonly id: Guid; readonly content: number };
}

/** One GetNtmsObjectInformation answer. */
export interface ObjectInfoAnswer {
  readonly code: number;
  readonly info: NtmsObjectInformation;
}

/** The answers for the objects an expectation names. */
export interface ObjectInfoReading {
  readonly library: ObjectInfoAnswer;
  readonly request?: ObjectInfoAnswer;
  readonly slot?: ObjectInfoAnswer;
  readonly port?: ObjectInfoAnswer;
}

/** Reads the objects `e` names as `handle`. */
export async function readObjectInfo(
  t: PathTest,
  handle: NtmsHandle,
  e: ObjectInfoExpectation,
): Promise<ObjectInfoReading> {
  const read = (id: Guid, type: number) => t.rsm.objectInfo(handle, id, type);
  return {
    library: await read(t.rsm.libraryId, NtmsObjectType.NTMS_LIBRARY),
    ...(e.request ? { request: await read(e.request.id, NtmsObjectType.NTMS_LIBREQUEST) } : {}),
    ...(e.slot ? { slot: await read(e.slot.id, NtmsObjectType.NTMS_STORAGESLOT) } : {}),
    ...(e.port ? { port: await read(e.port.id, NtmsObjectType.NTMS_IEPORT) } : {}),
  };
}

function expectField(out: string[], what: string, got: unknown, want: unknown): void {
  if (got !== want) out.push(`${what} is ${String(got)}; expected ${String(want)}`);
}

/** The disagreements between `r` and `e`; `code` gives the suite's number for a result name. Empty: all agree. */
export function objectInfoProblems(
  r: ObjectInfoReading,
  e: ObjectInfoExpectation,
  libraryId: Guid,
  code: (n: ResultName) => number,
): string[] {
  const out: string[] = [];
  const answered = (what: string, a: ObjectInfoAnswer | undefined) => {
    if (a && a.code !== 0) out.push(`GetNtmsObjectInformation(${what}) returned ${a.code}; expected ERROR_SUCCESS`);
    return a && a.code === 0 ? a.info.Info : undefined;
  };
  const lib = answered('library', r.library)?.Library;
  if (lib) {
    expectField(out, 'library CleanerSlot', lib.CleanerSlot, e.library.cleanerSlot);
    expectField(
      out,
      'library CLEANERPRESENT',
      (lib.dwFlags & NtmsLibraryFlags.NTMS_LIBRARYFLAG_CLEANERPRESENT) !== 0,
      e.library.cleanerPresent,
    );
    expectField(out, 'library dwCleanerUsesRemaining', lib.dwCleanerUsesRemaining, e.library.uses);
  } else if (r.library.code === 0) out.push('GetNtmsObjectInformation(library) filled no library information');
  if (e.request) {
    const q = answered('library request', r.request)?.LibRequest;
    if (!q) out.push(`GetNtmsObjectInformation(library request ${e.request.id}) gave no request information`);
    else {
      expectField(out, 'request OperationCode', q.OperationCode, NtmsLmOperation.NTMS_LM_EJECTCLEANER);
      expectField(out, 'request Library', q.Library, libraryId);
      expectField(out, 'request SlotId', q.SlotId, e.request.slotId);
      expectField(out, 'request State', q.State, NtmsLmState[e.request.state]);
      expectField(out, 'request dwErrorCode', q.dwErrorCode, code(e.request.error));
      const final = ['NTMS_LM_PASSED', 'NTMS_LM_FAILED', 'NTMS_LM_STOPPED', 'NTMS_LM_CANCELLED'].includes(
        e.request.state,
      );
      if (final && !(q.TimeCompleted > 0))
        out.push(`request TimeCompleted is ${q.TimeCompleted} although it ended ${e.request.state}`);
      if (final && q.TimeCompleted < q.TimeQueued)
        out.push(`request TimeCompleted ${q.TimeCompleted} is before TimeQueued ${q.TimeQueued}`);
    }
  }
  if (e.slot) {
    const s = answered('storage slot', r.slot)?.StorageSlot;
    if (!s) out.push(`GetNtmsObjectInformation(slot ${e.slot.id}) gave no slot information`);
    else expectField(out, 'slot State', s.State, e.slot.state);
  }
  if (e.port) {
    const p = answered('IE port', r.port)?.IEPort;
    if (!p) out.push(`GetNtmsObjectInformation(IE port ${e.port.id}) gave no port information`);
    else expectField(out, 'IE port Content', p.Content, e.port.content);
  }
  return out;
}

/** Reads through GetNtmsObjectInformation and fails with every disagreement with `e`. */
export async function checkObjectInfo(t: PathTest, handle: NtmsHandle, e: ObjectInfoExpectation): Promise<void> {
  const problems = objectInfoProblems(await readObjectInfo(t, handle, e), e, t.rsm.libraryId, (n) => t.check.code(n));
  if (problems.length > 0) throw new AssertionError(`GetNtmsObjectInformation disagrees:\n  ${problems.join('\n  ')}`);
}
