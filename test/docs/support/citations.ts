/**
 * Finds citations of repository documents in a text: `docs/<file>.md` optionally followed by a section number
 * (`3.6`, `section 7.4`, `§1.2`, `2a`), a decision (`D5`, or a model decision `M2` of docs/rsm-model.md), a style rule (`style rule 9`) or a quoted heading
 * (`"Over the wire"`). Only the first reference after the file name is taken, which is what a reader follows.
 */

/** One citation found in a text. */
export interface Citation {
  /** The document's path from the repository root ("docs/rsm-semantics.md"). */
  readonly document: string;
  readonly section?: string;
  readonly decision?: string;
  readonly styleRule?: string;
  readonly heading?: string;
  /** 1-based line of the text. */
  readonly line: number;
  /** The citation as written. */
  readonly text: string;
}

const CITATION =
  /(docs\/[\w./-]+?\.md)(?:(?:,|:)? (?:(?:section|sections|§) ?)?(?:([DM]\d{1,2})\b|style rule (\d{1,2})\b|(\d{1,2}(?:\.\d{1,2})*[a-e]?)(?![\w.]*\w)|"([^"\n]{3,60})"))?/g;

/** Every citation of a docs/ file in `text`. */
export function findCitations(text: string): Citation[] {
  const out: Citation[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    for (const m of line.matchAll(CITATION)) {
      const [whole, document, decision, styleRule, section, heading] = m;
      out.push({
        document: document!,
        ...(decision !== undefined ? { decision } : {}),
        ...(styleRule !== undefined ? { styleRule } : {}),
        ...(section !== undefined ? { section: section.replace(/\.$/, '') } : {}),
        ...(heading !== undefined ? { heading } : {}),
        line: i + 1,
        text: whole!,
      });
    }
  });
  return out;
}
