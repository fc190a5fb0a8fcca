/**
 * The static import graph of the TypeScript sources, as the compiled JavaScript loads it: `import type` and
 * `export type` are erased; an import of types only (`import { type A } from`) still loads its module
 * (tsconfig.json verbatimModuleSyntax keeps it as `import {} from`); `import('...')` is left out (it loads on demand).
 * Used to check what a command loads at start (docs/simulator.md "Start-up").
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** Static import and re-export declarations: what comes between the keyword and `from`, and the specifier. */
const DECLARATION = /^\s*(import|export)\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;

/**
 * The specifiers a source file loads at evaluation (type-only declarations left out), or with `withTypes` every
 * specifier it names statically, type-only declarations included (what a cycle check needs).
 */
export function staticImports(text: string, { withTypes = false }: { withTypes?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DECLARATION)) {
    if (m[4] !== undefined) {
      out.push(m[4]);
      continue;
    }
    const clause = m[2] ?? '';
    if (!withTypes && /^type\s/.test(clause)) continue; // import type { A } / export type { A } / export type * from
    out.push(m[3] ?? '');
  }
  return out;
}

/** A node of the graph: a repository file (path relative to ROOT) or a package ("zod", "node:fs"). */
export interface Reached {
  /** What was reached. */
  readonly id: string;
  /** The chain of files that imports it, from the entry. */
  readonly via: readonly string[];
}

/** A relative specifier of repository file `from` as the repository file it names (`./x.js` → `dir/x.ts`). */
export function resolveRelative(from: string, spec: string): string {
  return relative(ROOT, resolve(dirname(join(ROOT, from)), spec.replace(/\.js$/, '.ts')));
}

/** Every module the entries load statically, each with one chain that reaches it. */
export function reachable(entries: readonly string[]): Map<string, Reached> {
  const seen = new Map<string, Reached>();
  const queue: Reached[] = entries.map((e) => ({ id: e, via: [] }));
  while (queue.length > 0) {
    const node = queue.shift() as Reached;
    if (seen.has(node.id)) continue;
    seen.set(node.id, node);
    const file = join(ROOT, node.id);
    if (!node.id.endsWith('.ts') || !existsSync(file)) continue;
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      const id = spec.startsWith('.')
        ? resolveRelative(node.id, spec)
        : spec
            .split('/')
            .slice(0, spec.startsWith('@') ? 2 : 1)
            .join('/');
      if (!seen.has(id)) queue.push({ id, via: [...node.via, node.id] });
    }
  }
  return seen;
}
