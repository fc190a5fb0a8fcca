/**
 * Opening and closing real serial ports (and PTYs) with serialport, as promises.
 * Spec: docs/serial-framing.md section 11 (ports, PTYs and lost bytes).
 */
import { SerialPort } from 'serialport';
import { TransportError } from '../scsi-transport.js';

/** Opens `path` at `baudRate` (8N1, no flow control). Rejects with the system's error. */
export function openSerialPort(path: string, baudRate: number): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({
      path,
      baudRate,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      rtscts: false,
      autoOpen: false,
    });
    // Errors after open reach the link's listener; before that the callback gets them. Never let one escape.
    port.on('error', () => undefined);
    port.open((error) => (error ? reject(error) : resolve(port)));
  });
}

/**
 * Opens `path` for a transport: a failure is a TransportError (ECONNREFUSED) that says the reason once
 * (serialport words it "Error: <reason>, cannot open <path>").
 */
export async function openTransportPort(path: string, baudRate: number): Promise<SerialPort> {
  try {
    return await openSerialPort(path, baudRate);
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error);
    const reason = said.replace(/^Error: /, '').replace(`, cannot open ${path}`, '');
    throw new TransportError(`cannot open ${path}: ${reason}`, 'ECONNREFUSED');
  }
}

/** Closes a port if it is open; never rejects (a port that is already gone is closed enough). */
export function closeSerialPort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) {
      resolve();
      return;
    }
    port.close(() => resolve());
  });
}
