/**
 * Tests of the suite's time control: calls settle by running virtual time, waits jump from timer to timer and
 * fail clearly on a deadlock or after their limit. Spec: conformance/harness/target/time-control.ts.
 */
import { expect } from 'chai';
import { VirtualClock } from '../../common/clock/clock.js';
import { realTime, virtualTime, WaitTimeoutError } from '../../conformance/harness/target/time-control.js';

describe('conformance/harness/target/time-control', () => {
  it('settles a promise that needs ten minutes of virtual time at once, and counts the time covered', async () => {
    const clock = new VirtualClock();
    const time = virtualTime(clock);
    const value = await time.settle(clock.sleep(600_000).then(() => 'done'));
    expect(value).to.equal('done');
    expect(time.elapsed()).to.equal(600_000);
    expect(time.virtual).to.equal(true);
  });

  it('waits until a condition set by a timer holds, stopping at that timer', async () => {
    const clock = new VirtualClock();
    const time = virtualTime(clock);
    let flag = false;
    clock.setTimer(5_000, () => (flag = true));
    clock.setTimer(60_000, () => undefined);
    await time.waitFor('the flag', () => flag, 30_000);
    expect(time.elapsed()).to.equal(5_000);
  });

  it('fails a wait whose condition can never hold (nothing scheduled), naming what it waited for', async () => {
    const time = virtualTime(new VirtualClock());
    const err = await time.waitFor('the operator', () => false, 1_000).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(WaitTimeoutError);
    expect((err as Error).message).to.match(/the operator: .*nothing is scheduled/);
  });

  it('fails a wait after its limit of clock time, with the clock at the limit', async () => {
    const clock = new VirtualClock();
    const time = virtualTime(clock);
    const poll = () => clock.setTimer(1_000, poll);
    poll();
    const err = await time.waitFor('never', () => false, 10_000).catch((e: unknown) => e);
    expect((err as Error).message).to.match(/never: still not true after 10000 ms/);
    expect(time.elapsed()).to.equal(10_000);
  });

  it('accepts asynchronous conditions and lets time pass by a given amount', async () => {
    const clock = new VirtualClock();
    const time = virtualTime(clock);
    let fired = 0;
    clock.setTimer(2_000, () => fired++);
    await time.pass(3_000);
    expect(fired).to.equal(1);
    await time.waitFor('async true', async () => Promise.resolve(true), 1);
  });

  it('over a real clock, waits poll and settle simply awaits', async () => {
    const clock = new VirtualClock();
    const time = realTime(
      {
        now: () => clock.now(),
        setTimer: (ms, fn) => clock.setTimer(ms, fn),
        sleep: async (ms) => clock.advanceBy(ms),
      },
      100,
    );
    expect(time.virtual).to.equal(false);
    expect(await time.settle(Promise.resolve(7))).to.equal(7);
    let n = 0;
    await time.waitFor('third poll', () => ++n >= 3, 10_000);
    expect(n).to.equal(3);
    expect(time.elapsed()).to.equal(200);
  });

  it('over a real clock, a long wait reports its progress: the step, the time waited and the limit', async () => {
    const clock = new VirtualClock();
    const lines: string[] = [];
    const time = realTime(
      {
        now: () => clock.now(),
        setTimer: (ms, fn) => clock.setTimer(ms, fn),
        sleep: async (ms) => clock.advanceBy(ms),
      },
      1_000,
      (what, elapsed, limit) => lines.push(`${what}: ${elapsed} of ${limit}`),
      5_000,
    );
    let n = 0;
    await time.waitFor('the door to close', () => ++n > 12, 60_000);
    expect(lines).to.deep.equal(['the door to close: 5000 of 60000', 'the door to close: 10000 of 60000']);
    await time.waitFor('a quick one', () => true, 60_000);
    expect(lines).to.have.length(2);
  });
});
