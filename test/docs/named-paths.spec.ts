/**
 * Every repository path the README and docs/ name in backticks (`sim/changer/dispatcher.ts`, `fixtures/libraries/`)
 * exists, so the layout and the "how to add" table cannot fall behind a move or a merge. Paths under reports/ and
 * dist/ (generated output), with placeholders (`<case>`, `*`, `{a,b}`) or outside the tree's top-level folders
 * are not checked. Design: docs/architecture.md "4. How to add ...".
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GENERATED = new Set(['reports', 'dist', 'node_modules']);
const TOP = new Set(readdirSync(ROOT).filter((name) => !GENERATED.has(name)));
const DOCUMENTS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The backticked repository paths of one document, with their line numbers. */
function namedPaths(text: string): { line: number; path: string }[] {
  const out: { line: number; path: string }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/`([^`\s]+)`/g)) {
      const path = m[1]!
        .replace(/[),.:;]+$/, '')
        .replace(/#.*$/, '')
        .replace(/:\d+(-\d+)?$/, '');
      if (!/^[\w.-]+(\/[\w.-]*)+$/.test(path)) continue;
      if (!TOP.has(path.split('/')[0]!)) continue;
      out.push({ line: i + 1, path });
    }
  });
  return out;
}

describe('docs: the paths the documents name', () => {
  it('finds the paths of a line, leaving out placeholders and generated output', () => {
    expect(
      namedPaths('copy `sim/commands/move-medium.ts`, then `conformance/eject-ntms-cleaner/<case>.spec.ts`').map(
        (p) => p.path,
      ),
    ).to.deep.equal(['sim/commands/move-medium.ts']);
    expect(namedPaths('see `reports/summary.md` and `docs/sg.md:12`')).to.deep.equal([{ line: 1, path: 'docs/sg.md' }]);
  });

  it('every path named in the README and docs/ exists', () => {
    const missing: string[] = [];
    for (const doc of DOCUMENTS) {
      for (const { line, path } of namedPaths(readFileSync(join(ROOT, doc), 'utf8'))) {
        if (!existsSync(join(ROOT, path)) && !existsSync(join(ROOT, dirname(doc), path)))
          missing.push(`${doc}:${line}: ${path}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });
});
