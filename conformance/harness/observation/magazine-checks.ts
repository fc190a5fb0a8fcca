/**
 * A pulled magazine as the suite reads it back over its own nexus: every storage element of the magazine reads
 * ACCESS=0, and EXCEPT, ED and the additional sense the product's model declares for a removed magazine.
 * Spec: docs/smc-reference.md 1.6 ("Magazine removed"), 5.3; SMC-3 6.10 (ACCESS, EXCEPT, ED, ASC/ASCQ);
 * docs/rsm-semantics.md D16.
 */
import type { ChangerContents } from './changer-probe.js';
import type { PulledMagazineReading } from '../target/library-model.js';

const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/** Why `c` does not show the storage elements `storage` as a pulled magazine reads; empty when it does. */
export function pulledMagazineProblems(
  c: ChangerContents,
  storage: readonly number[],
  want: PulledMagazineReading,
): string[] {
  const out: string[] = [];
  if (storage.length === 0) return ['the magazine has no storage elements to read back'];
  for (const a of storage) {
    const e = c.at(a);
    if (!e) {
      out.push(`storage element ${a} is missing from READ ELEMENT STATUS`);
      continue;
    }
    if (e.access) out.push(`storage element ${a} reads ACCESS=1; a pulled magazine's elements read ACCESS=0`);
    if (e.except !== want.except)
      out.push(`storage element ${a} reads EXCEPT=${Number(e.except)}; the product reports ${Number(want.except)}`);
    if (e.disabled !== want.disabled)
      out.push(`storage element ${a} reads ED=${Number(e.disabled)}; the product reports ${Number(want.disabled)}`);
    if (want.sense && (e.asc !== want.sense.asc || e.ascq !== want.sense.ascq)) {
      out.push(
        `storage element ${a} reads ASC/ASCQ ${hex(e.asc)}/${hex(e.ascq)}; the product reports ${hex(want.sense.asc)}/${hex(want.sense.ascq)} for a removed magazine`,
      );
    }
  }
  return out;
}
