/**
 * The exit codes of `changerbench conformance run` and `changerbench report ...`: one table
 * (docs/conformance.md "Exit codes" prints it). A run whose tests passed with some skips exits 0: every library
 * lacks something some path needs, so skips with a stated reason are the normal state of a complete run (the
 * bundled matrix has 51); a skip that should have been a pass is caught by `--expect`. A run in which nothing
 * passed exits 1 unless `--allow-all-skipped`.
 */

/** Exit codes, one per outcome. */
export const ExitCode = {
  /** Every selected test passed or skipped with a reason (and matched --expect, when given); at least one passed. */
  OK: 0,
  /** A test failed, the meta-check failed, a cell differs from --expect, nothing passed, or --grep/--shard selected nothing. */
  FAILED: 1,
  /** A usage error or a target, model, fixture or file that cannot be used: nothing ran, no report was touched. */
  USAGE_OR_TARGET: 2,
  /** Interrupted (Ctrl-C, SIGINT): the reports hold the tests that ended and say "interrupted". */
  INTERRUPTED: 130,
} as const;

/** The table as Markdown rows (code, meaning), for docs and `--help`. */
export const EXIT_CODE_TABLE: readonly (readonly [number, string])[] = [
  [
    ExitCode.OK,
    'every selected test passed or skipped with its reason, at least one passed (and the matrix matches --expect when given)',
  ],
  [
    ExitCode.FAILED,
    'a test failed, the meta-check failed, a cell differs from --expect, no test passed (without --allow-all-skipped), or --grep/--shard selected no test',
  ],
  [
    ExitCode.USAGE_OR_TARGET,
    'a usage error, or a target, fixture, model or --expect file that cannot be used; nothing ran and earlier reports are untouched',
  ],
  [ExitCode.INTERRUPTED, 'interrupted (Ctrl-C): reports are complete for the tests that ended and marked interrupted'],
];
