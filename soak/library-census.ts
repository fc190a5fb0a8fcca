/**
 * The cartridges of a library as its operator sees them (control endpoint status, docs: README "Control
 * endpoint"): every element including the gripper, and the hidden slots. Tags are compared as a multiset, so a
 * duplicated cartridge shows as well as a lost one.
 */
import type { StatusView } from '../sim/control/control-types.js';

/** Sorted volume tags of every cartridge in the library. */
export function censusOf(status: StatusView): string[] {
  const tags: string[] = [];
  for (const e of status.elements) if (e.cartridge) tags.push(e.cartridge.volumeTag);
  for (const h of status.hiddenSlots) if (h) tags.push(h.volumeTag);
  return tags.sort();
}

/** The difference of two censuses, for a report line ("lost A, B; extra C"), or undefined when equal. */
export function censusDifference(expected: readonly string[], seen: readonly string[]): string | undefined {
  const count = new Map<string, number>();
  for (const t of expected) count.set(t, (count.get(t) ?? 0) + 1);
  for (const t of seen) count.set(t, (count.get(t) ?? 0) - 1);
  const lost = [...count].filter(([, n]) => n > 0).map(([t, n]) => (n > 1 ? `${t}x${n}` : t));
  const extra = [...count].filter(([, n]) => n < 0).map(([t, n]) => (n < -1 ? `${t}x${-n}` : t));
  if (lost.length === 0 && extra.length === 0) return undefined;
  return `${expected.length} expected, ${seen.length} seen; lost [${lost.join(', ')}]; extra or duplicated [${extra.join(', ')}]`;
}

/** `tags` with one `tag` added (an operator's put) or removed (an operator's take). */
export function withTag(tags: readonly string[], tag: string, change: 'add' | 'remove'): string[] {
  const next = [...tags];
  if (change === 'add') next.push(tag);
  else {
    const i = next.indexOf(tag);
    if (i < 0) throw new Error(`census: ${tag} is not in the library`);
    next.splice(i, 1);
  }
  return next.sort();
}
