/**
 * The console's robot moves as an operator makes them at the panel: `move FROM TO`, `load SLOT DRIVE`,
 * `unload DRIVE [SLOT]`. An element is named by its address or by mtx's numbers (sim/console/mtx-numbers.ts):
 * `@4100` is always an element address, `s5` always mtx's slot 5 (`#` starts a console comment), `d0` always mtx's drive 0. A bare number is an
 * element address in `move` (as in MOVE MEDIUM) and an mtx number in `load` and `unload` (as `mtx load 5 0`),
 * falling back to an element address when it is no mtx number of that kind. `unload DRIVE` without a slot puts
 * the cartridge back where it came from (the drive's SVALID source, as mtx does).
 * Spec: docs/smc-reference.md 2c (mtx numbering); SMC-3 6.10 (SOURCE STORAGE ELEMENT ADDRESS); docs/lab-view.md.
 */
import type { ControlClient } from '../control/control-client.js';
import type { StatusView } from '../control/control-types.js';
import { formatBothNumbers, mtxNumbering, type MtxNumbering } from './mtx-numbers.js';

/** A console word naming an element, or why it does not. */
export class ElementReferenceError extends Error {}

/** What a bare number means in this command. */
export type BareNumber = 'address' | 'slot' | 'drive';

/** Resolves one word to an element address of `v`. */
export function resolveElement(word: string, bare: BareNumber, n: MtxNumbering, v: StatusView): number {
  const m = /^(@|s|d)?(\d+)$/i.exec(word);
  if (!m)
    throw new ElementReferenceError(
      `"${word}" is no element: write an address (4100 or @4100), sN for mtx's slot N or dN for mtx's drive N`,
    );
  const value = Number(m[2]);
  const prefix = (m[1] ?? '').toLowerCase();
  const exists = (a: number) => v.elements.some((e) => e.address === a);
  const address = (a: number) => {
    if (!exists(a)) throw new ElementReferenceError(`no element at address ${a}`);
    return a;
  };
  const slot = (k: number) => {
    const a = n.slotAddress.get(k);
    if (a === undefined) throw new ElementReferenceError(`mtx has no slot ${k} here (slots 1-${n.slotAddress.size})`);
    return a;
  };
  const drive = (k: number) => {
    const a = n.driveAddress.get(k);
    if (a === undefined)
      throw new ElementReferenceError(`mtx has no drive ${k} here (drives 0-${n.driveAddress.size - 1})`);
    return a;
  };
  if (prefix === '@') return address(value);
  if (prefix === 's') return slot(value);
  if (prefix === 'd') return drive(value);
  if (bare === 'slot' && n.slotAddress.has(value)) return slot(value);
  if (bare === 'drive' && n.driveAddress.has(value)) return drive(value);
  return address(value);
}

type Result = Awaited<ReturnType<ControlClient['moveMedium']>>;

async function moveAndReport(c: ControlClient, n: MtxNumbering, source: number, destination: number): Promise<string> {
  const r: Result = await c.moveMedium(source, destination);
  const route = `${formatBothNumbers(n, source)} → ${formatBothNumbers(n, destination)}`;
  if (!r.ok) return `refused (${r.code}): ${r.message}`;
  return `moved ${r.value.volumeTag || '(no label)'}: ${route}`;
}

/** `move FROM TO`. */
export async function runMove(c: ControlClient, from: string, to: string): Promise<string> {
  const v = await c.status();
  const n = mtxNumbering(v.elements);
  return moveAndReport(c, n, resolveElement(from, 'address', n, v), resolveElement(to, 'address', n, v));
}

/** `load SLOT DRIVE`. */
export async function runLoad(c: ControlClient, slot: string, drive: string): Promise<string> {
  const v = await c.status();
  const n = mtxNumbering(v.elements);
  return moveAndReport(c, n, resolveElement(slot, 'slot', n, v), resolveElement(drive, 'drive', n, v));
}

/** `unload DRIVE [SLOT]`: without SLOT, back to the cartridge's source. */
export async function runUnload(c: ControlClient, drive: string, slot: string | undefined): Promise<string> {
  const v = await c.status();
  const n = mtxNumbering(v.elements);
  const from = resolveElement(drive, 'drive', n, v);
  if (slot !== undefined) return moveAndReport(c, n, from, resolveElement(slot, 'slot', n, v));
  const cartridge = v.elements.find((e) => e.address === from)?.cartridge;
  if (!cartridge) return `refused (ELEMENT_EMPTY): element ${formatBothNumbers(n, from)} is empty`;
  if (cartridge.lastStorage === null)
    return `refused (INVALID_ARGUMENT): ${cartridge.volumeTag || 'the cartridge'} has no known source slot; say where: unload ${drive} SLOT`;
  return moveAndReport(c, n, from, cartridge.lastStorage);
}
