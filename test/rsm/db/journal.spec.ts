/**
 * The database file and its journal: a commit appends only what changed, compaction rewrites the file atomically
 * with a new generation, a torn last line is tolerated and cut off, a malformed line or a stale journal is told
 * apart, and a kill mid-eject on the file store is recovered. Spec: docs/rsm-model.md "Persistence" and
 * "Restart"; POSIX rename(2) and fsync(2); docs/rsm-semantics.md 3.7, D5, D11.
 */
import { expect } from 'chai';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDbStore, RsmDatabaseError, RsmService, seededRandomSource, Win32 } from '../../../rsm/index.js';
import { makeFixture, slotId, startEject, stateOf, withCleaner, type RsmFixture } from '../support/rsm-fixture.js';

const lines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');

describe('rsm database file and journal', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rsm-journal-'));
    path = join(dir, 'rsm.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('appends one journal line per commit holding only the changed records; the database file is not rewritten', async () => {
    const store = new FileDbStore(path);
    const f = await makeFixture({ store, library: { storage: { first: 4096, count: 1000 } } });
    const fileBefore = await stat(path);
    const journalBefore = await lines(store.journalPath);
    const compactions = store.compactions;
    await withCleaner(f, 4100); // ReserveNtmsCleanerSlot: one library record changes
    const journalAfter = await lines(store.journalPath);
    expect(journalAfter).to.have.length(journalBefore.length + 1);
    const entry = JSON.parse(journalAfter.at(-1) ?? '{}') as {
      put: Record<string, { id: string }[]>;
      del: Record<string, string[]>;
    };
    expect(Object.keys(entry.put)).to.deep.equal(['libraries']);
    expect(entry.put['libraries']?.map((l) => l.id)).to.deep.equal([f.libraryId]);
    expect(entry.del).to.deep.equal({});
    expect(store.compactions).to.equal(compactions);
    expect((await stat(path)).mtimeMs).to.equal(fileBefore.mtimeMs);
    // The line is the size of one library record, not of the 1,000-slot database.
    const stored = fileBefore.size + (await stat(store.journalPath)).size;
    expect(journalAfter.at(-1)?.length ?? 0).to.be.lessThan(2000);
    expect(stored).to.be.greaterThan(50 * 2000);
  });

  it('compacts the journal into the database file once it outgrows it, with a new generation; a restart reads the same database', async () => {
    const store = new FileDbStore(path, { compactAfterBytes: 0 });
    const f = await makeFixture({ store });
    const generation = async () => (JSON.parse(await readFile(path, 'utf8')) as { generation: number }).generation;
    const before = await generation();
    const compactions = store.compactions;
    // Every change appends; the journal soon outgrows the small database file and a commit compacts it.
    for (let i = 0; i < 40; i++) await withCleanerToggle(f);
    expect(store.compactions).to.be.greaterThan(compactions);
    expect(await generation()).to.be.greaterThan(before);
    const header = JSON.parse((await lines(store.journalPath))[0] ?? '{}') as { format: string; generation: number };
    expect(header).to.deep.equal({ format: 'changerbench-rsm-journal', version: 1, generation: await generation() });
    const live = f.service.inspect.library(f.libraryId);
    await f.service.stop();
    const again = new RsmService({ clock: f.clock, random: seededRandomSource(2), store: new FileDbStore(path) });
    await again.start();
    expect(again.inspect.library(f.libraryId)?.cleanerSlot).to.equal(live?.cleanerSlot);
    expect(again.inspect.library(f.libraryId)?.slots).to.deep.equal(live?.slots);
  });

  it('tolerates a torn last journal line (a write a crash cut short) and cuts it off', async () => {
    const store = new FileDbStore(path);
    const f = await makeFixture({ store });
    await withCleaner(f);
    await f.service.kill();
    const good = await readFile(store.journalPath);
    await appendFile(store.journalPath, '{"at":5,"put":{"libraries":[{"id":"0000');
    const service = new RsmService({ clock: f.clock, random: seededRandomSource(3), store: new FileDbStore(path) });
    await service.start();
    expect(service.inspect.library(f.libraryId)?.cleanerSlot).to.equal(slotId(f, 4100));
    // Cut off at the last complete line; what the new incarnation committed since follows it.
    const after = await readFile(store.journalPath);
    expect(after.subarray(0, good.length).equals(good)).to.equal(true);
    for (const line of after
      .subarray(good.length)
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== ''))
      expect(() => JSON.parse(line)).to.not.throw();
    // Commits go on after the cut: the next start sees them.
    await service.admin.setLibraryOffline(f.libraryId, true);
    await service.stop();
    const third = new RsmService({ clock: f.clock, random: seededRandomSource(4), store: new FileDbStore(path) });
    await third.start();
    expect(third.inspect.library(f.libraryId)).to.deep.include({
      offlineReason: 'marked-offline',
      cleanerSlot: slotId(f, 4100),
    });
  });

  it('refuses a journal with a malformed complete line, naming the journal and the line', async () => {
    const store = new FileDbStore(path);
    const f = await makeFixture({ store });
    await f.service.kill();
    await appendFile(store.journalPath, '{"at":1,"put":{"slots":[{"id":"not a guid"}]},"del":{}}\n');
    const service = new RsmService({ clock: f.clock, random: seededRandomSource(3), store: new FileDbStore(path) });
    const err = await service.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(RsmDatabaseError);
    expect((err as Error).message)
      .to.contain(store.journalPath)
      .and.to.match(/line \d+ is not a valid journal entry/);
    expect(service.state).to.equal('stopped');

    await writeFile(store.journalPath, 'garbage\n');
    const err2 = await new FileDbStore(path).load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err2).to.be.instanceOf(RsmDatabaseError);
    expect((err2 as Error).message).to.contain('line 1 is not a journal header');
  });

  it('ignores a journal of another generation (a compaction cut short after the rename of the database file)', async () => {
    const store = new FileDbStore(path, { compactAfterBytes: 0 });
    const f = await makeFixture({ store });
    await withCleaner(f); // the journal holds the discovery, larger than the file: this commit compacts
    expect(store.compactions).to.equal(2);
    await f.service.kill();
    const stale = `${JSON.stringify({ format: 'changerbench-rsm-journal', version: 1, generation: 999 })}\n{"at":1,"put":{},"del":{"libraries":["${f.libraryId}"]}}\n`;
    await writeFile(store.journalPath, stale);
    const service = new RsmService({ clock: f.clock, random: seededRandomSource(3), store: new FileDbStore(path) });
    await service.start();
    expect(service.inspect.library(f.libraryId)).to.not.equal(undefined);
  });

  it('reads a database file written before the journal existed (no generation, no journal)', async () => {
    const store = new FileDbStore(path);
    const f = await makeFixture({ store });
    await withCleaner(f);
    await f.service.stop();
    // The old format: the whole database in one file, no generation, no journal.
    await writeFile(path, JSON.stringify(await new FileDbStore(path).load(), null, 1));
    await rm(store.journalPath);
    const service = new RsmService({ clock: f.clock, random: seededRandomSource(3), store: new FileDbStore(path) });
    await service.start();
    expect(service.inspect.library(f.libraryId)?.cleanerSlot).to.equal(slotId(f, 4100));
  });

  it('recovers a kill mid-eject on the file store: the request fails with ERROR_REQUEST_ABORTED, the cleaner is back, counted once', async () => {
    const f = await makeFixture({ store: new FileDbStore(path) });
    await withCleaner(f);
    const { op } = await startEject(f);
    await until(f, () => stateOf(f, op.value) === 'NTMS_LM_WAITING');
    await f.service.kill();
    f.fake.ieOpen = false; // the operator closed the station without taking the cleaner
    const service = new RsmService({ clock: f.clock, random: seededRandomSource(99), store: new FileDbStore(path) });
    await service.start();
    const libraryId = await service.attachChanger(f.changer);
    const view = service.inspect.libraryRequest(op.value);
    expect(view?.statesVisited).to.deep.equal([
      'NTMS_LM_QUEUED',
      'NTMS_LM_INPROCESS',
      'NTMS_LM_WAITING',
      'NTMS_LM_FAILED',
    ]);
    expect(view?.dwErrorCode).to.equal(Win32.ERROR_REQUEST_ABORTED);
    expect(f.fake.element(4100).full).to.equal(true);
    const cleaners = service.inspect.cartridges().filter((c) => c.kind === 'cleaner');
    expect(cleaners).to.have.length(1);
    expect(cleaners[0]?.location).to.deep.equal({ kind: 'slot', address: 4100 });
    expect(service.inspect.library(libraryId)?.cleanerPresent).to.equal(true);
  });
});

/**
 * Waits until `predicate` holds while commits do real file I/O: lets the I/O finish first, then runs the
 * virtual clock to its next timer (VirtualClock.runUntil alone would see nothing scheduled during an fsync).
 */
async function until(f: RsmFixture, predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !predicate(); i++) {
    await new Promise((r) => setTimeout(r, 0));
    if (predicate()) return;
    const due = f.clock.nextDue();
    if (due !== undefined) await f.clock.advanceBy(Math.max(0, due - f.clock.now()));
  }
  if (!predicate()) throw new Error('condition never held');
}

/** One reserve/release round trip of slot 4100 (two commits that change the library record). */
async function withCleanerToggle(f: RsmFixture): Promise<void> {
  const lib = { value: f.libraryId };
  const rc = await f.service.reserveNtmsCleanerSlot(f.handle, lib, { value: slotId(f, 4100) });
  if (rc !== 0) throw new Error(`reserve returned ${rc}`);
  const rel = await f.service.releaseNtmsCleanerSlot(f.handle, lib);
  if (rel !== 0) throw new Error(`release returned ${rel}`);
}
