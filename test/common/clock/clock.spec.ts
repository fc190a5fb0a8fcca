import { expect } from 'chai';
import { performance } from 'node:perf_hooks';
import { ScaledClock, VirtualClock } from '../../../common/clock/clock.js';

describe('VirtualClock', () => {
  it('fires timers in due order, then scheduling order, and moves time to each due time', async () => {
    const clock = new VirtualClock(1000);
    const seen: string[] = [];
    clock.setTimer(30, () => seen.push(`c@${clock.now()}`));
    clock.setTimer(10, () => seen.push(`a@${clock.now()}`));
    clock.setTimer(10, () => seen.push(`b@${clock.now()}`));
    await clock.advanceBy(25);
    expect(seen).to.deep.equal(['a@1010', 'b@1010']);
    expect(clock.now()).to.equal(1025);
    await clock.advanceBy(5);
    expect(seen).to.deep.equal(['a@1010', 'b@1010', 'c@1030']);
  });

  it('never fires a cancelled timer', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.setTimer(5, () => (fired = true)).cancel();
    await clock.advanceBy(10);
    expect(fired).to.equal(false);
    expect(clock.pending()).to.equal(0);
  });

  it('runUntil jumps through a chain of sleeps that schedule further sleeps', async () => {
    const clock = new VirtualClock(0);
    const work = (async () => {
      await clock.sleep(600_000); // ten minutes of mechanics
      await clock.sleep(60_000);
      return clock.now();
    })();
    const at = await clock.runUntil(work);
    expect(at).to.equal(660_000);
  });

  it('runUntil with a predicate stops as soon as it holds', async () => {
    const clock = new VirtualClock(0);
    let ticks = 0;
    const tick = () => {
      ticks++;
      clock.setTimer(1000, tick);
    };
    clock.setTimer(1000, tick);
    await clock.runUntil(() => ticks >= 3);
    expect(ticks).to.equal(3);
    expect(clock.now()).to.equal(3000);
  });

  it('runUntil reports a deadlock instead of hanging', async () => {
    const clock = new VirtualClock(0);
    const never = new Promise<void>(() => undefined);
    let message = '';
    try {
      await clock.runUntil(never);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.match(/nothing is scheduled/);
  });

  it('runUntil passes on the rejection of the awaited work', async () => {
    const clock = new VirtualClock(0);
    const work = (async () => {
      await clock.sleep(10);
      throw new Error('jammed');
    })();
    let message = '';
    try {
      await clock.runUntil(work);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.equal('jammed');
  });

  it('sleep rejects with the abort reason when aborted', async () => {
    const clock = new VirtualClock(0);
    const ac = new AbortController();
    const p = clock.sleep(1000, ac.signal);
    ac.abort(new Error('stop'));
    let message = '';
    try {
      await p;
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.equal('stop');
    expect(clock.pending()).to.equal(0);
  });
});

describe('ScaledClock', () => {
  it('advances scale times faster than the real clock it reads', () => {
    let real = 5000;
    const clock = new ScaledClock(10, () => real);
    const t0 = clock.now();
    real += 100;
    expect(clock.now() - t0).to.equal(1000);
  });

  it('rejects a scale that is not a positive number', () => {
    expect(() => new ScaledClock(0)).to.throw(RangeError);
    expect(() => new ScaledClock(Number.NaN)).to.throw(RangeError);
  });

  it('fires a scaled timer no earlier than its simulated due time', async () => {
    const clock = new ScaledClock(1000); // one simulated second = 1 ms of wall time
    const t0 = clock.now();
    await clock.sleep(1000);
    expect(clock.now() - t0).to.be.at.least(1000);
  });
});

describe('ScaledClock with sub-millisecond delays', () => {
  it('fires delays shorter than 1 ms of wall time after the current work, in due order', async () => {
    const clock = new ScaledClock(1_000_000, () => 5000); // 12 s of mechanics = 12 microseconds of wall time; real time pinned
    const seen: string[] = [];
    clock.setTimer(12_000, () => seen.push('move'));
    clock.setTimer(3_000, () => seen.push('position'));
    const cancelled = clock.setTimer(1_000, () => seen.push('cancelled'));
    cancelled.cancel();
    expect(seen, 'never synchronously').to.deep.equal([]);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).to.deep.equal(['position', 'move']);
  });

  it('works through a chain of short motions without waiting a turn of the event loop for each', async () => {
    let real = 5000;
    const clock = new ScaledClock(1_000_000, () => real); // a 12 s move is 12 microseconds of wall time
    let turnsWaited = 0;
    const countTurns = () => {
      turnsWaited++;
    };
    setImmediate(countTurns);
    const t0 = clock.now();
    for (let move = 0; move < 8; move++) {
      await clock.sleep(12_000);
      real += 0.012; // the wall clock keeps up with the mechanics
    }
    expect(clock.now() - t0).to.be.at.least(8 * 12_000);
    expect(turnsWaited, 'eight moves finished before the event loop turned').to.equal(0);
  });

  it("never leads the wall clock by much more than 1 ms: a long run of short motions keeps the mechanics' pace", async () => {
    const clock = new ScaledClock(1_000_000); // the real clock; each motion is 0.1 ms of wall time
    const t0 = performance.now();
    let fired = 0;
    while (performance.now() - t0 < 20) {
      await clock.sleep(100_000);
      fired++;
      const elapsedMs = performance.now() - t0;
      expect(fired * 0.1, `after ${fired} motions in ${elapsedMs.toFixed(2)} ms`).to.be.at.most(elapsedMs + 1.2);
    }
  });

  it('fires a timer set by a fired timer before the later timers of the same batch when it is due first', async () => {
    const clock = new ScaledClock(1_000_000, () => 5000); // real time pinned: every timer here is sub-millisecond
    const seen: string[] = [];
    clock.setTimer(10_000, () => {
      seen.push('A at 10 s');
      clock.setTimer(1_000, () => seen.push('C at 11 s'));
    });
    clock.setTimer(20_000, () => seen.push('B at 20 s'));
    for (let i = 0; i < 4; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(seen).to.deep.equal(['A at 10 s', 'C at 11 s', 'B at 20 s']);
  });

  it('keeps sleep(0) after currently queued work, even when it joins a batch of short motions', async () => {
    const clock = new ScaledClock(1_000_000, () => 5000);
    const seen: string[] = [];
    setImmediate(() => seen.push('queued work'));
    clock.setTimer(12_000, () => seen.push('move')); // 12 microseconds: would fire as a microtask on its own
    clock.setTimer(0, () => seen.push('yield'));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).to.deep.equal(['queued work', 'yield', 'move']);
  });

  it('lets I/O in at least every 64 batches, so that a polling loop cannot starve it', async () => {
    let real = 5000;
    const clock = new ScaledClock(1_000_000, () => real);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    let polls = 0;
    while (!turned && polls < 1000) {
      await clock.sleep(1); // a microsecond of mechanical time; the clock never leads
      real += 1;
      polls++;
    }
    expect(turned).to.equal(true);
    expect(polls).to.be.at.most(65);
  });
});

describe('ScaledClock never fires early by its own reading', () => {
  it('moves now() up to the due time of a timer that fires before the real clock reaches it', async () => {
    const real = 1000;
    const clock = new ScaledClock(1_000_000, () => real); // the real clock stands still: every timer is "early"
    const t0 = clock.now();
    const seen: number[] = [];
    clock.setTimer(5_000, () => seen.push(clock.now() - t0)); // 5 microseconds of wall time
    clock.setTimer(2_000_000, () => seen.push(clock.now() - t0)); // 2 ms of wall time, through setTimeout
    // a bounded wait, not a timed assertion: under load the 2 ms setTimeout may come later than 10 ms
    for (let waited = 0; seen.length < 2 && waited < 5000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).to.have.length(2);
    expect(seen[0]).to.be.at.least(5_000);
    expect(seen[1]).to.be.at.least(2_000_000);
    expect(clock.now() - t0).to.equal(2_000_000);
  });
});
