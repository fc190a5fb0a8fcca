/**
 * When a group of journal records is written (sim/persistence/commit-group.ts): at the end of its first turn while
 * recent groups held one record; otherwise after as many records as the largest recent group, or the window,
 * whichever comes first. Turns and time are injected, so every case runs the same.
 * Design: docs/simulator.md "Persistence".
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LibraryState } from '../../../sim/model/library-state.js';
import { setDoorOpen } from '../../../sim/model/transitions.js';
import { GroupSchedule, newGroup, type Group } from '../../../sim/persistence/commit-group.js';
import { JournalStore } from '../../../sim/persistence/journal-store.js';
import { TEST_PERSONALITY } from '../helpers/test-personality.js';

/** Turns run by hand: turn() runs what was queued for the next turn. */
function fakeLoop() {
  let queued: (() => void)[] = [];
  const loop = {
    ms: 0,
    now: () => loop.ms,
    nextTurn: (work: () => void) => {
      queued.push(work);
    },
    turn: () => {
      const run = queued;
      queued = [];
      for (const w of run) w();
    },
    get pending() {
      return queued.length;
    },
  };
  return loop;
}

describe('sim persistence: when a commit group is written', () => {
  it('with no history, at the end of the first turn', () => {
    const loop = fakeLoop();
    const schedule = new GroupSchedule({ now: loop.now, nextTurn: loop.nextTurn, windowMicros: 200 });
    const group = newGroup(loop.now());
    group.lines.push('a');
    let flushed = 0;
    schedule.schedule(
      group,
      () => group,
      () => (flushed += 1),
    );
    expect(flushed).to.equal(0);
    loop.turn();
    expect(flushed).to.equal(1);
    expect(loop.pending).to.equal(0);
  });

  it('after groups of 8, waits turn by turn until 8 records have joined', () => {
    const loop = fakeLoop();
    const schedule = new GroupSchedule({ now: loop.now, nextTurn: loop.nextTurn, windowMicros: 200 });
    schedule.written(8);
    schedule.written(3);
    expect(schedule.expected()).to.equal(8);
    const group = newGroup(loop.now());
    group.lines.push('1');
    let flushed = 0;
    schedule.schedule(
      group,
      () => group,
      () => (flushed += 1),
    );
    for (let i = 2; i <= 7; i++) {
      loop.turn();
      loop.ms += 0.01;
      group.lines.push(String(i));
    }
    loop.turn();
    expect(flushed, '7 of 8 records, 60 µs: still waiting').to.equal(0);
    group.lines.push('8');
    loop.turn();
    expect(flushed).to.equal(1);
    expect(loop.pending).to.equal(0);
  });

  it('writes a group that waited the whole window with what it has', () => {
    const loop = fakeLoop();
    const schedule = new GroupSchedule({ now: loop.now, nextTurn: loop.nextTurn, windowMicros: 200 });
    schedule.written(8);
    const group = newGroup(loop.now());
    group.lines.push('1');
    let flushed = 0;
    schedule.schedule(
      group,
      () => group,
      () => (flushed += 1),
    );
    loop.ms = 0.199;
    loop.turn();
    expect(flushed).to.equal(0);
    loop.ms = 0.2;
    loop.turn();
    expect(flushed).to.equal(1);
  });

  it('forgets a large group after 8 smaller ones, and stops waiting for a group written meanwhile', () => {
    const loop = fakeLoop();
    const schedule = new GroupSchedule({ now: loop.now, nextTurn: loop.nextTurn });
    schedule.written(8);
    for (let i = 0; i < 7; i++) schedule.written(1);
    expect(schedule.expected()).to.equal(8);
    schedule.written(1);
    expect(schedule.expected()).to.equal(1);
    schedule.written(4);
    let current: Group | undefined = newGroup(loop.now());
    current.lines.push('1');
    const group = current;
    let flushed = 0;
    schedule.schedule(
      group,
      () => current,
      () => (flushed += 1),
    );
    loop.turn();
    current = undefined;
    loop.turn();
    expect([flushed, loop.pending]).to.deep.equal([0, 0]);
  });

  it('a journal whose groups were large shares one fdatasync among records taken on several turns', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chb-commit-group-'));
    try {
      const loop = fakeLoop();
      const state = new LibraryState(TEST_PERSONALITY);
      const store = JournalStore.open(path.join(dir, 'library.json'), state, {
        groupWait: { now: loop.now, nextTurn: loop.nextTurn },
      });
      const commitTurn = (n: number) => {
        const waits: Promise<void>[] = [];
        for (let i = 0; i < n; i++) {
          setDoorOpen(state, !state.door.open);
          waits.push(store.commitGrouped(state)!);
        }
        return waits;
      };
      const first = commitTurn(4);
      loop.turn();
      await Promise.all(first);
      const syncs = store.commitSyncs;
      const later = [...commitTurn(1)];
      loop.turn();
      later.push(...commitTurn(2));
      loop.turn();
      expect(store.commitSyncs, '3 of the 4 expected: not written yet').to.equal(syncs);
      later.push(...commitTurn(1));
      loop.turn();
      await Promise.all(later);
      expect(store.commitSyncs - syncs).to.equal(1);
      store.close();
      const again = new LibraryState(TEST_PERSONALITY);
      JournalStore.open(path.join(dir, 'library.json'), again).close();
      expect(again.door.open).to.equal(state.door.open);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
