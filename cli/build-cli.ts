/**
 * The single command-line entry (docs/architecture.md): assembles the subcommands of each area. Strict about unknown
 * options and bad values, `--help` at every level, testable in-process (no process.exit inside).
 */
import yargs, { type Argv } from 'yargs';
import { CommandError } from '../common/command-error.js';
import type { CliIo } from './cli-io.js';
import { registerConformanceCommands } from '../conformance/cli.js';
import { registerSimCommands } from '../sim/cli.js';
import { registerDevicesCommand } from './devices-command.js';
import { registerFixturesCommands } from './fixtures-command.js';
import { registerStatusCommand } from './status-command.js';

/** Builds the yargs parser for one run. */
export function buildCli(args: readonly string[], io: CliIo): Argv {
  let y: Argv = yargs([...args])
    .scriptName('changerbench')
    .usage('$0 <command> [options]\n\nA test bench for SCSI media changers and the Windows RSM cleaner functions.')
    .exitProcess(false)
    .strict()
    .demandCommand(1, 'Give a command (see --help).')
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100));
  y = registerStatusCommand(y, io);
  y = registerDevicesCommand(y, io);
  y = registerSimCommands(y, io);
  y = registerConformanceCommands(y, io);
  y = registerFixturesCommands(y, io);
  return y;
}

/** Thrown from yargs' fail handler so that a usage error stops the parse before any command runs. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Runs the CLI; resolves to the exit code. Usage errors print the message and a hint, exit 2; no command runs. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const parser = buildCli(args, io).fail((msg, err) => {
    if (err instanceof CommandError) throw err;
    if (err && !msg) throw err;
    throw new UsageError(msg ?? err?.message ?? 'invalid arguments');
  });
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`changerbench: ${e.message}\nRun "changerbench --help" (or "changerbench <command> --help") for usage.\n`);
      return 2;
    }
    if (e instanceof CommandError) {
      io.err(`changerbench: ${e.message}\n`);
      return e.exitCode;
    }
    io.err(`changerbench: ${(e as Error).message}\n`);
    return 1;
  }
  return io.exitCode;
}
