/**
 * Runs the queued library requests of one library, one at a time (per docs/rsm-semantics.md D11), and ends each one
 * that its work left outstanding: a lost changer link takes the library offline and fails the request with
 * ERROR_LIBRARY_OFFLINE (per D12), a changer failure fails it with the mapped dwErrorCode, and the end of the
 * service leaves it for the restart recovery. Spec: docs/rsm-semantics.md 3 ("returns as soon as its work item is
 * queued; completion is reported asynchronously"), D11, D12.
 */
import { ChangerCommandError } from '../changer/changer-commands.js';
import { classifyFailure, failureErrorCode } from '../changer/changer-failure.js';
import { LinkLostError } from '../changer/changer-link.js';
import { NULL_GUID, type Guid } from '../ntms/guid.js';
import { NtmsLmState } from '../ntms/ntms-constants.js';
import { isOutstanding, transitionRequest } from '../requests/library-request.js';
import { completeOperatorRequestsOf } from '../requests/operator-requests.js';
import { Win32 } from '../results/win32-codes.js';
import type { LibraryRuntime, ServiceRuntime } from '../service/service-runtime.js';
import { RequestFailure, type WorkContext } from './work-context.js';

/** The work of one kind of library request. */
export type WorkFunction = (w: WorkContext) => Promise<void>;

/** Work by NtmsLmOperation code. */
export type WorkRegistry = ReadonlyMap<number, WorkFunction>;

/** The code and note a request that failed with `e` ends with. */
function failureOf(e: unknown): { code: number; note: string } {
  if (e instanceof RequestFailure) return { code: e.code, note: e.message };
  if (e instanceof LinkLostError) return { code: Win32.ERROR_LIBRARY_OFFLINE, note: `changer link lost: ${e.message}` };
  if (e instanceof ChangerCommandError)
    return { code: failureErrorCode(classifyFailure(e.outcome), 'move'), note: e.message };
  return { code: Win32.ERROR_IO_DEVICE, note: `unexpected failure: ${e instanceof Error ? e.message : String(e)}` };
}

/** Ends a request's bookkeeping: leaving marks cleared, its operator requests completed, awaiters told. */
export function settleRequest(rt: ServiceRuntime, id: Guid): void {
  for (const c of rt.db.cartridges.values()) {
    if (c.leavingRequest === id) {
      rt.db.cartridges.edit(c, (w) => {
        w.leavingRequest = NULL_GUID;
        w.modified = rt.db.now();
      });
    }
  }
  completeOperatorRequestsOf(rt.db, id, 'the library request ended');
  rt.watchers.settle(id);
}

async function runOne(rt: ServiceRuntime, lib: LibraryRuntime, id: Guid, registry: WorkRegistry): Promise<void> {
  const request = rt.db.libRequests.get(id);
  if (!request || request.state !== NtmsLmState.NTMS_LM_QUEUED) return;
  const library = rt.libraryRecord(lib.id);
  const work = registry.get(request.operation);
  const stop = lib.stops.get(id) ?? new AbortController();
  lib.stops.set(id, stop);
  lib.running = id;
  try {
    if (!lib.link) throw new RequestFailure(Win32.ERROR_LIBRARY_OFFLINE, 'the library is offline');
    if (!work) throw new RequestFailure(Win32.ERROR_NOT_SUPPORTED, `no work for operation ${request.operation}`);
    await work({ rt, lib, request, library, link: lib.link, stop: stop.signal });
  } catch (e) {
    if (rt.ended) return;
    if (e instanceof LinkLostError) rt.linkLost(lib.id);
    if (isOutstanding(request)) {
      const { code, note } = failureOf(e);
      transitionRequest(rt.db, request, NtmsLmState.NTMS_LM_FAILED, note, code);
    }
  } finally {
    if (!rt.ended) {
      lib.running = undefined;
      lib.busy.clear();
      lib.stops.delete(id);
      if (isOutstanding(request))
        transitionRequest(
          rt.db,
          request,
          NtmsLmState.NTMS_LM_FAILED,
          'the work ended without a result',
          Win32.ERROR_IO_DEVICE,
        );
      settleRequest(rt, id);
      await rt.commit();
    }
  }
}

/** Starts working through the library's queue unless that is already happening. */
export function runQueue(rt: ServiceRuntime, lib: LibraryRuntime, registry: WorkRegistry): void {
  if (lib.running !== undefined || rt.ended) return;
  const next = lib.queue.shift();
  if (next === undefined) return;
  lib.running = next;
  void (async () => {
    try {
      await runOne(rt, lib, next, registry);
    } catch {
      // Only persisting can fail here; the next commit writes the same state again.
    } finally {
      if (!rt.ended) {
        lib.running = undefined;
        runQueue(rt, lib, registry);
      }
    }
  })();
}
