/**
 * Incremental frame decoder: takes the byte stream in chunks of any size and emits frames, "garbage skipped" and
 * "bad frame" events, resynchronising on the start marker.
 * Spec: docs/serial-framing.md section 3.5 (receiver checks) and section 3.6 (resynchronisation).
 */
import { checkCrc, checkHeader, readFrame } from './frame-codec.js';
import { FrameLayout, type Frame } from './frame-format.js';

/** What the decoder found in the bytes it was given. */
export type DecoderEvent =
  /** A frame whose header check and CRC-32C are right. */
  | { readonly kind: 'frame'; readonly frame: Frame }
  /** `length` bytes that could not start a frame were skipped while looking for a start marker. */
  | { readonly kind: 'garbage'; readonly length: number }
  /**
   * A header passed its check but the CRC-32C over the frame failed. The decoder skipped only the first marker
   * byte and scans on, so a real frame hidden inside the bad one is still found. `type` and `seq` come from the
   * (checked) header and may be used to answer with a NAK.
   */
  | { readonly kind: 'bad-frame'; readonly type: number; readonly seq: number; readonly length: number };

/** Options of {@link FrameDecoder}. */
export interface FrameDecoderOptions {
  /** Headers announcing a longer payload are treated as garbage (default FrameLayout.MAX_PAYLOAD). */
  readonly maxPayload?: number;
}

/**
 * Turns arbitrary chunks of a byte stream into frames. Holds at most one incomplete frame between calls.
 * Pure apart from that buffer: no I/O, no timers.
 */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private pushed = 0;
  private readonly maxPayload: number;

  constructor(options: FrameDecoderOptions = {}) {
    this.maxPayload = options.maxPayload ?? FrameLayout.MAX_PAYLOAD;
  }

  /** Bytes held back because they may begin a frame that is not complete yet. */
  get pendingLength(): number {
    return this.pending.length;
  }

  /** Stream offset of the first held-back byte: it changes only when the held candidate is given up or completed. */
  get heldFrom(): number {
    return this.pushed - this.pending.length;
  }

  /** Forgets held-back bytes (after a line break). */
  reset(): void {
    this.pending = Buffer.alloc(0);
  }

  /**
   * Gives up on the bytes held back (the line has been quiet, so an incomplete candidate will never complete):
   * skips the first held byte as garbage and rescans the rest, until nothing is held. Returns what that found.
   */
  flush(): DecoderEvent[] {
    const events: DecoderEvent[] = [];
    while (this.pending.length > 0) {
      const held = this.pending;
      this.pending = Buffer.alloc(0);
      this.pushed -= held.length; // the held bytes are pushed again below, less the one given up
      this.pushed += 1;
      events.push({ kind: 'garbage', length: 1 }, ...this.push(held.subarray(1)));
    }
    return events;
  }

  /** Feeds the next chunk; returns what it completed, in stream order. */
  push(chunk: Uint8Array): DecoderEvent[] {
    const incoming = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.pushed += incoming.length;
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, incoming]) : incoming;
    const events: DecoderEvent[] = [];
    let garbage = 0;
    const flushGarbage = (): void => {
      if (garbage > 0) events.push({ kind: 'garbage', length: garbage });
      garbage = 0;
    };
    let pos = 0;
    while (pos < buf.length) {
      const marker = buf.indexOf(FrameLayout.MARKER_0, pos);
      if (marker < 0) {
        garbage += buf.length - pos;
        pos = buf.length;
        break;
      }
      garbage += marker - pos;
      pos = marker;
      if (pos + 1 >= buf.length) break; // a lone first marker byte at the end: wait for the next chunk
      if (buf[pos + 1] !== FrameLayout.MARKER_1) {
        garbage += 1;
        pos += 1;
        continue;
      }
      if (buf.length - pos < FrameLayout.HEADER_LENGTH) break;
      const length = checkHeader(buf, pos, this.maxPayload);
      if (typeof length !== 'number') {
        garbage += 1;
        pos += 1;
        continue;
      }
      if (buf.length - pos < FrameLayout.OVERHEAD + length) break;
      flushGarbage();
      if (!checkCrc(buf, pos, length)) {
        events.push({
          kind: 'bad-frame',
          type: buf[pos + FrameLayout.TYPE_OFFSET] as number,
          seq: buf.readUInt16BE(pos + FrameLayout.SEQ_OFFSET),
          length,
        });
        pos += 1;
        continue;
      }
      events.push({ kind: 'frame', frame: readFrame(buf, pos, length) });
      pos += FrameLayout.OVERHEAD + length;
    }
    flushGarbage();
    this.pending = Buffer.from(buf.subarray(pos));
    return events;
  }
}
