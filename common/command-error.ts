/**
 * The one error class for a command's failure meant for people: the CLI prints its message (no stack trace) and
 * exits with its exit code, 2 for an unusable target or option, 1 for a failure.
 * Design: docs/architecture.md "A single command-line entry"; the project brief's "one line and exit 2".
 */

/** Exit codes of a failed command. */
export const ExitCode = { FAILURE: 1, USAGE: 2 } as const;

/** A user-facing failure of a CLI command: print the message and exit with `exitCode`. */
export class CommandError extends Error {
  override readonly name = 'CommandError';

  constructor(
    message: string,
    readonly exitCode: number = ExitCode.FAILURE,
  ) {
    super(message);
  }
}
