/**
 * Logging of the long-running simulator: pino JSON lines on stderr (stdout carries only the endpoint lines),
 * narrowed to the one Logger interface (common/logger.ts) that the simulator core and the transports take.
 * On a terminal the lines go through pino-pretty in-process (no worker thread), so people read times and levels.
 * Design: docs/toolchain.md (pino 10, `pino.destination(2)` keeps stdout clean).
 */
import pino from 'pino';
import { PinoPretty as pinoPretty } from 'pino-pretty';
import type { Logger } from '../../common/logger.js';

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
    (options.pretty
      ? pinoPretty({
          destination: 2,
          sync: true,
          colorize: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,name,scsi',
        })
      : pino.destination({ dest: 2, sync: true }));
  return pino({ name: 'changerbench-sim', level: options.level ?? 'info' }, destination);
}

/** A pino logger narrowed to the one Logger interface (pino's methods take more shapes than these). */
export function asLogger(logger: pino.Logger): Logger {
  return {
    debug: (fields, message) => logger.debug(fields, message),
    info: (fields, message) => logger.info(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
  };
}
