/**
 * loadPersonality / parsePersonality / listFixtures: how the fixture format expands into a Personality
 * (hex addresses, ranges, generated runs, defaults with their citations) and how files are found.
 */
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { DEFAULT_TIMING, DEFAULT_TIMING_SOURCE } from '../../../sim/personality/fixture-defaults.js';
import { defaultFixturesDir, findRepositoryRoot } from '../../../sim/personality/fixtures-dir.js';
import {
  FixtureError,
  listFixtures,
  loadPersonality,
  parsePersonality,
} from '../../../sim/personality/load-personality.js';
import { fillTemplate } from '../../../sim/personality/name-template.js';
import { type Json, TempFixtures, at, minimalFixture } from './fixture-builder.js';

describe('sim/personality loadPersonality', () => {
  let temp: TempFixtures;
  beforeEach(() => {
    temp = new TempFixtures();
  });
  afterEach(() => temp.remove());

  it('fills templates: {n} unpadded, {n:0W} zero-padded', () => {
    expect(fillTemplate('A{n:05}L8', 7)).to.equal('A00007L8');
    expect(fillTemplate('Magazine {n}', 12)).to.equal('Magazine 12');
    expect(fillTemplate('X{n:02}', 123)).to.equal('X123');
  });

  it('parses an object directly, naming the file it came from; the id is the base name', () => {
    const p = parsePersonality(minimalFixture(), 'somewhere/my-lib.json');
    expect(p.id).to.equal('my-lib');
    expect(p.file).to.equal('somewhere/my-lib.json');
    expect(() => parsePersonality([], 'x/list.json')).to.throw(
      FixtureError,
      'x/list.json: (top level): expected a library fixture object, got a list',
    );
  });

  it('expands hex addresses, address ranges and sense triples', () => {
    const f = minimalFixture();
    at(f, 'elements').storage = { first: '0x1000', count: 10 };
    at(f, 'importExport').openStationSense = '02/3a/02';
    const p = parsePersonality(f, 'hex.json');
    expect(p.elements.storage).to.deep.equal({ first: 4096, count: 10 });
    expect(p.magazines[0]).to.deep.equal({
      id: 'left',
      name: 'Left',
      storage: [4096, 4097, 4098, 4099, 4100],
      importExport: [16],
    });
    expect(p.importExport.openStationSense).to.deep.equal({ key: 2, asc: 0x3a, ascq: 0x02 });
    expect(p.inquiry.versionDescriptors).to.deep.equal([0x0480]);
    expect(p.elements.dataTransfer).to.deep.equal({ first: 256, count: 1 });
  });

  it('generates runs of cartridges (with stride), drives and magazines', () => {
    const f = minimalFixture();
    f.inventory = [
      { from: 4098, count: 4, stride: 2, volumeTag: 'R{n:03}L5', start: 10 },
      { location: 4097, volumeTag: 'CLN001L1', usesRemaining: 5 },
    ];
    at(f, 'elements').dataTransfer = { first: 256, count: 3 };
    at(f, 'elements').drives = [{ from: 256, count: 3, vendor: 'IBM', product: 'ULT3580-HH5', serial: 'D{n:03}' }];
    f.magazines = [
      { id: 'M{n}', name: 'Magazine {n}', perMagazine: 5, storage: { first: 4096, count: 10 } },
      { id: 'IE', name: 'I/E', importExport: [16] },
    ];
    const p = parsePersonality(f, 'runs.json');
    expect(p.inventory.map((c) => [c.location, c.volumeTag, c.kind])).to.deep.equal([
      [4098, 'R010L5', 'data'],
      [4100, 'R011L5', 'data'],
      [4102, 'R012L5', 'data'],
      [4104, 'R013L5', 'data'],
      [4097, 'CLN001L1', 'cleaning'],
    ]);
    expect(p.inventory[4]?.usesRemaining).to.equal(5);
    expect(p.elements.drives.map((d) => `${d.address}:${d.serial}`)).to.deep.equal([
      '256:D001',
      '257:D002',
      '258:D003',
    ]);
    expect(p.magazines.map((m) => [m.id, m.name, m.storage[0], m.storage.length])).to.deep.equal([
      ['M1', 'Magazine 1', 4096, 5],
      ['M2', 'Magazine 2', 4101, 5],
      ['IE', 'I/E', undefined, 0],
    ]);
  });

  it('fills timing and sense defaults and records their citations', () => {
    const f = minimalFixture();
    f.timing = { moveMs: 1234 };
    delete at(f, 'importExport').openStationSense;
    delete (f.sources as Json)['importExport.openStationSense'];
    (f.sources as Json).timing = '[I] test';
    const p = parsePersonality(f, 'defaults.json');
    expect(p.timing).to.deep.equal({ ...DEFAULT_TIMING, moveMs: 1234 });
    expect(p.sources['timing.moveMs']).to.equal(undefined);
    expect(p.sources['timing.cleaningMs']).to.equal(DEFAULT_TIMING_SOURCE);
    expect(p.importExport.openStationSense).to.deep.equal({ key: 2, asc: 0x3a, ascq: 0x02 });
    expect(p.sources['importExport.openStationSense']).to.match(/^\[I\]/);
  });

  it('derives the cartridge kind from the cleaner prefix when the fixture leaves it out', () => {
    const f = minimalFixture();
    f.inventory = [
      { location: 4097, volumeTag: 'CLN009L1', usesRemaining: 3 },
      { location: 4098, volumeTag: '' },
    ];
    const p = parsePersonality(f, 'kind.json');
    expect(p.inventory.map((c) => c.kind)).to.deep.equal(['cleaning', 'data']);
  });

  it('loads by id from a given directory and by path; names files relative to the working directory', () => {
    temp.write('lib-a.json', minimalFixture());
    expect(loadPersonality('lib-a', temp.dir).id).to.equal('lib-a');
    expect(loadPersonality(join(temp.dir, 'lib-a.json')).file).to.equal(join(temp.dir, 'lib-a.json'));
    const bundled = loadPersonality(join(defaultFixturesDir(), 'ibm-ts3100.json'));
    expect(bundled.file).to.equal(relative(process.cwd(), join(defaultFixturesDir(), 'ibm-ts3100.json')));
  });

  it('lists a directory of fixtures sorted by id, using the id when a file has no readable name', () => {
    temp.write('b.json', minimalFixture());
    temp.write('a.json', '{ not json');
    temp.write('notes.txt', 'ignored');
    expect(listFixtures(temp.dir)).to.deep.equal([
      { id: 'a', name: 'a', file: join(temp.dir, 'a.json') },
      { id: 'b', name: 'Test library', file: join(temp.dir, 'b.json') },
    ]);
  });

  it('finds the repository root from a nested directory, and nothing above the file system root', () => {
    const root = findRepositoryRoot(join(defaultFixturesDir(), '..', '..', 'sim', 'personality'));
    expect(root).to.not.equal(undefined);
    expect(join(root ?? '', 'fixtures', 'libraries')).to.equal(defaultFixturesDir());
    expect(findRepositoryRoot('/')).to.equal(undefined);
  });
});
