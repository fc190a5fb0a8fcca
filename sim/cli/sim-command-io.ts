/**
 * What the `sim` commands need from their process, the shutdown signal of `sim serve`, and how the simulator's
 * own errors become a CommandError (sim/cli/sim-cli.ts registers the commands).
 * Design: docs/architecture.md "A single command-line entry (yargs) ... Each subcommand's code lives with its area";
 * docs/toolchain.md "yargs".
 */
import type { Readable } from 'node:stream';
import type pino from 'pino';
import { CommandError, ExitCode } from '../../common/command-error.js';
import { TransportError } from '../../scsi/transport/scsi-transport.js';
import { FixtureError, FixtureNotFoundError } from '../personality/fixture-error.js';
import { StateFileError } from '../persistence/state-format.js';
import { ControlEndpointError } from '../control/control-http-client.js';
import { EndpointStartError } from '../service/endpoints.js';

/** What the sim commands need from their process; cli/cli-io.ts's CliIo fits. */
export interface SimCommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdin: Readable;
  /** Set by the commands: 0, or 1 when a console line failed. */
  exitCode: number;
  /** Resolves when `sim serve` should stop (default: the first SIGINT or SIGTERM). */
  readonly shutdownSignal?: (() => Promise<string>) | undefined;
  /** Where `sim serve` logs (default: stderr). */
  readonly logDestination?: pino.DestinationStream | undefined;
}

/** The first SIGINT or SIGTERM (a second one then ends the process the default way); `dispose` stops listening. */
export function processSignal(): { readonly signal: Promise<string>; readonly dispose: () => void } {
  let dispose = () => undefined as void;
  const signal = new Promise<string>((resolve) => {
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    dispose = () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
    const stop = (name: string) => {
      dispose();
      resolve(name);
    };
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  return { signal, dispose };
}

/** The simulator's own errors (fixture, state file, endpoint, control URL, transport, a value out of range). */
const KNOWN_ERRORS = [
  FixtureError,
  StateFileError,
  EndpointStartError,
  ControlEndpointError,
  TransportError,
  RangeError,
] as const;

/** Runs `fn`, turning the simulator's own errors into CommandError (a fixture that does not exist: exit 2). */
export async function asCommand<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof FixtureNotFoundError) throw new CommandError(err.message, ExitCode.USAGE);
    if (KNOWN_ERRORS.some((known) => err instanceof known)) throw new CommandError((err as Error).message);
    throw err;
  }
}
