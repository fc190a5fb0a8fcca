/**
 * The single command-line entry (docs/architecture.md): assembles the subcommands of each area. Strict about unknown
 * options and bad values, `--help` at every level, testable in-process (no process.exit inside).
 */
import yargs, { type Argv } from 'yargs';
import type { CliIo } from './cli-io.js';
import { TOP_COMMANDS } from './command-table.js';

/** The command the arguments name (the first word that is not an option), if it is one of TOP_COMMANDS. */
function commandOf(args: readonly string[]): (typeof TOP_COMMANDS)[number] | undefined {
  const word = args.find((a) => !a.startsWith('-'));
  return TOP_COMMANDS.find((c) => c.name === word);
}

/**
 * Builds the yargs parser for one run. Only the module of the command given is loaded (with its options and
 * handler); the other commands are listed from cli/command-table.ts for --help and the command suggestions.
 */
export async function buildCli(args: readonly string[], io: CliIo): Promise<Argv> {
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
    // yargs renders the help text before every command's handler; laid out only when it is shown (wrapping costs ~40 ms)
    .wrap(args.some((a) => a === '--help' || a === '-h') ? Math.min(110, process.stdout.columns || 100) : null);
  const chosen = commandOf(args);
  const register = chosen ? await chosen.load() : undefined;
  const registered = new Set<string>();
  for (const c of TOP_COMMANDS) {
    if (chosen && c.module === chosen.module) {
      if (register && !registered.has(c.module)) y = register(y, io);
      registered.add(c.module);
    } else y = y.command(c.name, c.describe);
  }
  return y;
}

/**
 * A command's own error with its exit code (common/command-error.ts), known by name: a command module imported on
 * demand may hold its own copy of the class (a test runner that loads the entry through require and the command
 * through import).
 */
function commandError(e: unknown): (Error & { exitCode: number }) | undefined {
  const named = e instanceof Error && e.name === 'CommandError';
  return named && typeof (e as Error & { exitCode?: unknown }).exitCode === 'number'
    ? (e as Error & { exitCode: number })
    : undefined;
}

/** Thrown from yargs' fail handler so that a usage error stops the parse before any command runs. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Runs the CLI; resolves to the exit code. Usage errors print the message and a hint, exit 2; no command runs. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const parser = (await buildCli(args, io)).fail((msg, err) => {
    if (commandError(err)) throw err;
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
    const own = commandError(e);
    if (own) {
      io.err(`changerbench: ${own.message}\n`);
      return own.exitCode;
    }
    io.err(`changerbench: ${(e as Error).message}\n`);
    return 1;
  }
  return io.exitCode;
}
