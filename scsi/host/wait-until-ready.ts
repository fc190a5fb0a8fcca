/**
 * Waiting for a changer that is still becoming ready (a real library answers NOT READY 04/01 for a minute or
 * more after power-on, a door close or a magazine insertion while it inventories): TEST UNIT READY is polled,
 * unit attentions met on the way are consumed at once, and each 04/01 waits one interval on an injected sleep,
 * within a bound. Other answers end the wait at once: the caller decides what they mean.
 * Spec: SPC-4 6.47 TEST UNIT READY (sense key 2h NOT READY with ASC/ASCQ 04/01 LOGICAL UNIT IS IN
 * PROCESS OF BECOMING READY), 4.5; SAM-5 (unit attention condition). See docs/scsi-model.md 10 and 4.
 */
import { Asc, encodeTestUnitReadyCdb, ScsiStatus, SenseKey } from '../codec/index.js';
import type { ScsiTransport } from '../transport/scsi-transport.js';
import { CommandFailedError, executeChecked, type CheckedResult } from './execute-checked.js';

/** Options of {@link waitUntilReady}. */
export interface WaitUntilReadyOptions {
  /** Resolves after `ms` milliseconds (a Clock's sleep: real time in tools, virtual time in tests). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Logical unit of the changer (default 0). */
  readonly lun?: number | undefined;
  /** Pause between TEST UNIT READY commands while the changer is becoming ready (default 1000 ms). */
  readonly intervalMs?: number | undefined;
  /** Give up once this much time has been slept (default 180 000 ms: a large library's power-on inventory). */
  readonly limitMs?: number | undefined;
  /** Called before each pause, e.g. to tell the user why nothing happens yet. */
  readonly onWait?: ((attempt: number, waitedMs: number) => void) | undefined;
}

/** How the wait ended. */
export interface WaitUntilReadyResult {
  /** True when TEST UNIT READY answered GOOD. */
  readonly ready: boolean;
  /** The last TEST UNIT READY outcome (its sense decoded when it was a CHECK CONDITION other than 04/01). */
  readonly last: CheckedResult;
  /** TEST UNIT READY commands answered NOT READY 04/01. */
  readonly notReadyAnswers: number;
  /** Milliseconds slept in all. */
  readonly waitedMs: number;
}

/** Defaults of {@link waitUntilReady}. */
export const WaitUntilReadyDefaults = {
  INTERVAL_MS: 1000,
  LIMIT_MS: 180_000,
} as const;

function becomingReady(r: CheckedResult): boolean {
  const s = r.sense;
  const code = Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY;
  return (
    r.status === ScsiStatus.CHECK_CONDITION &&
    s !== undefined &&
    s.key === SenseKey.NOT_READY &&
    s.asc === code.asc &&
    s.ascq === code.ascq
  );
}

/**
 * Polls TEST UNIT READY until the changer stops answering NOT READY 04/01. Resolves with `ready` true on GOOD and
 * false on any other SCSI outcome (door open, offline, ...); rejects with CommandFailedError when the changer is
 * still becoming ready after `limitMs` of sleeping, and with the transport's error on a transport fault.
 */
export async function waitUntilReady(
  transport: ScsiTransport,
  options: WaitUntilReadyOptions,
): Promise<WaitUntilReadyResult> {
  const intervalMs = options.intervalMs ?? WaitUntilReadyDefaults.INTERVAL_MS;
  const limitMs = options.limitMs ?? WaitUntilReadyDefaults.LIMIT_MS;
  if (!(intervalMs > 0) || !(limitMs >= 0))
    throw new RangeError(`intervalMs must be positive and limitMs not negative, got ${intervalMs} and ${limitMs}`);
  const command = { lun: options.lun ?? 0, cdb: encodeTestUnitReadyCdb(), allocationLength: 0 };
  let waitedMs = 0;
  let notReadyAnswers = 0;
  for (;;) {
    const last = await executeChecked(transport, command);
    if (!becomingReady(last)) return { ready: last.status === ScsiStatus.GOOD, last, notReadyAnswers, waitedMs };
    notReadyAnswers++;
    if (waitedMs >= limitMs)
      throw new CommandFailedError(`TEST UNIT READY (the changer was still becoming ready after ${waitedMs} ms)`, last);
    const pause = Math.min(intervalMs, limitMs - waitedMs);
    options.onWait?.(notReadyAnswers, waitedMs);
    await options.sleep(pause);
    waitedMs += pause;
  }
}
