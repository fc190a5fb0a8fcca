/**
 * Which cells each job of a parallel run takes (`conformance run --jobs N`): every library's cells are dealt in
 * turn over the jobs, so a large library's slow cells are shared out rather than all landing in one job, and the
 * shares together hold every cell once. Deterministic: the same titles give the same shares. Titles are
 * `<path id> on <library>` (run-conformance.ts). Design: docs/architecture.md "Top level" (conformance/).
 */

/** The library label of a cell title. */
export function libraryOfTitle(title: string): string {
  const at = title.lastIndexOf(' on ');
  return at < 0 ? title : title.slice(at + 4);
}

/** The path id of a cell title. */
export function pathIdOfTitle(title: string): string {
  const at = title.lastIndexOf(' on ');
  return at < 0 ? title : title.slice(0, at);
}

/** The titles of `titles` (serial order) that job `index` (0-based) of `count` runs. */
export function jobShare(titles: readonly string[], index: number, count: number): Set<string> {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count)
    throw new RangeError(`job ${index} of ${count}: give 0 <= index < count`);
  /** Per library: its rank among the libraries met, and how many of its cells were dealt so far. */
  const dealt = new Map<string, { rank: number; cells: number }>();
  const share = new Set<string>();
  for (const title of titles) {
    const lib = libraryOfTitle(title);
    const d = dealt.get(lib) ?? { rank: dealt.size, cells: 0 };
    dealt.set(lib, d);
    // each library starts at a different job, so the small libraries' odd cells do not all go to job 0
    if ((d.cells + d.rank) % count === index) share.add(title);
    d.cells++;
  }
  return share;
}
