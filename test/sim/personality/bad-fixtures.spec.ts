/**
 * Broken fixture files give one exact line per problem, naming the file, the field path and what was
 * expected. Format and checks: sim/personality/fixture-schema.ts, check-*.ts.
 */
import { expect } from 'chai';
import { FixtureError, loadPersonality } from '../../../sim/personality/load-personality.js';
import { type Json, TempFixtures, at, minimalFixture } from './fixture-builder.js';

describe('sim/personality bad fixtures', () => {
  let temp: TempFixtures;
  beforeEach(() => {
    temp = new TempFixtures();
  });
  afterEach(() => temp.remove());

  /** Writes the fixture as bad.json, loads it, and returns [file, problems]. */
  function problemsOf(content: Json | string): { file: string; problems: readonly string[] } {
    const file = temp.write('bad.json', content);
    try {
      loadPersonality(file);
    } catch (e) {
      expect(e).to.be.instanceOf(FixtureError);
      const err = e as FixtureError;
      expect(err.message).to.equal(err.problems.join('\n'));
      expect(err.file).to.equal(file);
      return { file, problems: err.problems };
    }
    throw new Error('expected loadPersonality to throw a FixtureError');
  }

  function broken(edit: (f: Json) => void): Json {
    const f = minimalFixture();
    edit(f);
    return f;
  }

  it('accepts the unbroken test fixture (so each case below fails for its own edit only)', () => {
    const file = temp.write('good.json', minimalFixture());
    const p = loadPersonality(file);
    expect(p.id).to.equal('good');
    expect(p.elements.storage).to.deep.equal({ first: 4096, count: 10 });
  });

  it('wrong type: a string where a count belongs', () => {
    const { file, problems } = problemsOf(broken((f) => (at(f, 'elements.storage').count = 'ten')));
    expect(problems).to.deep.equal([`${file}: elements.storage.count: expected a positive integer, got "ten"`]);
  });

  it('out of range: a negative count', () => {
    const { file, problems } = problemsOf(broken((f) => (at(f, 'elements.storage').count = -3)));
    expect(problems).to.deep.equal([`${file}: elements.storage.count: expected a positive integer, got -3`]);
  });

  it('missing field', () => {
    const { file, problems } = problemsOf(broken((f) => delete at(f, 'inquiry').vendor));
    expect(problems).to.deep.equal([
      `${file}: inquiry.vendor: expected a T10 vendor id of 1-8 printable ASCII characters, but the field is missing`,
    ]);
  });

  it('misspelt field: unknown field and the missing one', () => {
    const { file, problems } = problemsOf(broken((f) => (at(f, 'elements').storage = { first: 4096, cuont: 10 })));
    expect(problems).to.deep.equal([
      `${file}: elements.storage.count: expected a positive integer, but the field is missing`,
      `${file}: elements.storage.cuont: unknown field (expected an address range {"first": address, "count": n})`,
    ]);
  });

  it('malformed hex address and a wrong enum value', () => {
    const { file, problems } = problemsOf(
      broken((f) => {
        at(f, 'elements.dataTransfer').first = '0x1G0';
        f.pulledMagazineStyle = 'ed';
      }),
    );
    expect(problems).to.deep.equal([
      `${file}: elements.dataTransfer.first: expected an element address: an integer 0-65535 or a hex string such as "0x1000", got "0x1G0"`,
      `${file}: pulledMagazineStyle: expected one of "access-only", "except-3b12", "ed-3b12", "vendor-8302", got "ed"`,
    ]);
  });

  it('an inventory entry with a bad location is reported against the entry form it resembles', () => {
    const { file, problems } = problemsOf(
      broken((f) => ((f.inventory as Json[])[0] = { location: 'slot 1', volumeTag: 'A00001L5' })),
    );
    expect(problems).to.deep.equal([
      `${file}: inventory[0].location: expected a location: an element address: an integer 0-65535 or a hex string such as "0x1000", or "hidden:N" for hidden cleaning slot N, got "slot 1"`,
    ]);
  });

  it('duplicate address across element types', () => {
    const { file, problems } = problemsOf(broken((f) => (at(f, 'elements.dataTransfer').first = 4105)));
    expect(problems).to.include(
      `${file}: elements.dataTransfer: address 4105 is also an elements.storage address (an address may belong to one element type only)`,
    );
    expect(problems).to.include(
      `${file}: elements.drives[0].address: drive address 256 (0x0100) is outside elements.dataTransfer (4105)`,
    );
  });

  it('cartridge in a slot that does not exist', () => {
    const { file, problems } = problemsOf(
      broken((f) => ((f.inventory as Json[])[0] = { location: 9999, volumeTag: 'A00001L5' })),
    );
    expect(problems).to.deep.equal([
      `${file}: inventory[0].location: address 9999 (0x270F) is not a storage, import/export or data transfer element`,
    ]);
  });

  it('two cartridges in one slot', () => {
    const { file, problems } = problemsOf(
      broken((f) => (f.inventory as Json[]).push({ location: '0x1000', volumeTag: 'A00002L5' })),
    );
    expect(problems).to.deep.equal([
      `${file}: inventory[2].location: address 4096 (0x1000) already holds "A00001L5" (inventory[0])`,
    ]);
  });

  it('duplicate volume tag', () => {
    const { file, problems } = problemsOf(
      broken((f) => (f.inventory as Json[]).push({ location: 4098, volumeTag: 'A00001L5' })),
    );
    expect(problems).to.deep.equal([
      `${file}: inventory[2].volumeTag: "A00001L5" is also the volume tag of inventory[0]`,
    ]);
  });

  it('magazine holding an address of another element type', () => {
    const { file, problems } = problemsOf(
      broken(
        (f) => ((f.magazines as Json[])[1] = { id: 'right', name: 'Right', storage: [256, { first: 4101, count: 5 }] }),
      ),
    );
    expect(problems).to.deep.equal([
      `${file}: magazines[1].storage: address 256 (0x0100) is not a storage element (elements.storage is 4096-4105)`,
    ]);
  });

  it('address in two magazines', () => {
    const { file, problems } = problemsOf(
      broken(
        (f) => ((f.magazines as Json[])[1] = { id: 'right', name: 'Right', storage: [{ first: 4100, count: 6 }] }),
      ),
    );
    expect(problems).to.deep.equal([
      `${file}: magazines[1].storage: address 4100 (0x1004) is already in magazine "left" (magazines[0])`,
    ]);
  });

  it('hidden slot index out of range', () => {
    const { file, problems } = problemsOf(
      broken((f) => (f.inventory as Json[]).push({ location: 'hidden:1', volumeTag: 'CLN002L1', usesRemaining: 10 })),
    );
    expect(problems).to.deep.equal([
      `${file}: inventory[2].location: "hidden:1" is out of range: hiddenCleaningSlots is 1, so the only one is hidden:0`,
    ]);
  });

  it('data cartridge in a hidden cleaning slot', () => {
    const { file, problems } = problemsOf(
      broken((f) => (f.inventory as Json[]).push({ location: 'hidden:0', volumeTag: 'A00009L5' })),
    );
    expect(problems).to.deep.equal([
      `${file}: inventory[2].kind: a hidden cleaning slot holds only cleaning cartridges, got "data"`,
    ]);
  });

  it('cleaning cartridge without its uses, and a data cartridge with uses', () => {
    const { file, problems } = problemsOf(
      broken((f) => {
        (f.inventory as Json[]).push({ location: 4098, volumeTag: 'CLN002L1' });
        (f.inventory as Json[]).push({ location: 4099, volumeTag: 'A00002L5', usesRemaining: 3 });
      }),
    );
    expect(problems).to.deep.equal([
      `${file}: inventory[2].usesRemaining: a cleaning cartridge needs the number of cleanings left (0-50), but the field is missing`,
      `${file}: inventory[3].usesRemaining: only cleaning cartridges have uses left, and this one is "data"`,
    ]);
  });

  it('numeric field without a source, and a source naming no field', () => {
    const { file, problems } = problemsOf(
      broken((f) => {
        delete (f.sources as Json).hiddenCleaningSlots;
        (f.sources as Json)['elements.storag'] = '[I] typo';
      }),
    );
    expect(problems).to.deep.equal([
      `${file}: hiddenCleaningSlots: 1 has no source: add a "sources" entry for "hiddenCleaningSlots" or for a parent path`,
      `${file}: sources["elements.storag"]: names no field of this file (write paths such as "elements.storage.count" or "inventory[2]")`,
    ]);
  });

  it('citation that is neither a docs/smc-reference.md section nor marked [I]', () => {
    const { file, problems } = problemsOf(broken((f) => ((f.sources as Json).cleaning = 'from memory')));
    expect(problems).to.deep.equal([
      `${file}: sources.cleaning: expected a citation naming a docs/smc-reference.md section (and the manual page), or starting with "[I]" when inferred, got "from memory"`,
    ]);
  });

  it('malformed JSON names its line and column', () => {
    const text = JSON.stringify(minimalFixture(), null, 2).replace('"name": "Test library",', '"name": "Test library"');
    const { file, problems } = problemsOf(text);
    expect(problems).to.deep.equal([
      `${file}:4:3: malformed JSON: expected ',' or '}' after a property value, got "\\""`,
    ]);
  });

  it('duplicate JSON key names its line and column', () => {
    const text = JSON.stringify(minimalFixture(), null, 2).replace(
      '"name": "Test library",',
      '"name": "Test library",\n  "name": "Again",',
    );
    const { file, problems } = problemsOf(text);
    expect(problems).to.deep.equal([`${file}:4:3: malformed JSON: duplicate key "name" in the same object`]);
  });

  it('a wrong run is one folded line, not one per cartridge', () => {
    const { file, problems } = problemsOf(
      broken((f) => (f.inventory as Json[]).push({ from: 4104, count: 5, volumeTag: 'R{n:03}L5' })),
    );
    expect(problems).to.deep.equal([
      `${file}: inventory[2] (item 3 of the run): address 4106 (0x100A) is not a storage, import/export or data transfer element (and 2 more like it in this run)`,
    ]);
  });

  it('flags that contradict the element map', () => {
    const { file, problems } = problemsOf(
      broken((f) => {
        at(f, 'elements.importExport').count = 0;
        at(f, 'magazines.0').importExport = [];
        at(f, 'door').present = false;
        at(f, 'prevent').locksDoor = true;
      }),
    );
    expect(problems).to.deep.equal([
      `${file}: prevent.locksDoor: true, but the library has no door (door.present is false)`,
      `${file}: importExport.openCommand: true, but the library reports no import/export element (elements.importExport.count is 0)`,
    ]);
  });

  it('required-when fields: IE first with a count, door sense with a door, magazine style with magazines', () => {
    const { file, problems } = problemsOf(
      broken((f) => {
        delete at(f, 'elements.importExport').first;
        delete at(f, 'door').openSense;
        delete f.pulledMagazineStyle;
      }),
    );
    expect(problems).to.deep.equal([
      `${file}: sources["door.openSense"]: names no field of this file (write paths such as "elements.storage.count" or "inventory[2]")`,
      `${file}: elements.importExport.first: expected an element address, but the field is missing (needed when count > 0)`,
      `${file}: pulledMagazineStyle: expected one of "access-only", "except-3b12", "ed-3b12", "vendor-8302", but the field is missing (required when there are magazines)`,
      `${file}: door.openSense: expected a sense triple "KK/AA/QQ" in hex, such as "02/04/83", but the field is missing (required when the door is present)`,
    ]);
  });

  it('reports a missing file and, for an id, the known fixtures', () => {
    const missing = `${temp.dir}/nope.json`;
    expect(() => loadPersonality(missing)).to.throw(FixtureError, `${missing}: no such fixture file`);
    temp.write('only-one.json', minimalFixture());
    expect(() => loadPersonality('nope', temp.dir)).to.throw(
      FixtureError,
      /nope\.json: no such fixture file; known fixtures: only-one$/,
    );
  });
});
