/**
 * What one incarnation of the running RSM service holds: the database, the changer links and request queues of
 * its libraries, and the signal that ends with the incarnation. Modules of rsm/ receive it instead of reaching
 * for module-level state (docs/architecture.md style rule 9). Spec: docs/rsm-semantics.md D11 (requests of one library run
 * one at a time), D12 (a lost link takes the library offline), D13 (an incarnation ends at stop or crash).
 */
import type { Clock } from '../../common/clock/clock.js';
import type { ChangerLink } from '../changer/changer-link.js';
import type { RsmDatabase } from '../db/database.js';
import { setLibraryOffline } from '../db/library-state.js';
import type { LibraryRecord } from '../db/records.js';
import type { Guid } from '../ntms/guid.js';
import type { RsmPolicies } from '../policy/rsm-policies.js';
import { CompletionWatchers } from '../requests/library-request.js';
import { ResultTable } from '../results/result-table.js';

/** Per-library run-time state (not persisted). */
export interface LibraryRuntime {
  readonly id: Guid;
  /** The changer link; undefined when no changer is attached or the link was lost. */
  link: ChangerLink | undefined;
  /** Ids of QUEUED requests, in order. */
  readonly queue: Guid[];
  /** The request being worked on, if any (one at a time, per docs/rsm-semantics.md D11). */
  running: Guid | undefined;
  /** Element addresses the running request owns: refreshes leave them alone. */
  readonly busy: Set<number>;
  /** STOP controllers of outstanding requests (NTMS_EJECT_STOP, NTMS_INJECT_STOP). */
  readonly stops: Map<Guid, AbortController>;
}

/** Thrown into work when the service incarnation ends (stop, crash, kill). */
export class ServiceStoppedError extends Error {
  constructor() {
    super('the RSM service stopped');
    this.name = 'ServiceStoppedError';
  }
}

/** One incarnation of the service. */
export class ServiceRuntime {
  readonly libs = new Map<Guid, LibraryRuntime>();
  readonly watchers = new CompletionWatchers();
  private readonly controller = new AbortController();
  /** Called (by the service) whenever work changed the database, to persist it. */
  commit: () => Promise<void> = async () => undefined;

  constructor(
    readonly incarnation: number,
    readonly clock: Clock,
    readonly db: RsmDatabase,
    private readonly getPolicies: () => RsmPolicies,
  ) {}

  /** The policies in force now. */
  get policies(): RsmPolicies {
    return this.getPolicies();
  }

  /** The result table under the current code profile (per docs/rsm-semantics.md D1). */
  get results(): ResultTable {
    return new ResultTable(this.policies.codeProfile);
  }

  /** Aborted when this incarnation ends. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once the incarnation ended. */
  get ended(): boolean {
    return this.controller.signal.aborted;
  }

  /** Ends the incarnation: sleeps reject, waiting work unwinds, awaiters are told. */
  end(): void {
    if (this.ended) return;
    this.controller.abort(new ServiceStoppedError());
    this.watchers.rejectAll(new ServiceStoppedError());
  }

  /** Throws ServiceStoppedError when the incarnation ended. */
  checkAlive(): void {
    if (this.ended) throw new ServiceStoppedError();
  }

  /** The run-time state of a library, created on first use. */
  library(id: Guid): LibraryRuntime {
    let lib = this.libs.get(id);
    if (!lib) {
      lib = { id, link: undefined, queue: [], running: undefined, busy: new Set(), stops: new Map() };
      this.libs.set(id, lib);
    }
    return lib;
  }

  /** The library's record; throws when it vanished (a bug). */
  libraryRecord(id: Guid): LibraryRecord {
    const rec = this.db.libraries.get(id);
    if (!rec) throw new Error(`library ${id} is not in the database`);
    return rec;
  }

  /** The changer link was lost: the library goes offline (per docs/rsm-semantics.md D12). */
  linkLost(id: Guid): void {
    const lib = this.library(id);
    lib.link = undefined;
    const rec = this.db.libraries.get(id);
    if (rec) setLibraryOffline(this.db, rec, 'link-lost');
  }
}
