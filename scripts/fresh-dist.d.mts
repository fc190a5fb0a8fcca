/** Types of scripts/fresh-dist.mjs (plain JavaScript: it runs before anything is compiled). */

/** The newest modification time (ms) among the built sources, their folders and the tsconfigs under `root`. */
export function newestSource(root?: string): number;
/** Why `root`'s dist/ is not up to date, or undefined when it is. */
export function staleness(root?: string): string | undefined;
/** Removes compiled files under dist/ whose source .ts no longer exists; returns them (relative to `root`). */
export function removeOrphans(root?: string): string[];
