/**
 * Collects fixture problems as lines "path: message". Problems of one kind from the same generated run are
 * folded into the first one ("... (and 9999 more like it in this run)") so that a wrong run of 10,000
 * cartridges gives one line, not 10,000. Design: docs/architecture.md style rule 4.
 */

/** Formats an element address for messages: decimal with the hex form ("4100 (0x1004)"). */
export function formatAddress(address: number): string {
  return `${address} (0x${address.toString(16).toUpperCase().padStart(4, '0')})`;
}

/** Formats an address range for messages ("4096-4118", "16" for one address, "none" when empty). */
export function formatRange(range: { readonly first: number; readonly count: number }): string {
  if (range.count === 0) return 'none';
  if (range.count === 1) return String(range.first);
  return `${range.first}-${range.first + range.count - 1}`;
}

/** An ordered list of problem lines with folding of repeated problems from one run. */
export class ProblemList {
  private readonly lines: string[] = [];
  private readonly folded = new Map<string, { index: number; more: number }>();

  /** Adds a problem; with `foldKey`, later problems with the same key only raise the "more" count. */
  add(line: string, foldKey?: string): void {
    if (foldKey !== undefined) {
      const seen = this.folded.get(foldKey);
      if (seen !== undefined) {
        seen.more++;
        return;
      }
      this.folded.set(foldKey, { index: this.lines.length, more: 0 });
    }
    this.lines.push(line);
  }

  /** Number of distinct lines so far. */
  get size(): number {
    return this.lines.length;
  }

  /** The problem lines, each prefixed with `prefix` when given. */
  toLines(prefix = ''): string[] {
    const out = [...this.lines];
    for (const { index, more } of this.folded.values()) {
      if (more > 0) out[index] = `${out[index] ?? ''} (and ${more} more like it in this run)`;
    }
    return out.map((line) => prefix + line);
  }
}

/** Where a generated or explicit item is, for messages: "inventory[3].location" or "inventory[3] (item 5 of the run)". */
export function itemPath(origin: string, runIndex: number | undefined, field: string): string {
  return runIndex === undefined ? `${origin}.${field}` : `${origin} (item ${runIndex + 1} of the run)`;
}

/** The fold key for a problem kind of a run item (undefined for explicit entries: never folded). */
export function foldKey(origin: string, runIndex: number | undefined, kind: string): string | undefined {
  return runIndex === undefined ? undefined : `${origin}#${kind}`;
}

/** Names an item for "also ... of X" clauses: "inventory[2]", or "inventory[2] item 5" inside a run. */
export function itemName(origin: string, runIndex: number | undefined): string {
  return runIndex === undefined ? origin : `${origin} item ${runIndex + 1}`;
}
