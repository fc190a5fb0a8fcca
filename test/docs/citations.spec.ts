/**
 * Every citation of a document in the repository points at something a reader of the repository can open: the
 * file exists, and the section number, decision (D1..D16), style rule or quoted heading it names is in that file.
 * Also: nothing cites the design notes outside the repository. Design: docs/architecture.md (the table of
 * documents at its top).
 */
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCitations, type Citation } from './support/citations.js';
import { documentIndex, type DocumentIndex } from './support/document-index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'reports', '.state']);
const TEXT_FILE = /\.(ts|mts|cts|js|mjs|cjs|md|json|sh|c|h|html|css|yml|yaml)$/;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (TEXT_FILE.test(name) && name !== 'package-lock.json') out.push(path);
  }
  return out;
}

const files = listFiles(ROOT).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
const indexes = new Map<string, DocumentIndex | null>();

function indexOf(document: string): DocumentIndex | null {
  let index = indexes.get(document);
  if (index === undefined) {
    let text: string | null = null;
    try {
      text = readFileSync(join(ROOT, document), 'utf8');
    } catch {
      text = null;
    }
    index = text === null ? null : documentIndex(text);
    indexes.set(document, index);
  }
  return index;
}

function problemOf(c: Citation): string | null {
  const index = indexOf(c.document);
  if (index === null) return `${c.document} does not exist`;
  if (c.section !== undefined && !index.sections.has(c.section)) return `${c.document} has no section ${c.section}`;
  if (c.decision !== undefined && !index.decisions.has(c.decision))
    return `${c.document} has no decision ${c.decision}`;
  if (c.styleRule !== undefined && !index.styleRules.has(c.styleRule))
    return `${c.document} has no style rule ${c.styleRule}`;
  if (c.heading !== undefined) {
    // A quoted citation names a heading or a phrase of the document; "..." stands for elided words.
    const parts = c.heading
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .split(/\s*(?:\.\.\.|…)\s*/)
      .filter((p) => p !== '');
    if (!parts.every((p) => index.text.includes(p))) return `${c.document} has no text "${c.heading}"`;
  }
  return null;
}

describe('citations of documents (docs/architecture.md)', () => {
  it('finds citations in the tree (the scan itself works)', () => {
    const all = files.flatMap((f) => findCitations(f.text));
    expect(all.length).to.be.greaterThan(300);
    expect(all.some((c) => c.document === 'docs/rsm-semantics.md' && c.decision !== undefined)).to.equal(true);
    expect(all.some((c) => c.document === 'docs/smc-reference.md' && c.section !== undefined)).to.equal(true);
  });

  it('every cited document, section, decision, style rule and quoted text exists', () => {
    const problems: string[] = [];
    for (const f of files) {
      for (const c of findCitations(f.text)) {
        const problem = problemOf(c);
        if (problem !== null) problems.push(`${f.path}:${c.line}: ${c.text} → ${problem}`);
      }
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  it('nothing cites the design notes outside the repository', () => {
    const outside =
      /(\/work\/shared|shared\/design|\.\.\/shared\/|(?<![\w/.-])(?:design\/)?(?:rsm-semantics|smc-reference|smc-ref|ARCHITECTURE|toolchain-notes)(?:\.md)?(?![\w-]))/;
    const found: string[] = [];
    for (const f of files) {
      if (f.path.startsWith('test/docs/')) continue;
      f.text.split('\n').forEach((line, i) => {
        // The fixture format's rule for its `sources` (a regular expression, in zod and the JSON schema) accepts
        // citations of the reference document with or without the docs/ prefix: older fixture files keep loading.
        if (/\.regex\(|"pattern":/.test(line)) return;
        const stripped = line.replace(/docs\/[\w./-]+\.md/g, '');
        if (outside.test(stripped)) found.push(`${f.path}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(found, found.join('\n')).to.deep.equal([]);
  });
  it('no citation is split from its section by a line break (a reader and the check would miss the section)', () => {
    // a section, a decision, a style rule or a quoted heading: findCitations reads each line alone, so none is seen
    const split =
      /(docs\/[\w./-]+\.md),?[ \t]*\n[ \t]*(?:\*|\/\/|#)?[ \t]*(?:sections? |§)?(\d{1,2}(?:\.\d{1,2})*\b|[DM]\d{1,2}\b|style rule \d|"[^"\n]{3,60}")/g;
    expect('x docs/iscsi.md\n * 7.3 y'.match(split)).to.have.length(1);
    expect('x docs/rsm-semantics.md\n * D8 y'.match(split)).to.have.length(1);
    expect('x docs/simulator.md\n * "Start-up" y'.match(split)).to.have.length(1);
    expect('x docs/simulator.md "Start-up"\n * y'.match(split)).to.equal(null);
    const found: string[] = [];
    for (const f of files) {
      if (f.path.startsWith('test/docs/')) continue;
      for (const m of f.text.matchAll(split)) {
        const line = f.text.slice(0, m.index).split('\n').length;
        found.push(`${f.path}:${line}: ${m[1]} / ${m[2]}`);
      }
    }
    expect(found, found.join('\n')).to.deep.equal([]);
  });
});
