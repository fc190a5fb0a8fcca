/**
 * Consistency of a fixture's element map beyond the schema: 16-bit ranges, no address used by two element
 * types, drives inside the DT range, magazines holding only addresses of their types and each at most once,
 * and the door/IE/PREVENT flags agreeing with what the library has.
 * Spec: docs/smc-reference.md 1.4 (page 1Dh), 1.6 (magazines, IE station, PREVENT), 3 (element maps).
 */
import type { ExpandedFixture, Traced } from './expand-fixture.js';
import type { LibraryFixture } from './fixture-schema.js';
import type { AddressRange, DriveModel, MagazineModel } from './personality.js';
import { ProblemList, foldKey, formatAddress, formatRange, itemName, itemPath } from './problem-list.js';

const LAST_ADDRESS = 0xffff;

type RangeName = 'transport' | 'storage' | 'importExport' | 'dataTransfer';

function contains(range: AddressRange, address: number): boolean {
  return address >= range.first && address < range.first + range.count;
}

function checkRanges(f: LibraryFixture, e: ExpandedFixture, out: ProblemList): void {
  const el = e.personality.elements;
  const ranges: [RangeName, AddressRange][] = [
    ['transport', el.transport],
    ['storage', el.storage],
    ['dataTransfer', el.dataTransfer ?? el.transport],
  ];
  if (e.importExportFirstGiven) ranges.splice(2, 0, ['importExport', el.importExport]);
  else if (el.importExport.count > 0) {
    out.add(
      'elements.importExport.first: expected an element address, but the field is missing (needed when count > 0)',
    );
  }
  for (const [name, range] of ranges) {
    if (range.count > 0 && range.first + range.count - 1 > LAST_ADDRESS) {
      out.add(`elements.${name}: addresses ${formatRange(range)} run past the last element address 65535 (0xFFFF)`);
    }
  }
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const [nameA, a] = ranges[i] as [RangeName, AddressRange];
      const [nameB, b] = ranges[j] as [RangeName, AddressRange];
      const lo = Math.max(a.first, b.first);
      const hi = Math.min(a.first + a.count, b.first + b.count) - 1;
      if (a.count > 0 && b.count > 0 && lo <= hi) {
        const shared = formatRange({ first: lo, count: hi - lo + 1 });
        const what =
          lo === hi
            ? `address ${shared} is also an elements.${nameA} address`
            : `addresses ${shared} are also elements.${nameA} addresses`;
        out.add(`elements.${nameB}: ${what} (an address may belong to one element type only)`);
      }
    }
  }
}

function checkDrives(e: ExpandedFixture, out: ProblemList): void {
  const dt = e.personality.elements.dataTransfer;
  if (dt === undefined) return;
  const byAddress = new Map<number, Traced<DriveModel>>();
  const bySerial = new Map<string, Traced<DriveModel>>();
  for (const d of e.drives) {
    const { address, serial } = d.value;
    if (!contains(dt, address)) {
      out.add(
        `${itemPath(d.origin, d.runIndex, 'address')}: drive address ${formatAddress(address)} is outside elements.dataTransfer (${formatRange(dt)})`,
        foldKey(d.origin, d.runIndex, 'outside'),
      );
    }
    const other = byAddress.get(address);
    if (other !== undefined)
      out.add(
        `${itemPath(d.origin, d.runIndex, 'address')}: address ${formatAddress(address)} already has a drive (${itemName(other.origin, other.runIndex)})`,
        foldKey(d.origin, d.runIndex, 'dup'),
      );
    else byAddress.set(address, d);
    if (serial.length > 32)
      out.add(
        `${itemPath(d.origin, d.runIndex, 'serial')}: serial ${JSON.stringify(serial)} is longer than 32 characters`,
        foldKey(d.origin, d.runIndex, 'long'),
      );
    const twin = bySerial.get(serial);
    if (twin !== undefined)
      out.add(
        `${itemPath(d.origin, d.runIndex, 'serial')}: serial ${JSON.stringify(serial)} is also the serial of ${itemName(twin.origin, twin.runIndex)}`,
        foldKey(d.origin, d.runIndex, 'serial'),
      );
    else bySerial.set(serial, d);
  }
}

function checkMagazineRuns(f: LibraryFixture, out: ProblemList): void {
  (f.magazines ?? []).forEach((entry, i) => {
    if (!('perMagazine' in entry)) {
      if ((entry.storage ?? []).length === 0 && (entry.importExport ?? []).length === 0) {
        out.add(`magazines[${i}]: a magazine needs at least one storage or importExport address`);
      }
      return;
    }
    const given = [entry.storage, entry.importExport].filter((r) => r !== undefined);
    if (given.length !== 1)
      out.add(
        `magazines[${i}]: a run of magazines takes exactly one of "storage" or "importExport", got ${given.length}`,
      );
    const range = given[0];
    if (range !== undefined && range.count % entry.perMagazine !== 0) {
      out.add(
        `magazines[${i}].perMagazine: ${entry.perMagazine} does not divide the ${range.count} addresses of the run`,
      );
    }
  });
}

function checkMagazines(f: LibraryFixture, e: ExpandedFixture, out: ProblemList): void {
  checkMagazineRuns(f, out);
  if (e.magazines.length > 0 && f.pulledMagazineStyle === undefined) {
    out.add(
      'pulledMagazineStyle: expected one of "access-only", "except-3b12", "ed-3b12", "vendor-8302", but the field is missing (required when there are magazines)',
    );
  }
  const el = e.personality.elements;
  const owner = new Map<number, Traced<MagazineModel>>();
  const ids = new Map<string, Traced<MagazineModel>>();
  for (const m of e.magazines) {
    const { id } = m.value;
    const twin = ids.get(id);
    if (twin !== undefined)
      out.add(
        `${itemPath(m.origin, m.runIndex, 'id')}: magazine id ${JSON.stringify(id)} is also the id of ${itemName(twin.origin, twin.runIndex)}`,
        foldKey(m.origin, m.runIndex, 'id'),
      );
    else ids.set(id, m);
    const lists: ['storage' | 'importExport', readonly number[], AddressRange, string][] = [
      ['storage', m.value.storage, el.storage, 'a storage element'],
      ['importExport', m.value.importExport, el.importExport, 'an import/export element'],
    ];
    for (const [field, addresses, range, what] of lists) {
      const known = field === 'storage' || e.importExportFirstGiven || range.count === 0;
      for (const a of addresses) {
        if (known && !contains(range, a)) {
          out.add(
            `${itemPath(m.origin, m.runIndex, field)}: address ${formatAddress(a)} is not ${what} (elements.${field} is ${formatRange(range)})`,
            foldKey(m.origin, m.runIndex, `type-${field}`),
          );
          continue;
        }
        const prev = owner.get(a);
        if (prev !== undefined) {
          const same =
            prev === m
              ? 'is listed twice in this magazine'
              : `is already in magazine ${JSON.stringify(prev.value.id)} (${itemName(prev.origin, prev.runIndex)})`;
          out.add(
            `${itemPath(m.origin, m.runIndex, field)}: address ${formatAddress(a)} ${same}`,
            foldKey(m.origin, m.runIndex, `dup-${field}`),
          );
        } else owner.set(a, m);
      }
    }
  }
}

function checkFlags(f: LibraryFixture, e: ExpandedFixture, out: ProblemList): void {
  if (f.door.present && f.door.openSense === undefined) {
    out.add(
      'door.openSense: expected a sense triple "KK/AA/QQ" in hex, such as "02/04/83", but the field is missing (required when the door is present)',
    );
  }
  if (f.prevent.locksDoor && !f.door.present)
    out.add('prevent.locksDoor: true, but the library has no door (door.present is false)');
  if (f.prevent.locksMagazines && e.magazines.length === 0)
    out.add('prevent.locksMagazines: true, but the fixture has no magazines');
  if (f.elements.importExport.count === 0) {
    for (const key of ['openCommand', 'closeCommand'] as const) {
      if (f.importExport[key])
        out.add(
          `importExport.${key}: true, but the library reports no import/export element (elements.importExport.count is 0)`,
        );
    }
  }
}

/** Checks the element map, drives, magazines and flags; adds problems to `out`. */
export function checkElements(f: LibraryFixture, e: ExpandedFixture, out: ProblemList): void {
  checkRanges(f, e, out);
  checkDrives(e, out);
  checkMagazines(f, e, out);
  checkFlags(f, e, out);
}
