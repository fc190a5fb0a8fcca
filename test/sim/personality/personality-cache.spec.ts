/**
 * The build-time cache of the bundled fixtures (sim/personality/personality-cache.ts, write-personality-cache.ts,
 * open-personality.ts): a hit gives exactly what the loader gives, and only a file that reads as the cached text
 * hits; anything else is loaded in full, with the loader's messages.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { defaultFixturesDir } from '../../../sim/personality/fixtures-dir.js';
import { type FixtureError, loadPersonality, parsePersonality } from '../../../sim/personality/load-personality.js';
import { openPersonality } from '../../../sim/personality/open-personality.js';
import {
  cachedPersonality,
  decodePersonality,
  defaultLoaderDir,
  loaderDigest,
  encodePersonality,
  readCacheEntry,
} from '../../../sim/personality/personality-cache.js';
import { writePersonalityCache } from '../../../sim/personality/write-personality-cache.js';
import type { Personality } from '../../../sim/personality/personality.js';
import { minimalFixture } from './fixture-builder.js';

/** JSON with undefined-valued properties shown, so that key presence and key order are compared too. */
const exact = (p: Personality): string => JSON.stringify(p, (_k, v: unknown) => (v === undefined ? '<undefined>' : v));

const BUNDLED = readdirSync(defaultFixturesDir())
  .filter((n) => n.endsWith('.json'))
  .map((n) => n.replace(/\.json$/, ''))
  .sort();

describe('sim/personality build-time cache of the bundled fixtures', () => {
  let dir: string;
  let cacheDir: string;
  let fixturesDir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-personality-cache-'));
    cacheDir = join(dir, 'cache');
    fixturesDir = join(dir, 'fixtures');
    cpSync(defaultFixturesDir(), fixturesDir, { recursive: true });
    const { written, skipped } = writePersonalityCache(cacheDir);
    expect(skipped).to.deep.equal([]);
    expect(written).to.deep.equal(BUNDLED);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives, for every bundled fixture by id, the very value the loader gives (keys, their order, undefined ones)', () => {
    for (const id of BUNDLED) {
      const loaded = loadPersonality(id);
      const cached = cachedPersonality(id, { cacheDir });
      expect(cached, id).to.not.equal(undefined);
      expect(cached, id).to.deep.equal(loaded);
      expect(exact(cached as Personality), id).to.equal(exact(loaded));
    }
    // the one property a fixture may leave undefined is there, as the loader leaves it
    const ts3100 = cachedPersonality('ibm-ts3100', { cacheDir });
    expect(Object.keys(ts3100?.capabilities ?? {})).to.include('persistentReservation');
  });

  it('names the file as the loader does, for an id, a relative path and an absolute path', () => {
    const absolute = join(defaultFixturesDir(), 'oracle-sl150.json');
    for (const arg of ['oracle-sl150', relative(process.cwd(), absolute), absolute])
      expect(cachedPersonality(arg, { cacheDir })?.file, arg).to.equal(loadPersonality(arg).file);
  });

  it('misses when the file reads otherwise than the cached text: an edited bundled fixture is loaded in full', async () => {
    const file = join(fixturesDir, 'ibm-ts3100.json');
    const edited = JSON.parse(readFileSync(file, 'utf8')) as { name: string };
    edited.name = 'Edited after the build';
    writeFileSync(file, JSON.stringify(edited, null, 2));
    expect(cachedPersonality('ibm-ts3100', { cacheDir, fixturesDir })).to.equal(undefined);
    expect((await openPersonality('ibm-ts3100', { cacheDir, fixturesDir })).name).to.equal('Edited after the build');
    // even white space counts: the text is compared whole
    writeFileSync(file, `${readFileSync(join(defaultFixturesDir(), 'ibm-ts3100.json'), 'utf8')} `);
    expect(cachedPersonality('ibm-ts3100', { cacheDir, fixturesDir })).to.equal(undefined);
  });

  it('a broken file under a bundled id gets the loader message naming the file, field and expectation', async () => {
    const bad = minimalFixture();
    (bad['elements'] as { storage: { count: number } }).storage.count = -3;
    const file = join(fixturesDir, 'ibm-ts3200.json');
    writeFileSync(file, JSON.stringify(bad));
    const expected = (() => {
      try {
        loadPersonality(file);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('the broken fixture loaded');
    })();
    expect(expected).to.match(/ibm-ts3200\.json: elements\.storage\.count: expected a positive integer, got -3/);
    let error: unknown;
    await openPersonality('ibm-ts3200', { cacheDir, fixturesDir }).catch((e: unknown) => (error = e));
    // by name: the loader openPersonality imports on demand may be another copy of the module than this spec's
    // (mocha loads specs through require, a dynamic import goes through the ES loader)
    expect((error as Error).name).to.equal('FixtureError');
    expect((error as FixtureError).problems).to.deep.equal(expected.split('\n'));
    expect((error as Error).message).to.equal(expected);
  });

  it('a missing fixture gets the loader FixtureNotFoundError listing the known ones', async () => {
    let error: unknown;
    await openPersonality('no-such-library', { cacheDir }).catch((e: unknown) => (error = e));
    expect((error as Error).name).to.equal('FixtureNotFoundError');
    expect((error as Error).message).to.match(
      /no-such-library\.json: no such fixture file; known fixtures: ibm-ts3100/,
    );
  });

  it('uses no entry of another format version, and none when there is no cache', () => {
    const entry = JSON.parse(readFileSync(join(cacheDir, 'spectra-2k.json'), 'utf8')) as { version: number };
    const other = join(dir, 'other-cache');
    cpSync(cacheDir, other, { recursive: true });
    writeFileSync(join(other, 'spectra-2k.json'), JSON.stringify({ ...entry, version: entry.version + 1 }));
    expect(readCacheEntry(other, 'spectra-2k')).to.equal(undefined);
    expect(cachedPersonality('spectra-2k', { cacheDir: other })).to.equal(undefined);
    expect(cachedPersonality('spectra-2k', { cacheDir: join(dir, 'none') })).to.equal(undefined);
  });

  it('leaves out a fixture that does not load, naming it, and writes the others', () => {
    const mixed = join(dir, 'mixed');
    cpSync(join(defaultFixturesDir(), 'spectra-2k.json'), join(mixed, 'spectra-2k.json'));
    writeFileSync(join(mixed, 'broken.json'), '{ "name": ');
    const result = writePersonalityCache(join(dir, 'mixed-cache'), mixed);
    expect(result.written).to.deep.equal(['spectra-2k']);
    expect(result.skipped).to.have.length(1);
    expect(result.skipped[0]).to.match(/^broken: does not load \(.*broken\.json:1:\d+: malformed JSON/);
  });

  it('keeps a property whose value is undefined through JSON, in its place', () => {
    const p = parsePersonality(minimalFixture(), 'somewhere/test-lib.json'); // says nothing of persistent reservations
    expect(p.capabilities.persistentReservation).to.equal(undefined);
    const back = decodePersonality(JSON.parse(JSON.stringify(encodePersonality(p))), p.file);
    expect(Object.keys(back.capabilities)).to.deep.equal(Object.keys(p.capabilities));
    expect(back.capabilities.persistentReservation).to.equal(undefined);
    expect(exact(back)).to.equal(exact(p));
    expect(back.file).to.equal('somewhere/test-lib.json');
  });
  it('uses an entry only with the loader that wrote it (a loader compiled, or a zod installed, since the build)', async () => {
    // the same modules copied elsewhere (a clone, a copy of dist/, new modification times): the entry is used
    const loaderDir = join(dir, 'loader');
    cpSync(defaultLoaderDir(), loaderDir, { recursive: true });
    expect(loaderDigest(loaderDir)).to.equal(loaderDigest(defaultLoaderDir()));
    expect(cachedPersonality('ibm-ts3100', { cacheDir, loaderDir })).to.deep.equal(loadPersonality('ibm-ts3100'));
    // a module of a subfolder changed since the cache was written: the entry is not used
    const changed = join(dir, 'loader-changed');
    cpSync(defaultLoaderDir(), changed, { recursive: true });
    mkdirSync(join(changed, 'mhvtl'), { recursive: true });
    writeFileSync(join(changed, 'mhvtl', 'added.ts'), 'export const x = 1;\n');
    expect(cachedPersonality('ibm-ts3100', { cacheDir, loaderDir: changed })).to.equal(undefined);
    // another zod, or a folder that cannot be read, gives another digest
    expect(loaderDigest(loaderDir, '3.0.0')).to.not.equal(loaderDigest(loaderDir, '3.0.1'));
    expect(loaderDigest(join(dir, 'no-such-folder'))).to.equal('unreadable');
    // and the full loader still gives the fixture
    expect((await openPersonality('ibm-ts3100')).id).to.equal('ibm-ts3100');
  });
});
