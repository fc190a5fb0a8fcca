/**
 * One command over QEMU's QMP socket: read the greeting, negotiate capabilities, send the command, resolve with
 * its `return` (reject with its `error`), all within a time bound.
 * Spec: QEMU QMP specification (docs/interop/qmp-spec: greeting, qmp_capabilities, execute/return/error).
 */
import { connect } from 'node:net';

/** Sends `execute` with `args` on the QMP socket at `path`. */
export function qmpCommand(
  path: string,
  execute: string,
  args: Record<string, unknown> | undefined,
  timeoutMs: number,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let buffer = '';
    let phase: 'greeting' | 'capabilities' | 'command' = 'greeting';
    const timer = setTimeout(() => finish(new Error(`QMP ${execute}: no answer within ${timeoutMs} ms`)), timeoutMs);
    const finish = (error: Error | undefined, value?: unknown) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(value);
    };
    socket.on('error', (e) => finish(new Error(`QMP ${execute}: ${e.message}`)));
    socket.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line === '') continue;
        const msg = JSON.parse(line) as { QMP?: unknown; return?: unknown; error?: { desc?: string }; event?: string };
        if (msg.event !== undefined) continue;
        if (phase === 'greeting' && msg.QMP !== undefined) {
          phase = 'capabilities';
          socket.write(`${JSON.stringify({ execute: 'qmp_capabilities' })}\n`);
        } else if (msg.error !== undefined) {
          finish(
            new Error(
              `QMP ${phase === 'command' ? execute : 'qmp_capabilities'}: ${msg.error.desc ?? JSON.stringify(msg.error)}`,
            ),
          );
        } else if (phase === 'capabilities') {
          phase = 'command';
          socket.write(`${JSON.stringify(args === undefined ? { execute } : { execute, arguments: args })}\n`);
        } else if (phase === 'command') {
          finish(undefined, msg.return);
        }
      }
    });
  });
}
