/**
 * The error a fixture that cannot be loaded raises: its message is the list of problems, one per line,
 * each naming the file, the field path and what was expected. Design: docs/architecture.md style rule 7
 * (exceptions only for faults outside the protocol; a broken fixture is one).
 */

/** A fixture file that is missing, malformed, invalid or inconsistent. */
export class FixtureError extends Error {
  /** The problems, one line each ("fixtures/libraries/x.json: elements.storage.count: expected ..."). */
  readonly problems: readonly string[];

  constructor(
    /** The fixture file as named in the messages. */
    readonly file: string,
    problems: readonly string[],
  ) {
    super(problems.join('\n'));
    this.name = 'FixtureError';
    this.problems = problems;
  }
}

/** The fixture named does not exist (a usage error: the CLI exits 2). */
export class FixtureNotFoundError extends FixtureError {
  constructor(file: string, problem: string) {
    super(file, [problem]);
    this.name = 'FixtureNotFoundError';
  }
}
