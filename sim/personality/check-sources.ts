/**
 * Every number in a fixture cites where it came from: each numeric field (numbers, "0x..." addresses,
 * "KK/AA/QQ" sense triples) must have a "sources" entry for its own path or for a parent path
 * ("elements.storage" covers "elements.storage.count"), and every sources key must name a field that the
 * file has. Design: docs/architecture.md style rule 4 ("each number citing its manual"); docs/smc-reference.md tags.
 */
import { childPath } from './fixture-issues.js';
import { ProblemList } from './problem-list.js';

/** Top-level fields that are prose or metadata, never cited. */
const UNCITED = new Set(['$schema', 'name', 'description', 'sources']);

const NUMBER_LIKE = [/^0x[0-9a-fA-F]+$/, /^[0-9a-fA-F]{2}\/[0-9a-fA-F]{2}\/[0-9a-fA-F]{2}$/] as const;

function isNumberLike(value: unknown): boolean {
  if (typeof value === 'number') return true;
  return typeof value === 'string' && NUMBER_LIKE.some((re) => re.test(value));
}

/** Visits every field path of a JSON value (`visit(path, value)`), parents before children. */
function walk(value: unknown, path: string, visit: (path: string, value: unknown) => void): void {
  visit(path, value);
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, childPath(path, i), visit));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) walk(child, childPath(path, key), visit);
  }
}

/** The path and each of its parents, nearest first ("a.b[0].c", "a.b[0]", "a.b", "a"). */
function selfAndParents(path: string): string[] {
  const out = [path];
  for (let i = path.length - 1; i > 0; i--) {
    const ch = path[i];
    if (ch === '.' || ch === '[') out.push(path.slice(0, i));
  }
  return out;
}

/** Checks the citations of a schema-valid fixture object; adds problems to `out`. */
export function checkSources(
  fixture: Readonly<Record<string, unknown>>,
  sources: Readonly<Record<string, string>>,
  out: ProblemList,
): void {
  const keys = new Set(Object.keys(sources));
  const paths = new Set<string>();
  for (const [key, value] of Object.entries(fixture)) {
    if (UNCITED.has(key)) continue;
    walk(value, key, (path, v) => {
      paths.add(path);
      if (!isNumberLike(v)) return;
      if (selfAndParents(path).some((p) => keys.has(p))) return;
      out.add(`${path}: ${JSON.stringify(v)} has no source: add a "sources" entry for "${path}" or for a parent path`);
    });
  }
  for (const key of keys) {
    if (!paths.has(key))
      out.add(
        `sources[${JSON.stringify(key)}]: names no field of this file (write paths such as "elements.storage.count" or "inventory[2]")`,
      );
  }
}
