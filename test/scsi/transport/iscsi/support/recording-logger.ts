/**
 * A logger for tests that keeps every line (level, message, fields), so a test can count what the target said.
 */
import type { Logger } from '../../../../../common/logger.js';

/** One logged line. */
export interface LoggedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** Records lines; `above('debug')` are what a default-level run would print. */
export class RecordingLogger implements Logger {
  readonly lines: LoggedLine[] = [];
  debug = (fields: Record<string, unknown>, message: string): void =>
    void this.lines.push({ level: 'debug', message, fields });
  info = (fields: Record<string, unknown>, message: string): void =>
    void this.lines.push({ level: 'info', message, fields });
  warn = (fields: Record<string, unknown>, message: string): void =>
    void this.lines.push({ level: 'warn', message, fields });
  error = (fields: Record<string, unknown>, message: string): void =>
    void this.lines.push({ level: 'error', message, fields });

  /** Lines at info, warn or error whose message contains `text`. */
  aboveDebug(text = ''): LoggedLine[] {
    return this.lines.filter((l) => l.level !== 'debug' && l.message.includes(text));
  }
}
