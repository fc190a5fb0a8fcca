/**
 * The `sim` command group of the changerbench CLI: `sim serve` (the simulator as a long-running service with iSCSI,
 * serial and HTTP control endpoints) and `sim console` (the operator console, on an in-process simulator or
 * attached to a running one over HTTP). The entry (cli/changerbench.ts) only registers this group.
 * Design: docs/architecture.md "A single command-line entry (yargs) ... Each subcommand's code lives with its area";
 * docs/toolchain.md "yargs".
 */
import type { Argv } from 'yargs';
import { SIM_COMMAND } from './commands.js';
import { consoleBuilder, consoleCommand } from './console-command.js';
import { serve, serveBuilder } from './serve-command.js';
import type { SimCommandIo } from './sim-command-io.js';

export type { SimCommandIo } from './sim-command-io.js';
export { CHAP_SECRET_ENV } from './serve-command.js';

/**
 * Registers `sim serve` and `sim console` on a yargs instance. Handlers report problems by throwing
 * CommandError (message for people, exitCode) or yargs validation errors; they set `io.exitCode` otherwise.
 */
export function registerSimCommands<T>(cli: Argv<T>, io: SimCommandIo): Argv<T> {
  return cli.command(SIM_COMMAND.name, SIM_COMMAND.describe, (y) =>
    y
      .command(
        'serve',
        'run a simulated library as a service (iSCSI, serial, HTTP control); stop with SIGINT/SIGTERM',
        serveBuilder,
        (a) => serve(a, io),
      )
      .command(
        'console',
        'operator console: status, magazines, door, IE station, faults (stdin/stdout)',
        consoleBuilder,
        (a) => consoleCommand(a, io),
      )
      .demandCommand(1, 'choose a sim command: serve or console')
      .strict(),
  );
}
