/**
 * Consistency of a fixture's starting inventory: every cartridge sits in an element that exists (storage,
 * import/export, data transfer, or a hidden cleaning slot below hiddenCleaningSlots), one cartridge per
 * location, volume tags unique, cleaning cartridges carry their remaining uses.
 * Spec: docs/smc-reference.md 1.6 "Cleaning cartridges / cleaning slots", 5.7 (hidden cleaning slots).
 */
import type { ExpandedFixture, TracedCartridge } from './expand-fixture.js';
import type { LibraryFixture } from './fixture-schema.js';
import type { AddressRange } from './personality.js';
import { ProblemList, foldKey, formatAddress, itemName, itemPath } from './problem-list.js';

function contains(range: AddressRange, address: number): boolean {
  return address >= range.first && address < range.first + range.count;
}

function describeLocation(location: number | string): string {
  return typeof location === 'number' ? `address ${formatAddress(location)}` : JSON.stringify(location);
}

function checkLocation(c: TracedCartridge, e: ExpandedFixture, out: ProblemList): boolean {
  const { location, kind } = c.value;
  const at = itemPath(c.origin, c.runIndex, 'location');
  if (typeof location === 'string') {
    const n = Number(location.slice('hidden:'.length));
    const slots = e.personality.hiddenCleaningSlots;
    if (n >= slots) {
      const hint =
        slots === 0
          ? 'the fixture has no hidden cleaning slots (hiddenCleaningSlots is 0)'
          : slots === 1
            ? 'hiddenCleaningSlots is 1, so the only one is hidden:0'
            : `hiddenCleaningSlots is ${slots}, so use hidden:0 to hidden:${slots - 1}`;
      out.add(`${at}: ${JSON.stringify(location)} is out of range: ${hint}`);
      return false;
    }
    if (kind !== 'cleaning')
      out.add(
        `${itemPath(c.origin, c.runIndex, 'kind')}: a hidden cleaning slot holds only cleaning cartridges, got "${kind}"`,
      );
    return true;
  }
  const el = e.personality.elements;
  const dt = el.dataTransfer ?? el.transport;
  // With the IE range's first address missing (reported elsewhere), an address outside ST and DT may be an IE one.
  const ieKnown = e.importExportFirstGiven || el.importExport.count === 0;
  const isIe = ieKnown ? contains(el.importExport, location) : true;
  if (!contains(el.storage, location) && !isIe && !contains(dt, location)) {
    out.add(
      `${at}: address ${formatAddress(location)} is not a storage, import/export or data transfer element`,
      foldKey(c.origin, c.runIndex, 'missing'),
    );
    return false;
  }
  return true;
}

function checkCleaning(c: TracedCartridge, f: LibraryFixture, out: ProblemList): void {
  const { kind, volumeTag } = c.value;
  const prefix = f.cleaning.cleanerPrefix;
  const uses = itemPath(c.origin, c.runIndex, 'usesRemaining');
  if (kind === 'cleaning') {
    const max = f.cleaning.usesPerCartridge;
    const given = c.value.usesRemaining ?? 0;
    if (!c.usesGiven)
      out.add(
        `${uses}: a cleaning cartridge needs the number of cleanings left (0-${max}), but the field is missing`,
        foldKey(c.origin, c.runIndex, 'uses'),
      );
    else if (given > max)
      out.add(
        `${uses}: expected at most cleaning.usesPerCartridge (${max}), got ${given}`,
        foldKey(c.origin, c.runIndex, 'uses'),
      );
    return;
  }
  if (c.usesGiven)
    out.add(
      `${uses}: only cleaning cartridges have uses left, and this one is "data"`,
      foldKey(c.origin, c.runIndex, 'uses'),
    );
  if (c.kindGiven && volumeTag !== '' && volumeTag.startsWith(prefix)) {
    out.add(
      `${itemPath(c.origin, c.runIndex, 'kind')}: volume tag ${JSON.stringify(volumeTag)} starts with the cleaner prefix ${JSON.stringify(prefix)}, so the library treats it as a cleaning cartridge; got "data"`,
      foldKey(c.origin, c.runIndex, 'kind'),
    );
  }
}

/** Checks the starting inventory; adds problems to `out`. */
export function checkInventory(f: LibraryFixture, e: ExpandedFixture, out: ProblemList): void {
  const holder = new Map<number | string, TracedCartridge>();
  const tags = new Map<string, TracedCartridge>();
  for (const c of e.inventory) {
    const { location, volumeTag } = c.value;
    if (checkLocation(c, e, out)) {
      const prev = holder.get(location);
      if (prev !== undefined) {
        out.add(
          `${itemPath(c.origin, c.runIndex, 'location')}: ${describeLocation(location)} already holds ${JSON.stringify(prev.value.volumeTag)} (${itemName(prev.origin, prev.runIndex)})`,
          foldKey(c.origin, c.runIndex, 'full'),
        );
      } else holder.set(location, c);
    }
    if (volumeTag.length > 32)
      out.add(
        `${itemPath(c.origin, c.runIndex, 'volumeTag')}: generated volume tag ${JSON.stringify(volumeTag)} is longer than 32 characters`,
        foldKey(c.origin, c.runIndex, 'long'),
      );
    if (volumeTag !== '') {
      const twin = tags.get(volumeTag);
      if (twin !== undefined) {
        out.add(
          `${itemPath(c.origin, c.runIndex, 'volumeTag')}: ${JSON.stringify(volumeTag)} is also the volume tag of ${itemName(twin.origin, twin.runIndex)}`,
          foldKey(c.origin, c.runIndex, 'tag'),
        );
      } else tags.set(volumeTag, c);
    }
    checkCleaning(c, f, out);
  }
}
