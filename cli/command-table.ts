/**
 * The top-level commands of the CLI: name, description and the module that registers each (options, handler).
 * The entry (build-cli.ts) loads only the module of the command given, and lists the others from this table, so
 * that `changerbench --help` or `status --fixture` do not load the simulator service, the suite, pino, zod's
 * schemas of other areas, serialport or koffi. Design: docs/architecture.md "A single command-line entry (yargs)".
 */
import type { Argv } from 'yargs';
import { CONFORMANCE_COMMAND, REPORT_COMMAND } from '../conformance/commands.js';
import { SIM_COMMAND } from '../sim/cli/commands.js';
import type { CliIo } from './cli-io.js';

/** Registers a module's commands (with their options and handlers) on a parser. */
export type Register = (y: Argv, io: CliIo) => Argv;

/** One top-level command. */
export interface TopCommand {
  readonly name: string;
  readonly describe: string;
  /** Commands registered by the same module share it (`conformance` and `report`). */
  readonly module: string;
  /** Imports the module and returns its register function. */
  readonly load: () => Promise<Register>;
}

/** `changerbench status`. */
export const STATUS_COMMAND = {
  name: 'status',
  describe: 'Show a changer inventory in the layout of mtx status, then magazine, door and IE state',
} as const;
/** `changerbench devices`. */
export const DEVICES_COMMAND = {
  name: 'devices',
  describe:
    'List the SCSI devices of this Linux machine (sysfs), as lsscsi -g does, changers marked: the nodes for --target sg:/dev/sgN',
} as const;
/** `changerbench fixtures`. */
export const FIXTURES_COMMAND = {
  name: 'fixtures',
  describe: 'library models: list, show, import an mhVTL configuration',
} as const;

const conformance = async (): Promise<Register> => (await import('../conformance/cli.js')).registerConformanceCommands;

/** The top-level commands, in the order --help lists them. */
export const TOP_COMMANDS: readonly TopCommand[] = [
  {
    ...STATUS_COMMAND,
    module: 'status',
    load: async () => (await import('./status-command.js')).registerStatusCommand,
  },
  {
    ...DEVICES_COMMAND,
    module: 'devices',
    load: async () => (await import('./devices-command.js')).registerDevicesCommand,
  },
  { ...SIM_COMMAND, module: 'sim', load: async () => (await import('../sim/cli/sim-cli.js')).registerSimCommands },
  { ...CONFORMANCE_COMMAND, module: 'conformance', load: conformance },
  { ...REPORT_COMMAND, module: 'conformance', load: conformance },
  {
    ...FIXTURES_COMMAND,
    module: 'fixtures',
    load: async () => (await import('./fixtures-command.js')).registerFixturesCommands,
  },
];
