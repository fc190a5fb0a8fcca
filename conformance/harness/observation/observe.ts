/**
 * Snapshots of everything a return path must leave observable: the RSM side (reservation, CLEANERPRESENT and
 * uses remaining, library requests with their states and dwErrorCode, operator requests, cartridges of the
 * library and of the offline library) and the changer side, read back by the suite itself over SCSI, the same
 * way for the simulator and for hardware: element contents from READ ELEMENT STATUS, the IE station open when
 * its elements read ACCESS=0, the door open when TEST UNIT READY answers the model's door-open NOT READY sense,
 * a magazine out when all its storage elements read ACCESS=0. Only whether an opening is locked comes from the
 * operator's answer (asked for with `{ locks: true }`); {@link OBSERVATION_SOURCES} says which is which.
 * Spec: docs/rsm-semantics.md 4 (library fields), 7.1-7.4 (state machines), D5 (ejected cleaner deleted), D10, D11;
 * SMC-3 6.10 (ACCESS), SPC-4 6.47 (TEST UNIT READY); docs/smc-reference.md 1.6 (door open sense, pulled magazines).
 */
import type { ChangerContents, ChangerProbe } from './changer-probe.js';
import { senseText, type LibraryModel } from '../target/library-model.js';
import type { MagazineInfo, Operator } from '../operator/operator.js';
import type { RsmDriver } from '../rsm-driver.js';
import type { TimeControl } from '../target/time-control.js';
import type { World } from './world.js';

export type { OpeningState, World } from './world.js';

/** Where each kind of fact a verdict rests on comes from (for the report). */
export const OBSERVATION_SOURCES = [
  {
    fact: 'where each cartridge is (element, volume tag, cleaning medium type)',
    source: 'scsi',
    how: "READ ELEMENT STATUS with VOLTAG over the suite's own I_T nexus; without volume tags, element fullness and SVALID source addresses",
  },
  { fact: 'IE station open to the operator', source: 'scsi', how: 'its IE elements read ACCESS=0 (SMC-3 6.10.5)' },
  { fact: 'IE element placed by the operator', source: 'scsi', how: 'IMPEXP of the IE element descriptor' },
  {
    fact: 'door open',
    source: 'scsi',
    how: "TEST UNIT READY over the suite's own nexus answers the model's door-open NOT READY sense (checked each time the operator opens it)",
  },
  {
    fact: 'door closed again',
    source: 'scsi',
    how: "the suite's own nexus receives 06/28/00 NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED after the operator closes it (checked each time)",
  },
  { fact: 'magazine out', source: 'scsi', how: "every storage element of the model's magazine reads ACCESS=0" },
  {
    fact: 'which elements form a magazine, whether a door exists, host control of the IE station',
    source: 'model',
    how: '--model (or the sim: fixture)',
  },
  {
    fact: 'IE station or door locked against the operator',
    source: 'operator',
    how: "the operator's answer to report-locks",
  },
  {
    fact: 'the label of a cartridge the operator took out',
    source: 'operator',
    how: "the operator's answer to take-from-ie / take-through-door",
  },
] as const;

/**
 * The IE station reads open: one of its elements (outside a magazine) reports ACCESS=0. Undefined when the changer
 * does not report ACCESS at all (no storage element reads ACCESS=1, as tgt's: docs/tgt-quirks.md TGT-R5).
 */
export function importExportOpen(c: ChangerContents, model: LibraryModel | undefined): boolean | undefined {
  if (!c.elements.some((e) => e.kind === 'storage' && e.access)) return undefined;
  const inMagazine = new Set(model?.magazines.flatMap((m) => m.importExport) ?? []);
  return c.elements.some((e) => e.kind === 'ie' && !inMagazine.has(e.address) && !e.access);
}

/** The model's magazines with their presence read from `c` (out when every storage element reads ACCESS=0). */
export function magazinesOf(c: ChangerContents, model: LibraryModel | undefined): MagazineInfo[] {
  return (model?.magazines ?? []).map((m) => ({
    id: m.id,
    name: m.name,
    storage: m.storage,
    present: !m.storage.every((a) => c.at(a)?.access === false),
  }));
}

/** The door reads open over SCSI: TEST UNIT READY answers the model's door-open sense. Undefined without a declared door. */
export async function doorOpen(probe: ChangerProbe, model: LibraryModel | undefined): Promise<boolean | undefined> {
  if (!model?.door.present) return undefined;
  const r = await probe.readiness();
  const want = senseText(model.door.openSense);
  return !r.ready && r.sense !== undefined && senseText(r.sense) === want;
}

const UA_28_00 = '06/28/00';

/**
 * After the operator opened the door: TEST UNIT READY over the suite's nexus must answer the model's door-open
 * sense. Throws saying what it answered instead; nothing to check without a declared door.
 */
export async function expectDoorOpenSeen(probe: ChangerProbe, model: LibraryModel | undefined): Promise<void> {
  if (!model?.door.present) return;
  const r = await probe.readiness();
  const want = senseText(model.door.openSense);
  if (r.ready || !r.sense || senseText(r.sense) !== want) {
    throw new Error(
      `the operator opened the door, but TEST UNIT READY answered ${r.ready ? 'GOOD' : r.sense ? senseText(r.sense) : 'no sense'} over SCSI, not the door-open sense ${want} the model ${model.id} declares`,
    );
  }
}

/**
 * After the operator closed the door: the suite's nexus must receive 06/28/00 (NOT READY TO READY CHANGE, MEDIUM
 * MAY HAVE CHANGED) with its next command, here TEST UNIT READY. Throws naming the unit attentions it got instead.
 */
export async function expectDoorClosedSeen(probe: ChangerProbe): Promise<void> {
  const r = await probe.readiness();
  const seen = r.unitAttentions.map(senseText);
  if (!seen.includes(UA_28_00)) {
    throw new Error(
      `the operator closed the door, but the changer did not report ${UA_28_00} (NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED) over SCSI (unit attentions: ${seen.join(', ') || 'none'}; TEST UNIT READY then answered ${r.ready ? 'GOOD' : r.sense ? senseText(r.sense) : 'no sense'})`,
    );
  }
}

/** Takes snapshots for one test. */
export class Observer {
  constructor(
    private readonly rsm: RsmDriver,
    private readonly probe: ChangerProbe,
    private readonly operator: Operator | undefined,
    private readonly time: TimeControl,
    private readonly model: LibraryModel | undefined,
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

  /**
   * A full snapshot: the RSM side, the changer's element status and the openings read over SCSI; with `locks`,
   * the operator is asked whether the station and the door are locked (SCSI cannot show it).
   */
  async snapshot(options: { locks?: boolean } = {}): Promise<World> {
    const changer = await this.time.settle(this.probe.readAll());
    const hasIe = changer.elements.some((e) => e.kind === 'ie');
    const hasDoor = this.model?.door.present === true;
    const open = await this.time.settle(doorOpen(this.probe, this.model));
    const locks =
      options.locks && this.operator && (hasIe || hasDoor)
        ? await this.time.settle(this.operator.locks({ importExport: hasIe, door: hasDoor }))
        : {};
    const importExport = hasIe
      ? { present: true, open: importExportOpen(changer, this.model), locked: locks.importExport }
      : undefined;
    const door = hasDoor ? { present: true, open, locked: locks.door } : undefined;
    return { ...this.rsmSide(), changer, importExport, door };
  }

  /** The model's magazines, present or pulled as the changer reports them now. */
  async magazines(): Promise<MagazineInfo[]> {
    return magazinesOf(await this.time.settle(this.probe.readAll()), this.model);
  }
}

export { contentsLines, differences } from './world-differences.js';
