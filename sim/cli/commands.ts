/**
 * The `sim` command's name and description, apart from its options and handlers (sim/cli/sim-cli.ts), so that the CLI's
 * top-level help lists it without loading the simulator. Design: docs/architecture.md "A single command-line
 * entry (yargs)".
 */

/** `changerbench sim`. */
export const SIM_COMMAND = {
  name: 'sim',
  describe: 'the simulated changer: serve it, or drive it from the operator console',
} as const;
