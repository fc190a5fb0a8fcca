/**
 * Test support: two in-memory ends of a serial line, with fault injection per chunk (one chunk is one frame when
 * the writer does not pace). Delivery is asynchronous (setImmediate), as on a real port: one chunk per turn of the
 * event loop, so a chunk written behind others waits in the writer's queue for as many turns as there are chunks
 * ahead of it, empty ones included.
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
    this.line.chunksMoved++;
    this.line.inFlight++;
    setImmediate(() => {
      this.line.inFlight--;
      if (out && out.length > 0 && this.peer && !this.peer.destroyed) this.peer.push(out);
      callback();
    });
  }
}

/** A pair of connected Duplex streams. */
export class LinePair {
  readonly a: LineEnd;
  readonly b: LineEnd;
  /** Chunks taken from either end's write queue, empty ones included. */
  chunksMoved = 0;
  /** Chunks taken from a write queue and not yet handed to the peer. */
  inFlight = 0;
  readonly counts: Record<Direction, number> = { 'a-to-b': 0, 'b-to-a': 0 };

  constructor(public fault?: LineFault) {
    this.a = new LineEnd(this, 'a-to-b');
    this.b = new LineEnd(this, 'b-to-a');
    this.a.peer = this.b;
    this.b.peer = this.a;
  }

  /** True while a chunk is on its way: being delivered, or waiting in either end's write queue. */
  get busy(): boolean {
    const queued = (end: LineEnd): boolean => !end.destroyed && end.writableLength > 0;
    return this.inFlight > 0 || queued(this.a) || queued(this.b);
  }

  /** Cuts the line: both ends close, as ports do when the PTY pair goes away. */
  cut(): void {
    this.a.destroy();
    this.b.destroy();
  }
}

/**
 * Lets queued I/O run until the line is quiet: nothing written is still queued or on its way, and no chunk has
 * moved for `quietTurns` turns of the event loop (time for the receiver's own asynchronous work to write an
 * answer). Counting bytes alone is not enough: empty writes move no byte but each takes a turn, so a few of them
 * queued ahead of real data used to look like a quiet line while that data was still waiting to go out.
 * Gives up after `maxTurns` turns (a line that never goes quiet); the caller's own check then fails.
 */
export async function settle(pair: LinePair, quietTurns = 4, maxTurns = 100_000): Promise<void> {
  let quiet = 0;
  let last = pair.chunksMoved;
  for (let turns = 0; quiet < quietTurns && turns < maxTurns; turns++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (pair.chunksMoved === last && !pair.busy) quiet++;
    else {
      quiet = 0;
      last = pair.chunksMoved;
    }
  }
}
