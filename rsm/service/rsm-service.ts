/**
 * The RSM service object: it owns the library database (persisted durably on every change), the changers it
 * drives, the client's session table, and the ntmsapi-named functions. It can be started, stopped, killed and
 * restarted; while it cannot be reached calls with a once-valid handle give ERROR_NOT_CONNECTED, and after a
 * restart old handles give ERROR_INVALID_HANDLE. Spec: docs/rsm-semantics.md D13, D15, D12, 3 (functions return as
 * soon as their work is queued); docs/architecture.md "RSM API".
 */
import type { Clock } from '../../common/clock/clock.js';
import type { ScsiTransport } from '../../scsi/transport/scsi-transport.js';
import type { ApiHost } from '../api/api-host.js';
import type { CheckContext } from '../checks/check-context.js';
import { ChangerLink } from '../changer/changer-link.js';
import { UnitAttentionMeaning } from '../changer/unit-attention.js';
import { RsmDatabase } from '../db/database.js';
import type { DbBatch } from '../db/change-log.js';
import { DbCommitter, type DbStore } from '../db/durable-store.js';
import { FileDbStore } from '../db/file-store.js';
import { MemoryDbStore } from '../db/memory-store.js';
import { setLibraryOffline } from '../db/library-state.js';
import type { LibRequestRecord, LibraryRecord } from '../db/records.js';
import type { Guid, RandomSource } from '../ntms/guid.js';
import { NtmsSlotState } from '../ntms/ntms-constants.js';
import { resolvePolicies, type RsmPolicies } from '../policy/rsm-policies.js';
import { isFinalState } from '../requests/library-request.js';
import { ResultTable } from '../results/result-table.js';
import { defaultLibraryAcl, defaultPrincipals } from '../security/security-model.js';
import { SessionTable } from '../session/session-table.js';
import { runQueue } from '../work/request-runner.js';
import { failAbandonedRequests, returnStrayCleaner } from '../work/restart-recovery.js';
import { workRegistry } from '../work/work-registry.js';
import { RsmInspector, type LibraryRequestView } from './inspector.js';
import { discoverLibrary, type ChangerHints } from './library-discovery.js';
import { RsmAdmin } from './rsm-admin.js';
import { startIdleLinkCheck } from './link-monitor.js';
import { ServiceRuntime, ServiceStoppedError } from './service-runtime.js';

/** How to build a service. */
export interface RsmServiceOptions {
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Where the database lives; default: `dbPath` as a file, else memory. */
  readonly store?: DbStore | undefined;
  /** A database file (written durably: temporary file, fsync, rename, fsync of the directory). */
  readonly dbPath?: string | undefined;
  readonly policies?: Partial<RsmPolicies> | undefined;
  /** OpenNtmsSession's lpServer names this computer (default "RSMHOST"). */
  readonly computerName?: string | undefined;
}

/** What the checks of one call did. */
export interface CheckReport {
  readonly fn: string;
  readonly steps: readonly string[];
  /** The pipeline's verdict (0: go on), undefined if it did not finish. */
  readonly code: number | undefined;
  readonly step: string | undefined;
}

/** Lifecycle states. */
export type RsmServiceState = 'stopped' | 'starting' | 'running';

interface AttachedChanger {
  readonly transport: ScsiTransport;
  readonly hints: ChangerHints;
  libraryId: Guid | undefined;
}

/** The service. The ntmsapi functions are mixed in by rsm/service/rsm-service-api.ts. */
export class RsmServiceCore implements ApiHost {
  readonly sessions = new SessionTable();
  readonly computerName: string;
  readonly inspect: RsmInspector;
  readonly admin: RsmAdmin;
  protected readonly clock: Clock;
  private readonly random: RandomSource;
  private readonly store: DbStore;
  private current: RsmPolicies;
  private rt: ServiceRuntime | undefined;
  private lastDb: RsmDatabase | undefined;
  private committer: DbCommitter<DbBatch> | undefined;
  private incarnations = 0;
  private stateValue: RsmServiceState = 'stopped';
  private cut = false;
  private readonly changers: AttachedChanger[] = [];
  private readonly registry = workRegistry();
  private lastContext: CheckContext | undefined;

  constructor(options: RsmServiceOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.store =
      options.store ?? (options.dbPath !== undefined ? new FileDbStore(options.dbPath) : new MemoryDbStore());
    this.current = resolvePolicies(options.policies);
    this.computerName = options.computerName ?? 'RSMHOST';
    this.inspect = new RsmInspector(
      () => this.database(),
      () => new ResultTable(this.current.codeProfile),
      (lib) => this.rt?.libs.get(lib)?.link?.eventsSince(0) ?? [],
    );
    this.admin = new RsmAdmin(() => this.requireRunning());
  }

  /** 'stopped', 'starting' or 'running'. */
  get state(): RsmServiceState {
    return this.stateValue;
  }

  /** The policies in force (per docs/rsm-semantics.md D1, D6, D14). */
  get policies(): RsmPolicies {
    return this.current;
  }

  /** Switches policies; later calls and waits use the new values. */
  setPolicies(overrides: Partial<RsmPolicies>): void {
    this.current = resolvePolicies(overrides, this.current);
  }

  /** The result table under the current code profile (per docs/rsm-semantics.md D1). */
  get results(): ResultTable {
    return new ResultTable(this.current.codeProfile);
  }

  get reachable(): ServiceRuntime | undefined {
    return this.stateValue === 'running' && !this.cut ? this.rt : undefined;
  }

  get starting(): boolean {
    return this.stateValue === 'starting';
  }

  /** Cuts (false) or restores (true) the client's connection to a running service (per docs/rsm-semantics.md D13). */
  setReachable(reachable: boolean): void {
    this.cut = !reachable;
  }

  enqueue(rt: ServiceRuntime, request: LibRequestRecord): void {
    const lib = rt.library(request.library);
    lib.queue.push(request.id);
    rt.clock.setTimer(0, () => runQueue(rt, lib, this.registry));
  }

  noteCheck(ctx: CheckContext): void {
    this.lastContext = ctx;
  }

  /**
   * The checks of the latest ntmsapi call: the function, the pipeline steps run in order, and the step that
   * decided a non-zero result (per docs/rsm-semantics.md D3). Undefined before any call.
   */
  get lastCheck(): CheckReport | undefined {
    const ctx = this.lastContext;
    if (!ctx) return undefined;
    return { fn: ctx.fn, steps: [...ctx.trace], code: ctx.verdict?.code, step: ctx.verdict?.step };
  }

  private database(): RsmDatabase {
    const db = this.rt?.db ?? this.lastDb;
    if (!db) throw new Error('the RSM service has not been started');
    return db;
  }

  /** The running incarnation; throws when the service is not running. */
  protected requireRunning(): ServiceRuntime {
    if (this.stateValue !== 'running' || !this.rt) throw new ServiceStoppedError();
    return this.rt;
  }

  /**
   * Starts the service: loads the database (or creates one with the fixed offline library), fails requests a
   * previous incarnation left outstanding, and rediscovers the attached changers. Rejects with RsmDatabaseError
   * when the database file is unusable.
   */
  async start(): Promise<void> {
    if (this.stateValue !== 'stopped') throw new Error(`cannot start a service that is ${this.stateValue}`);
    this.stateValue = 'starting';
    try {
      const snapshot = await this.store.load();
      const db = snapshot
        ? RsmDatabase.fromSnapshot(this.clock, this.random, snapshot)
        : RsmDatabase.create(
            this.clock,
            this.random,
            this.computerName,
            defaultPrincipals(),
            defaultLibraryAcl(this.current.controlAccessValue),
          );
      const rt = new ServiceRuntime(++this.incarnations, this.clock, db, () => this.current);
      const committer = new DbCommitter(this.store);
      // A commit hands the store only the records changed since the last one (rsm/db/change-log.ts).
      rt.commit = () => committer.commit(() => db.takeChanges());
      failAbandonedRequests(rt);
      for (const lib of db.libraries.values())
        if (lib.offlineReason === 'none' || lib.offlineReason === 'link-lost')
          setLibraryOffline(db, lib, 'not-attached');
      await rt.commit();
      this.rt = rt;
      this.committer = committer;
      this.lastDb = db;
      for (const c of this.changers) {
        try {
          c.libraryId = (await this.bringOnline(rt, c.transport, c.hints)).id;
        } catch {
          // The library stays offline until its changer answers (attachChanger again).
        }
      }
      this.stateValue = 'running';
    } catch (e) {
      this.rt?.end();
      this.rt = undefined;
      this.stateValue = 'stopped';
      throw e;
    }
  }

  private async end(flush: boolean): Promise<void> {
    const rt = this.rt;
    const committer = this.committer;
    this.stateValue = 'stopped';
    this.rt = undefined;
    this.committer = undefined;
    rt?.end();
    await committer?.close(flush);
  }

  /** Stops the service gracefully: outstanding work ends, every requested write is finished. */
  async stop(): Promise<void> {
    await this.end(true);
  }

  /** Kills the service: outstanding work is abandoned and writes not yet started are lost. */
  async kill(): Promise<void> {
    await this.end(false);
  }

  /** Stops and starts again (a new incarnation: old handles give ERROR_INVALID_HANDLE). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private async bringOnline(rt: ServiceRuntime, transport: ScsiTransport, hints: ChangerHints): Promise<LibraryRecord> {
    const link = new ChangerLink(transport, this.clock, {
      lun: hints.lun ?? 0,
      unitAttentionRetries: this.current.unitAttentionRetries,
      signal: rt.signal,
    });
    const library = await discoverLibrary(rt.db, link, hints, this.current);
    const lib = rt.library(library.id);
    lib.link = link;
    link.onLost(() => {
      if (rt.ended || lib.link !== link) return;
      rt.linkLost(library.id);
      void rt.commit().catch(() => undefined);
    });
    link.onUnitAttention((e) => {
      if (e.meaning !== UnitAttentionMeaning.MAGAZINE_INSERTED || rt.ended) return;
      // Per docs/rsm-semantics.md D16: slots of a reinserted magazine need an inventory before they are trusted.
      for (const s of rt.db.slotsOf(library.id)) {
        if (s.state === NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT)
          rt.db.slots.edit(s, (w) => (w.state = NtmsSlotState.NTMS_SLOTSTATE_NEEDSINVENTORY));
      }
    });
    await returnStrayCleaner(rt, library, link);
    await rt.commit();
    startIdleLinkCheck(rt, lib, link);
    return library;
  }

  /**
   * Attaches a changer: discovers its library (INQUIRY, page 1Dh, READ ELEMENT STATUS) and brings it online.
   * A changer seen before (same identity) gets its old library and GUIDs back. The attachment survives restarts
   * of this object. Resolves with the library's GUID; rejects when the service is not running or the changer
   * cannot be read.
   */
  async attachChanger(transport: ScsiTransport, hints: ChangerHints = {}): Promise<Guid> {
    const rt = this.requireRunning();
    const library = await this.bringOnline(rt, transport, hints);
    const known = this.changers.find((c) => c.libraryId === library.id || c.transport === transport);
    if (known) this.changers.splice(this.changers.indexOf(known), 1);
    this.changers.push({ transport, hints, libraryId: library.id });
    return library.id;
  }

  /** Detaches a library's changer: the library goes offline (per docs/rsm-semantics.md D12). */
  async detachChanger(library: Guid): Promise<void> {
    const rt = this.requireRunning();
    const i = this.changers.findIndex((c) => c.libraryId === library);
    if (i >= 0) this.changers.splice(i, 1);
    rt.library(library).link = undefined;
    const rec = rt.db.libraries.get(library);
    if (rec) setLibraryOffline(rt.db, rec, 'not-attached');
    await rt.commit();
  }

  /**
   * Resolves with the request's view once it reaches PASSED, FAILED, CANCELLED or STOPPED (at once if it has).
   * Driven only by the injected Clock: with a VirtualClock, `await clock.runUntil(service.awaitLibraryRequest(id))`.
   * Rejects with ServiceStoppedError if the service stops first, and with RangeError for an unknown id.
   */
  async awaitLibraryRequest(id: Guid): Promise<LibraryRequestView> {
    const rt = this.requireRunning();
    const request = rt.db.libRequests.get(id);
    if (!request) throw new RangeError(`no library request ${id}`);
    if (!isFinalState(request.state)) await rt.watchers.wait(id);
    const view = this.inspect.libraryRequest(id);
    if (!view) throw new RangeError(`library request ${id} vanished`);
    return view;
  }
}
