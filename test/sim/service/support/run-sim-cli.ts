/**
 * Runs the `sim` command group in-process, the way cli/changerbench.ts assembles it: a yargs instance with
 * exitProcess(false) and a fail handler that throws, stdin from lines, output collected, logs captured.
 */
import { Readable } from 'node:stream';
import yargs from 'yargs';
import { registerSimCommands, type SimCommandIo } from '../../../../sim/cli/sim-cli.js';

/** What one CLI run produced. */
export interface CliRun {
  readonly out: string;
  /** yargs' own output (help, usage). */
  readonly yargsOutput: string;
  readonly exitCode: number;
  /** The error a handler threw or a validation failure. */
  readonly error: (Error & { exitCode?: number }) | undefined;
  /** pino lines written by the command. */
  readonly logs: unknown[];
}

/** Options of {@link runSimCli}. */
export interface RunOptions {
  readonly stdin?: readonly string[];
  /** Called with each chunk written to stdout. */
  readonly onOut?: (text: string) => void;
  readonly shutdownSignal?: () => Promise<string>;
}

/** Runs `changerbench <args>` with only the sim commands registered. */
export async function runSimCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let out = '';
  const logs: unknown[] = [];
  const io: SimCommandIo = {
    out: (t) => {
      out += t;
      options.onOut?.(t);
    },
    err: () => undefined,
    stdin: Readable.from((options.stdin ?? []).map((l) => `${l}\n`)),
    exitCode: 0,
    shutdownSignal: options.shutdownSignal ?? (() => new Promise(() => undefined)),
    logDestination: { write: (line: string) => void logs.push(JSON.parse(line)) },
  };
  let yargsOutput = '';
  let error: CliRun['error'];
  const cli = registerSimCommands(yargs([...args]).scriptName('changerbench'), io)
    .demandCommand(1)
    .strict()
    .help()
    .exitProcess(false)
    .fail((message: string | undefined, err: Error | undefined) => {
      throw err ?? new Error(message ?? 'usage error');
    });
  try {
    await cli.parseAsync([...args], {}, (_err: unknown, _argv: unknown, output: string) => {
      yargsOutput += output;
    });
  } catch (e) {
    error = e as Error;
  }
  return { out, yargsOutput, exitCode: io.exitCode, error, logs };
}
