/**
 * Finds the bundled fixtures/libraries directory relative to this source file, so that it works both from
 * the .ts sources under tsx (sim/personality/) and from the compiled output (dist/sim/personality/): the
 * nearest ancestor holding both package.json and a fixtures/ folder is the repository root.
 * Design: docs/architecture.md "Top level" (fixtures/ holds the library models).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FixtureError } from './fixture-error.js';

/** The nearest ancestor of `startDir` (itself included) with package.json and fixtures/, or undefined. */
export function findRepositoryRoot(startDir: string): string | undefined {
  let dir = startDir;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'fixtures'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The default library fixtures directory: <repository>/fixtures/libraries. */
export function defaultFixturesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = findRepositoryRoot(here);
  if (root === undefined)
    throw new FixtureError(here, [
      `${here}: cannot find the fixtures directory: no ancestor holds package.json and fixtures/`,
    ]);
  return join(root, 'fixtures', 'libraries');
}
