/**
 * More broken fixtures, around generated runs, drives, magazines and the 16-bit address space: each gives
 * one exact line per problem. Checks: sim/personality/check-elements.ts, check-inventory.ts.
 */
import { expect } from 'chai';
import { FixtureError, parsePersonality } from '../../../sim/personality/load-personality.js';
import { type Json, at, minimalFixture } from './fixture-builder.js';

const FILE = 'fixtures/libraries/bad.json';

function problemsOf(edit: (f: Json) => void): readonly string[] {
  const f = minimalFixture();
  edit(f);
  try {
    parsePersonality(f, FILE);
  } catch (e) {
    expect(e).to.be.instanceOf(FixtureError);
    return (e as FixtureError).problems;
  }
  throw new Error('expected parsePersonality to throw a FixtureError');
}

describe('sim/personality bad fixtures: runs, drives, magazines', () => {
  it('range running past the last 16-bit address', () => {
    expect(problemsOf((f) => (at(f, 'elements').storage = { first: 65530, count: 10 }))).to.include(
      `${FILE}: elements.storage: addresses 65530-65539 run past the last element address 65535 (0xFFFF)`,
    );
  });

  it('count above 65536 is refused by the schema', () => {
    expect(problemsOf((f) => (at(f, 'elements.storage').count = 70000))).to.deep.equal([
      `${FILE}: elements.storage.count: expected at most 65536 (element addresses are 16-bit), got 70000`,
    ]);
  });

  it('drive outside the DT range, duplicate drive address and serial', () => {
    const problems = problemsOf((f) => {
      at(f, 'elements').drives = [
        { address: 256, vendor: 'IBM', product: 'P', serial: 'S1' },
        { address: 256, vendor: 'IBM', product: 'P', serial: 'S1' },
        { address: 300, vendor: 'IBM', product: 'P', serial: 'S2' },
      ];
    });
    expect(problems).to.deep.equal([
      `${FILE}: elements.drives[1].address: address 256 (0x0100) already has a drive (elements.drives[0])`,
      `${FILE}: elements.drives[1].serial: serial "S1" is also the serial of elements.drives[0]`,
      `${FILE}: elements.drives[2].address: drive address 300 (0x012C) is outside elements.dataTransfer (256)`,
    ]);
  });

  it('run of magazines: size not dividing the range, duplicate ids, both kinds of range', () => {
    const problems = problemsOf((f) => {
      f.magazines = [
        { id: 'M', name: 'M{n}', perMagazine: 3, storage: { first: 4096, count: 10 } },
        {
          id: 'IE{n}',
          name: 'IE',
          perMagazine: 1,
          storage: { first: 4096, count: 1 },
          importExport: { first: 16, count: 1 },
        },
      ];
    });
    expect(problems).to.deep.equal([
      `${FILE}: magazines[0].id: expected a magazine id template with one placeholder {n} or {n:0W}, such as "A{n:05}L8", got "M"`,
    ]);
    const more = problemsOf((f) => {
      f.magazines = [
        { id: 'M{n}', name: 'M{n}', perMagazine: 3, storage: { first: 4096, count: 10 } },
        {
          id: 'M{n}',
          name: 'IE',
          perMagazine: 1,
          storage: { first: 4105, count: 1 },
          importExport: { first: 16, count: 1 },
        },
      ];
    });
    expect(more).to.deep.equal([
      `${FILE}: magazines[0].perMagazine: 3 does not divide the 10 addresses of the run`,
      `${FILE}: magazines[1]: a run of magazines takes exactly one of "storage" or "importExport", got 2`,
      `${FILE}: magazines[1] (item 1 of the run): magazine id "M1" is also the id of magazines[0] item 1`,
      `${FILE}: magazines[1] (item 1 of the run): address 4105 (0x1009) is already in magazine "M4" (magazines[0] item 4)`,
    ]);
  });

  it('data kind on a tag with the cleaner prefix, too many uses, too long a generated tag', () => {
    const problems = problemsOf((f) => {
      f.inventory = [
        { location: 4096, volumeTag: 'CLN001L1', kind: 'data' },
        { location: 4097, volumeTag: 'CLN002L1', usesRemaining: 51 },
        { from: 4098, count: 2, volumeTag: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345{n}' },
      ];
    });
    expect(problems).to.deep.equal([
      `${FILE}: inventory[0].kind: volume tag "CLN001L1" starts with the cleaner prefix "CLN", so the library treats it as a cleaning cartridge; got "data"`,
      `${FILE}: inventory[1].usesRemaining: expected at most cleaning.usesPerCartridge (50), got 51`,
      `${FILE}: inventory[2] (item 1 of the run): generated volume tag "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123451" is longer than 32 characters (and 1 more like it in this run)`,
    ]);
  });

  it('a run colliding with explicit cartridges names both', () => {
    const problems = problemsOf((f) => (f.inventory as Json[]).push({ from: 4096, count: 3, volumeTag: 'A{n:05}L5' }));
    expect(problems).to.deep.equal([
      `${FILE}: inventory[2] (item 1 of the run): address 4096 (0x1000) already holds "A00001L5" (inventory[0]) (and 1 more like it in this run)`,
      `${FILE}: inventory[2] (item 1 of the run): "A00001L5" is also the volume tag of inventory[0]`,
    ]);
  });

  it('many problems in one file are all reported', () => {
    const problems = problemsOf((f) => {
      at(f, 'inquiry').vendor = 'TOO-LONG-VENDOR';
      at(f, 'inquiry').naa = '1234';
      at(f, 'cleaning').usesPerCartridge = 0;
      at(f, 'door').openSense = '2/4/83';
    });
    expect(problems).to.deep.equal([
      `${FILE}: inquiry.vendor: expected a T10 vendor id of 1-8 printable ASCII characters, got "TOO-LONG-VENDOR"`,
      `${FILE}: inquiry.naa: expected an NAA identifier: 16 hex digits starting with 5, or 32 starting with 6, got "1234"`,
      `${FILE}: door.openSense: expected a sense triple "KK/AA/QQ" in hex, such as "02/04/83", got "2/4/83"`,
      `${FILE}: cleaning.usesPerCartridge: expected a positive integer, got 0`,
    ]);
  });
});
