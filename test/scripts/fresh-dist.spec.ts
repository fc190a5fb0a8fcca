/**
 * scripts/fresh-dist.mjs, the launcher of `npm run conformance`: dist/ counts as stale without a build stamp,
 * when a source or a tsconfig is newer than the stamp, or when a file was added to or deleted from a built folder
 * (the folder's time); compiled files whose source is gone are removed. On a scratch tree with set file times.
 * Spec: docs/toolchain.md "Running from dist/".
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeOrphans, staleness } from '../../scripts/fresh-dist.mjs';

describe('scripts/fresh-dist.mjs', () => {
  let root: string;
  const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
  const file = (path: string, seconds: number) => {
    writeFileSync(join(root, path), '');
    at(path, seconds);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cb-fresh-'));
    for (const d of ['cli', 'sim', 'dist', 'dist/cli', 'dist/sim']) mkdirSync(join(root, d));
    file('tsconfig.json', 1000);
    file('cli/a.ts', 1000);
    file('sim/b.ts', 1000);
    file('sim/b.spec.ts', 5000); // excluded from the build: not a reason to rebuild
    for (const d of ['cli', 'sim']) at(d, 1000);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is stale without a stamp, fresh after one, stale again when a source or a tsconfig changes', () => {
    expect(staleness(root)).to.match(/has not been built/);
    file('dist/.build-stamp', 2000);
    expect(staleness(root)).to.equal(undefined);
    at('cli/a.ts', 3000);
    expect(staleness(root)).to.equal('sources changed since the last build');
    at('cli/a.ts', 1000);
    at('tsconfig.json', 3000);
    expect(staleness(root)).to.equal('sources changed since the last build');
  });

  it('is stale when a file was deleted from a built folder (the folder is newer)', () => {
    file('dist/.build-stamp', 2000);
    rmSync(join(root, 'sim/b.ts'));
    at('sim', 3000);
    expect(staleness(root)).to.equal('sources changed since the last build');
  });

  it('removes compiled files whose source is gone, and keeps the others', () => {
    for (const f of ['dist/cli/a.js', 'dist/cli/a.js.map', 'dist/sim/gone.js', 'dist/sim/gone.js.map']) file(f, 2000);
    expect(removeOrphans(root).sort()).to.deep.equal(['dist/sim/gone.js', 'dist/sim/gone.js.map']);
    expect(existsSync(join(root, 'dist/cli/a.js'))).to.equal(true);
    expect(existsSync(join(root, 'dist/sim/gone.js'))).to.equal(false);
  });
});
