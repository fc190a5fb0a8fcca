/**
 * What a Markdown document offers to cite: numbered sections from its headings (`## 3.`, `### 7.4 Robustness`,
 * `### 2a. mhVTL`) and the numbered list items of a top-level numbered section (item 7 of "## 1." is 1.7),
 * decisions (`D5`, and the model decisions `M1`... of docs/rsm-model.md, named in the text), numbered style rules (`1. **Layers ...**` under a "Style rules" heading)
 * and the whole text (normalised, for quoted citations).
 */

/** The citable parts of one document. */
export interface DocumentIndex {
  readonly sections: ReadonlySet<string>;
  readonly decisions: ReadonlySet<string>;
  readonly styleRules: ReadonlySet<string>;
  /** The document's text, lower-cased with runs of white space as one space. */
  readonly text: string;
}

const HEADING = /^#{1,6}\s+(.*)$/;
const SECTION_NUMBER = /^(?:Section\s+)?(\d{1,2}(?:\.\d{1,2})*[a-e]?)\.?(?:\s|$)/;
const DECISION = /\b([DM]\d{1,2})\b/g;
const LIST_ITEM = /^(\d{1,2})\.\s/;
const STYLE_RULE = /^(\d{1,2})\.\s+\*\*/;

/** Indexes a Markdown text. */
export function documentIndex(text: string): DocumentIndex {
  const sections = new Set<string>();
  const decisions = new Set<string>();
  const styleRules = new Set<string>();
  let inStyleRules = false;
  let topSection: string | null = null;
  const items: string[] = [];
  for (const line of text.split('\n')) {
    const heading = HEADING.exec(line);
    if (heading) {
      const title = heading[1]!.trim();
      const number = SECTION_NUMBER.exec(title);
      topSection = number && !number[1]!.includes('.') ? number[1]! : number ? topSection : null;
      if (number) {
        // "7.4" also makes "7" citable, as a reader would find it under 7.
        const parts = number[1]!.split('.');
        for (let i = 1; i <= parts.length; i++) sections.add(parts.slice(0, i).join('.'));
      }
      inStyleRules = /style rules/i.test(title);
      continue;
    }
    for (const d of line.matchAll(DECISION)) decisions.add(d[1]!);
    const rule = STYLE_RULE.exec(line);
    if (inStyleRules && rule) styleRules.add(rule[1]!);
    const item = LIST_ITEM.exec(line);
    if (item && topSection !== null) items.push(`${topSection}.${item[1]!}`);
  }
  for (const item of items) sections.add(item);
  return { sections, decisions, styleRules, text: text.toLowerCase().replace(/\s+/g, ' ') };
}
