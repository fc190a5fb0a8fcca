/**
 * The check steps the RSM functions share, each with the code it returns and the decision it implements.
 * Spec: docs/rsm-semantics.md D3 (handle 6 → connection 2250 → parameters 87 → library 4301 → access 5 → enabled
 * 4309 → online 4305 → STOP rules 4317 → neither port nor door 4316 → reserved → present → empty), D4 (refresh
 * the reserved slot before the slot steps), D9, D11 (a leaving cleaner is not there), D12, D13, D14, D16;
 * 3.3-3.7 and 3.10 (each function's parameters and method-specific checks), 7.1 (slot-state table);
 * docs/rsm-model.md M1 (a slot the changer cannot report is not present), M5 (Eject needs the slot's cartridge to be
 * the cleaner), M6 (4319 is never returned: D12's codes stand for "not connected" and "disabled").
 */
import { ElementType, SenseKey } from '../../scsi/codec/index.js';
import { ChangerCommandError } from '../changer/changer-commands.js';
import { refreshElement } from '../changer/inventory-sync.js';
import { LinkLostError } from '../changer/changer-link.js';
import { isLibraryOnline } from '../db/library-state.js';
import type { SlotRecord } from '../db/records.js';
import { NULL_GUID } from '../ntms/guid.js';
import { NtmsInventoryMethod, NtmsLmOperation, NtmsSlotState } from '../ntms/ntms-constants.js';
import { isOutstanding } from '../requests/library-request.js';
import { Win32 } from '../results/win32-codes.js';
import type { ResultName } from '../results/result-table.js';
import { hasAccess, requiredRight } from '../security/security-model.js';
import type { CheckContext } from './check-context.js';

/** One step: returns a Win32 code to stop the call with, or undefined to go on. */
export interface CheckStep {
  /** The decision or clause it implements ("D3", "D4"...). */
  readonly decision: string;
  /** Whether the step applies to this call (default: always). */
  applies?(ctx: CheckContext): boolean;
  run(ctx: CheckContext): number | undefined | Promise<number | undefined>;
}

const START = 0;
const STOP = 1;
const isStop = (ctx: CheckContext) => ctx.args.action === STOP;
const isStart = (ctx: CheckContext) => !isStop(ctx);

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`check pipeline misordered: ${what} not resolved yet`);
  return value;
}

function code(ctx: CheckContext, name: ResultName): number {
  return need(ctx.rt, 'service').results.code(name);
}

/** Parameter rules per function (docs/rsm-semantics.md 3.3-3.7, 3.10; MS-RSMP: NULL pointers and dwAction range → 87). */
function parametersValid(ctx: CheckContext): boolean {
  const a = ctx.args;
  switch (ctx.fn) {
    case 'ejectNtmsCleaner':
    case 'injectNtmsCleaner':
      return !!a.library && !!a.operation && (a.action === START || a.action === STOP);
    case 'reserveNtmsCleanerSlot':
      return !!a.library && !!a.slot;
    case 'releaseNtmsCleanerSlot':
      return !!a.library;
    case 'accessNtmsLibraryDoor':
      return (
        !!a.library && a.action !== undefined && a.action >= 0 && a.action < NtmsInventoryMethod.NTMS_INVENTORY_MAX
      );
    case 'cleanNtmsDrive':
      return !!a.drive;
    default:
      return true;
  }
}

/** Refreshes the reserved (or, for Reserve, the target) slot from the changer, per docs/rsm-semantics.md D4. */
async function refreshSlot(ctx: CheckContext): Promise<number | undefined> {
  const rt = need(ctx.rt, 'service');
  const library = need(ctx.library, 'library');
  const slot = need(ctx.slot, 'slot');
  const lib = rt.library(library.id);
  if (!lib.link || lib.busy.has(slot.address)) return undefined;
  try {
    await refreshElement(rt.db, library, lib.link, ElementType.STORAGE, slot.address, {
      skip: lib.busy,
      foundCleanerUses: rt.policies.foundCleanerUses,
    });
  } catch (e) {
    if (e instanceof LinkLostError) {
      rt.linkLost(library.id);
      return Win32.ERROR_LIBRARY_OFFLINE;
    }
    // NOT READY (after 04/01 was waited out: a magazine out, a bay open, the door open): the slot cannot be seen
    // now, so it is not present (docs/rsm-model.md M1); 'slot-present' decides. Any other refusal: the view stands.
    if (e instanceof ChangerCommandError && e.outcome.sense?.key === SenseKey.NOT_READY) markNotPresent(ctx, slot);
  }
  return undefined;
}

/** Records the slot NOTPRESENT (the next read the changer answers restores its state). */
function markNotPresent(ctx: CheckContext, slot: SlotRecord): void {
  const db = need(ctx.rt, 'service').db;
  if (slot.state === NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT) return;
  db.slots.edit(slot, (s) => {
    s.state = NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT;
    s.modified = db.now();
  });
}

/** The step table. */
export const CHECK_STEPS = {
  handle: {
    decision: 'D3/D13',
    run(ctx) {
      const found = ctx.sessions.lookup(ctx.handle);
      if (found.kind === 'unknown') return Win32.ERROR_INVALID_HANDLE;
      if (ctx.rt && found.session.incarnation !== ctx.rt.incarnation) return Win32.ERROR_INVALID_HANDLE;
      ctx.session = found.session;
      return undefined;
    },
  },
  connection: {
    decision: 'D3/D13',
    run: (ctx) => (ctx.rt ? undefined : Win32.ERROR_NOT_CONNECTED),
  },
  parameters: {
    decision: 'D3',
    run: (ctx) => (parametersValid(ctx) ? undefined : Win32.ERROR_INVALID_PARAMETER),
  },
  library: {
    decision: 'D3',
    run(ctx) {
      const rt = need(ctx.rt, 'service');
      const id = ctx.args.library?.value ?? (ctx.drive ? ctx.drive.library : undefined);
      ctx.library = id === undefined ? undefined : rt.db.libraries.get(id);
      return ctx.library ? undefined : Win32.ERROR_INVALID_LIBRARY;
    },
  },
  drive: {
    decision: '3.7',
    run(ctx) {
      ctx.drive = need(ctx.rt, 'service').db.drives.get(ctx.args.drive?.value ?? NULL_GUID);
      return ctx.drive ? undefined : Win32.ERROR_INVALID_DRIVE;
    },
  },
  access: {
    decision: 'D14',
    run(ctx) {
      const rt = need(ctx.rt, 'service');
      const session = need(ctx.session, 'session');
      const p = rt.policies;
      const right = requiredRight(
        ctx.fn === 'accessNtmsLibraryDoor' ? 'door' : ctx.fn === 'cleanNtmsDrive' ? 'clean' : 'cleaner',
        p.accessPolicy,
      );
      ctx.principal = rt.db.principals.get(session.principal);
      if (right === undefined) return undefined;
      if (
        !ctx.principal ||
        !hasAccess(ctx.principal, need(ctx.library, 'library'), right, p.accessPolicy, p.controlAccessValue)
      )
        return Win32.ERROR_ACCESS_DENIED;
      return undefined;
    },
  },
  enabled: {
    decision: 'D12',
    run: (ctx) =>
      need(ctx.library, 'library').enabled && (ctx.drive?.enabled ?? true) ? undefined : Win32.ERROR_RESOURCE_DISABLED,
  },
  online: {
    decision: 'D12',
    run: (ctx) => (isLibraryOnline(need(ctx.library, 'library')) ? undefined : Win32.ERROR_LIBRARY_OFFLINE),
  },
  'online-clean': {
    decision: '3.7 (MS-RSMP CleanNtmsDrive: offline gives 4316)',
    run: (ctx) => (isLibraryOnline(need(ctx.library, 'library')) ? undefined : Win32.ERROR_RESOURCE_NOT_PRESENT),
  },
  'stop-rules': {
    decision: 'D7',
    applies: isStop,
    run(ctx) {
      const rt = need(ctx.rt, 'service');
      const library = need(ctx.library, 'library');
      if (rt.db.iePortsOf(library.id).length === 0) return Win32.ERROR_INVALID_OPERATION;
      const op =
        ctx.fn === 'ejectNtmsCleaner' ? NtmsLmOperation.NTMS_LM_EJECTCLEANER : NtmsLmOperation.NTMS_LM_INJECTCLEANER;
      const target = rt.db.libRequests.get(ctx.args.operation?.value ?? NULL_GUID);
      if (!target || target.library !== library.id || target.operation !== op || !isOutstanding(target))
        return Win32.ERROR_INVALID_OPERATION;
      ctx.stopTarget = target;
      return undefined;
    },
  },
  'port-or-door': {
    decision: 'D9',
    applies: isStart,
    run(ctx) {
      const library = need(ctx.library, 'library');
      const ports = need(ctx.rt, 'service').db.iePortsOf(library.id).length;
      return ports > 0 || library.hasDoor ? undefined : Win32.ERROR_RESOURCE_NOT_PRESENT;
    },
  },
  'has-door': {
    decision: '3.10',
    run: (ctx) => (need(ctx.library, 'library').hasDoor ? undefined : Win32.ERROR_RESOURCE_NOT_PRESENT),
  },
  reserved: {
    decision: 'D3',
    applies: isStart,
    run(ctx) {
      const rt = need(ctx.rt, 'service');
      const library = need(ctx.library, 'library');
      ctx.slot = library.cleanerSlot === NULL_GUID ? undefined : rt.db.slots.get(library.cleanerSlot);
      if (ctx.slot) return undefined;
      return code(ctx, ctx.fn === 'releaseNtmsCleanerSlot' ? 'ERROR_NO_SLOT_RESERVED' : 'ERROR_NO_SLOT_SET');
    },
  },
  'not-reserved': {
    decision: '7.1',
    run: (ctx) =>
      need(ctx.library, 'library').cleanerSlot === NULL_GUID ? undefined : code(ctx, 'ERROR_ALREADY_RESERVED'),
  },
  'target-slot': {
    decision: '7.1',
    run(ctx) {
      const slot = need(ctx.rt, 'service').db.slots.get(ctx.args.slot?.value ?? NULL_GUID);
      if (!slot || slot.library !== need(ctx.library, 'library').id) return code(ctx, 'ERROR_INVALID_SLOT');
      ctx.slot = slot;
      return undefined;
    },
  },
  'refresh-slot': { decision: 'D4', applies: isStart, run: refreshSlot },
  'slot-present': {
    decision: 'D16',
    applies: isStart,
    run: (ctx) =>
      need(ctx.slot, 'slot').state === NtmsSlotState.NTMS_SLOTSTATE_NOTPRESENT
        ? code(ctx, 'ERROR_SLOT_NOT_PRESENT')
        : undefined,
  },
  'slot-has-cleaner': {
    decision: 'D11',
    applies: isStart,
    run(ctx) {
      const rt = need(ctx.rt, 'service');
      const slot = need(ctx.slot, 'slot');
      const here = rt.db.cartridgeAt(slot.library, slot.address);
      const full =
        slot.state === NtmsSlotState.NTMS_SLOTSTATE_FULL ||
        (slot.state === NtmsSlotState.NTMS_SLOTSTATE_NEEDSINVENTORY && here !== undefined);
      // A cartridge that is not the library's cleaner (a data cartridge put there) is no cleaner to eject (M5).
      const cleaner =
        here !== undefined && here.kind === 'cleaner' && here.id === need(ctx.library, 'library').cleanerCartridge;
      return full && cleaner && here.leavingRequest === NULL_GUID ? undefined : code(ctx, 'ERROR_SLOT_EMPTY');
    },
  },
  'slot-empty': {
    decision: '7.1',
    applies: isStart,
    run(ctx) {
      const rt = need(ctx.rt, 'service');
      const slot = need(ctx.slot, 'slot');
      const here = rt.db.cartridgeAt(slot.library, slot.address);
      const arriving = rt.db
        .requestsOf(slot.library)
        .some((r) => r.operation === NtmsLmOperation.NTMS_LM_INJECTCLEANER && isOutstanding(r));
      const full =
        slot.state === NtmsSlotState.NTMS_SLOTSTATE_FULL ||
        here !== undefined ||
        (ctx.fn === 'injectNtmsCleaner' && arriving);
      return full ? code(ctx, 'ERROR_SLOT_FULL') : undefined;
    },
  },
  'no-other-cleaner': {
    decision: '9 (one cleaner per library)',
    applies: isStart,
    run: (ctx) =>
      need(ctx.library, 'library').cleanerCartridge === NULL_GUID ? undefined : Win32.ERROR_CLEANER_CARTRIDGE_INSTALLED,
  },
} as const satisfies Record<string, CheckStep>;

/** A step name. */
export type CheckStepName = keyof typeof CHECK_STEPS;
