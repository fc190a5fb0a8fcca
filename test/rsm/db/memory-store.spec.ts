/**
 * The in-memory store and the change log behind every commit: a commit hands over copies of the changed
 * records only (later changes of the live database, as a killed incarnation might make, never reach the store),
 * load() hands out copies, replaying batches keeps each table's order, and `text` is built only when read.
 * Spec: docs/rsm-model.md "Persistence and restart" (kill drops unwritten changes); docs/rsm-semantics.md D13.
 */
import { expect } from 'chai';
import { MemoryDbStore, RsmDatabaseError, seededRandomSource } from '../../../rsm/index.js';
import { RsmDatabase } from '../../../rsm/db/database.js';
import { VirtualClock } from '../../../common/clock/clock.js';

function newDatabase(): RsmDatabase {
  return RsmDatabase.create(
    new VirtualClock(),
    seededRandomSource(1),
    'HOST',
    [{ name: 'Administrator', groups: ['BUILTIN\\Administrators'] }],
    [],
  );
}

describe('rsm in-memory store and change log', () => {
  it('keeps copies of what was committed: later changes of the live rows do not reach it', async () => {
    const db = newDatabase();
    const store = new MemoryDbStore();
    await store.save(db.takeChanges());
    const offline = db.libraries.get(db.offlineLibraryId);
    if (!offline) throw new Error('no offline library');
    db.libraries.edit(offline, (l) => {
      l.name = 'changed after the commit';
    });
    const loaded = await store.load();
    expect(loaded?.libraries[0]?.name).to.equal('Offline Media');
    if (loaded?.libraries[0]) loaded.libraries[0].name = 'changed by the loader';
    expect((await store.load())?.libraries[0]?.name).to.equal('Offline Media');
  });

  it('a commit carries only the changed rows; a row deleted and inserted again goes last, as in the live table', async () => {
    const db = newDatabase();
    const store = new MemoryDbStore();
    await store.save(db.takeChanges());
    db.principals.insert({ name: 'alice', groups: [] });
    db.principals.insert({ name: 'bob', groups: [] });
    await store.save(db.takeChanges());
    db.principals.delete('alice');
    db.principals.insert({ name: 'carol', groups: [] });
    db.principals.insert({ name: 'alice', groups: ['again'] });
    const batch = db.takeChanges();
    expect(batch.put).to.have.keys(['principals']);
    expect(batch.del).to.deep.equal({ principals: ['alice'] });
    expect((batch.put.principals as { name: string }[]).map((p) => p.name)).to.deep.equal(['carol', 'alice']);
    await store.save(batch);
    expect((await store.load())?.principals.map((p) => p.name)).to.deep.equal(
      [...db.principals.values()].map((p) => p.name),
    );
    expect(db.takeChanges().put).to.deep.equal({});
  });

  it('builds text only when read, and checks text a test sets at the next load', async () => {
    const db = newDatabase();
    const store = new MemoryDbStore();
    expect(store.text).to.equal(undefined);
    await store.save(db.takeChanges());
    expect(JSON.parse(store.text ?? '{}')).to.include({
      format: 'changerbench-rsm-db',
      offlineLibrary: db.offlineLibraryId,
    });
    store.text = '{ "format": "changerbench-rsm-db" }';
    const err = await store.load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(RsmDatabaseError);
  });
});
