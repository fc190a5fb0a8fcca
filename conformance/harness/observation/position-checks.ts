/**
 * Where a cartridge physically is, from the suite's own READ ELEMENT STATUS, with or without volume tags. A
 * changer that reads tags is searched by tag. One that reads none (no barcode reader: the read is retried without
 * VOLTAG) is judged by element fullness and SVALID source addresses: the cartridge is the full element whose
 * source is its home slot, or the home slot itself when still full. Where neither tells, the answer says the
 * cartridge cannot be identified, and the check fails saying so instead of passing.
 * Spec: SMC-3 6.10 (FULL, SVALID, SOURCE STORAGE ELEMENT ADDRESS, PVOLTAG); docs/smc-reference.md 1.3.
 */
import type { ChangerContents, ElementKindName, ElementReading } from './changer-probe.js';

/** A cartridge the suite follows: its volume tag (when the changer reads tags) and its home storage slot. */
export interface TrackedCartridge {
  readonly volumeTag: string;
  /** The storage element it was in before the steps under test. */
  readonly address: number;
}

/** Where the cartridge was found, or why it was not. */
export type Located = { readonly element: ElementReading } | { readonly problem: string };

const name = (c: TrackedCartridge) => `${c.volumeTag || 'the cartridge'} (home slot ${c.address})`;

function unidentifiable(c: TrackedCartridge, want: string): Located {
  return {
    problem: `cannot identify ${name(c)} in ${want}: READ ELEMENT STATUS reads no volume tags here and no SVALID source address points at its home slot`,
  };
}

/** Finds `c` in an element of `kind` (at `address`, when given). */
export function locate(world: ChangerContents, c: TrackedCartridge, kind: ElementKindName, address?: number): Located {
  const want = `${kind} element${address === undefined ? '' : ` ${address}`}`;
  const fits = (e: ElementReading) => e.kind === kind && (address === undefined || e.address === address);
  if (world.labelled) {
    const e = world.find(c.volumeTag);
    if (!e) return { problem: `READ ELEMENT STATUS shows ${c.volumeTag} nowhere; expected it in ${want}` };
    if (!fits(e))
      return {
        problem: `READ ELEMENT STATUS shows ${c.volumeTag} in ${e.kind} element ${e.address}; expected ${want}`,
      };
    return { element: e };
  }
  const sourced = world.elements.filter((e) => e.full && e.sourceAddress === c.address && e.address !== c.address);
  if (kind === 'storage' && address === c.address) {
    const home = world.at(c.address);
    if (!home?.full) return { problem: `storage element ${c.address} reads empty; expected ${name(c)} back in it` };
    if (sourced.length > 0)
      return {
        problem: `${sourced.map((e) => `${e.kind} element ${e.address}`).join(', ')} reads full with source ${c.address}: ${name(c)} may be there instead`,
      };
    return { element: home };
  }
  const found = sourced.filter(fits);
  if (found.length === 1) return { element: found[0] as ElementReading };
  if (found.length > 1)
    return {
      problem: `${found.length} elements of ${want} read full with source ${c.address}; ${name(c)} cannot be told among them`,
    };
  const other = sourced[0];
  if (other)
    return {
      problem: `${name(c)} reads in ${other.kind} element ${other.address} (SVALID source ${c.address}); expected ${want}`,
    };
  return unidentifiable(c, want);
}

/**
 * Why `c` may still be in the changer, or undefined when it is gone. Without volume tags: its home slot and
 * `lastSeen` (the element it was last read in) read empty and no full element has its home as source.
 */
export function stillPresent(world: ChangerContents, c: TrackedCartridge, lastSeen?: number): string | undefined {
  if (world.labelled) {
    const e = world.find(c.volumeTag);
    return e ? `READ ELEMENT STATUS still shows ${c.volumeTag} in ${e.kind} element ${e.address}` : undefined;
  }
  for (const a of [c.address, ...(lastSeen === undefined ? [] : [lastSeen])]) {
    const e = world.at(a);
    if (e?.full) return `${e.kind} element ${a} still reads full (no volume tags here: ${name(c)} may be in it)`;
  }
  const sourced = world.elements.find((e) => e.full && e.sourceAddress === c.address);
  if (sourced)
    return `${sourced.kind} element ${sourced.address} reads full with source ${c.address}: ${name(c)} is still in the changer`;
  if (lastSeen === undefined && !world.elements.some((e) => e.full && e.sourceAddress !== undefined)) {
    return `cannot tell whether ${name(c)} left: READ ELEMENT STATUS reads no volume tags and no SVALID source addresses here`;
  }
  return undefined;
}
