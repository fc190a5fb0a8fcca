/**
 * The identity and provenance section of summary.md: the run's facts as a table, then one table per library
 * (INQUIRY, VPD 80h/83h, MODE SENSE 1Dh/1Fh, model file, capabilities).
 */
import { identityProperties, type LibraryIdentity, type RunProvenance } from './run-identity.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown lines (ending with an empty line). */
export function formatIdentityMarkdown(p: RunProvenance, libraries: readonly LibraryIdentity[]): string[] {
  const props = identityProperties(p, libraries);
  const run = props.filter(([k]) => !k.startsWith('library.') && !k.startsWith('policy.'));
  const out = [
    '## Identity and provenance',
    '',
    '| fact | value |',
    '|---|---|',
    ...run.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`),
    '',
  ];
  for (const lib of libraries) {
    const prefix = `library.${lib.label}.`;
    out.push(`### ${cell(lib.label)} (${cell(lib.name)})`, '', '| fact | value |', '|---|---|');
    for (const [k, v] of props.filter(([key]) => key.startsWith(prefix)))
      out.push(`| ${cell(k.slice(prefix.length))} | ${cell(v)} |`);
    out.push('');
  }
  return out;
}
