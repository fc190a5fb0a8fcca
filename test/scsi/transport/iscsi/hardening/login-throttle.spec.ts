/**
 * Issue 16 defect 5: CHAP guessing is slowed. Each authentication failure of one initiator (by name or address)
 * delays its next login reject, doubling up to a cap; a successful login or a quiet period clears the record.
 * The delays are measured on the target's injected clock: the reject is held until exactly that much virtual time
 * has passed.
 * Spec: RFC 7143 12.1.3 (CHAP), 11.13.5 (status 0201h); docs/iscsi.md 7.4;
 * scsi/transport/iscsi/target/login-throttle.ts.
 */
import { expect } from 'chai';
import { VirtualClock, type Clock, type Timer } from '../../../../../common/clock/clock.js';
import { IscsiLoginError } from '../../../../../scsi/transport/iscsi/errors.js';
import { delayAfter, LoginThrottle } from '../../../../../scsi/transport/iscsi/target/login-throttle.js';
import { waitFor } from '../../../../support/pty-pair.js';
import { Cdb, TargetFixture } from '../support/target-fixture.js';

const SETTINGS = { baseMs: 100, maxMs: 1600, quietMs: 60_000 };

/** A VirtualClock that remembers the length of every timer set on it. */
class TimerLengths implements Clock {
  readonly lengths: number[] = [];
  constructor(readonly inner: VirtualClock) {}
  now(): number {
    return this.inner.now();
  }
  setTimer(ms: number, fn: () => void): Timer {
    this.lengths.push(ms);
    return this.inner.setTimer(ms, fn);
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.inner.sleep(ms, signal);
  }
}

describe('iscsi/target login throttle (issue 16 defect 5)', function () {
  this.timeout(60_000);
  let fixture: TargetFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('grows the delay per failure, capped, and forgets after a success or a quiet period', async () => {
    const clock = new VirtualClock();
    const throttle = new LoginThrottle(clock, SETTINGS);
    const a = { address: '10.0.0.1', initiatorName: 'iqn.x:a' };
    expect(Array.from({ length: 8 }, () => throttle.failed(a))).to.deep.equal([
      0, 100, 200, 400, 800, 1600, 1600, 1600,
    ]);
    // another name from the same address, or the same name from another address, keeps the count
    expect(throttle.failed({ address: '10.0.0.1', initiatorName: 'iqn.x:b' })).to.equal(1600);
    expect(throttle.failed({ address: '10.0.0.2', initiatorName: 'iqn.x:a' })).to.equal(1600);
    throttle.succeeded(a);
    expect(throttle.failed(a)).to.equal(0);
    expect(throttle.failed(a)).to.equal(100);
    await clock.advanceBy(60_000);
    expect(throttle.failed(a)).to.equal(0);
    expect(delayAfter(3, { ...SETTINGS, baseMs: 0 })).to.equal(0);
    // pending: what a failure would wait now, without counting one
    const b = { address: '10.0.0.9', initiatorName: 'iqn.x:c' };
    expect(throttle.pending(b)).to.equal(0);
    throttle.failed(b);
    throttle.failed(b);
    expect([throttle.pending(b), throttle.pending(b)]).to.deep.equal([200, 200]);
    expect(throttle.pending({ address: '10.0.0.9', initiatorName: 'iqn.x:other' }), 'by address too').to.equal(200);
    await clock.advanceBy(60_000);
    expect(throttle.pending(b)).to.equal(0);
  });

  it('holds each wrong-secret login reject for the growing delay on the injected clock, and a good login clears it', async () => {
    const virtual = new VirtualClock();
    const clock = new TimerLengths(virtual);
    const chap = { user: 'alice', secret: 'alice-secret-12' };
    fixture = await TargetFixture.start({
      chap,
      clock,
      authFailureDelayMs: SETTINGS.baseMs,
      authFailureDelayMaxMs: SETTINGS.maxMs,
      loginTimeoutMs: 3_600_000,
      logIntervalMs: 3_600_000,
      closeLingerMs: 1,
    });
    /** Timers of throttle length (the others are 1 ms lingers and the hour-long login and log timers). */
    const throttleTimers = () => clock.lengths.filter((ms) => ms >= SETTINGS.baseMs && ms <= SETTINGS.maxMs);
    const measured: number[] = [];
    const wrong = async (): Promise<void> => {
      let settled = false;
      const before = throttleTimers().length;
      const attempt = fixture!.connect({ chap: { user: 'alice', secret: 'not-the-secret' } }).then(
        () => expect.fail('a wrong secret logged in'),
        (err: unknown) => {
          settled = true;
          expect(err).to.be.instanceOf(IscsiLoginError);
          expect((err as IscsiLoginError).loginStatus).to.equal(0x0201);
        },
      );
      await waitFor(() => settled || throttleTimers().length > before, 'the reject or its delay');
      if (settled) {
        measured.push(0);
        return attempt;
      }
      const delay = throttleTimers().at(-1) as number;
      await virtual.advanceBy(delay - 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(settled, 'the reject left before its delay').to.equal(false);
      await virtual.advanceBy(1);
      await attempt;
      measured.push(delay);
    };
    for (let i = 0; i < 7; i++) await wrong();
    expect(measured).to.deep.equal([0, 100, 200, 400, 800, 1600, 1600]);
    // The good secret's answer is held as long as a reject would be, so a late answer does not mean "wrong".
    let loggedIn = false;
    const before = throttleTimers().length;
    const pendingLogin = fixture.connect({ chap }).then((s) => {
      loggedIn = true;
      return s;
    });
    await waitFor(() => loggedIn || throttleTimers().length > before, 'the login or its delay');
    expect(loggedIn, 'a good secret after failures was answered at once').to.equal(false);
    expect(throttleTimers().at(-1)).to.equal(1600);
    await virtual.advanceBy(1599);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loggedIn, 'the answer left before its delay').to.equal(false);
    await virtual.advanceBy(1);
    const good = await pendingLogin;
    expect((await good.execute({ lun: 0, cdb: Cdb.testUnitReady(), allocationLength: 0 })).status).to.equal(0);
    await wrong();
    await wrong();
    expect(measured.slice(7)).to.deep.equal([0, 100]);
  });
});
