/**
 * The one logging interface of changerbench: the call shape of pino's methods (`logger.warn({ fields }, 'message')`),
 * so a pino logger can be passed as is, and a test can pass a spy. The simulator, the transports and the service
 * all take one; nothing logs through a global.
 * Design: docs/architecture.md "Time and logging" and style rule 9 (injected clocks and loggers).
 */

/** One logging method: structured fields first, then the message. */
export type LogFn = (fields: Record<string, unknown>, message: string) => void;

/** What every logging component writes to; pino's Logger fits. Implementations must not throw. */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

/** The four level names of {@link Logger}. */
export type LoggerLevel = keyof Logger;

const ignore: LogFn = () => undefined;

/** A logger that drops everything (the default of the transports and the service). */
export const SILENT_LOGGER: Logger = Object.freeze({ debug: ignore, info: ignore, warn: ignore, error: ignore });

/** `logger` with `fields` (e.g. `{ component: 'iscsi' }`) added to every line, as pino's child() does. */
export function withFields(logger: Logger, fields: Record<string, unknown>): Logger {
  const at =
    (level: LoggerLevel): LogFn =>
    (more, message) =>
      logger[level]({ ...fields, ...more }, message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** An error as a log field: its stack (or message); anything else as it is. */
export function errorField(detail: unknown): unknown {
  return detail instanceof Error ? (detail.stack ?? detail.message) : detail;
}

/**
 * A logger writing its warn and error lines as `prefix: message field...` to `write` (default: stderr), dropping
 * debug and info: the last resort of a component nobody gave a logger.
 */
export function lineLogger(
  prefix: string,
  write: (line: string) => void = (line) => void process.stderr.write(line),
): Logger {
  const at: LogFn = (fields, message) => {
    const values = Object.values(fields)
      .map((v) => ` ${String(errorField(v))}`)
      .join('');
    write(`${prefix}: ${message}${values}\n`);
  };
  return { debug: ignore, info: ignore, warn: at, error: at };
}
