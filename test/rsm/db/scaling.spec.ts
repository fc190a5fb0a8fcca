/**
 * The model's cost on a large library, counted rather than timed (timings fail at random on shared machines):
 * discovery looks each element up once and never scans the slot or cartridge tables per element; a commit hands
 * its store only the records it changed, and the in-memory store serialises nothing; a call's D4 refresh reads
 * one element of the changer, not the library. Spec: docs/rsm-semantics.md D4 ("one READ ELEMENT STATUS of the
 * slot"); docs/rsm-model.md "Discovery and the database", "Persistence".
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { guidRef, MemoryDbStore, RsmService, seededRandomSource, type DbBatch } from '../../../rsm/index.js';
import { RsmDatabase } from '../../../rsm/db/database.js';
import { Table } from '../../../rsm/db/table.js';
import { decodeReadElementStatusCdb, Opcode } from '../../../scsi/codec/index.js';
import { VirtualClock } from '../../../common/clock/clock.js';
import type { ScsiCommand } from '../../../scsi/transport/scsi-transport.js';
import { FakeChanger } from '../support/fake-changer.js';
import { FakeLibrary } from '../support/fake-library.js';

const SLOTS = 1000;
const FIRST = 4096;

/** A memory store that records what each commit handed it, and whether anything asked for the whole database. */
class RecordingStore extends MemoryDbStore {
  readonly batches: DbBatch[] = [];
  wholeCalls = 0;

  override async save(batch: DbBatch): Promise<void> {
    this.batches.push(batch);
    await super.save({ ...batch, whole: () => (this.wholeCalls++, batch.whole()) });
  }
}

/** A 1,000-slot library, every other slot holding a labelled data cartridge. */
function bigLibrary(): FakeLibrary {
  const fake = new FakeLibrary({ storage: { first: FIRST, count: SLOTS } });
  for (let i = 1; i < SLOTS; i += 2) fake.place(FIRST + i, `D${String(i).padStart(5, '0')}L6`);
  return fake;
}

/** The READ ELEMENT STATUS commands among `calls` as (element type, first address, number of elements). */
function elementReads(calls: readonly sinon.SinonSpyCall[]): { type: number; first: number; count: number }[] {
  return calls.flatMap((c) => {
    const cmd = c.args[0] as ScsiCommand;
    if (cmd.cdb[0] !== Opcode.READ_ELEMENT_STATUS) return [];
    const d = decodeReadElementStatusCdb(cmd.cdb);
    return d.ok ? [{ type: d.value.elementType, first: d.value.startingAddress, count: d.value.numberOfElements }] : [];
  });
}

describe('rsm model scaling (counted, not timed)', () => {
  afterEach(() => sinon.restore());

  it('discovers a 1,000-slot library looking each element up once, without scanning the slot or cartridge tables', async () => {
    const clock = new VirtualClock();
    const changer = new FakeChanger(bigLibrary());
    const service = new RsmService({ clock, random: seededRandomSource(1), store: new MemoryDbStore() });
    await service.start();
    const slotAt = sinon.spy(RsmDatabase.prototype, 'slotAt');
    const slotsOf = sinon.spy(RsmDatabase.prototype, 'slotsOf');
    const cartridgesOf = sinon.spy(RsmDatabase.prototype, 'cartridgesOf');
    const scans = sinon.spy(Table.prototype, 'values');
    const libraryId = await service.attachChanger(changer);
    // The list of every slot (the old code filtered and sorted all of them once per element) and the scan of
    // every cartridge (twice per full element) are not used per element any more.
    expect(slotsOf.callCount).to.be.at.most(2);
    expect(cartridgesOf.callCount).to.equal(0);
    expect(service.inspect.library(libraryId)?.slots).to.have.length(SLOTS);
    expect(service.inspect.cartridges(libraryId)).to.have.length(SLOTS / 2);
    // One look-up per storage descriptor read.
    expect(slotAt.callCount).to.equal(SLOTS);
    const tableScans = scans.thisValues.filter(
      (t) => (t as Table<object>).name === 'slots' || (t as Table<object>).name === 'cartridges',
    );
    // The inspector's cartridges() above is the one scan of the cartridges; discovery made none.
    expect(tableScans).to.have.length(1);
  });

  it('hands the store only the records a commit changed; the in-memory store never serialises', async () => {
    const clock = new VirtualClock();
    const fake = bigLibrary();
    const store = new RecordingStore();
    const service = new RsmService({ clock, random: seededRandomSource(1), store });
    await service.start();
    const libraryId = await service.attachChanger(new FakeChanger(fake));
    const discovery = store.batches.at(-1);
    expect(discovery?.put.slots).to.have.length(SLOTS);
    const { handle } = await service.openNtmsSession(null, 'test', 0);
    const slot = service.inspect.library(libraryId)?.slots.find((s) => s.address === FIRST)?.id ?? '';
    const stringify = sinon.spy(JSON, 'stringify');
    const before = store.batches.length;
    expect(await service.reserveNtmsCleanerSlot(handle, guidRef(libraryId), guidRef(slot))).to.equal(0);
    fake.place(FIRST, 'CLN001', true);
    const op = guidRef();
    expect(await service.ejectNtmsCleaner(handle, guidRef(libraryId), op, 0)).to.equal(0);
    stringify.restore();
    const commits = store.batches.slice(before);
    expect(commits.length).to.be.greaterThan(0);
    // Reserve: the library record; the START: its refresh (slot, new cleaner record, library) and the request.
    const records = commits.map((b) => Object.values(b.put).reduce((n, rows) => n + (rows?.length ?? 0), 0));
    expect(Math.max(...records)).to.be.at.most(5);
    expect(commits[0]?.put).to.have.keys(['libraries']);
    expect(store.wholeCalls).to.equal(0);
    expect(stringify.callCount).to.equal(0);
  });

  it('refreshes only the reserved slot at a call (D4): one READ ELEMENT STATUS of one element, never the library', async () => {
    const clock = new VirtualClock();
    const fake = bigLibrary();
    const changer = new FakeChanger(fake);
    const service = new RsmService({ clock, random: seededRandomSource(1), store: new MemoryDbStore() });
    await service.start();
    const libraryId = await service.attachChanger(changer);
    const { handle } = await service.openNtmsSession(null, 'test', 0);
    const slot = service.inspect.library(libraryId)?.slots.find((s) => s.address === FIRST)?.id ?? '';
    const execute = sinon.spy(changer, 'execute');
    expect(await service.reserveNtmsCleanerSlot(handle, guidRef(libraryId), guidRef(slot))).to.equal(0);
    expect(elementReads(execute.getCalls())).to.deep.equal([{ type: 2, first: FIRST, count: 1 }]);
    fake.place(FIRST, 'CLN001', true);
    execute.resetHistory();
    const op = guidRef();
    expect(await service.ejectNtmsCleaner(handle, guidRef(libraryId), op, 0)).to.equal(0);
    expect(elementReads(execute.getCalls())).to.deep.equal([{ type: 2, first: FIRST, count: 1 }]);
    // The queued work reads the IE elements and the one it uses, never the storage elements.
    await clock.runUntil(() => service.inspect.libraryRequest(op.value)?.stateName === 'NTMS_LM_WAITING');
    fake.operatorTakeFromStation(16);
    await clock.runUntil(service.awaitLibraryRequest(op.value));
    expect(elementReads(execute.getCalls()).filter((r) => r.type !== 3)).to.deep.equal([
      { type: 2, first: FIRST, count: 1 },
    ]);
  });
});
