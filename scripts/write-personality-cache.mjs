#!/usr/bin/env node
/**
 * A step of `npm run build`, after tsc: writes the cache of the bundled fixtures into
 * dist/sim/personality/bundled/ (sim/personality/write-personality-cache.ts), so that `changerbench status
 * --fixture NAME` starts without loading the fixture schema. A fixture that does not load is named on stderr and
 * left out (loading it reports its problems). Plain JavaScript: it runs the compiled tree.
 * Design: docs/simulator.md "Start-up".
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const { writePersonalityCache } = await import(
  pathToFileURL(join(ROOT, 'dist', 'sim', 'personality', 'write-personality-cache.js')).href
);
const { skipped } = writePersonalityCache(join(ROOT, 'dist', 'sim', 'personality', 'bundled'));
for (const line of skipped) process.stderr.write(`write-personality-cache: not cached: ${line}\n`);
