/**
 * Splitting messages into frame payloads and putting them back together.
 * Spec: docs/serial-framing.md section 5 (fragmentation: MORE flag, limits, what a receiver does with a
 * fragment of another type or an oversized message).
 */
import { FrameFlag, FrameLayout } from './frame-format.js';

/** One fragment of a message: its payload and whether more follow. */
export interface Fragment {
  readonly payload: Buffer;
  readonly flags: number;
}

/**
 * Splits a message into fragments of at most `maxPayload` bytes, MORE set on all but the last. An empty
 * message is one empty fragment.
 */
export function splitMessage(message: Buffer, maxPayload: number = FrameLayout.MAX_PAYLOAD): Fragment[] {
  if (!Number.isInteger(maxPayload) || maxPayload < 1 || maxPayload > FrameLayout.MAX_PAYLOAD)
    throw new RangeError(`fragment size ${maxPayload} out of range`);
  const fragments: Fragment[] = [];
  for (let offset = 0; offset < message.length; offset += maxPayload) {
    const end = Math.min(message.length, offset + maxPayload);
    fragments.push({ payload: message.subarray(offset, end), flags: end < message.length ? FrameFlag.MORE : 0 });
  }
  if (fragments.length === 0) fragments.push({ payload: Buffer.alloc(0), flags: 0 });
  return fragments;
}

/** What {@link Reassembler.push} completed. */
export type Reassembled =
  | { readonly ok: true; readonly type: number; readonly message: Buffer }
  /**
   * The message was dropped. `head` is its first fragment (so a target can still read a tag and answer);
   * `reason` says why: it grew over the limit, or a fragment of another type cut it short.
   */
  | { readonly ok: false; readonly type: number; readonly head: Buffer; readonly reason: string };

/** Collects the fragments of one message at a time, in the order the link delivers them. */
export class Reassembler {
  private type: number | undefined;
  private parts: Buffer[] = [];
  private size = 0;
  private head: Buffer | undefined;
  private overflowed = false;

  constructor(private readonly maxMessageBytes: number) {}

  /** Forgets a message in progress (new session). */
  reset(): void {
    this.type = undefined;
    this.parts = [];
    this.size = 0;
    this.head = undefined;
    this.overflowed = false;
  }

  /**
   * Takes the next in-order fragment. Returns the completed (or dropped) messages: usually none or one, two when
   * a fragment of another type cuts a message short and is itself complete.
   */
  push(type: number, flags: number, payload: Buffer): Reassembled[] {
    const out: Reassembled[] = [];
    if (this.type !== undefined && this.type !== type) {
      out.push({
        ok: false,
        type: this.type,
        head: this.head ?? Buffer.alloc(0),
        reason: `message cut short by a fragment of type ${type}`,
      });
      this.reset();
    }
    if (this.type === undefined) {
      this.type = type;
      this.head = payload;
    }
    this.size += payload.length;
    if (this.size > this.maxMessageBytes) {
      this.overflowed = true;
      this.parts = [];
    } else {
      this.parts.push(payload);
    }
    if ((flags & FrameFlag.MORE) === 0) {
      out.push(
        this.overflowed
          ? {
              ok: false,
              type,
              head: this.head ?? payload,
              reason: `message of more than ${this.maxMessageBytes} bytes`,
            }
          : {
              ok: true,
              type,
              message: this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.size),
            },
      );
      this.reset();
    }
    return out;
  }
}
