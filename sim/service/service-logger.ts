/**
 * Logging of the long-running simulator: pino JSON lines on stderr (stdout carries only the endpoint lines),
 * and adapters that give the simulator core and the transports the logging call shape each expects.
 * On a terminal the lines go through pino-pretty in-process (no worker thread), so people read times and levels.
 * Design: docs/toolchain.md (pino 10, `pino.destination(2)` keeps stdout clean).
 */
import pino from 'pino';
import { PinoPretty as pinoPretty } from 'pino-pretty';
import type { IscsiLogger } from '../../scsi/transport/iscsi/logger.js';
import type { SerialLogger } from '../../scsi/transport/serial/serial-logger.js';
import type { SimLogger } from '../changer-core.js';
import type { ServiceLogger } from './control-http-protocol.js';

/** pino's level names, most verbose last; "silent" logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Options of {@link createServiceLogger}. */
export interface ServiceLoggerOptions {
  /** Default "info". */
  readonly level?: LogLevel | undefined;
  /** Where the JSON lines go (default: file descriptor 2, written synchronously so nothing is lost at exit). */
  readonly destination?: pino.DestinationStream | undefined;
  /** Readable lines (pino-pretty: local times, levels in words) instead of JSON; for a terminal. Default false. */
  readonly pretty?: boolean | undefined;
}

/** A pino logger for the simulator service. */
export function createServiceLogger(options: ServiceLoggerOptions = {}): pino.Logger {
  const destination =
    options.destination ??
    (options.pretty ? pinoPretty({ destination: 2, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name,scsi' }) : pino.destination({ dest: 2, sync: true }));
  return pino({ name: 'changerbench-sim', level: options.level ?? 'info' }, destination);
}

/** A pino logger narrowed to the service's interface (pino's methods take more shapes than these). */
export function asServiceLogger(logger: pino.Logger): ServiceLogger {
  return {
    debug: (fields, message) => logger.debug(fields, message),
    info: (fields, message) => logger.info(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
  };
}

/** What the simulator core reports when it cannot answer in-band (the internal-failure last resort). */
export function simLoggerOf(logger: ServiceLogger): SimLogger {
  return {
    error: (message, detail) => logger.error({ component: 'sim', detail: detail instanceof Error ? (detail.stack ?? detail.message) : detail }, message),
    warn: (message) => logger.warn({ component: 'sim' }, message),
  };
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/** The iSCSI code logs (message, fields). */
export function iscsiLoggerOf(logger: ServiceLogger): IscsiLogger {
  const at = (level: Level) => (message: string, fields?: Record<string, unknown>) => logger[level]({ component: 'iscsi', ...fields }, message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The serial code logs in pino's shape already; this only tags the lines. */
export function serialLoggerOf(logger: ServiceLogger): SerialLogger {
  const at = (level: Level) => (fields: Record<string, unknown>, message: string) => logger[level]({ component: 'serial', ...fields }, message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
