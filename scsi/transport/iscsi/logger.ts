/**
 * The logging hook of the iSCSI target and initiator. scsi/ carries no logging library: callers pass any object
 * with these four methods (pino, console, a test spy). Messages are plain strings; fields go in the second argument.
 */

/** A logger as the iSCSI code uses it. */
export interface IscsiLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ignore = (): void => undefined;

/** The logger used when none is given: drops everything. */
export const SILENT_LOGGER: IscsiLogger = Object.freeze({ debug: ignore, info: ignore, warn: ignore, error: ignore });
