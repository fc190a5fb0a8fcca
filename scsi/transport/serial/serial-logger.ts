/**
 * The logging interface the serial target and initiator write to: the call shape of pino's methods
 * (`logger.warn({ fields }, 'message')`), so a pino logger can be passed as is.
 * Spec: docs/serial-framing.md section 10 (what is logged at which level).
 */

/** One logging method: structured fields first, then the message. */
export type SerialLogFn = (fields: Record<string, unknown>, message: string) => void;

/** A logger as the serial transport uses it; pino's Logger fits. */
export interface SerialLogger {
  debug: SerialLogFn;
  info: SerialLogFn;
  warn: SerialLogFn;
  error: SerialLogFn;
}

const ignore: SerialLogFn = () => undefined;

/** A logger that drops everything (the default). */
export const silentLogger: SerialLogger = Object.freeze({ debug: ignore, info: ignore, warn: ignore, error: ignore });
