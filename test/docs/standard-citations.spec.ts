/**
 * A comment that cites an outside standard (T10, an RFC, MS-RSMP) also points at the docs/ section that explains
 * the cited part in the project's words, so a reader of the repository can follow it. Design: docs/architecture.md
 * "Citations".
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_FILE, findUnanchoredCitations } from './support/standard-citations.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function trackedCodeFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // test/docs/ holds the checker and its examples.
  return out.split('\n').filter((f) => CODE_FILE.test(f) && !f.startsWith('docs/') && !f.startsWith('test/docs/'));
}

describe('citations of outside standards point into docs/ (docs/architecture.md "Citations")', () => {
  it('finds a comment naming a standard without a docs/ section, and accepts one with it', () => {
    const bare = '/**\n * The login phase (RFC 7143 6.1).\n */\nconst x = 1;\n';
    const anchored = '/**\n * The login phase (RFC 7143 6.1, docs/iscsi.md 1.1).\n */\n';
    const trailing = 'send(pdu); // SAM-5 5.14\n';
    const trailingBlock = 'send(pdu); /* SAM-5 5.14 */\n';
    const t10 = ['docs/scsi-model.md', 'docs/smc-reference.md'];
    expect(findUnanchoredCitations(bare)).to.deep.equal([
      { line: 2, standard: 'RFC 7143 6.1', homes: ['docs/iscsi.md'] },
    ]);
    expect(findUnanchoredCitations(anchored)).to.deep.equal([]);
    expect(findUnanchoredCitations(trailing)).to.deep.equal([{ line: 1, standard: 'SAM-5 5.14', homes: t10 }]);
    expect(findUnanchoredCitations(trailingBlock)).to.deep.equal([{ line: 1, standard: 'SAM-5 5.14', homes: t10 }]);
    // A pointer at a page that does not explain the standard does not count; each family needs its own.
    expect(findUnanchoredCitations('// SAM-5 5.1 (docs/sg.md 3)\n')).to.deep.equal([
      { line: 1, standard: 'SAM-5 5.1', homes: t10 },
    ]);
    expect(findUnanchoredCitations('/*\n * RFC 7143 11.3 and SPC-4 6.4 (docs/iscsi.md 7.5)\n */\n')).to.deep.equal([
      { line: 2, standard: 'SPC-4 6.4', homes: t10 },
    ]);
    expect(findUnanchoredCitations('// RFC 4122 4.4 (docs/architecture.md 3)\n')).to.deep.equal([]);
    expect(findUnanchoredCitations('send(pdu); /* SAM-5 5.14, docs/scsi-model.md 4 */\n')).to.deep.equal([]);
    expect(findUnanchoredCitations("const url = 'http://x'; // docs/iscsi.md\n")).to.deep.equal([]);
  });

  it('every comment in code and tests that names a standard also names its docs/ section', () => {
    const problems: string[] = [];
    for (const file of trackedCodeFiles()) {
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), 'utf8');
      } catch {
        continue;
      }
      const found = findUnanchoredCitations(text);
      problems.push(
        ...found.map(
          (u) =>
            `${file}:${u.line}: ${u.standard} has no section of ${u.homes.length > 0 ? u.homes.join(' or ') : 'docs/'} in its comment`,
        ),
      );
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
