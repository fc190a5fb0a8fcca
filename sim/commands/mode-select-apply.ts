/**
 * The parameter list of MODE SELECT(6)/(10): header, no block descriptors, then pages. Only the control page's
 * D_SENSE and, where the product allows re-addressing, page 1Dh's first addresses may change; every other field
 * must equal its current value. Any error leaves every page unchanged (05/26/00 INVALID FIELD IN PARAMETER LIST
 * with a C/D=0 field pointer, or 05/1A/00 PARAMETER LIST LENGTH ERROR). A change raises 06/2A/01 MODE PARAMETERS
 * CHANGED for the other nexuses.
 * Spec: SPC-4 6.11 MODE SELECT(6), 7.5 mode parameters (changeable values, PS reserved in MODE SELECT); SMC-3
 * 7.3 element address assignment page; docs/smc-reference.md 1.1 (which products accept 1Dh changes), 1.7 (2A/01).
 */
import { Asc, ModePageCode, SenseKey } from '../../scsi/codec/index.js';
import type { AddressAssignment } from '../model/library-state.js';
import type { CommandContext } from './command-handler.js';
import { modePageBytes, PageControl } from './mode-pages.js';
import { cdbField, fail, GOOD, paramField, type Outcome } from './outcome.js';

const badParam = (byte: number, bit?: number): Outcome =>
  fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_PARAMETER_LIST', paramField(byte, bit));
const badLength = (): Outcome => fail(SenseKey.ILLEGAL_REQUEST, 'PARAMETER_LIST_LENGTH_ERROR');

function highestBit(x: number): number {
  return 31 - Math.clz32(x);
}

/** Compares a page with the current one; only bits in `changeable` (per byte index) may differ. */
function checkUnchangeable(
  page: Uint8Array,
  current: Buffer,
  offset: number,
  changeable: ReadonlyMap<number, number>,
): Outcome | undefined {
  if (page.length !== current.length) return badParam(offset + 1);
  for (let i = 1; i < page.length; i++) {
    const diff = ((page[i] ?? 0) ^ (current[i] ?? 0)) & ~(changeable.get(i) ?? 0) & 0xff;
    if (diff) return badParam(offset + i, highestBit(diff));
  }
  return undefined;
}

/** Checks a new page 1Dh: same counts, 16-bit ranges that do not overlap. Returns the new assignment. */
function checkAddressPage(ctx: CommandContext, page: Uint8Array, offset: number): AddressAssignment | Outcome {
  const s = ctx.core.state;
  if (page.length !== 20) return badParam(offset + 1);
  const view = Buffer.from(page.buffer, page.byteOffset, page.length);
  const types = [
    { firstAt: 2, count: s.transports.length },
    { firstAt: 6, count: s.storage.length },
    { firstAt: 10, count: s.importExport.length },
    { firstAt: 14, count: s.dataTransfer.length },
  ];
  const ranges: { first: number; last: number; at: number }[] = [];
  for (const t of types) {
    if (view.readUInt16BE(t.firstAt + 2) !== t.count) return badParam(offset + t.firstAt + 2);
    const first = view.readUInt16BE(t.firstAt);
    if (t.count === 0) continue;
    const last = first + t.count - 1;
    if (last > 0xffff) return badParam(offset + t.firstAt);
    if (ranges.some((r) => first <= r.last && r.first <= last)) return badParam(offset + t.firstAt);
    ranges.push({ first, last, at: t.firstAt });
  }
  const home = s.addressAssignment();
  const firstOf = (at: number, count: number, fallback: number) => (count === 0 ? fallback : view.readUInt16BE(at));
  return {
    transport: firstOf(2, s.transports.length, home.transport),
    storage: firstOf(6, s.storage.length, home.storage),
    importExport: firstOf(10, s.importExport.length, home.importExport),
    dataTransfer: firstOf(14, s.dataTransfer.length, home.dataTransfer),
  };
}

/** Applies a MODE SELECT parameter list (`headerLength` 4 for (6), 8 for (10)). */
export function applyModeSelect(
  ctx: CommandContext,
  headerLength: 4 | 8,
  sp: boolean,
  parameterListLength: number,
): Outcome {
  const core = ctx.core;
  if (sp) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(1, 0));
  if (parameterListLength === 0) return GOOD;
  const data = ctx.dataOut;
  if (!data || data.length < parameterListLength || parameterListLength < headerLength) return badLength();
  const list = data.subarray(0, parameterListLength);
  const bdl = headerLength === 4 ? (list[3] ?? 0) : ((list[6] ?? 0) << 8) | (list[7] ?? 0);
  if (bdl !== 0) return badParam(headerLength === 4 ? 3 : 6);
  let dSense = core.dSense;
  let assignment: AddressAssignment | undefined;
  for (let off: number = headerLength; off < list.length;) {
    if (off + 2 > list.length) return badLength();
    const b0 = list[off] ?? 0;
    if (b0 & 0x40) return badParam(off, 6);
    const code = b0 & 0x3f;
    const end = off + 2 + (list[off + 1] ?? 0);
    if (end > list.length) return badLength();
    const page = list.subarray(off, end);
    if (code === ModePageCode.CONTROL) {
      const bad = checkUnchangeable(
        page,
        modePageBytes(core, code, PageControl.CURRENT) as Buffer,
        off,
        new Map([[2, 0x04]]),
      );
      if (bad) return bad;
      dSense = ((page[2] ?? 0) & 0x04) !== 0;
    } else if (code === ModePageCode.ELEMENT_ADDRESS_ASSIGNMENT) {
      if (!core.personality.capabilities.modeSelectElementAddress) return badParam(off, 5);
      const a = checkAddressPage(ctx, page, off);
      if ('kind' in a) return a;
      assignment = a;
    } else if (code === ModePageCode.TRANSPORT_GEOMETRY || code === ModePageCode.DEVICE_CAPABILITIES) {
      const bad = checkUnchangeable(page, modePageBytes(core, code, PageControl.CURRENT) as Buffer, off, new Map());
      if (bad) return bad;
    } else {
      return badParam(off, 5);
    }
    off = end;
  }
  let changed = dSense !== core.dSense;
  core.setDescriptorSense(dSense);
  if (assignment) {
    const now = core.state.addressAssignment();
    if (JSON.stringify(now) !== JSON.stringify(assignment)) {
      core.state.reassign(assignment);
      changed = true;
    }
  }
  if (changed) core.raise(Asc.MODE_PARAMETERS_CHANGED, ctx.nexus);
  return GOOD;
}
