/** Durable commits: coalescing, and what a stop or a kill keeps. Spec: docs/rsm-model.md "Persistence"; the "persists durably and survives being killed". */
import { expect } from 'chai';
import { DbCommitter, type DbSink } from '../../../rsm/db/durable-store.js';

/** A store whose saves wait until the test lets them finish. */
function gatedStore() {
  const saved: string[] = [];
  const gates: (() => void)[] = [];
  const store: DbSink<string> = {
    save: (text) =>
      new Promise<void>((resolve) => {
        gates.push(() => {
          saved.push(text);
          resolve();
        });
      }),
  };
  const open = async () => {
    while (gates.length === 0) await new Promise((r) => setImmediate(r));
    gates.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { store, saved, open };
}

describe('rsm database commits', () => {
  it('resolves a commit only once a save that includes it is done, and coalesces commits made meanwhile', async () => {
    const { store, saved, open } = gatedStore();
    const c = new DbCommitter(store);
    let state = 1;
    let firstDone = false;
    const first = c.commit(() => `v${state}`).then(() => (firstDone = true));
    state = 2;
    const second = c.commit(() => `v${state}`);
    state = 3;
    const third = c.commit(() => `v${state}`);
    expect(firstDone).to.equal(false);
    await open();
    await first;
    expect(saved).to.deep.equal(['v1']);
    await open();
    await Promise.all([second, third]);
    expect(saved).to.deep.equal(['v1', 'v3']);
  });

  it('on kill drops saves not yet started; on stop finishes them', async () => {
    const killed = gatedStore();
    const k = new DbCommitter(killed.store);
    void k.commit(() => 'a');
    void k.commit(() => 'b');
    const closing = k.close(false);
    await killed.open();
    await closing;
    expect(killed.saved).to.deep.equal(['a']);
    await k.commit(() => 'c');
    expect(killed.saved).to.deep.equal(['a']);

    const stopped = gatedStore();
    const s = new DbCommitter(stopped.store);
    void s.commit(() => 'a');
    void s.commit(() => 'b');
    const stopping = s.close(true);
    await stopped.open();
    await stopped.open();
    await stopping;
    expect(stopped.saved).to.deep.equal(['a', 'b']);
  });
});
