/**
 * Serial target URLs: `serial:/dev/ttyX?baud=115200&lun=0`, optionally with `name=` (initiator name), `pace=1`
 * and `timeout=` (the initiator's response deadline in milliseconds, 0 for none). Spec: docs/serial-framing.md section 12 (URL form); docs/architecture.md "ScsiTransport" (targets by URL).
 */
import { splitDevicePathUrl } from '../device-path-url.js';
import { TransportError } from '../scsi-transport.js';

/** Defaults of the URL form (section 12). */
export const SerialUrlDefaults = {
  BAUD_RATE: 115200,
  LUN: 0,
} as const;

/** What a serial URL says. */
export interface SerialUrl {
  readonly path: string;
  readonly baudRate: number;
  readonly lun: number;
  readonly initiatorName?: string;
  readonly pace?: boolean;
  /** The initiator's response deadline per command in ms (section 8.5); 0 waits for ever. Absent: the defaults. */
  readonly responseTimeoutMs?: number;
}

const fail = (url: string, why: string): never => {
  throw new TransportError(`bad serial URL ${JSON.stringify(url)}: ${why}`, 'EINVAL');
};

function integer(url: string, name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text)) fail(url, `${name} must be a whole number, got ${JSON.stringify(text)}`);
  const value = Number(text);
  if (value < min || value > max) fail(url, `${name} must be ${min} to ${max}, got ${value}`);
  return value;
}

/** Parses a `serial:` URL. Throws TransportError EINVAL naming the problem (unknown parameters included). */
export function parseSerialUrl(url: string): SerialUrl {
  const { path, params } = splitDevicePathUrl(url, 'serial', 'serial');
  let result: { -readonly [K in keyof SerialUrl]: SerialUrl[K] } = {
    path,
    baudRate: SerialUrlDefaults.BAUD_RATE,
    lun: SerialUrlDefaults.LUN,
  };
  for (const [key, value] of params) {
    switch (key) {
      case 'baud':
        result.baudRate = integer(url, 'baud', value, 1, 100_000_000);
        break;
      case 'lun':
        result.lun = integer(url, 'lun', value, 0, 0xffff);
        break;
      case 'name':
        if (value.length === 0) fail(url, 'name must not be empty');
        result = { ...result, initiatorName: value };
        break;
      case 'pace':
        if (!['0', '1', 'true', 'false'].includes(value))
          fail(url, `pace must be 0, 1, true or false, got ${JSON.stringify(value)}`);
        result = { ...result, pace: value === '1' || value === 'true' };
        break;
      case 'timeout':
        result = { ...result, responseTimeoutMs: integer(url, 'timeout (milliseconds)', value, 0, 2 ** 31 - 1) };
        break;
      default:
        fail(url, `unknown parameter ${JSON.stringify(key)} (known: baud, lun, name, pace, timeout)`);
    }
  }
  return result;
}

/** The canonical URL of a serial target, for descriptions and logs. */
export function formatSerialUrl(target: SerialUrl): string {
  const params = new URLSearchParams({ baud: String(target.baudRate), lun: String(target.lun) });
  if (target.initiatorName !== undefined) params.set('name', target.initiatorName);
  if (target.pace) params.set('pace', '1');
  if (target.responseTimeoutMs !== undefined) params.set('timeout', String(target.responseTimeoutMs));
  return `serial:${target.path}?${params.toString()}`;
}
