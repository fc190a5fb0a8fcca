/**
 * Snapshots of everything a return path must leave observable: the RSM side (reservation, CLEANERPRESENT and
 * uses remaining, library requests with their states and dwErrorCode, operator requests, cartridges of the
 * library and of the offline library) and the changer side, read back by the suite itself (element contents
 * from READ ELEMENT STATUS, IE station and door as the operator sees them).
 * Spec: rsm-semantics.md 4 (library fields), 7.1-7.4 (state machines), D5 (ejected cleaner deleted), D10, D11.
 */
import type { CartridgeView, LibraryRequestView, LibraryView, OperatorRequestView } from '../../rsm/index.js';
import type { ChangerContents, ChangerProbe } from './changer-probe.js';
import type { OpeningState, Operator } from './operator.js';
import type { RsmDriver } from './rsm-driver.js';
import type { TimeControl } from './time-control.js';

/** Everything observable at one moment. */
export interface World {
  readonly at: number;
  readonly library: LibraryView;
  readonly requests: readonly LibraryRequestView[];
  readonly operatorRequests: readonly OperatorRequestView[];
  readonly cartridges: readonly CartridgeView[];
  /** Cartridges the offline library holds. */
  readonly offline: readonly CartridgeView[];
  readonly changer: ChangerContents;
  readonly importExport: OpeningState | undefined;
  readonly door: OpeningState | undefined;
}

/** Takes snapshots for one test. */
export class Observer {
  constructor(
    private readonly rsm: RsmDriver,
    private readonly probe: ChangerProbe,
    private readonly operator: Operator | undefined,
    private readonly time: TimeControl,
  ) {}

  /** The RSM side only (no SCSI): cheap, usable while the service is stopped. */
  rsmSide(): Omit<World, 'changer' | 'importExport' | 'door'> {
    const inspect = this.rsm.service.inspect;
    return {
      at: this.time.now(),
      library: this.rsm.library(),
      requests: this.rsm.requests(),
      operatorRequests: inspect.operatorRequests(this.rsm.libraryId),
      cartridges: inspect.cartridges(this.rsm.libraryId),
      offline: inspect.cartridges(inspect.offlineLibraryId),
    };
  }

  /** A full snapshot: the RSM side, the changer's element status and the openings. */
  async snapshot(): Promise<World> {
    const changer = await this.time.settle(this.probe.readAll());
    const importExport = this.operator ? await this.time.settle(this.operator.importExportState()) : undefined;
    const door = this.operator ? await this.time.settle(this.operator.doorState()) : undefined;
    return { ...this.rsmSide(), changer, importExport, door };
  }
}

/** "storage 4106: CLN001L1" lines of the full elements, for comparisons and messages. */
export function contentsLines(c: ChangerContents): string[] {
  return c.elements.filter((e) => e.full).map((e) => `${e.kind} ${e.address}: ${e.volumeTag || '(no label)'}`);
}

/**
 * The differences between two snapshots in what a failed call must not change: the reservation, the cleaner
 * flags, library and operator requests, the changer's contents, the openings. Empty when nothing changed.
 */
export function differences(before: World, after: World): string[] {
  const out: string[] = [];
  const a = before.library;
  const b = after.library;
  if (a.cleanerSlot !== b.cleanerSlot) out.push(`reservation changed: ${a.cleanerSlot} -> ${b.cleanerSlot}`);
  if (a.cleanerPresent !== b.cleanerPresent) out.push(`CLEANERPRESENT changed: ${a.cleanerPresent} -> ${b.cleanerPresent}`);
  if (a.cleanerUsesRemaining !== b.cleanerUsesRemaining) out.push(`dwCleanerUsesRemaining changed: ${a.cleanerUsesRemaining} -> ${b.cleanerUsesRemaining}`);
  if (a.enabled !== b.enabled) out.push(`library Enabled changed: ${a.enabled} -> ${b.enabled}`);
  const newRequests = after.requests.filter((r) => !before.requests.some((x) => x.id === r.id));
  for (const r of newRequests) out.push(`new library request ${r.operationName} ${r.id} (${r.stateName})`);
  const newOps = after.operatorRequests.filter((o) => !before.operatorRequests.some((x) => x.id === o.id));
  for (const o of newOps) out.push(`new operator request ${o.commandName}: ${o.message}`);
  if (before.offline.length !== after.offline.length) out.push(`offline library media: ${before.offline.length} -> ${after.offline.length}`);
  const was = new Set(contentsLines(before.changer));
  const now = new Set(contentsLines(after.changer));
  for (const l of was) if (!now.has(l)) out.push(`changer: ${l} is gone`);
  for (const l of now) if (!was.has(l)) out.push(`changer: ${l} appeared`);
  if (before.importExport && after.importExport && before.importExport.open !== after.importExport.open) out.push(`IE station open: ${before.importExport.open} -> ${after.importExport.open}`);
  if (before.door && after.door && before.door.open !== after.door.open) out.push(`door open: ${before.door.open} -> ${after.door.open}`);
  return out;
}
