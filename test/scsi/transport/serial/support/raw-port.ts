/**
 * Test support: one end of a real PTY pair opened with serialport and spoken to by hand: raw bytes out, decoded
 * frames in, and a bounded wait for a frame. For tests that play a misbehaving peer of a real initiator or target.
 */
import type { SerialPort } from 'serialport';
import { FrameDecoder } from '../../../../../scsi/transport/serial/frame-decoder.js';
import type { Frame } from '../../../../../scsi/transport/serial/frame-format.js';
import { closeSerialPort, openSerialPort } from '../../../../../scsi/transport/serial/serial-port-io.js';
import { waitFor } from '../../../../support/pty-pair.js';

/** See the file comment. */
export class RawPort {
  /** Every frame received, in order. */
  readonly frames: Frame[] = [];
  private readonly decoder = new FrameDecoder();

  private constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      for (const e of this.decoder.push(chunk)) if (e.kind === 'frame') this.frames.push(e.frame);
    });
  }

  static async open(path: string): Promise<RawPort> {
    return new RawPort(await openSerialPort(path, 115200));
  }

  /** Writes bytes and waits until the port has taken them. */
  write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.write(bytes, (error) => (error ? reject(error) : this.port.drain(() => resolve())));
    });
  }

  /** Waits (at most `limitMs`, a hang guard) for a frame received after index `from` that `match` accepts. */
  async next(match: (f: Frame) => boolean, what: string, from = 0, limitMs = 10_000): Promise<Frame> {
    let found: Frame | undefined;
    await waitFor(() => (found = this.frames.slice(from).find(match)) !== undefined, what, limitMs);
    return found!;
  }

  close(): Promise<void> {
    return closeSerialPort(this.port);
  }
}
