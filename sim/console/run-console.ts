/**
 * The operator console loop: reads lines from a stream (a terminal or a pipe), carries each out on a
 * ControlClient, writes the answer. A refused operation or a bad line is reported and the console goes on;
 * the exit status says whether any line failed, so scripts can check it.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { ControlClient } from '../control/control-client.js';
import { CONSOLE_HELP, ConsoleUsageError, parseConsoleLine } from './console-commands.js';
import { formatElements, formatLibraryState } from './format-status.js';

/** Options of {@link runConsole}. */
export interface ConsoleOptions {
  readonly input: Readable;
  readonly write: (text: string) => void;
  /** Prompt shown before each line when interactive. */
  readonly prompt?: string;
}

/** Status text for the console's `status` command. */
export async function consoleStatus(c: ControlClient, all: boolean): Promise<string> {
  const v = await c.status();
  return formatLibraryState(v) + formatElements(v, all);
}

/** Runs the console until end of input or `quit`. Resolves to the number of lines that failed. */
export async function runConsole(control: ControlClient, options: ConsoleOptions): Promise<number> {
  const rl = createInterface({ input: options.input, terminal: false });
  let failures = 0;
  if (options.prompt) options.write(options.prompt);
  for await (const line of rl) {
    try {
      const action = parseConsoleLine(line, consoleStatus);
      if (action.kind === 'quit') break;
      if (action.kind === 'help') options.write(CONSOLE_HELP + '\n');
      if (action.kind === 'run') {
        const text = await action.run(control);
        if (text.startsWith('refused')) failures++;
        options.write(text.endsWith('\n') ? text : text + '\n');
      }
    } catch (e) {
      failures++;
      options.write(e instanceof ConsoleUsageError ? `error: ${e.message}\n` : `error: ${(e as Error).message}\n`);
    }
    if (options.prompt) options.write(options.prompt);
  }
  rl.close();
  return failures;
}
