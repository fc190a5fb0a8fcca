/**
 * `sim serve`: its options, the service options they ask for, and the command itself (sim/cli/sim-cli.ts registers it).
 * Design: docs/architecture.md "A single command-line entry (yargs) ... Each subcommand's code lives with its area";
 * docs/toolchain.md "yargs".
 */
import type { Argv } from 'yargs';
import { CommandError, ExitCode } from '../../common/command-error.js';
import { MAX_BUSY_POLL_MICROS } from '../../scsi/transport/iscsi/busy-poll.js';
import { checkChapSecretLengths } from '../../scsi/transport/iscsi/chap.js';
import {
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
} from '../../scsi/transport/iscsi/target/target-options.js';
import { parseSerialUrl } from '../../scsi/transport/serial/serial-url.js';
import { hostPortOption, numberOption, singleStringOption, stringListOption } from '../service/cli-options.js';
import { DEFAULT_BUSY_POLL_MICROS } from '../service/endpoints.js';
import { SimulatorService, type ServeOptions } from '../service/serve.js';
import { asLogger, createServiceLogger, LOG_LEVELS, type LogLevel } from '../service/service-logger.js';
import { asCommand, processSignal, type SimCommandIo } from './sim-command-io.js';

/** Environment variables holding CHAP secrets (kept off the command line, where `ps` would show them). */
export const CHAP_SECRET_ENV = {
  chap: 'CHANGERBENCH_ISCSI_CHAP_SECRET',
  mutualChap: 'CHANGERBENCH_ISCSI_MUTUAL_CHAP_SECRET',
} as const;

/** The CHAP credentials of `user` with the secret from `env`; a missing or short secret is one line and exit 2. */
function chapFrom(user: string | undefined, env: string): { user: string; secret: string } | undefined {
  if (user === undefined) return undefined;
  const secret = process.env[env];
  if (!secret)
    throw new CommandError(`a CHAP user was given; put its secret in the environment variable ${env}`, ExitCode.USAGE);
  try {
    checkChapSecretLengths([{ secret, name: `$${env}` }]);
  } catch (e) {
    throw new CommandError((e as Error).message, ExitCode.USAGE);
  }
  return { user, secret };
}

/** The options of `sim serve` and their checks. */
export function serveBuilder(y: Argv) {
  return y
    .usage(
      '$0 sim serve --fixture NAME [--fixtures-dir DIR] [--state FILE] [--iscsi HOST:PORT] [--serial PATH]... [--control HOST:PORT] [--web HOST:PORT] [--time-scale N]',
    )
    .option('fixture', {
      type: 'string',
      demandOption: true,
      describe: 'library fixture id (see fixtures/libraries) or fixture file path',
      coerce: singleStringOption('fixture'),
    })
    .option('state', {
      type: 'string',
      describe: 'durable state file (created if missing; a restart restores the library)',
      coerce: singleStringOption('state'),
    })
    .option('iscsi', {
      type: 'string',
      describe: 'serve the changer over iSCSI on HOST:PORT (e.g. 127.0.0.1:3260)',
      coerce: hostPortOption('iscsi'),
    })
    .option('iscsi-name', {
      type: 'string',
      describe: 'iSCSI target name (default iqn.2026-11.dev.changerbench:<fixture>)',
      coerce: singleStringOption('iscsi-name'),
    })
    .option('iscsi-initiator', {
      type: 'string',
      array: true,
      describe: 'allow only these initiator names to log in (repeatable)',
    })
    .option('iscsi-chap-user', {
      type: 'string',
      describe: `require CHAP; the secret comes from $${CHAP_SECRET_ENV.chap}`,
      coerce: singleStringOption('iscsi-chap-user'),
    })
    .option('iscsi-mutual-chap-user', {
      type: 'string',
      describe: `answer mutual CHAP as this user; secret from $${CHAP_SECRET_ENV.mutualChap}`,
      coerce: singleStringOption('iscsi-mutual-chap-user'),
    })
    .option('iscsi-busy-poll', {
      type: 'string',
      describe: `after each answer a host waits for, poll for its next command for N µs instead of sleeping (faster round trips for CPU; 0 turns it off) [default: ${DEFAULT_BUSY_POLL_MICROS} with 2 CPUs or more, else 0]`,
      coerce: numberOption('iscsi-busy-poll', { min: 0, max: MAX_BUSY_POLL_MICROS, integer: true }),
    })
    .option('iscsi-max-connections', {
      type: 'string',
      describe: `iSCSI connections held at once; more are closed at accept [default: ${DEFAULT_MAX_CONNECTIONS}]`,
      coerce: numberOption('iscsi-max-connections', { min: 1, max: 1_000_000, integer: true }),
    })
    .option('iscsi-max-connections-per-address', {
      type: 'string',
      describe: `iSCSI connections one initiator address holds at once [default: ${DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}]`,
      coerce: numberOption('iscsi-max-connections-per-address', { min: 1, max: 1_000_000, integer: true }),
    })
    .option('serial', {
      type: 'string',
      describe:
        'serve over this serial device or PTY (or a serial:PATH?baud=N&pace=1 URL); repeat for more lines, each its own nexus',
      coerce: stringListOption('serial'),
    })
    .option('serial-baud', {
      type: 'string',
      describe: 'line rate of every --serial [default: 115200]',
      coerce: numberOption('serial-baud', { min: 1, max: 100_000_000, integer: true }),
    })
    .option('serial-pace', { type: 'boolean', describe: 'pace serial output to the baud rate (PTYs do not)' })
    .option('control', {
      type: 'string',
      describe: 'HTTP control endpoint on HOST:PORT (loopback only), e.g. 127.0.0.1:8080',
      coerce: hostPortOption('control'),
    })
    .option('control-allow-remote', {
      type: 'boolean',
      default: false,
      describe: 'let --control bind a non-loopback address (no authentication!)',
    })
    .option('web', {
      type: 'string',
      describe: 'the lab view in a browser on HOST:PORT (loopback only), e.g. 127.0.0.1:8081',
      coerce: hostPortOption('web'),
    })
    .option('web-allow-remote', {
      type: 'boolean',
      default: false,
      describe: 'let --web bind a non-loopback address (anyone who reaches it can pull magazines)',
    })
    .option('fixtures-dir', {
      type: 'string',
      describe: 'look --fixture ids up in this directory instead of the bundled fixtures/libraries',
      coerce: singleStringOption('fixtures-dir'),
    })
    .option('time-scale', {
      type: 'string',
      describe: 'mechanical time runs N times faster than real time [default: 1]',
      coerce: numberOption('time-scale', { min: 0, max: 1e9, exclusiveMin: true }),
    })
    .option('start-ready', { type: 'boolean', default: false, describe: "skip the product's power-on time at start" })
    .option('log-level', {
      type: 'string',
      choices: LOG_LEVELS,
      default: 'info',
      describe:
        'pino log level; debug logs every SCSI command decoded (stderr: readable on a terminal, JSON lines otherwise)',
    })
    .check((a) => {
      if (a.iscsi === undefined && a.serial === undefined && a.control === undefined && a.web === undefined)
        throw new Error('nothing to serve: give --iscsi, --serial, --control and/or --web');
      if (a['serial-baud'] !== undefined && a.serial === undefined) throw new Error('--serial-baud needs --serial');
      if (a['iscsi-busy-poll'] !== undefined && a.iscsi === undefined)
        throw new Error('--iscsi-busy-poll needs --iscsi');
      for (const o of ['iscsi-max-connections', 'iscsi-max-connections-per-address'] as const)
        if (a[o] !== undefined && a.iscsi === undefined) throw new Error(`--${o} needs --iscsi`);
      return true;
    })
    .example(
      '$0 sim serve --fixture ibm-ts3100 --iscsi 127.0.0.1:3260 --control 127.0.0.1:8080 --state lab.json',
      'a lab simulator',
    )
    .example(
      '$0 sim serve --fixture ibm-ts3100 --iscsi 127.0.0.1:3260 --web 127.0.0.1:8081 --start-ready',
      'a simulator with its lab view (open the printed web URL)',
    )
    .example(
      '$0 sim serve --fixture ibm-ts3100 --serial /tmp/a-target --serial /tmp/b-target --control 127.0.0.1:8080',
      'two serial lines (two nexuses)',
    )
    .strict();
}

/** The parsed options of `sim serve`. */
export type ServeArgs = Awaited<ReturnType<typeof serveBuilder>['argv']>;

/** The service options the parsed `sim serve` options ask for (CHAP secrets from the environment). */
function serveOptions(a: ServeArgs, io: SimCommandIo): ServeOptions {
  const level = a['log-level'] as LogLevel;
  const logger = asLogger(
    createServiceLogger({
      level,
      destination: io.logDestination,
      pretty: io.logDestination === undefined && process.stderr.isTTY === true,
    }),
  );
  const serial = a.serial?.map((given) => {
    const url = given.startsWith('serial:') ? parseSerialUrl(given) : undefined;
    return {
      path: url?.path ?? given,
      baudRate: a['serial-baud'] ?? url?.baudRate ?? 115200,
      pace: a['serial-pace'] ?? url?.pace ?? false,
    };
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
    iscsi: a.iscsi && {
      address: a.iscsi,
      targetName: a['iscsi-name'],
      chap,
      mutualChap,
      allowedInitiators: a['iscsi-initiator']?.map(String),
      busyPollMicros: a['iscsi-busy-poll'],
      maxConnections: a['iscsi-max-connections'],
      maxConnectionsPerAddress: a['iscsi-max-connections-per-address'],
    },
    serial,
    control: a.control && { address: a.control, allowRemote: a['control-allow-remote'] },
    web: a.web && { address: a.web, allowRemote: a['web-allow-remote'] },
    logCommands: level === 'debug' || level === 'trace',
    logger,
  };
}

/** Runs `sim serve`: starts the service, prints its endpoints, and stops it at the shutdown signal. */
export async function serve(a: ServeArgs, io: SimCommandIo): Promise<void> {
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
