/**
 * The change tracker's dirty sets: what a command marks is seen once by the commit, and nothing of an earlier
 * command survives a clear() (the sets reuse their storage between commands); version only goes up.
 * Spec: sim/model/change-tracker.ts, docs/simulator.md "Persistence".
 */
import { expect } from 'chai';
import { ChangeTracker } from '../../../sim/model/change-tracker.js';

describe('sim/model/change-tracker', () => {
  it('holds each id once, in the order marked, and counts every mark as a change', () => {
    const t = new ChangeTracker();
    t.cartridges.add('A').add('B').add('A');
    expect([...t.cartridges]).to.deep.equal(['A', 'B']);
    expect(t.cartridges.size).to.equal(2);
    expect(t.cartridges.has('A')).to.equal(true);
    expect(t.cartridges.has('C')).to.equal(false);
    expect(t.version, 'three marks').to.equal(3);
    expect(t.dirty).to.equal(true);
  });

  it('after clear() an earlier command leaves nothing behind, though the storage is reused', () => {
    const t = new ChangeTracker();
    t.cartridges.add('A').add('B').add('C');
    t.drives.add(256);
    t.clear();
    expect(t.dirty).to.equal(false);
    expect(t.cartridges.size).to.equal(0);
    expect([...t.cartridges]).to.deep.equal([]);
    expect(t.cartridges.has('B'), 'a stale slot of the reused array').to.equal(false);
    t.cartridges.add('D');
    expect([...t.cartridges]).to.deep.equal(['D']);
    expect(t.cartridges.has('C')).to.equal(false);
    expect(t.version, 'clear() does not lower the version').to.equal(5);
  });

  it('stays a set past the size where it builds an index, and drops the index on clear()', () => {
    const t = new ChangeTracker();
    const ids = Array.from({ length: 40 }, (_, i) => `C${i}`);
    for (const id of ids) t.cartridges.add(id);
    for (const id of ids) t.cartridges.add(id);
    expect(t.cartridges.size).to.equal(40);
    expect([...t.cartridges]).to.deep.equal(ids);
    t.clear();
    expect(t.cartridges.has('C39')).to.equal(false);
    t.cartridges.add('C39');
    expect([...t.cartridges]).to.deep.equal(['C39']);
  });
});
