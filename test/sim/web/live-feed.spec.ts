/**
 * The lab view's live feed on a virtual clock: a snapshot on subscribe, a delta with only the changed elements,
 * changes made without a poke seen by the periodic check, bursts coalesced, and a new subscriber (a page that
 * reconnected) starting from a full snapshot.
 */
import { expect } from 'chai';
import { VirtualClock } from '../../../common/clock/clock.js';
import { LiveFeed, type FeedMessage } from '../../../sim/web/live-feed.js';
import { Bench } from '../helpers/bench.js';
import { st } from '../helpers/test-personality.js';

describe('sim/web/live-feed', () => {
  it('sends a snapshot, then deltas of what changed, coalesced, and a snapshot again to a new subscriber', async () => {
    const bench = new Bench();
    const clock = new VirtualClock();
    const feed = new LiveFeed(bench.changer.core, { clock, pollMs: 250, minIntervalMs: 100 });
    const got: FeedMessage[] = [];
    const off = feed.subscribe((m) => got.push(m));
    expect(got.map((m) => m.kind)).to.deep.equal(['snapshot']);

    // A change with no poke (the console, another process): found by the periodic check.
    expect(bench.changer.control.takeThroughDoor(st(0)).ok).to.equal(false); // door closed: refused, nothing changes
    bench.changer.control.openDoor();
    await clock.advanceBy(400);
    expect(got.map((m) => m.kind)).to.deep.equal(['snapshot', 'delta']);
    const d1 = got[1] as Extract<FeedMessage, { kind: 'delta' }>;
    expect(d1.snapshot.status.door.open).to.equal(true);
    expect(d1.elements).to.deep.equal([]);

    // A burst of pokes and changes: one delta carrying every changed element.
    bench.changer.control.takeThroughDoor(st(0));
    feed.poke();
    bench.changer.control.takeThroughDoor(st(1));
    feed.poke();
    feed.poke();
    await clock.advanceBy(150);
    expect(got).to.have.length(3);
    const d2 = got[2] as Extract<FeedMessage, { kind: 'delta' }>;
    expect(d2.elements.map((e) => [e.address, e.state])).to.deep.equal([
      [st(0), 'empty'],
      [st(1), 'empty'],
    ]);
    await clock.advanceBy(1000);
    expect(got, 'nothing changed: no more messages').to.have.length(3);

    const again: FeedMessage[] = [];
    const off2 = feed.subscribe((m) => again.push(m));
    expect(again[0]?.kind).to.equal('snapshot');
    expect(
      (again[0] as Extract<FeedMessage, { kind: 'snapshot' }>).snapshot.elements.find((e) => e.address === st(0))
        ?.state,
    ).to.equal('empty');
    off();
    off2();
    bench.changer.close();
  });

  it('a page that connects while a change is pending does not take that change from the pages already connected', async () => {
    const bench = new Bench();
    const clock = new VirtualClock();
    const feed = new LiveFeed(bench.changer.core, { clock, pollMs: 250, minIntervalMs: 100 });
    const first: FeedMessage[] = [];
    const off = feed.subscribe((m) => first.push(m));
    bench.changer.control.openDoor();
    feed.poke(); // the check is due in the coalescing window
    const second: FeedMessage[] = [];
    const off2 = feed.subscribe((m) => second.push(m)); // a reconnecting page, inside that window
    expect((second[0] as Extract<FeedMessage, { kind: 'snapshot' }>).snapshot.status.door.open).to.equal(true);
    await clock.advanceBy(1000);
    const doorOpen = first.some((m) => m.kind !== 'snapshot' && m.snapshot.status.door.open);
    expect(doorOpen, 'the first page is told the door opened').to.equal(true);
    off();
    off2();
    bench.changer.close();
  });
});
