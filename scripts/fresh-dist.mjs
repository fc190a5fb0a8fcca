#!/usr/bin/env node
/**
 * Runs changerbench from the compiled dist/ (no transpiling at start), never from stale code: when a source under
 * the built folders (or a tsconfig) is newer than dist/.build-stamp (written by `npm run build`), or a folder
 * changed (a file was added or deleted), it rebuilds first (`npm run build`: tsc --incremental, so only what
 * changed is compiled) and removes the compiled files whose source is gone, saying so on stderr.
 * `node scripts/fresh-dist.mjs ARGS...` then runs `changerbench ARGS...` in this process;
 * `node scripts/fresh-dist.mjs --stamp` (the build's last step) writes the stamp.
 * Plain JavaScript on purpose: it runs before anything is compiled. Design: docs/toolchain.md "Running from dist/".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/** The folders tsconfig.build.json compiles. */
const BUILT = ['common', 'scsi', 'sim', 'rsm', 'conformance', 'cli'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');

/** Whether tsconfig.build.json compiles this source (specs outside conformance/ are excluded there). */
const compiled = (rel) =>
  rel.endsWith('.ts') && !rel.endsWith('.d.ts') && (rel.startsWith('conformance/') || !rel.endsWith('.spec.ts'));

/** The newest modification time (ms) among the built sources, their folders and the tsconfigs. */
export function newestSource(root = ROOT) {
  let newest = 0;
  const walk = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (compiled(relative(root, full))) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const d of BUILT) if (existsSync(join(root, d))) walk(join(root, d));
  for (const c of CONFIGS) if (existsSync(join(root, c))) newest = Math.max(newest, statSync(join(root, c)).mtimeMs);
  return newest;
}

/** Why dist/ is not up to date, or undefined when it is. */
export function staleness(root = ROOT) {
  const stamp = join(root, 'dist', '.build-stamp');
  if (!existsSync(stamp)) return 'dist/ has not been built (no dist/.build-stamp)';
  return newestSource(root) > statSync(stamp).mtimeMs ? 'sources changed since the last build' : undefined;
}

/** Removes compiled files (.js, .js.map) under dist/ whose source .ts no longer exists; returns them. */
export function removeOrphans(root = ROOT) {
  const removed = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.js(\.map)?$/.test(e.name)) {
        const source = join(root, relative(join(root, 'dist'), full).replace(/\.js(\.map)?$/, '.ts'));
        if (!existsSync(source)) {
          rmSync(full);
          removed.push(relative(root, full));
        }
      }
    }
  };
  for (const d of BUILT) if (existsSync(join(root, 'dist', d))) walk(join(root, 'dist', d));
  return removed;
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--stamp') {
    writeFileSync(STAMP, `built ${new Date().toISOString()}\n`);
    return;
  }
  const why = staleness();
  if (why !== undefined) {
    process.stderr.write(`changerbench: ${why}: rebuilding dist/ (npm run build)\n`);
    try {
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    } catch {
      process.stderr.write("changerbench: the build failed (the compiler's errors are above); nothing was run\n");
      process.exitCode = 2;
      return;
    }
    const gone = removeOrphans();
    if (gone.length > 0)
      process.stderr.write(
        `changerbench: removed ${gone.length} compiled file(s) whose source is gone: ${gone.join(', ')}\n`,
      );
  }
  await import(pathToFileURL(join(DIST, 'cli', 'changerbench.js')).href);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
