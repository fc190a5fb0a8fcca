/**
 * What the lab view draws, as one JSON object: the operator's status view (sim/control/status-view.ts) plus what
 * a host would see over SCSI for each element (ACCESS, EXCEPT with its ASC/ASCQ, computed by the same code as
 * READ ELEMENT STATUS), mtx's numbers next to each address, and per-nexus pending unit attentions, deferred
 * errors, PREVENT and reservations. Built fresh from the running core; plain JSON so it can go out over SSE.
 * Spec: SMC-3 6.10 (element descriptors); SAM-5 (unit attentions per I_T nexus); docs/smc-reference.md 1.6;
 * docs/lab-view.md "What the page shows".
 */
import { ascName, describeSense, SenseKey } from '../../scsi/codec/index.js';
import type { ChangerCore } from '../changer/changer-core.js';
import { mtxNumbering } from '../console/mtx-numbers.js';
import { buildStatusView } from '../control/status-view.js';
import type { StatusView } from '../control/control-types.js';
import { reportElement } from '../model/element-report.js';
import type { ElementState } from '../model/element.js';

/** How the page colours a slot. */
export type SlotState = 'data' | 'cleaning' | 'empty' | 'inaccessible' | 'exception';

/** One element as the page draws it. */
export interface LabElement {
  readonly type: string;
  readonly address: number;
  /** mtx's slot number (storage, IE) or drive number (data transfer); null for the robot. */
  readonly mtx: number | null;
  readonly magazine: string | null;
  readonly state: SlotState;
  readonly volumeTag: string | null;
  readonly kind: 'data' | 'cleaning' | null;
  /** Cleanings left (cleaning cartridges). */
  readonly usesRemaining: number | null;
  /** What READ ELEMENT STATUS reports now. */
  readonly access: boolean;
  readonly except: boolean;
  /** "3B/12 MEDIUM MAGAZINE REMOVED" when the descriptor carries an ASC/ASCQ. */
  readonly condition: string | null;
  /** SVALID source address. */
  readonly source: number | null;
}

/** One I_T nexus. */
export interface LabNexus {
  readonly id: string;
  /** Pending unit attentions, each named as every sense is (describeSense: "UNIT ATTENTION: ... (29h/00h)"). */
  readonly unitAttentions: string[];
  /** The deferred error armed for this nexus, named likewise. */
  readonly deferred: string | null;
  readonly prevents: boolean;
  readonly reserves: boolean;
}

/** The whole picture. */
export interface LabSnapshot {
  readonly library: {
    readonly id: string;
    readonly name: string;
    readonly vendor: string;
    readonly product: string;
    readonly serial: string;
  };
  /** "ready", or why not: "powering on", "offline", "inventory in progress", "door open". */
  readonly readiness: string;
  readonly status: Omit<StatusView, 'elements'>;
  readonly elements: LabElement[];
  readonly drives: {
    readonly address: number;
    readonly mtx: number;
    readonly serial: string;
    readonly product: string;
    readonly needsCleaning: boolean;
    readonly cleaning: boolean;
  }[];
  readonly nexuses: LabNexus[];
  /** The change tracker's version when built (goes up with every durable change). */
  readonly version: number;
}

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

function stateOf(e: ElementState, access: boolean, except: boolean): SlotState {
  if (!access && e.type !== 1) return 'inaccessible';
  if (except) return 'exception';
  if (!e.cartridge) return 'empty';
  return e.cartridge.kind === 'cleaning' ? 'cleaning' : 'data';
}

function labElement(core: ChangerCore, e: ElementState, mtx: number | null): LabElement {
  const d = reportElement(core.state, e, false);
  const c = e.cartridge;
  return {
    type: { 1: 'transport', 2: 'storage', 3: 'importExport', 4: 'dataTransfer' }[e.type],
    address: e.address,
    mtx,
    magazine: e.magazine?.model.id ?? null,
    state: stateOf(e, d.access, d.except),
    volumeTag: c ? c.volumeTag : null,
    kind: c ? c.kind : null,
    usesRemaining: c && c.kind === 'cleaning' ? c.usesRemaining : null,
    access: d.access,
    except: d.except,
    condition: d.asc === 0 && d.ascq === 0 ? null : `${hex2(d.asc)}/${hex2(d.ascq)} ${ascName(d.asc, d.ascq)}`,
    source: d.svalid ? d.sourceAddress : null,
  };
}

/** Why the library is not ready, or "ready". */
export function readinessOf(core: ChangerCore): string {
  if (core.poweringOn) return 'powering on';
  if (core.offline) return 'offline';
  if (core.scanning > 0) return 'inventory in progress';
  if (core.state.door.open) return 'door open';
  return 'ready';
}

/** The nexuses with what each has pending. */
export function labNexuses(core: ChangerCore): LabNexus[] {
  const t = core.nexuses;
  return t.known().map((id) => {
    const n = t.get(id);
    const d = n.deferred;
    return {
      id,
      unitAttentions: n.unitAttentions.map((ua) =>
        describeSense({ key: SenseKey.UNIT_ATTENTION, asc: ua.asc, ascq: ua.ascq }),
      ),
      deferred: d ? describeSense({ key: d.key, asc: d.asc, ascq: d.ascq }) : null,
      prevents: t.preventers.has(id),
      reserves: t.reservation === id,
    };
  });
}

/** Builds the snapshot (a fresh object). */
export function buildLabSnapshot(core: ChangerCore): LabSnapshot {
  const { elements: _views, ...status } = buildStatusView(core);
  const all = core.state.sorted(0);
  const numbering = mtxNumbering(
    all.map((e) => ({
      type: { 1: 'transport', 2: 'storage', 3: 'importExport', 4: 'dataTransfer' }[e.type],
      address: e.address,
    })),
  );
  const p = core.personality;
  return {
    library: { id: p.id, name: p.name, vendor: p.inquiry.vendor, product: p.inquiry.product, serial: p.inquiry.serial },
    readiness: readinessOf(core),
    status,
    elements: all.map((e) =>
      labElement(core, e, numbering.slotOf.get(e.address) ?? numbering.driveOf.get(e.address) ?? null),
    ),
    drives: core.state.drives.map((d) => ({
      address: d.element.address,
      mtx: numbering.driveOf.get(d.element.address) ?? 0,
      serial: d.model.serial,
      product: `${d.model.vendor} ${d.model.product}`,
      needsCleaning: d.needsCleaning,
      cleaning: d.cleaning,
    })),
    nexuses: labNexuses(core),
    version: core.state.changes.version,
  };
}
