/**
 * The `sim` command group of the changerbench CLI: `sim serve` (the simulator as a long-running service with iSCSI,
 * serial and HTTP control endpoints) and `sim console` (the operator console, on an in-process simulator or
 * attached to a running one over HTTP). The entry (cli/changerbench.ts) only registers this group.
 * Design: docs/architecture.md "A single command-line entry (yargs) ... Each subcommand's code lives with its area";
 * docs/toolchain.md "yargs".
 */
import type { Readable } from 'node:stream';
import type pino from 'pino';
import type { Argv } from 'yargs';
import { ScaledClock } from '../common/clock/clock.js';
import { SIM_COMMAND } from './commands.js';
import { withFields } from '../common/logger.js';
import { CommandError, ExitCode } from '../common/command-error.js';
import { MAX_BUSY_POLL_MICROS } from '../scsi/transport/iscsi/busy-poll.js';
import { checkChapSecretLengths } from '../scsi/transport/iscsi/chap.js';
import { DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS } from '../scsi/transport/iscsi/target/target-options.js';
import { parseSerialUrl } from '../scsi/transport/serial/serial-url.js';
import { TransportError } from '../scsi/transport/scsi-transport.js';
import { localControlClient, type ControlClient } from './control/control-client.js';
import { runConsole } from './console/run-console.js';
import { loadPersonality } from './personality/load-personality.js';
import { FixtureError, FixtureNotFoundError } from './personality/fixture-error.js';
import { StateFileError } from './persistence/state-format.js';
import { SimulatedChanger } from './changer/simulated-changer.js';
import { hostPortOption, numberOption, singleStringOption, stringListOption } from './service/cli-options.js';
import { ControlEndpointError, HttpControlClient, parseControlUrl } from './control/control-http-client.js';
import { DEFAULT_BUSY_POLL_MICROS, EndpointStartError } from './service/endpoints.js';
import { SimulatorService, stopChanger, type ServeOptions } from './service/serve.js';
import { asLogger, createServiceLogger, LOG_LEVELS, type LogLevel } from './service/service-logger.js';

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

/** Environment variables holding CHAP secrets (kept off the command line, where `ps` would show them). */
export const CHAP_SECRET_ENV = { chap: 'CHANGERBENCH_ISCSI_CHAP_SECRET', mutualChap: 'CHANGERBENCH_ISCSI_MUTUAL_CHAP_SECRET' } as const;

/** The first SIGINT or SIGTERM (a second one then ends the process the default way); `dispose` stops listening. */
function processSignal(): { readonly signal: Promise<string>; readonly dispose: () => void } {
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
const KNOWN_ERRORS = [FixtureError, StateFileError, EndpointStartError, ControlEndpointError, TransportError, RangeError] as const;

/** Runs `fn`, turning the simulator's own errors into CommandError (a fixture that does not exist: exit 2). */
async function asCommand<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof FixtureNotFoundError) throw new CommandError(err.message, ExitCode.USAGE);
    if (KNOWN_ERRORS.some((known) => err instanceof known)) throw new CommandError((err as Error).message);
    throw err;
  }
}

/** The CHAP credentials of `user` with the secret from `env`; a missing or short secret is one line and exit 2. */
function chapFrom(user: string | undefined, env: string): { user: string; secret: string } | undefined {
  if (user === undefined) return undefined;
  const secret = process.env[env];
  if (!secret) throw new CommandError(`a CHAP user was given; put its secret in the environment variable ${env}`, ExitCode.USAGE);
  try {
    checkChapSecretLengths([{ secret, name: `$${env}` }]);
  } catch (e) {
    throw new CommandError((e as Error).message, ExitCode.USAGE);
  }
  return { user, secret };
}

function serveBuilder(y: Argv) {
  return y
    .usage('$0 sim serve --fixture NAME [--fixtures-dir DIR] [--state FILE] [--iscsi HOST:PORT] [--serial PATH]... [--control HOST:PORT] [--web HOST:PORT] [--time-scale N]')
    .option('fixture', { type: 'string', demandOption: true, describe: 'library fixture id (see fixtures/libraries) or fixture file path', coerce: singleStringOption('fixture') })
    .option('state', { type: 'string', describe: 'durable state file (created if missing; a restart restores the library)', coerce: singleStringOption('state') })
    .option('iscsi', { type: 'string', describe: 'serve the changer over iSCSI on HOST:PORT (e.g. 127.0.0.1:3260)', coerce: hostPortOption('iscsi') })
    .option('iscsi-name', { type: 'string', describe: 'iSCSI target name (default iqn.2026-11.dev.changerbench:<fixture>)', coerce: singleStringOption('iscsi-name') })
    .option('iscsi-initiator', { type: 'string', array: true, describe: 'allow only these initiator names to log in (repeatable)' })
    .option('iscsi-chap-user', { type: 'string', describe: `require CHAP; the secret comes from $${CHAP_SECRET_ENV.chap}`, coerce: singleStringOption('iscsi-chap-user') })
    .option('iscsi-mutual-chap-user', { type: 'string', describe: `answer mutual CHAP as this user; secret from $${CHAP_SECRET_ENV.mutualChap}`, coerce: singleStringOption('iscsi-mutual-chap-user') })
    .option('iscsi-busy-poll', { type: 'string', describe: `after each answer a host waits for, poll for its next command for N µs instead of sleeping (faster round trips for CPU; 0 turns it off) [default: ${DEFAULT_BUSY_POLL_MICROS} with 2 CPUs or more, else 0]`, coerce: numberOption('iscsi-busy-poll', { min: 0, max: MAX_BUSY_POLL_MICROS, integer: true }) })
    .option('iscsi-max-connections', { type: 'string', describe: `iSCSI connections held at once; more are closed at accept [default: ${DEFAULT_MAX_CONNECTIONS}]`, coerce: numberOption('iscsi-max-connections', { min: 1, max: 1_000_000, integer: true }) })
    .option('iscsi-max-connections-per-address', { type: 'string', describe: `iSCSI connections one initiator address holds at once [default: ${DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}]`, coerce: numberOption('iscsi-max-connections-per-address', { min: 1, max: 1_000_000, integer: true }) })
    .option('serial', { type: 'string', describe: 'serve over this serial device or PTY (or a serial:PATH?baud=N&pace=1 URL); repeat for more lines, each its own nexus', coerce: stringListOption('serial') })
    .option('serial-baud', { type: 'string', describe: 'line rate of every --serial [default: 115200]', coerce: numberOption('serial-baud', { min: 1, max: 100_000_000, integer: true }) })
    .option('serial-pace', { type: 'boolean', describe: 'pace serial output to the baud rate (PTYs do not)' })
    .option('control', { type: 'string', describe: 'HTTP control endpoint on HOST:PORT (loopback only), e.g. 127.0.0.1:8080', coerce: hostPortOption('control') })
    .option('control-allow-remote', { type: 'boolean', default: false, describe: 'let --control bind a non-loopback address (no authentication!)' })
    .option('web', { type: 'string', describe: 'the lab view in a browser on HOST:PORT (loopback only), e.g. 127.0.0.1:8081', coerce: hostPortOption('web') })
    .option('web-allow-remote', { type: 'boolean', default: false, describe: 'let --web bind a non-loopback address (anyone who reaches it can pull magazines)' })
    .option('fixtures-dir', { type: 'string', describe: 'look --fixture ids up in this directory instead of the bundled fixtures/libraries', coerce: singleStringOption('fixtures-dir') })
    .option('time-scale', { type: 'string', describe: 'mechanical time runs N times faster than real time [default: 1]', coerce: numberOption('time-scale', { min: 0, max: 1e9, exclusiveMin: true }) })
    .option('start-ready', { type: 'boolean', default: false, describe: 'skip the product\'s power-on time at start' })
    .option('log-level', { type: 'string', choices: LOG_LEVELS, default: 'info', describe: 'pino log level; debug logs every SCSI command decoded (stderr: readable on a terminal, JSON lines otherwise)' })
    .check((a) => {
      if (a.iscsi === undefined && a.serial === undefined && a.control === undefined && a.web === undefined) throw new Error('nothing to serve: give --iscsi, --serial, --control and/or --web');
      if (a['serial-baud'] !== undefined && a.serial === undefined) throw new Error('--serial-baud needs --serial');
      if (a['iscsi-busy-poll'] !== undefined && a.iscsi === undefined) throw new Error('--iscsi-busy-poll needs --iscsi');
      for (const o of ['iscsi-max-connections', 'iscsi-max-connections-per-address'] as const) if (a[o] !== undefined && a.iscsi === undefined) throw new Error(`--${o} needs --iscsi`);
      return true;
    })
    .example('$0 sim serve --fixture ibm-ts3100 --iscsi 127.0.0.1:3260 --control 127.0.0.1:8080 --state lab.json', 'a lab simulator')
    .example('$0 sim serve --fixture ibm-ts3100 --iscsi 127.0.0.1:3260 --web 127.0.0.1:8081 --start-ready', 'a simulator with its lab view (open the printed web URL)')
    .example('$0 sim serve --fixture ibm-ts3100 --serial /tmp/a-target --serial /tmp/b-target --control 127.0.0.1:8080', 'two serial lines (two nexuses)')
    .strict();
}

type ServeArgs = Awaited<ReturnType<typeof serveBuilder>['argv']>;

function serveOptions(a: ServeArgs, io: SimCommandIo): ServeOptions {
  const level = a['log-level'] as LogLevel;
  const logger = asLogger(createServiceLogger({ level, destination: io.logDestination, pretty: io.logDestination === undefined && process.stderr.isTTY === true }));
  const serial = a.serial?.map((given) => {
    const url = given.startsWith('serial:') ? parseSerialUrl(given) : undefined;
    return { path: url?.path ?? given, baudRate: a['serial-baud'] ?? url?.baudRate ?? 115200, pace: a['serial-pace'] ?? url?.pace ?? false };
  });
  const chap = chapFrom(a['iscsi-chap-user'], CHAP_SECRET_ENV.chap);
  const mutualChap = chapFrom(a['iscsi-mutual-chap-user'], CHAP_SECRET_ENV.mutualChap);
  if (a.fixture === undefined) throw new CommandError('--fixture is required', ExitCode.USAGE);
  return {
    fixture: a.fixture,
    fixturesDir: a['fixtures-dir'],
    statePath: a.state,
    timeScale: a['time-scale'],
    startReady: a['start-ready'],
    iscsi: a.iscsi && { address: a.iscsi, targetName: a['iscsi-name'], chap, mutualChap, allowedInitiators: a['iscsi-initiator']?.map(String), busyPollMicros: a['iscsi-busy-poll'], maxConnections: a['iscsi-max-connections'], maxConnectionsPerAddress: a['iscsi-max-connections-per-address'] },
    serial,
    control: a.control && { address: a.control, allowRemote: a['control-allow-remote'] },
    web: a.web && { address: a.web, allowRemote: a['web-allow-remote'] },
    logCommands: level === 'debug' || level === 'trace',
    logger,
  };
}

async function serve(a: ServeArgs, io: SimCommandIo): Promise<void> {
  const options = serveOptions(a, io);
  // Listen before starting, so a signal during start-up still shuts down cleanly.
  const waiter = io.shutdownSignal ? { signal: io.shutdownSignal(), dispose: () => undefined } : processSignal();
  let service: SimulatorService;
  try {
    service = await asCommand(() => SimulatorService.start(options));
  } catch (err) {
    waiter.dispose();
    throw err;
  }
  for (const line of service.lines()) io.out(`${line}\n`);
  const signal = await waiter.signal;
  options.logger?.info({ signal }, 'shutting down');
  await service.close();
  io.exitCode = 0;
}

function consoleBuilder(y: Argv) {
  return y
    .usage('$0 sim console (--fixture NAME [--state FILE] | --control URL)\n\nOne command per line on stdin (type help); pipe a script in to automate. Exits 1 if any line failed.')
    .option('fixture', { type: 'string', describe: 'run an in-process simulator of this fixture', coerce: singleStringOption('fixture') })
    .option('state', { type: 'string', describe: 'durable state file for the in-process simulator', coerce: singleStringOption('state') })
    .option('time-scale', { type: 'string', describe: 'in-process simulator: mechanical time N times faster [default: 1]', coerce: numberOption('time-scale', { min: 0, max: 1e9, exclusiveMin: true }) })
    .option('control', { type: 'string', describe: 'attach to a running simulator\'s control endpoint, e.g. http://127.0.0.1:8080', coerce: singleStringOption('control') })
    .conflicts('control', ['fixture', 'state', 'time-scale'])
    .check((a) => {
      if (a.fixture === undefined && a.control === undefined) throw new Error('give --fixture NAME (in-process simulator) or --control URL (a running one)');
      return true;
    })
    .example('$0 sim console --fixture quantum-superloader3', 'practice on an in-process library')
    .example("echo 'magazine pull left' | $0 sim console --control http://127.0.0.1:8080", 'script a running simulator')
    .strict();
}

type ConsoleArgs = Awaited<ReturnType<typeof consoleBuilder>['argv']>;

async function consoleCommand(a: ConsoleArgs, io: SimCommandIo): Promise<void> {
  const interactive = (io.stdin as { isTTY?: boolean }).isTTY === true;
  const prompt = interactive ? 'changer> ' : undefined;
  const run = async (client: ControlClient, banner: string): Promise<void> => {
    if (interactive) io.out(`${banner}; type help for commands, quit to leave\n`);
    const failures = await runConsole(client, { input: io.stdin, write: io.out, ...(prompt ? { prompt } : {}) });
    io.exitCode = failures > 0 ? 1 : 0;
  };
  if (a.control !== undefined) {
    const url = a.control;
    try {
      parseControlUrl(url);
    } catch (e) {
      throw new CommandError((e as Error).message, ExitCode.USAGE);
    }
    const client = await asCommand(async () => {
      const c = new HttpControlClient(url);
      await c.health();
      return c;
    });
    return run(client, `attached to the simulator at ${client.url}`);
  }
  const fixture = a.fixture as string;
  const changer = await asCommand(async () => {
    const personality = loadPersonality(fixture);
    const logger = asLogger(createServiceLogger({ level: 'warn', destination: io.logDestination }));
    return new SimulatedChanger(personality, { clock: new ScaledClock(a['time-scale'] ?? 1), statePath: a.state, startReady: true, logger: withFields(logger, { component: 'sim' }) });
  });
  try {
    await run(localControlClient(changer.control), `simulated ${changer.personality.name} (${changer.personality.id}), in-process`);
  } finally {
    // The operator is done: a move still running gets half a second, then stops as at power loss.
    await stopChanger(changer, 500);
  }
}

/**
 * Registers `sim serve` and `sim console` on a yargs instance. Handlers report problems by throwing
 * CommandError (message for people, exitCode) or yargs validation errors; they set `io.exitCode` otherwise.
 */
export function registerSimCommands<T>(cli: Argv<T>, io: SimCommandIo): Argv<T> {
  return cli.command(SIM_COMMAND.name, SIM_COMMAND.describe, (y) =>
    y
      .command('serve', 'run a simulated library as a service (iSCSI, serial, HTTP control); stop with SIGINT/SIGTERM', serveBuilder, (a) => serve(a, io))
      .command('console', 'operator console: status, magazines, door, IE station, faults (stdin/stdout)', consoleBuilder, (a) => consoleCommand(a, io))
      .demandCommand(1, 'choose a sim command: serve or console')
      .strict(),
  );
}
