/**
 * Formats a changer inventory in the layout of `mtx status` (format strings in docs/smc-reference.md 2c), followed by the
 * conditions mtx does not print: inaccessible elements with their ASC/ASCQ, the IE station's flags.
 * Unlike mtx, the source slot of a loaded drive comes from SVALID and the SOURCE STORAGE ELEMENT ADDRESS field
 * (SMC-3 6.10), never from a guess.
 */
import { ascName } from '../codec/index.js';
import type { ElementDescriptor } from '../codec/index.js';
import type { ChangerInventory } from './read-inventory.js';

function tag(d: ElementDescriptor): string | undefined {
  const id = d.primaryVolumeTag?.id.replace(/[\s\0]+$/, '');
  return id ? id : undefined;
}

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/** The `mtx status` text for an inventory; `device` is what mtx prints after "Storage Changer". */
export function formatMtxStatus(inv: ChangerInventory, device: string): string {
  const slots = [...inv.storage, ...inv.importExport];
  const slotNumber = new Map<number, number>(slots.map((d, i) => [d.address, i + 1]));
  const lines: string[] = [];
  lines.push(
    `  Storage Changer ${device}:${inv.drives.length} Drives, ${slots.length} Slots ( ${inv.importExport.length} Import/Export )`,
  );
  inv.drives.forEach((d, i) => {
    if (!d.full) {
      lines.push(`Data Transfer Element ${i}:Empty`);
      return;
    }
    const source = d.svalid ? slotNumber.get(d.sourceAddress) : undefined;
    const loaded = source !== undefined ? `(Storage Element ${source} Loaded)` : '(Unknown Storage Element Loaded)';
    const t = tag(d);
    lines.push(`Data Transfer Element ${i}:Full ${loaded}${t !== undefined ? `:VolumeTag = ${t}` : ''}`);
  });
  slots.forEach((d, i) => {
    const ie = d.elementType === 3 ? ' IMPORT/EXPORT' : '';
    if (!d.full) {
      lines.push(`      Storage Element ${i + 1}${ie}:Empty`);
      return;
    }
    const t = tag(d);
    lines.push(`      Storage Element ${i + 1}${ie}:Full ${t !== undefined ? `:VolumeTag=${t}` : ''}`);
  });
  return lines.join('\n') + '\n';
}

/** Describes what mtx leaves out: elements that are not accessible or report an exception, and IE flags. */
export function formatElementConditions(inv: ChangerInventory): string {
  const lines: string[] = [];
  const slots = [...inv.storage, ...inv.importExport];
  const numbered = slots.map((d, i) => ({
    d,
    label: `Storage Element ${i + 1}${d.elementType === 3 ? ' IMPORT/EXPORT' : ''}`,
  }));
  const drives = inv.drives.map((d, i) => ({ d, label: `Data Transfer Element ${i}` }));
  for (const { d, label } of [...drives, ...numbered]) {
    const flags: string[] = [];
    if (!d.access) flags.push('not accessible');
    if (d.ed) flags.push('disabled');
    if (d.except) flags.push(`exception ${hex2(d.asc)}h/${hex2(d.ascq)}h ${ascName(d.asc, d.ascq)}`);
    if (d.mediumType === 2) flags.push('cleaning cartridge');
    if (flags.length) lines.push(`${label} (address ${d.address}): ${flags.join(', ')}`);
  }
  for (const [i, d] of inv.importExport.entries()) {
    const f = [
      d.inEnab ? 'INENAB' : '',
      d.exEnab ? 'EXENAB' : '',
      d.impExp ? 'IMPEXP' : '',
      d.oir ? 'OIR' : '',
      d.access ? 'ACCESS' : '',
    ].filter(Boolean);
    lines.push(`Import/Export ${i} (address ${d.address}): ${f.join(' ') || 'no flags'}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
