/**
 * Every bundled fixture loads, expands to the element maps docs/smc-reference.md section 3 gives for the
 * product (spot checks with the cited numbers), and meets what the rest of the project relies on: a
 * cleaning cartridge, several empty storage slots, and a cleaner the RSM scenarios can reach through an
 * IE port or the door.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { listFixtures, loadPersonality } from '../../../sim/personality/load-personality.js';
import type { Personality } from '../../../sim/personality/personality.js';
import { rangeAddresses } from '../../../sim/personality/expand-fixture.js';

const EXPECTED_IDS = [
  'ibm-ts3100',
  'ibm-ts3200',
  'large-library-20k',
  'oracle-sl150',
  'quantum-scalar-i3',
  'quantum-superloader3',
  'spectra-2k',
  'tandberg-magnum-224',
];

function storageAddresses(p: Personality): Set<number> {
  return new Set(rangeAddresses(p.elements.storage));
}

function emptyStorageSlots(p: Personality): number {
  const full = new Set(p.inventory.map((c) => c.location));
  return rangeAddresses(p.elements.storage).filter((a) => !full.has(a)).length;
}

describe('sim/personality bundled fixtures', () => {
  it('lists every bundled fixture with its product name', () => {
    const listed = listFixtures();
    expect(listed.map((f) => f.id)).to.deep.equal(EXPECTED_IDS);
    for (const f of listed) {
      expect(f.file.endsWith(`fixtures/libraries/${f.id}.json`), f.file).to.equal(true);
      expect(f.name).to.equal(loadPersonality(f.id).name);
    }
  });

  for (const id of EXPECTED_IDS) {
    describe(id, () => {
      const p = loadPersonality(id);
      const raw = JSON.parse(readFileSync(listFixtures().find((f) => f.id === id)?.file ?? '', 'utf8')) as Record<
        string,
        unknown
      >;

      it('loads with its id, names its JSON schema, and cites every timing field', () => {
        expect(p.id).to.equal(id);
        expect(raw.$schema).to.equal('../schema/library.schema.json');
        for (const key of Object.keys(p.timing))
          expect(p.sources[`timing.${key}`] ?? p.sources.timing, key).to.match(/\[I\]|docs\/smc-reference\.md/);
      });

      it('has a cleaning cartridge with a CLNxxxL1 / CLNxxxCU tag and uses left', () => {
        const cleaners = p.inventory.filter((c) => c.kind === 'cleaning');
        expect(cleaners.length).to.be.greaterThan(0);
        for (const c of cleaners) {
          expect(c.volumeTag).to.match(/^CLN\d{3}(L1|CU)$/);
          expect(c.usesRemaining).to.be.within(1, p.cleaning.usesPerCartridge);
        }
      });

      it('leaves several storage slots empty (one becomes the RSM cleaner slot)', () => {
        expect(emptyStorageSlots(p)).to.be.at.least(3);
      });

      it('starts with empty drives, the transport empty, and every cartridge in a storage slot or a hidden slot', () => {
        const storage = storageAddresses(p);
        for (const c of p.inventory) {
          if (typeof c.location === 'number')
            expect(storage.has(c.location), `${c.volumeTag} at ${c.location}`).to.equal(true);
          else expect(c.kind).to.equal('cleaning');
        }
      });

      it('lets the RSM cleaner scenarios reach a cleaner through an IE port or the door when it has one', () => {
        const hasPortOrDoor = p.elements.importExport.count > 0 || p.door.present;
        const visibleCleaner = p.inventory.some((c) => c.kind === 'cleaning' && typeof c.location === 'number');
        if (hasPortOrDoor) expect(visibleCleaner).to.equal(true);
        if (p.elements.importExport.count > 0) expect(p.importExport.exEnab).to.equal(true);
      });

      it('has drives filling its DT range (no empty bays in the bundled models)', () => {
        const dt = p.elements.dataTransfer;
        expect(dt).to.not.equal(undefined);
        expect(p.elements.drives.map((d) => d.address)).to.deep.equal(rangeAddresses(dt ?? { first: 0, count: 0 }));
      });
    });
  }

  it('ibm-ts3100 = Dell TL2000: MT 1, ST 4096/23, IE 16 in the left magazine, DT 256, door 02/04/83 (docs/smc-reference.md 3)', () => {
    const p = loadPersonality('ibm-ts3100');
    expect(p.elements.transport).to.deep.equal({ first: 1, count: 1 });
    expect(p.elements.storage).to.deep.equal({ first: 4096, count: 23 });
    expect(p.elements.importExport).to.deep.equal({ first: 16, count: 1 });
    expect(p.elements.drives[0]?.address).to.equal(256);
    expect(p.magazines.map((m) => [m.id, m.importExport, m.storage.length, m.storage[0]])).to.deep.equal([
      ['left', [16], 11, 4096],
      ['right', [], 12, 4107],
    ]);
    expect(p.pulledMagazineStyle).to.equal('ed-3b12');
    expect(p.importExport).to.include({ openCommand: true, closeCommand: false });
    expect(p.door).to.deep.equal({ present: true, openSense: { key: 2, asc: 0x04, ascq: 0x83 } });
    expect(p.prevent).to.include({ locksImportExport: true, locksMagazines: true, blocksOpenFullStation: true });
    expect(p.cleaning.reportCleanerAsc).to.equal(true);
  });

  it('ibm-ts3200 = Dell TL4000: IE 16-18, 4 magazines of 12 positions with the hidden Dedicated Cleaning Slot (docs/smc-reference.md 3, 1.6)', () => {
    const p = loadPersonality('ibm-ts3200');
    expect(p.elements.storage).to.deep.equal({ first: 4096, count: 44 });
    expect(p.elements.importExport).to.deep.equal({ first: 16, count: 3 });
    expect(p.elements.drives.map((d) => d.address)).to.deep.equal([256, 257, 258, 259]);
    expect(p.magazines).to.have.length(4);
    const positions =
      p.magazines.reduce((n, m) => n + m.storage.length + m.importExport.length, 0) + p.hiddenCleaningSlots;
    expect(positions).to.equal(48);
    expect(p.magazines[0]?.importExport).to.deep.equal([16, 17, 18]);
    expect(p.hiddenCleaningSlots).to.equal(1);
    expect(p.inventory.find((c) => c.location === 'hidden:0')).to.include({ kind: 'cleaning', volumeTag: 'CLN002L1' });
    expect(p.elements.storage.first + p.elements.storage.count - 1).to.equal(4139);
  });

  it('quantum-superloader3: MT 0, 16 slots in 2 magazines of 8, no IE element, DT 20h, no door (docs/smc-reference.md 3, 1.6)', () => {
    const p = loadPersonality('quantum-superloader3');
    expect(p.elements.transport.first).to.equal(0);
    expect(p.elements.storage.count).to.equal(16);
    expect(p.elements.importExport.count).to.equal(0);
    expect(p.elements.drives.map((d) => d.address)).to.deep.equal([0x20]);
    expect(p.magazines.map((m) => m.storage.length)).to.deep.equal([8, 8]);
    expect(p.pulledMagazineStyle).to.equal('access-only');
    expect(p.door.present).to.equal(false);
    expect(p.prevent.locksMagazines).to.equal(true);
    expect(p.capabilities.modeSelectElementAddress).to.equal(false);
  });

  it('quantum-scalar-i3: hex family (MT 1, IE 10h, DT 100h, ST 1000h), IE in a removable magazine, except-3b12, door', () => {
    const p = loadPersonality('quantum-scalar-i3');
    expect([
      p.elements.transport.first,
      p.elements.importExport.first,
      p.elements.drives[0]?.address,
      p.elements.storage.first,
    ]).to.deep.equal([0x1, 0x10, 0x100, 0x1000]);
    const ieMagazine = p.magazines.find((m) => m.importExport.length > 0);
    expect(ieMagazine?.importExport).to.deep.equal(rangeAddresses(p.elements.importExport));
    expect(p.pulledMagazineStyle).to.equal('except-3b12');
    expect(p.door.present).to.equal(true);
  });

  it('oracle-sl150: MT 0, ST 1000.., 4-slot mailslot at 10, DT 500.., 02/3A/02, hidden reserved slots (docs/smc-reference.md 3)', () => {
    const p = loadPersonality('oracle-sl150');
    expect(p.elements.transport).to.deep.equal({ first: 0, count: 1 });
    expect(p.elements.storage.first).to.equal(1000);
    expect(p.elements.importExport).to.deep.equal({ first: 10, count: 4 });
    expect(p.elements.drives[0]?.address).to.equal(500);
    expect(p.importExport.openStationSense).to.deep.equal({ key: 2, asc: 0x3a, ascq: 0x02 });
    expect(p.hiddenCleaningSlots).to.be.within(1, 3);
    expect(p.elements.storage.count + p.hiddenCleaningSlots).to.equal(30);
    expect(p.magazines).to.deep.equal([]);
    expect(p.capabilities.modeSelectElementAddress).to.equal(false);
  });

  it('tandberg-magnum-224: MT 97, ST 1/23 with the I/E port enabled, IE 113, DT 81, door 02/04/83 (docs/smc-reference.md 3)', () => {
    const p = loadPersonality('tandberg-magnum-224');
    expect(p.elements.transport.first).to.equal(97);
    expect(p.elements.storage).to.deep.equal({ first: 1, count: 23 });
    expect(p.elements.importExport).to.deep.equal({ first: 113, count: 1 });
    expect(p.elements.drives[0]?.address).to.equal(81);
    expect(p.door.openSense).to.deep.equal({ key: 2, asc: 0x04, ascq: 0x83 });
    expect(p.capabilities.modeSelectElementAddress).to.equal(true);
    expect(p.inventory.find((c) => c.location === 2)?.kind).to.equal('cleaning');
  });

  it('spectra-2k: 30 slots, 1-2 drives, an access door with 02/04/83 and no IE element (docs/smc-reference.md 3): the door-only case', () => {
    const p = loadPersonality('spectra-2k');
    expect(p.elements.storage.count).to.equal(30);
    expect(p.elements.drives.length).to.be.within(1, 2);
    expect(p.elements.importExport.count).to.equal(0);
    expect(p.door).to.deep.equal({ present: true, openSense: { key: 2, asc: 0x04, ascq: 0x83 } });
    expect(p.prevent.locksDoor).to.equal(true);
    expect(p.inventory.filter((c) => c.kind === 'cleaning')).to.have.length(1);
  });

  it('large-library-20k: >= 20,000 slots, >= 40 drives, magazines, IE ports, a door, about half full, all synthetic', () => {
    const p = loadPersonality('large-library-20k');
    expect(p.elements.storage.count).to.be.at.least(20000);
    expect(p.elements.drives.length).to.be.at.least(40);
    expect(new Set(p.elements.drives.map((d) => d.serial)).size).to.equal(p.elements.drives.length);
    expect(p.elements.importExport.count).to.be.greaterThan(0);
    expect(p.door.present).to.equal(true);
    const inMagazines = p.magazines.reduce((n, m) => n + m.storage.length, 0);
    expect(inMagazines).to.equal(p.elements.storage.count);
    const filled = p.inventory.filter((c) => typeof c.location === 'number').length;
    expect(filled / p.elements.storage.count).to.be.within(0.45, 0.55);
    expect([
      p.elements.transport.first,
      p.elements.importExport.first,
      p.elements.drives[0]?.address,
      p.elements.storage.first,
    ]).to.deep.equal([1, 16, 256, 4096]);
    for (const [key, citation] of Object.entries(p.sources)) {
      if (!key.startsWith('timing.')) expect(citation, key).to.match(/^\[I\] synthetic/);
    }
  });
});
