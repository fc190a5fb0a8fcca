/**
 * Slows CHAP guessing: each authentication or authorization failure of an initiator (by initiator name and by
 * address, whichever has failed more) delays the next login reject it gets: no delay for the first failure, then
 * `baseMs`, doubling per failure up to `maxMs`. A successful login clears both records, so does a quiet period
 * of `quietMs` without failures. The answer that proves a good secret waits as long as a reject would (pending),
 * otherwise a reject that is late would itself tell a guess was wrong. At most MAX_RECORDS initiators are remembered (the oldest is forgotten first).
 * Spec: RFC 7143 12.1.3 (CHAP; secrets open to off-line and guessing attacks), 11.13.5 (status 0201h
 * authentication failure, 0202h authorization failure); RFC 1994 2.2 (the authenticator may delay); docs/iscsi.md 7.4.
 */
import type { Clock } from '../../../../common/clock/clock.js';

/** How many initiators (names plus addresses) the throttle remembers. */
const MAX_RECORDS = 4096;

/** The throttle's settings. */
export interface LoginThrottleSettings {
  /** Delay after the second failure; 0 turns the throttle off. */
  readonly baseMs: number;
  /** The delay never exceeds this. */
  readonly maxMs: number;
  /** Failures older than this are forgotten. */
  readonly quietMs: number;
}

interface FailureRecord {
  failures: number;
  last: number;
}

/** Who a login came from. */
export interface LoginSource {
  readonly address: string | undefined;
  readonly initiatorName: string | undefined;
}

/** Failure counts per initiator name and per address. */
export class LoginThrottle {
  private readonly records = new Map<string, FailureRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly settings: LoginThrottleSettings,
  ) {}

  /** Records one failure from `source`; returns how long to wait before sending its reject. */
  failed(source: LoginSource): number {
    const now = this.clock.now();
    let before = 0;
    for (const key of keysOf(source)) {
      let r: FailureRecord | undefined = this.records.get(key);
      if (r !== undefined && now - r.last >= this.settings.quietMs) r = undefined;
      before = Math.max(before, r?.failures ?? 0);
      this.records.delete(key); // re-inserted last: the map stays in least-recently-failed order
      this.records.set(key, { failures: (r?.failures ?? 0) + 1, last: now });
    }
    while (this.records.size > MAX_RECORDS) this.records.delete(this.records.keys().next().value as string);
    return delayAfter(before, this.settings);
  }

  /**
   * The delay a failure from `source` would get now, without recording one. The answer that ends a successful
   * authentication waits as long, so an attacker cannot tell a wrong guess by the reject being late and drop the
   * connection early instead of waiting for it.
   */
  pending(source: LoginSource): number {
    const now = this.clock.now();
    let before = 0;
    for (const key of keysOf(source)) {
      const r = this.records.get(key);
      if (r !== undefined && now - r.last < this.settings.quietMs) before = Math.max(before, r.failures);
    }
    return delayAfter(before, this.settings);
  }

  /** A login from `source` succeeded: its failures are forgotten. */
  succeeded(source: LoginSource): void {
    for (const key of keysOf(source)) this.records.delete(key);
  }
}

/** The delay for a failure that follows `previous` failures (exported for the tests). */
export function delayAfter(previous: number, s: LoginThrottleSettings): number {
  if (previous === 0 || s.baseMs === 0) return 0;
  return Math.min(s.maxMs, s.baseMs * 2 ** Math.min(previous - 1, 30));
}

function keysOf(source: LoginSource): string[] {
  const keys: string[] = [];
  if (source.address !== undefined) keys.push(`address:${source.address}`);
  if (source.initiatorName !== undefined && source.initiatorName !== '')
    keys.push(`name:${source.initiatorName.toLowerCase()}`);
  return keys;
}
