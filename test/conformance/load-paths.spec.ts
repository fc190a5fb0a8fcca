/**
 * Tests of the path loader: it finds every path file next to the harness, imports it, rejects a file without a
 * returnPath default export, and orders paths for reports. Spec: conformance/harness/load-paths.ts.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPathFiles, loadPathModules, PathFileError } from '../../conformance/harness/load-paths.js';

describe('conformance/harness/load-paths', () => {
  it('loads one return path per *.spec.ts file of conformance/eject-ntms-cleaner, in report order', async () => {
    const files = listPathFiles();
    const modules = await loadPathModules();
    expect(modules).to.have.length(files.length);
    expect(files.length).to.be.greaterThan(20);
    const ids = modules.map((m) => m.path.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids[0]).to.match(/^EjectNtmsCleaner\.(Door|Port)/);
    expect(ids.at(-1)).to.match(/^EjectNtmsCleaner\.Precedence/);
    for (const m of modules) expect(m.file).to.match(/\.spec\.ts$/);
  });

  it('rejects a path file whose default export is not a returnPath', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-paths-'));
    try {
      writeFileSync(join(dir, 'broken.spec.ts'), 'export default { id: "EjectNtmsCleaner.Broken" };\n');
      const err = await loadPathModules(dir).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(PathFileError);
      expect((err as Error).message).to.match(/broken\.spec\.ts: the default export is not a returnPath/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
