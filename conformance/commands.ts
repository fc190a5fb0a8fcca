/**
 * The names and descriptions of the conformance commands, apart from their options and handlers
 * (conformance/cli.ts), so that the CLI's top-level help lists them without loading the suite.
 * Design: docs/architecture.md "A single command-line entry (yargs)".
 */

/** `changerbench conformance`. */
export const CONFORMANCE_COMMAND = {
  name: 'conformance',
  describe: 'the EjectNtmsCleaner conformance suite: run the matrix, or list the return paths',
} as const;

/** `changerbench report`. */
export const REPORT_COMMAND = {
  name: 'report',
  describe:
    'build the Allure HTML report (reports/allure, one file that opens from the file system) from the last run; needs a Java runtime. Subcommands: certificate, verify, merge',
} as const;
