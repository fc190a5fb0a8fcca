/**
 * The endpoints a simulator service can open, each started the same way and described by one stdout line:
 * the iSCSI target (`iscsi HOST:PORT IQN`), the serial target (`serial PATH BAUD`) and the HTTP control endpoint
 * (`control URL`). Starting failures become one clear sentence naming the endpoint.
 * Spec: RFC 7143 4.2.7.4 (iqn. names: lower case, dots, dashes, a colon before the unique part), docs/iscsi.md 7.3;
 * docs/serial-framing.md 11; design: docs/architecture.md "the changer end ... reachable ... over iSCSI, over a serial
 * line".
 */
import type { Clock } from '../../common/clock/clock.js';
import type { ScsiTargetBackend } from '../../scsi/transport/scsi-target-backend.js';
import type { ChapCredentials } from '../../scsi/transport/iscsi/chap.js';
import { IscsiTarget } from '../../scsi/transport/iscsi/target/iscsi-target.js';
import { SerialTarget } from '../../scsi/transport/serial/serial-target.js';
import type { ControlClient } from '../control/control-client.js';
import { ControlHttpServer } from './control-http-server.js';
import { formatHostPort, isLoopbackHost, type HostPort } from './host-port.js';
import { usableCpus } from './usable-cpus.js';
import { withFields, type Logger } from '../../common/logger.js';

/** One open endpoint. */
export interface Endpoint {
  readonly kind: 'iscsi' | 'serial' | 'control' | 'web';
  /** The line printed on stdout, e.g. "control http://127.0.0.1:8080". */
  readonly line: string;
  /** A URL a client can use (iscsi://..., serial:..., http://...). */
  readonly url: string;
  close(): Promise<void>;
}

/** An endpoint that could not be opened; the message names it and says why. */
export class EndpointStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointStartError';
  }
}

/** The iSCSI name changerbench gives a simulated library: iqn.2026-11.dev.changerbench:<fixture id>. */
export function defaultTargetName(fixtureId: string): string {
  const unique =
    fixtureId
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'changer';
  return `iqn.2026-11.dev.changerbench:${unique}`;
}

/** Why an endpoint could not be opened, as a sentence (EADDRINUSE and the like in words). */
export function startFailure(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') return 'the address is already in use';
  if (e.code === 'EADDRNOTAVAIL') return 'no local interface has that address';
  if (e.code === 'EACCES') return 'permission denied (ports below 1024 need privileges)';
  return `${e.message ?? String(err)}${e.code && !String(e.message).includes(e.code) ? ` (${e.code})` : ''}`;
}

/** iSCSI endpoint options. */
export interface IscsiEndpointOptions {
  readonly address: HostPort;
  readonly targetName: string;
  readonly chap?: ChapCredentials | undefined;
  readonly mutualChap?: ChapCredentials | undefined;
  readonly allowedInitiators?: readonly string[] | undefined;
  /** Busy-poll window in µs after each answer (0: off). Default {@link defaultBusyPollMicros}. */
  readonly busyPollMicros?: number | undefined;
  /** Connections the target holds at once (default 1024, DEFAULT_MAX_CONNECTIONS). */
  readonly maxConnections?: number | undefined;
  /** Connections one initiator address holds at once (default 256, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS). */
  readonly maxConnectionsPerAddress?: number | undefined;
}

/** The busy-poll window `sim serve` uses unless told: 50 µs with 2 CPUs or more, off with one (busy-poll.ts). */
export const DEFAULT_BUSY_POLL_MICROS = 50;

/** {@link DEFAULT_BUSY_POLL_MICROS} where this process can use two CPUs or more (affinity and quota), else 0. */
export function defaultBusyPollMicros(cpus: number = usableCpus()): number {
  return cpus >= 2 ? DEFAULT_BUSY_POLL_MICROS : 0;
}

/** Starts the iSCSI target serving `backend`. */
export async function startIscsiEndpoint(
  options: IscsiEndpointOptions,
  backend: ScsiTargetBackend,
  clock: Clock,
  logger: Logger,
): Promise<Endpoint> {
  let target: IscsiTarget;
  try {
    target = await IscsiTarget.listen({
      host: options.address.host,
      port: options.address.port,
      targetName: options.targetName,
      backend,
      clock,
      logger: withFields(logger, { component: 'iscsi' }),
      ...(options.chap ? { chap: options.chap } : {}),
      ...(options.mutualChap ? { mutualChap: options.mutualChap } : {}),
      ...(options.allowedInitiators ? { allowedInitiators: options.allowedInitiators } : {}),
      busyPollMicros: options.busyPollMicros ?? defaultBusyPollMicros(),
      ...(options.maxConnections !== undefined ? { maxConnections: options.maxConnections } : {}),
      ...(options.maxConnectionsPerAddress !== undefined
        ? { maxConnectionsPerAddress: options.maxConnectionsPerAddress }
        : {}),
    });
  } catch (err) {
    throw new EndpointStartError(`iscsi: cannot listen on ${formatHostPort(options.address)}: ${startFailure(err)}`);
  }
  if (!isLoopbackHost(options.address.host) && !options.chap) {
    logger.warn(
      { address: formatHostPort(options.address) },
      'iscsi: serving beyond loopback without CHAP: anyone who reaches the port can move cartridges',
    );
  }
  const bound = target.address();
  return {
    kind: 'iscsi',
    line: `iscsi ${formatHostPort(bound)} ${options.targetName}`,
    url: target.url(0),
    close: () => target.close(),
  };
}

/** Serial endpoint options. */
export interface SerialEndpointOptions {
  /** The serial device or PTY. */
  readonly path: string;
  readonly baudRate: number;
  /** Pace output to the baud rate (PTYs ignore it otherwise). */
  readonly pace?: boolean | undefined;
}

/** Opens the serial port and serves `backend` on it. */
export async function startSerialEndpoint(
  options: SerialEndpointOptions,
  backend: ScsiTargetBackend,
  clock: Clock,
  logger: Logger,
): Promise<Endpoint> {
  let target: SerialTarget;
  try {
    target = await SerialTarget.open({
      path: options.path,
      baudRate: options.baudRate,
      pace: options.pace === true,
      backend,
      clock,
      logger: withFields(logger, { component: 'serial' }),
    });
  } catch (err) {
    throw new EndpointStartError(`serial: cannot open ${options.path}: ${startFailure(err)}`);
  }
  const query = `baud=${options.baudRate}${options.pace ? '&pace=1' : ''}`;
  return {
    kind: 'serial',
    line: `serial ${options.path} ${options.baudRate}`,
    url: `serial:${options.path}?${query}`,
    close: () => target.close(),
  };
}

/** Control endpoint options. */
export interface ControlEndpointOptions {
  readonly address: HostPort;
  readonly allowRemote?: boolean | undefined;
}

/** Starts the HTTP control endpoint over `control`. */
export async function startControlEndpoint(
  options: ControlEndpointOptions,
  control: ControlClient,
  personality: string,
  logger: Logger,
): Promise<Endpoint> {
  let server: ControlHttpServer;
  try {
    server = await ControlHttpServer.listen({
      control,
      host: options.address.host,
      port: options.address.port,
      allowRemote: options.allowRemote,
      personality,
      logger,
    });
  } catch (err) {
    throw new EndpointStartError(`control: cannot listen on ${formatHostPort(options.address)}: ${startFailure(err)}`);
  }
  return { kind: 'control', line: `control ${server.url}`, url: server.url, close: () => server.close() };
}
