/**
 * No module imports itself through others, not even through type-only imports: a cycle makes the order in which
 * modules load matter and hides which of the two files is the lower one. Layers are checked by eslint
 * (docs/architecture.md 1); this checks cycles inside a layer as well. The graph is every relative import and
 * re-export of the tracked TypeScript files, `import type` included.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveRelative, ROOT, staticImports } from '../support/import-graph.js';

/** Relative imports of a source text (type-only and bare `import './x.js'` included), resolved against its file. */
function importsOf(file: string, text: string, files: ReadonlySet<string>): string[] {
  return staticImports(text, { withTypes: true })
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolveRelative(file, spec))
    .filter((target) => files.has(target));
}

/** The strongly connected groups of more than one file (Tarjan), each a cycle. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import cycles (docs/architecture.md 1)', () => {
  it('finds a cycle in a graph that has one, and none in one that has none', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).to.deep.equal([['a', 'b', 'c']]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).to.deep.equal([]);
    const files = new Set(['x/a.ts', 'x/b.ts']);
    expect(importsOf('x/a.ts', "import type { B } from './b.js';\nimport { z } from 'zod';\n", files)).to.deep.equal([
      'x/b.ts',
    ]);
    expect(importsOf('x/a.ts', "import './b.js';\nexport const c = './b.js';\n", files)).to.deep.equal(['x/b.ts']);
  });

  it('the tracked TypeScript files have none', () => {
    const list = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => f !== '' && !f.startsWith('node_modules/'));
    const files = new Set(list);
    const graph = new Map<string, string[]>();
    for (const f of list) {
      let text = '';
      try {
        text = readFileSync(join(ROOT, f), 'utf8');
      } catch {
        continue;
      }
      graph.set(f, importsOf(f, text, files));
    }
    const found = cycles(graph).map((c) => c.join(' <-> '));
    expect(found, found.join('\n')).to.deep.equal([]);
  });
});
