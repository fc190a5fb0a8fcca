/**
 * Leaving a library as it was found, through SCSI and the operator only (the same for a simulator and for
 * hardware): the inventory (every element and volume tag) is read before the first test; after each test, and
 * once more at the end, openings left open are closed and pulled magazines put back by the operator, cartridges
 * still inside the library are moved home with MOVE MEDIUM, cartridges the test brought are moved to the I/O
 * station and taken out by the operator (through the door on a library without one), cartridges that left are
 * handed back in the same way, and the inventory is read again: what still differs is reported, never thrown.
 * Spec: SMC-3 6.6 (MOVE MEDIUM), 6.10 (READ ELEMENT STATUS) (docs/smc-reference.md 1.2, 1.3);
 * docs/conformance.md "Leaving the library as found".
 */
import type { ChangerContents, ChangerProbe, ElementReading } from '../observation/changer-probe.js';
import type { LibraryModel } from '../target/library-model.js';
import { doorOpen, importExportOpen, magazinesOf } from '../observation/observe.js';
import { OperatorAbortError, type Operator } from './operator.js';
import type { RestoreOutcome } from '../target/target-session.js';

/** One full element of the recorded inventory. */
export interface RecordedCartridge {
  readonly address: number;
  readonly kind: ElementReading['kind'];
  readonly volumeTag: string;
  readonly cleaning: boolean;
}

/** The inventory the library must be left in. */
export interface Inventory {
  readonly cartridges: readonly RecordedCartridge[];
}

/** The recorded inventory of `c` (transport elements excluded: a cartridge in the hand is never a state to keep). */
export function inventoryOf(c: ChangerContents): Inventory {
  return {
    cartridges: c.elements
      .filter((e) => e.full && e.kind !== 'transport')
      .map((e) => ({ address: e.address, kind: e.kind, volumeTag: e.volumeTag, cleaning: e.cleaning })),
  };
}

/** What differs between `now` and the recorded inventory, one line each (empty when equal). */
export function inventoryDifferences(recorded: Inventory, now: ChangerContents): string[] {
  const out: string[] = [];
  const want = new Map(recorded.cartridges.map((c) => [c.address, c]));
  for (const e of now.elements) {
    if (e.kind === 'transport') continue;
    const w = want.get(e.address);
    const has = e.full ? e.volumeTag || '(no label)' : undefined;
    if ((w?.volumeTag || (w ? '(no label)' : undefined)) === has) continue;
    const home = has && recorded.cartridges.find((c) => c.volumeTag === has);
    out.push(
      `${e.kind} element ${e.address} holds ${has ?? 'nothing'}; at the start it held ${w ? w.volumeTag || '(no label)' : 'nothing'}${home ? ` (${has} belongs in ${home.kind} element ${home.address})` : ''}`,
    );
  }
  for (const c of recorded.cartridges)
    if (!now.find(c.volumeTag) && c.volumeTag)
      out.push(`${c.volumeTag} is missing (at the start in ${c.kind} element ${c.address})`);
  return out;
}

/** Restores one library through its suite nexus. */
export class Restorer {
  private readonly steps: string[] = [];

  constructor(
    private readonly probe: ChangerProbe,
    private readonly operator: Operator | undefined,
    private readonly model: LibraryModel | undefined,
    /** Waits until the changer answers TEST UNIT READY (after an inventory). */
    private readonly whenReady: () => Promise<void>,
  ) {}

  private need(what: string): Operator {
    if (!this.operator) throw new Error(`${what}: no operator can act on this target`);
    return this.operator;
  }

  private async read(): Promise<ChangerContents> {
    await this.whenReady();
    return this.probe.readAll();
  }

  /** Closes what is open and puts back pulled magazines (the operator). */
  private async closeOpenings(): Promise<void> {
    let now = await this.read();
    for (const m of magazinesOf(now, this.model).filter((x) => !x.present)) {
      await this.need(`put magazine ${m.id} back`).insertMagazine(m, { next: 'inventories the magazine' });
      this.steps.push(`operator put magazine ${m.id} back`);
    }
    now = await this.read();
    if (importExportOpen(now, this.model) === true) {
      await this.need('close the I/O station').closeImportExport({ next: 'inventories the I/O station' });
      this.steps.push('operator closed the I/O station');
    }
    if (await doorOpen(this.probe, this.model)) {
      await this.need('close the door').closeDoor({ next: 'inventories after the door closes' });
      this.steps.push('operator closed the door');
    }
  }

  private async move(from: number, to: number, why: string): Promise<void> {
    await this.whenReady();
    await this.probe.move(from, to);
    this.steps.push(`MOVE MEDIUM ${from} -> ${to} (${why})`);
  }

  /** Moves every cartridge still inside the library home, through a free slot where two stand in each other's place. */
  private async moveHome(recorded: Inventory): Promise<void> {
    const homeOf = new Map(recorded.cartridges.filter((c) => c.volumeTag).map((c) => [c.volumeTag, c.address]));
    const recordedAt = new Set(recorded.cartridges.map((c) => c.address));
    for (let pass = 0; pass < 4 * recorded.cartridges.length + 4; pass++) {
      const now = await this.read();
      const misplaced = now.elements.filter(
        (e) => e.full && e.kind !== 'transport' && homeOf.has(e.volumeTag) && homeOf.get(e.volumeTag) !== e.address,
      );
      const movable = misplaced.find((e) => now.at(homeOf.get(e.volumeTag) ?? -1)?.full === false);
      if (movable) {
        await this.move(movable.address, homeOf.get(movable.volumeTag) ?? -1, `${movable.volumeTag} back home`);
        continue;
      }
      const blocked = misplaced[0];
      const spare = now.elements.find((e) => e.kind === 'storage' && !e.full && e.access && !recordedAt.has(e.address));
      if (!blocked || !spare) return;
      const occupant = now.at(homeOf.get(blocked.volumeTag) ?? -1);
      if (!occupant) return;
      await this.move(occupant.address, spare.address, `out of the way of ${blocked.volumeTag}`);
    }
  }

  /** Sends out every cartridge that was not in the library at the start (the test's cleaner). */
  private async sendOutExtras(recorded: Inventory): Promise<void> {
    const tags = new Set(recorded.cartridges.map((c) => c.volumeTag));
    const recordedAt = new Map(recorded.cartridges.map((c) => [c.address, c]));
    for (;;) {
      const now = await this.read();
      const extra = now.elements.find(
        (e) =>
          e.full &&
          e.kind !== 'transport' &&
          !tags.has(e.volumeTag) &&
          recordedAt.get(e.address)?.volumeTag !== e.volumeTag,
      );
      if (!extra) return;
      const op = this.need(
        `take ${extra.volumeTag || 'the unlabelled cartridge'} out of ${extra.kind} element ${extra.address}`,
      );
      const ie = now.elements.filter((e) => e.kind === 'ie');
      if (ie.length > 0) {
        let at = extra.address;
        if (extra.kind !== 'ie') {
          const free = ie.find((e) => !e.full && e.access && !recordedAt.has(e.address));
          if (!free) throw new Error(`no empty I/O station element to send ${extra.volumeTag} out through`);
          await this.move(extra.address, free.address, `${extra.volumeTag} was not in the library at the start`);
          at = free.address;
        }
        await op.openImportExport({ where: `the I/O station, element ${at}` });
        const took = await op.takeFromImportExport(at, {
          volumeTag: extra.volumeTag,
          where: `the I/O station, element ${at}`,
          next: 'is restored to how the suite found it',
        });
        await op.closeImportExport({ next: 'inventories the I/O station' });
        this.steps.push(`operator took ${took} out of IE element ${at}`);
      } else if (this.model?.door.present) {
        await op.openDoor({ where: 'the access door' });
        const took = await op.takeThroughDoor(extra.address, {
          volumeTag: extra.volumeTag,
          where: `element ${extra.address} behind the door`,
        });
        await op.closeDoor({ next: 'inventories after the door closes' });
        this.steps.push(`operator took ${took} out of element ${extra.address} through the door`);
      } else {
        throw new Error(
          `${extra.volumeTag} in ${extra.kind} element ${extra.address} was not there at the start, and the library has neither an I/O station nor a declared door to take it out through`,
        );
      }
    }
  }

  /** Hands back in every recorded cartridge that is no longer in the library. */
  private async bringBackMissing(recorded: Inventory): Promise<void> {
    for (const c of recorded.cartridges) {
      const now = await this.read();
      if (!c.volumeTag || now.find(c.volumeTag)) continue;
      const op = this.need(`bring ${c.volumeTag} back`);
      const cartridge = { volumeTag: c.volumeTag, kind: c.cleaning ? ('cleaning' as const) : ('data' as const) };
      const ie = now.elements.filter((e) => e.kind === 'ie');
      const free = c.kind === 'ie' ? now.at(c.address) : ie.find((e) => !e.full && e.access);
      if (ie.length > 0 && free && !free.full) {
        await op.openImportExport({ where: `the I/O station, element ${free.address}` });
        await op.putIntoImportExport(free.address, cartridge, {
          where: `the I/O station, element ${free.address}`,
          next: `moves it back to ${c.kind} element ${c.address}`,
        });
        await op.closeImportExport({ next: 'inventories the I/O station' });
        this.steps.push(`operator put ${c.volumeTag} into IE element ${free.address}`);
        if (free.address !== c.address) await this.move(free.address, c.address, `${c.volumeTag} back home`);
      } else if (this.model?.door.present) {
        await op.openDoor({ where: 'the access door' });
        await op.putThroughDoor(c.address, cartridge, { where: `element ${c.address} behind the door` });
        await op.closeDoor({ next: 'inventories after the door closes' });
        this.steps.push(`operator put ${c.volumeTag} into element ${c.address} through the door`);
      } else {
        throw new Error(
          `${c.volumeTag} left the library and there is neither a free I/O station element nor a declared door to bring it back through`,
        );
      }
    }
  }

  /** Restores `recorded`; resolves with the steps and what still differs (a step's failure is a problem, not a throw). */
  async restore(recorded: Inventory): Promise<RestoreOutcome> {
    const problems: string[] = [];
    for (const [what, stage] of [
      ['closing the openings', () => this.closeOpenings()],
      ['moving cartridges home', () => this.moveHome(recorded)],
      ['sending out what the test brought', () => this.sendOutExtras(recorded)],
      ['bringing back what left', () => this.bringBackMissing(recorded)],
      ['moving cartridges home', () => this.moveHome(recorded)],
    ] as const) {
      try {
        await stage();
      } catch (e) {
        problems.push(`${what}: ${(e as Error).message}`);
        if (e instanceof OperatorAbortError) throw e;
      }
    }
    try {
      problems.push(...inventoryDifferences(recorded, await this.read()));
    } catch (e) {
      problems.push(`reading the inventory again: ${(e as Error).message}`);
    }
    return { steps: [...this.steps], problems };
  }
}
