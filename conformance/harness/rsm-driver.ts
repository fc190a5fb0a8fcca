/**
 * The RSM host model as a test drives it: a fresh RsmService per test on the session's clock, the library
 * discovered through the session's RSM transport, and every ntmsapi call settled on that clock (virtual time
 * runs while the call works). Reaches rsm/ only through its public API (rsm/index.ts).
 * Spec: docs/rsm-semantics.md section 14 (D1 code profile, D13 service connection, D14 access); docs/rsm-model.md.
 */
import {
  guidRef,
  NtmsObjectType,
  RsmService,
  seededRandomSource,
  newObjectInformation,
  type CodeProfile,
  type Guid,
  type GuidRef,
  type LibraryRequestView,
  type LibraryView,
  type NtmsHandle,
  type NtmsObjectInformation,
  type PulledMagazineIndication,
  type ResultTable,
} from '../../rsm/index.js';
import type { LibraryModel } from './target/library-model.js';
import type { TargetSession } from './target/target-session.js';
import type { TimeControl } from './target/time-control.js';

/** The principal an ACCESS_DENIED test runs as (a member of BUILTIN\Users only, per docs/rsm-semantics.md D14). */
export const NON_ADMIN_PRINCIPAL = 'Operator';

type Api = Pick<
  RsmService,
  | 'openNtmsSession'
  | 'closeNtmsSession'
  | 'reserveNtmsCleanerSlot'
  | 'releaseNtmsCleanerSlot'
  | 'injectNtmsCleaner'
  | 'ejectNtmsCleaner'
  | 'enableNtmsObject'
  | 'disableNtmsObject'
  | 'getNtmsObjectInformation'
  | 'setNtmsObjectInformation'
  | 'cancelNtmsLibraryRequest'
>;

/** Options of {@link RsmDriver.start}. */
export interface RsmDriverOptions {
  readonly codeProfile: CodeProfile;
  /** Seed of the GUID source, so a test's GUIDs are the same every run. */
  readonly seed: number;
}

/** One ntmsapi call as the test made it: the function and the very arguments passed (for D10's check). */
export interface RecordedCall {
  readonly fn: string;
  readonly args: readonly unknown[];
}

/** One test's RSM service and its library. */
export class RsmDriver {
  /** Every ntmsapi call made through {@link call}, in order. */
  readonly calls: RecordedCall[] = [];

  private constructor(
    readonly service: RsmService,
    readonly libraryId: Guid,
    private readonly time: TimeControl,
  ) {}

  /** Starts a service on the session's clock and attaches the session's changer. */
  static async start(session: TargetSession, options: RsmDriverOptions): Promise<RsmDriver> {
    const service = new RsmService({
      clock: session.time.clock,
      random: seededRandomSource(options.seed),
      policies: { codeProfile: options.codeProfile, idleLinkCheck: true },
    });
    await session.time.settle(service.start());
    const libraryId = await session.time.settle(
      service.attachChanger(session.rsmTransport, {
        name: session.hints.name,
        door: session.hints.door,
        lun: session.hints.lun,
        pulledMagazine: pulledMagazineHint(session.model),
      }),
    );
    return new RsmDriver(service, libraryId, session.time);
  }

  /** The result table under the run's code profile (per docs/rsm-semantics.md D1). */
  get results(): ResultTable {
    return this.service.results;
  }

  /** Calls an ntmsapi function of the service, settled on the test's clock. */
  call<K extends keyof Api>(fn: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> {
    const f = this.service[fn] as (...a: unknown[]) => Promise<Awaited<ReturnType<Api[K]>>>;
    this.calls.push({ fn, args });
    return this.time.settle(f.apply(this.service, args));
  }

  /** Opens a session as `principal`; throws when OpenNtmsSession fails (an arrangement, not the path). */
  async open(principal?: string): Promise<NtmsHandle> {
    const r = await this.call('openNtmsSession', null, 'changerbench conformance', 0, principal);
    if (r.lastError !== 0)
      throw new Error(
        `OpenNtmsSession as ${principal ?? 'the default principal'} failed: ${this.results.label(r.lastError)}`,
      );
    return r.handle;
  }

  /** A fresh reference to the library's GUID (an LPNTMS_GUID). */
  libraryRef(): GuidRef {
    return guidRef(this.libraryId);
  }

  /** The library's view (reservation, CLEANERPRESENT, ports, door, slots). */
  library(): LibraryView {
    const v = this.service.inspect.library(this.libraryId);
    if (!v) throw new Error(`library ${this.libraryId} is not in the RSM database`);
    return v;
  }

  /** A library request with its history, or undefined. */
  request(id: Guid): LibraryRequestView | undefined {
    return this.service.inspect.libraryRequest(id);
  }

  /** The library's requests, oldest first. */
  requests(): LibraryRequestView[] {
    return this.service.inspect.libraryRequests(this.libraryId);
  }

  /** GetNtmsObjectInformation of one object, as `handle`; the code and the structure. */
  async objectInfo(
    handle: NtmsHandle,
    id: Guid,
    dwType: number,
  ): Promise<{ code: number; info: NtmsObjectInformation }> {
    const info = newObjectInformation(dwType);
    const code = await this.call('getNtmsObjectInformation', handle, guidRef(id), info);
    return { code, info };
  }

  /** Sets the first IE port's MaxExtendSecs (SetNtmsObjectInformation, per docs/rsm-semantics.md D6). */
  async setMaxExtendSecs(handle: NtmsHandle, secs: number): Promise<number> {
    const port = this.library().iePorts[0];
    if (!port) throw new Error('the library has no IE port');
    const info = newObjectInformation(NtmsObjectType.NTMS_IEPORT);
    info.Info = { IEPort: { Number: 0, Content: 0, Position: 0, MaxExtendSecs: secs, Library: this.libraryId } };
    return this.call('setNtmsObjectInformation', handle, guidRef(port.id), info);
  }

  /** Sets the door's MaxOpenSecs (SetNtmsObjectInformation, per docs/rsm-semantics.md D6 and D8). */
  async setMaxOpenSecs(handle: NtmsHandle, secs: number): Promise<number> {
    const door = this.library().doors[0];
    if (!door) throw new Error('the library has no door');
    const info = newObjectInformation(NtmsObjectType.NTMS_IEDOOR);
    info.Info = { IEDoor: { Number: 0, State: 0, MaxOpenSecs: secs, Library: this.libraryId } };
    return this.call('setNtmsObjectInformation', handle, guidRef(door.id), info);
  }

  /** DisableNtmsObject on the library as `handle`; throws unless it returns ERROR_SUCCESS. */
  async disableLibrary(handle: NtmsHandle): Promise<void> {
    const rc = await this.call('disableNtmsObject', handle, NtmsObjectType.NTMS_LIBRARY, this.libraryRef());
    if (rc !== 0) throw new Error(`DisableNtmsObject(library) returned ${this.results.label(rc)}`);
  }

  /** Marks the library offline as an administrator would (per docs/rsm-semantics.md D12). */
  markOffline(): Promise<void> {
    return this.time.settle(this.service.admin.setLibraryOffline(this.libraryId, true));
  }

  /** Cuts (false) or restores (true) the client's connection to the running service (per docs/rsm-semantics.md D13). */
  setReachable(reachable: boolean): void {
    this.service.setReachable(reachable);
  }

  /** Stops the service (graceful). */
  stop(): Promise<void> {
    return this.time.settle(this.service.stop());
  }

  /** Stops and starts the service: a new incarnation (per docs/rsm-semantics.md D13). */
  restart(): Promise<void> {
    return this.time.settle(this.service.restart());
  }

  /** Ends the service at the end of a test, whatever state it is in. */
  async shutdown(): Promise<void> {
    if (this.service.state !== 'stopped') await this.time.settle(this.service.kill());
  }
}

/**
 * What the RSM model is told about the product's pulled magazines (docs/rsm-model.md M2): 'access-only' when the
 * model's reading carries neither EXCEPT, ED nor a sense code (ACCESS=0 alone), else by sense; no model: by sense.
 */
export function pulledMagazineHint(model: LibraryModel | undefined): PulledMagazineIndication | undefined {
  if (!model) return undefined;
  const r = model.pulledMagazine;
  return !r.except && !r.disabled && r.sense === undefined ? 'access-only' : 'sense';
}
