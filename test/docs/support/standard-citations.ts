/**
 * Finds comments that cite an outside standard (a T10 command set such as SPC-4 or SMC-3, an RFC, MS-RSMP) without
 * also pointing at the document of this repository that explains the cited part in the project's words. A reader
 * of the repository cannot open T10's drafts or follow an RFC clause number into our code; the docs/ page and
 * section can. Design: docs/architecture.md "Citations".
 */
import { findCitations } from './citations.js';

/** A comment that names a standard but no docs/ section. */
export interface UnanchoredCitation {
  /** 1-based line of the first line naming a standard in the comment. */
  readonly line: number;
  /** The standard as written ("SAM-5 5.14", "RFC 7143"). */
  readonly standard: string;
  /** The documents that explain it (any docs/ page when empty). */
  readonly homes: readonly string[];
}

/** A T10 command set or architecture model, an RFC, or the Microsoft RSM protocol document. */
const STANDARD =
  /\b(?:(?:SAM|SPC|SMC|SBC|SSC|SAS|FCP|ADC)-\d+|RFC ?\d{3,5}|MS-RSMP)\b(?: (?:clause |section |§)?\d+(?:\.\d+)*)?/;

/** Code and script files whose comments are checked. */
export const CODE_FILE = /\.(ts|mts|cts|js|mjs|cjs|c|h|sh)$/;

const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#(?!!))/;
const TRAILING_COMMENT = /(?:^|[^:'"`\\])\/\/(.*)$/;
/** A block comment after code on the same line (`send(pdu); /* SAM-5 5.14 *\/`). */
const TRAILING_BLOCK = /(?:^|[\s;,)}\]])\/\*(.*?)(?:\*\/|$)/;

/**
 * The comment blocks of a source text: runs of comment lines, and trailing `//` or `/* *\/` comments after code on
 * their own.
 */
function commentBlocks(text: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  let current: { line: number; lines: string[] } | null = null;
  const flush = (): void => {
    if (current !== null) blocks.push({ line: current.line, text: current.lines.join('\n') });
    current = null;
  };
  text.split('\n').forEach((line, i) => {
    if (COMMENT_LINE.test(line)) {
      if (current === null) current = { line: i + 1, lines: [] };
      current.lines.push(line);
      return;
    }
    flush();
    const trailing = TRAILING_COMMENT.exec(line) ?? TRAILING_BLOCK.exec(line);
    if (trailing) blocks.push({ line: i + 1, text: trailing[1]! });
  });
  flush();
  return blocks;
}

/**
 * Where each family of standards is explained in the project's words: a comment citing one must point at one of
 * its documents (a pointer at another page, however related, does not explain the clause). Families not listed
 * (other RFCs) may point at any docs/ page.
 */
const HOMES: readonly { readonly family: RegExp; readonly documents: readonly string[] }[] = [
  { family: /^(?:SAM|SPC|SMC|SBC|SSC|SAS|FCP|ADC)-/, documents: ['docs/scsi-model.md', 'docs/smc-reference.md'] },
  { family: /^RFC ?(?:7143|3720|3721|7144|1994|1982|9293)\b/, documents: ['docs/iscsi.md'] },
  { family: /^RFC ?(?:9110|9112|8259|6454|6455|8446)\b/, documents: ['docs/lab-view.md'] },
  { family: /^MS-RSMP/, documents: ['docs/rsm-semantics.md', 'docs/rsm-model.md'] },
];

const STANDARDS = new RegExp(STANDARD.source, 'g');

/**
 * Every comment of `text` that names a standard without a docs/ citation carrying a section, decision or heading
 * in a document that explains that standard (HOMES); one finding per standard family missing its pointer.
 */
export function findUnanchoredCitations(text: string): UnanchoredCitation[] {
  const out: UnanchoredCitation[] = [];
  for (const block of commentBlocks(text)) {
    const cited = findCitations(block.text)
      .filter((c) => c.section !== undefined || c.decision !== undefined || c.heading !== undefined)
      .map((c) => c.document);
    const reported = new Set<string>();
    for (const standard of block.text.matchAll(STANDARDS)) {
      const home = HOMES.find((h) => h.family.test(standard[0]));
      const key = home === undefined ? 'any' : home.family.source;
      if (reported.has(key)) continue;
      const anchored = home === undefined ? cited.length > 0 : cited.some((d) => home.documents.includes(d));
      if (anchored) continue;
      reported.add(key);
      const offset = block.text.slice(0, standard.index).split('\n').length - 1;
      out.push({ line: block.line + offset, standard: standard[0], homes: home?.documents ?? [] });
    }
  }
  return out;
}
