/**
 * The serial initiator's response deadline: how long it waits for the RESPONSE of a command the target has
 * acknowledged, and the one timer that enforces it. The target executes its session's commands one at a time in
 * arrival order (section 8.1), so a command's wait is counted from when it becomes the oldest outstanding one
 * (sent, with every command ahead of it answered or given up): a move queued behind an inventory is not blamed
 * for the inventory's hour.
 * Spec: docs/serial-framing.md section 8.5 (response deadline); default limits as the Linux changer driver's
 * (drivers/scsi/ch.c module parameters timeout_move, 300 s, and timeout_init, 3600 s, for INITIALIZE ELEMENT STATUS).
 */
import type { Clock, Timer } from '../../../common/clock/clock.js';
import { OPCODE_NAMES, Opcode } from '../../codec/opcodes.js';

/** Default limits (section 8.5). */
export const ResponseDeadlineDefaults = {
  /** Every command but the two below: long enough for a slow robot's move or a cleaning cycle. */
  COMMAND_MS: 300_000,
  /** INITIALIZE ELEMENT STATUS (WITH RANGE): a full inventory of a large library takes many minutes. */
  INITIALIZE_MS: 3_600_000,
} as const;

const INITIALIZE_OPCODES: ReadonlySet<number> = new Set([
  Opcode.INITIALIZE_ELEMENT_STATUS,
  Opcode.INITIALIZE_ELEMENT_STATUS_WITH_RANGE,
]);

/** The default limit for a command, by its operation code. */
export function defaultResponseTimeoutMs(cdb: Uint8Array): number {
  return INITIALIZE_OPCODES.has(cdb[0] ?? -1)
    ? ResponseDeadlineDefaults.INITIALIZE_MS
    : ResponseDeadlineDefaults.COMMAND_MS;
}

/** The limit per command for the initiator's `responseTimeoutMs` option: that value for all, or the defaults. */
export function responseLimit(option: number | undefined): (cdb: Uint8Array) => number {
  if (option === undefined) return defaultResponseTimeoutMs;
  if (!(Number.isSafeInteger(option) && option >= 0))
    throw new RangeError(`responseTimeoutMs must be a whole number of milliseconds, 0 or more, got ${option}`);
  return () => option;
}

/** "MOVE MEDIUM (A5h)", with a tag "MOVE MEDIUM (A5h, tag 7)"; "opcode C1h" or "opcode C1h (tag 7)" without a name. */
export function commandName(cdb: Uint8Array, tag?: number): string {
  const opcode = cdb[0] ?? 0;
  const hex = `${opcode.toString(16).toUpperCase().padStart(2, '0')}h`;
  const name = OPCODE_NAMES.get(opcode);
  const tagged = tag === undefined ? '' : `tag ${tag}`;
  if (name === undefined) return `opcode ${hex}${tagged ? ` (${tagged})` : ''}`;
  return `${name} (${hex}${tagged ? `, ${tagged}` : ''})`;
}

/** A command whose deadline passed. */
export interface ExpiredCommand {
  readonly tag: number;
  readonly cdb: Uint8Array;
  /** The limit that applied to it. */
  readonly limitMs: number;
  /** Time since it was sent (at least the limit; more when commands ahead of it were waited for first). */
  readonly waitedMs: number;
}

/** What the initiator's TransportError says about an expired command. */
export function expiredMessage(e: ExpiredCommand): string {
  return `no RESPONSE to ${commandName(e.cdb, e.tag)} after waiting ${e.waitedMs} ms (limit ${e.limitMs} ms from when it became the oldest outstanding command)`;
}

interface Waiting {
  readonly tag: number;
  readonly cdb: Uint8Array;
  readonly sentAt: number;
  readonly limitMs: number;
}

/**
 * Tracks outstanding commands in the order they were sent and runs one timer, for the oldest. `limitFor` gives a
 * command's limit (0 or less: wait for ever); `expired` is told of each command whose limit passed, which is then
 * forgotten here (the caller fails it).
 */
export class ResponseDeadline {
  private readonly waiting = new Map<number, Waiting>();
  private armed: { readonly tag: number; readonly timer: Timer } | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly limitFor: (cdb: Uint8Array) => number,
    private readonly expired: (command: ExpiredCommand) => void,
  ) {}

  /** A command went out with `tag`. */
  sent(tag: number, cdb: Uint8Array): void {
    this.waiting.set(tag, { tag, cdb, sentAt: this.clock.now(), limitMs: this.limitFor(cdb) });
    this.arm();
  }

  /** The command with `tag` was answered (or failed otherwise): it no longer waits. */
  settled(tag: number): void {
    if (!this.waiting.delete(tag)) return;
    if (this.armed?.tag === tag) {
      this.armed.timer.cancel();
      this.armed = undefined;
      this.arm();
    }
  }

  /** Forgets every command and stops the timer. */
  clear(): void {
    this.armed?.timer.cancel();
    this.armed = undefined;
    this.waiting.clear();
  }

  private arm(): void {
    if (this.armed) return;
    const oldest = this.waiting.values().next().value;
    if (oldest === undefined || !(oldest.limitMs > 0)) return;
    const timer = this.clock.setTimer(oldest.limitMs, () => {
      this.armed = undefined;
      this.waiting.delete(oldest.tag);
      this.expired({
        tag: oldest.tag,
        cdb: oldest.cdb,
        limitMs: oldest.limitMs,
        waitedMs: Math.round(this.clock.now() - oldest.sentAt),
      });
      this.arm();
    });
    this.armed = { tag: oldest.tag, timer };
  }
}
