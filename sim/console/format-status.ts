/**
 * The operator's view of the library as text: robot, door, IE station, magazines, drives, hidden slots, prevent
 * holders and every element with its cartridge. Used by the console's `status` and by `changerbench status`
 * after the mtx-style part.
 */
import type { CartridgeView, StatusView } from '../control/control-types.js';
import { mtxNumbering } from './mtx-numbers.js';

const cart = (c: CartridgeView | null): string => {
  if (!c) return 'empty';
  const tag = c.volumeTag || '(no label)';
  if (c.kind !== 'cleaning') return tag;
  return `${tag} cleaning, ${c.usesRemaining} uses left${c.spent ? ', SPENT' : ''}`;
};

/** "16, 4096-4106" for a list of addresses. */
export function compressRanges(addresses: readonly number[]): string {
  const sorted = [...addresses].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Library-level state (everything but the element list). */
export function formatLibraryState(v: StatusView): string {
  const lines: string[] = [];
  const drives = mtxNumbering(v.elements).driveOf;
  const power = v.poweringOn ? 'powering on' : v.online ? 'online' : 'OFFLINE';
  lines.push(
    `Library ${v.personality}: ${power}${v.scanning ? ', inventory in progress' : ''}${v.slowFactor !== 1 ? `, motion slowed x${v.slowFactor}` : ''}`,
  );
  lines.push(`Robot: ${v.robot.busy ? `busy (${v.robot.current ?? 'moving'}), ${v.robot.queued} queued` : 'idle'}`);
  lines.push(
    `Door: ${v.door.present ? `${v.door.open ? 'open' : 'closed'}, ${v.door.locked ? 'locked' : 'unlocked'}` : 'none'}`,
  );
  lines.push(
    `Import/export station: ${v.importExport.present ? `${v.importExport.open ? 'open' : 'closed'}, ${v.importExport.locked ? 'locked' : 'unlocked'}, elements ${v.importExport.addresses.join(', ')}` : 'none reported'}`,
  );
  for (const m of v.magazines) {
    const span = m.addresses.length ? compressRanges(m.addresses) : 'no elements';
    lines.push(
      `Magazine ${m.id} (${m.name}): ${m.present ? 'present' : 'PULLED'}, ${m.locked ? 'locked' : 'unlocked'}, ${m.addresses.length} elements ${span}`,
    );
  }
  for (const d of v.drives) {
    const flags = [
      d.loaded ? 'loaded' : 'empty',
      d.cleaning ? 'cleaning' : '',
      d.needsCleaning ? 'needs cleaning' : '',
    ].filter(Boolean);
    lines.push(
      `Drive ${d.address} (mtx drive ${drives.get(d.address) ?? '?'}, serial ${d.serial}): ${flags.join(', ')}`,
    );
  }
  v.hiddenSlots.forEach((c, i) => lines.push(`Hidden cleaning slot ${i}: ${cart(c)}`));
  lines.push(`Prevent medium removal held by: ${v.prevent.holders.length ? v.prevent.holders.join(', ') : 'nobody'}`);
  lines.push(`Reservation: ${v.reservation ?? 'none'}`);
  if (v.faults.commands || v.faults.moves)
    lines.push(`Armed faults: ${v.faults.commands} command(s), ${v.faults.moves} move(s)`);
  return lines.join('\n') + '\n';
}

/**
 * Every element with its cartridge, each address with mtx's number beside it ("storage 4100 slot 5", "dataTransfer
 * 256 drive 0"); empty storage elements are summarised unless `all`.
 */
export function formatElements(v: StatusView, all = false): string {
  const lines: string[] = [];
  const n = mtxNumbering(v.elements);
  const mtx = (a: number): string => {
    const slot = n.slotOf.get(a);
    if (slot !== undefined) return ` slot ${slot}`;
    const drive = n.driveOf.get(a);
    return drive !== undefined ? ` drive ${drive}` : '';
  };
  let emptyRun = 0;
  for (const e of v.elements) {
    const place = `${e.type} ${e.address}${mtx(e.address)}${e.magazine ? ` [${e.magazine}]` : ''}${e.accessible ? '' : ' (not accessible)'}`;
    if (!all && !e.cartridge && e.type === 'storage') {
      emptyRun++;
      continue;
    }
    lines.push(`${place}: ${cart(e.cartridge)}`);
  }
  if (emptyRun) lines.push(`(${emptyRun} empty storage elements not listed)`);
  return lines.join('\n') + '\n';
}
