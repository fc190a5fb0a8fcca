/**
 * mtx's numbering of a changer's elements: `Storage Element N` counts storage elements in address order from 1,
 * then the import/export elements after them (mtx prints those as "IMPORT/EXPORT" slots); `Data Transfer Element
 * N` counts drives from 0. The console, `changerbench status` (scsi/host/mtx-status.ts prints the same numbers)
 * and the lab view show these numbers next to element addresses, and the console accepts either.
 * Spec: docs/smc-reference.md 2c (mtx status format strings).
 */

/** An element as the numbering needs it. */
export interface NumberedElement {
  readonly type: string;
  readonly address: number;
}

/** The mtx numbers of a library: slot numbers (storage then IE) and drive numbers, by element address. */
export interface MtxNumbering {
  /** Element address → mtx slot number (1-based). */
  readonly slotOf: ReadonlyMap<number, number>;
  /** Element address → mtx drive number (0-based). */
  readonly driveOf: ReadonlyMap<number, number>;
  /** mtx slot number → element address. */
  readonly slotAddress: ReadonlyMap<number, number>;
  /** mtx drive number → element address. */
  readonly driveAddress: ReadonlyMap<number, number>;
}

const byAddress = (a: NumberedElement, b: NumberedElement): number => a.address - b.address;

/** Numbers the elements as mtx does (types as the control API names them: storage, importExport, dataTransfer). */
export function mtxNumbering(elements: readonly NumberedElement[]): MtxNumbering {
  const slots = [
    ...elements.filter((e) => e.type === 'storage').sort(byAddress),
    ...elements.filter((e) => e.type === 'importExport').sort(byAddress),
  ];
  const drives = elements.filter((e) => e.type === 'dataTransfer').sort(byAddress);
  return {
    slotOf: new Map(slots.map((e, i) => [e.address, i + 1])),
    driveOf: new Map(drives.map((e, i) => [e.address, i])),
    slotAddress: new Map(slots.map((e, i) => [i + 1, e.address])),
    driveAddress: new Map(drives.map((e, i) => [i, e.address])),
  };
}

/** "4100 (slot 5)", "256 (drive 0)", "1" for an element mtx does not number. */
export function formatBothNumbers(numbering: MtxNumbering, address: number): string {
  const slot = numbering.slotOf.get(address);
  if (slot !== undefined) return `${address} (slot ${slot})`;
  const drive = numbering.driveOf.get(address);
  return drive !== undefined ? `${address} (drive ${drive})` : String(address);
}
