/**
 * Test support: two in-memory ends of a serial line, with fault injection per chunk (one chunk is one frame when
 * the writer does not pace). Delivery is asynchronous (setImmediate), as on a real port.
 */
import { Duplex } from 'node:stream';

/** Which way a chunk travels. */
export type Direction = 'a-to-b' | 'b-to-a';

/** Decides what becomes of a chunk: the same bytes, other bytes (corruption), or null (dropped). */
export type LineFault = (chunk: Buffer, direction: Direction, index: number) => Buffer | null;

class LineEnd extends Duplex {
  peer: LineEnd | undefined;
  constructor(
    private readonly line: LinePair,
    private readonly direction: Direction,
  ) {
    super();
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const index = this.line.counts[this.direction]++;
    const out = this.line.fault ? this.line.fault(Buffer.from(chunk), this.direction, index) : chunk;
    this.line.bytesMoved += chunk.length;
    setImmediate(() => {
      if (out && out.length > 0 && this.peer && !this.peer.destroyed) this.peer.push(out);
      callback();
    });
  }
}

/** A pair of connected Duplex streams. */
export class LinePair {
  readonly a: LineEnd;
  readonly b: LineEnd;
  bytesMoved = 0;
  readonly counts: Record<Direction, number> = { 'a-to-b': 0, 'b-to-a': 0 };

  constructor(public fault?: LineFault) {
    this.a = new LineEnd(this, 'a-to-b');
    this.b = new LineEnd(this, 'b-to-a');
    this.a.peer = this.b;
    this.b.peer = this.a;
  }

  /** Cuts the line: both ends close, as ports do when the PTY pair goes away. */
  cut(): void {
    this.a.destroy();
    this.b.destroy();
  }
}

/** Lets queued I/O run until no byte has moved for a few turns of the event loop. */
export async function settle(pair: LinePair, quietTurns = 4): Promise<void> {
  let quiet = 0;
  let last = pair.bytesMoved;
  for (let turns = 0; quiet < quietTurns && turns < 100_000; turns++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (pair.bytesMoved === last) quiet++;
    else {
      quiet = 0;
      last = pair.bytesMoved;
    }
  }
}
