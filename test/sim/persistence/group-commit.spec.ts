/**
 * Group commit of the state file (issue 14): the records of commands that complete in one turn of the event loop
 * share one write and one fdatasync, none of them is acknowledged before that sync, and a restart restores every
 * one; the journal is preallocated (its records end at the first NUL) so a commit does not grow the file.
 * Design: docs/simulator.md "Persistence".
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LibraryState } from '../../../sim/model/library-state.js';
import { setDoorOpen, setStationOpen } from '../../../sim/model/transitions.js';
import { JournalStore, journalStateFile } from '../../../sim/persistence/journal-store.js';
import { SimulatedChanger } from '../../../sim/changer/simulated-changer.js';
import { ScaledClock } from '../../../common/clock/clock.js';
import { encodeMoveMediumCdb, ScsiStatus } from '../../../scsi/codec/index.js';
import { A, st, TEST_PERSONALITY } from '../helpers/test-personality.js';

/** The journal's records: its text up to the first NUL, one JSON line each. */
function records(file: string): unknown[] {
  const text = fs.readFileSync(JournalStore.journalPath(file), 'utf8');
  const end = text.indexOf('\0');
  return (end < 0 ? text : text.slice(0, end))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);
}

describe('sim persistence: group commit', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chb-group-commit-'));
    file = path.join(dir, 'library.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the commits of one turn with one fdatasync, before any of them is acknowledged', async () => {
    const state = new LibraryState(TEST_PERSONALITY);
    const store = JournalStore.open(file, state);
    const syncs = store.commitSyncs;
    const settled: number[] = [];
    setDoorOpen(state, true);
    const a = store.commitGrouped(state);
    setStationOpen(state, true);
    const b = store.commitGrouped(state);
    setDoorOpen(state, false);
    const c = store.commitGrouped(state);
    expect([a, b, c].every((p) => p !== undefined)).to.equal(true);
    void a!.then(() => settled.push(1));
    await Promise.resolve();
    expect(settled, 'nothing is acknowledged before the write').to.deep.equal([]);
    expect(records(file), 'nothing is written before the end of the turn').to.have.length(0);
    await Promise.all([a, b, c]);
    expect(store.commitSyncs - syncs).to.equal(1);
    expect(records(file)).to.have.length(3);
    expect(store.commitGrouped(state), 'nothing changed, nothing waits').to.equal(undefined);
    store.close();

    const again = new LibraryState(TEST_PERSONALITY);
    JournalStore.open(file, again).close();
    expect([again.door.open, again.station.open]).to.deep.equal([false, true]);
  });

  it('a synchronous commit writes the waiting group with its own record, and settles the group', async () => {
    const state = new LibraryState(TEST_PERSONALITY);
    const store = JournalStore.open(file, state);
    const syncs = store.commitSyncs;
    setDoorOpen(state, true);
    const grouped = store.commitGrouped(state);
    setStationOpen(state, true);
    store.commit(state);
    expect(store.commitSyncs - syncs).to.equal(1);
    expect(records(file)).to.have.length(2);
    await grouped;
    store.close();
  });

  it('preallocates the journal: its size does not change from commit to commit, and a restart reads to the first NUL', () => {
    const state = new LibraryState(TEST_PERSONALITY);
    const store = JournalStore.open(file, state);
    const journal = JournalStore.journalPath(file);
    const size = fs.statSync(journal).size;
    expect(size).to.be.greaterThan(64 * 1024);
    for (let i = 0; i < 50; i++) {
      setDoorOpen(state, i % 2 === 0);
      store.commit(state);
    }
    expect(fs.statSync(journal).size).to.equal(size);
    expect(records(file)).to.have.length(50);
    store.close();
    const again = new LibraryState(TEST_PERSONALITY);
    JournalStore.open(file, again).close();
    expect(again.door.open).to.equal(false);
  });

  it('after a failed journal write, the next commit writes a whole snapshot: no gap in the sequence, nothing lost at restart', async () => {
    const state = new LibraryState(TEST_PERSONALITY);
    const store = JournalStore.open(file, state);
    const inner = store as unknown as { journal: { fd: number; writesAreDurable: boolean } };
    const journal = inner.journal;
    setDoorOpen(state, true);
    store.commit(state);
    // One write fails (EBADF stands for an EIO or ENOSPC of the disk); the descriptor is put back afterwards.
    inner.journal = { ...journal, fd: 2 ** 30 };
    setStationOpen(state, true);
    const lost = store.commitGrouped(state);
    let failure: unknown;
    await lost!.catch((e: unknown) => (failure = e));
    expect(failure, 'the waiting commands are told').to.be.instanceOf(Error);
    inner.journal = journal;
    setDoorOpen(state, false);
    store.commit(state);
    store.close();
    const again = new LibraryState(TEST_PERSONALITY);
    JournalStore.open(file, again).close();
    expect([again.door.open, again.station.open]).to.deep.equal([false, true]);
  });

  it('with groupCommit (as sim serve runs), MOVE MEDIUMs in flight together are each answered GOOD and every move is restored', async () => {
    const clock = new ScaledClock(1e9);
    const changer = new SimulatedChanger(TEST_PERSONALITY, {
      clock,
      stateStore: journalStateFile(file),
      groupCommit: true,
      startReady: true,
    });
    const nexus = 'nexus-a';
    // The first command of a nexus reports its power-on unit attention.
    await changer.execute(nexus, Buffer.from([0, 0, 0, 0, 0, 0]));
    const moves = [
      [st(0), A.DT0],
      [st(1), A.DT1],
    ] as const;
    const answers = await Promise.all(
      moves.map(([from, to]) =>
        changer.execute(
          nexus,
          encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: from, destinationAddress: to }),
        ),
      ),
    );
    expect(answers.map((r) => r.status)).to.deep.equal([ScsiStatus.GOOD, ScsiStatus.GOOD]);
    const view = changer.control.status();
    changer.close();
    const again = new SimulatedChanger(TEST_PERSONALITY, {
      clock,
      stateStore: journalStateFile(file),
      startReady: true,
    });
    expect(again.control.status().elements).to.deep.equal(view.elements);
    again.close();
  });
});
