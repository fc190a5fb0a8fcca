/**
 * Target URLs, one syntax for every tool (ARCHITECTURE.md "ScsiTransport"):
 *   sim:                        every bundled fixture, in-process (the conformance suite's default)
 *   sim:<fixture>[,<fixture>]   those fixtures, in-process
 *   iscsi://[user[%pass]@]host[:port]/<target-iqn>/<lun>   (libiscsi's URL form; port 3260 by default)
 *   serial:<path>[,<path2>][?baud=N&lun=N&name=INITIATOR&pace=1]
 *                               one serial line, or two lines to the same target (two I_T nexuses, e.g. the
 *                               conformance suite's RSM model and its read-back); the parameters apply to both
 *   sg:/dev/sgN                 Linux SCSI generic (not supported yet)
 * Parsing is pure; opening the transport is the caller's business.
 */
import { parseSerialUrl } from './serial/serial-url.js';

/** A parsed target URL. */
export type TargetUrl =
  | { readonly kind: 'sim'; readonly fixtures: readonly string[] }
  | {
      readonly kind: 'iscsi';
      readonly host: string;
      readonly port: number;
      readonly targetName: string;
      readonly lun: number;
      readonly user?: string;
      readonly password?: string;
    }
  | {
      readonly kind: 'serial';
      readonly path: string;
      /** A second line to the same target (`serial:<path>,<path2>`): a second I_T nexus. Absent with one line. */
      readonly secondPath?: string;
      readonly baudRate: number;
      readonly lun: number;
      readonly initiatorName?: string;
      readonly pace?: boolean;
    }
  | { readonly kind: 'sg'; readonly path: string };

/** A target URL that cannot be parsed; the message says what was expected. */
export class TargetUrlError extends Error {
  constructor(url: string, problem: string) {
    super(`target URL "${url}": ${problem}`);
    this.name = 'TargetUrlError';
  }
}

function intIn(url: string, what: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new TargetUrlError(url, `${what} must be an integer from ${min} to ${max}, got "${text}"`);
  return n;
}

/** Parses a target URL (see the module comment for the forms). */
export function parseTargetUrl(url: string): TargetUrl {
  if (url === 'sim' || url === 'sim:') return { kind: 'sim', fixtures: [] };
  if (url.startsWith('sim:')) {
    const fixtures = url.slice(4).split(',').map((s) => s.trim());
    if (fixtures.some((f) => !/^[a-z0-9][a-z0-9._-]*$/i.test(f))) throw new TargetUrlError(url, 'expected sim:<fixture>[,<fixture>...] with fixture ids such as ibm-ts3100');
    return { kind: 'sim', fixtures };
  }
  if (url.startsWith('iscsi://')) {
    const rest = url.slice('iscsi://'.length);
    const at = rest.lastIndexOf('@');
    const cred = at >= 0 ? rest.slice(0, at) : undefined;
    const hostPart = at >= 0 ? rest.slice(at + 1) : rest;
    const [hostPort, targetName, lunText, ...extra] = hostPart.split('/');
    if (!hostPort || !targetName || lunText === undefined || extra.length) throw new TargetUrlError(url, 'expected iscsi://[user[%password]@]host[:port]/<target-iqn>/<lun>');
    let host = hostPort;
    let port = 3260;
    const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
    if (bracket) {
      host = bracket[1] ?? '';
      if (bracket[2] !== undefined) port = intIn(url, 'port', bracket[2], 1, 65535);
    } else if (hostPort.includes(':')) {
      const i = hostPort.lastIndexOf(':');
      host = hostPort.slice(0, i);
      port = intIn(url, 'port', hostPort.slice(i + 1), 1, 65535);
    }
    if (!host) throw new TargetUrlError(url, 'missing host');
    const lun = intIn(url, 'LUN', lunText, 0, 16383);
    let user: string | undefined;
    let password: string | undefined;
    if (cred !== undefined) {
      const pct = cred.indexOf('%');
      user = decodeURIComponent(pct >= 0 ? cred.slice(0, pct) : cred);
      password = pct >= 0 ? decodeURIComponent(cred.slice(pct + 1)) : undefined;
    }
    return { kind: 'iscsi', host, port, targetName: decodeURIComponent(targetName), lun, ...(user !== undefined ? { user } : {}), ...(password !== undefined ? { password } : {}) };
  }
  if (url.startsWith('serial:')) {
    // One grammar for serial URLs: the serial transport's own (docs/serial-framing.md section 12), applied to
    // each line of `serial:<path>,<path2>?...` (a comma in a path is written %2C).
    const q = url.indexOf('?');
    const query = q < 0 ? '' : url.slice(q);
    const lines = url.slice('serial:'.length, q < 0 ? undefined : q).split(',');
    if (lines.length > 2) throw new TargetUrlError(url, 'expected serial:<path>[,<path2>][?baud=N&lun=N&name=INITIATOR&pace=1]: at most two lines');
    if (lines.some((l) => l.trim() === '')) throw new TargetUrlError(url, 'a serial device path is empty; expected serial:<path>[,<path2>]');
    try {
      const [p, second] = lines.map((line) => parseSerialUrl(`serial:${line}${query}`));
      if (!p) throw new TargetUrlError(url, 'the device path is missing');
      if (second && second.path === p.path) throw new TargetUrlError(url, `both lines name ${p.path}; the second line must be another device`);
      return {
        kind: 'serial',
        path: p.path,
        ...(second ? { secondPath: second.path } : {}),
        baudRate: p.baudRate,
        lun: p.lun,
        ...(p.initiatorName !== undefined ? { initiatorName: p.initiatorName } : {}),
        ...(p.pace !== undefined ? { pace: p.pace } : {}),
      };
    } catch (e) {
      if (e instanceof TargetUrlError) throw e;
      throw new TargetUrlError(url, (e as Error).message.replace(/^.*?: /, ''));
    }
  }
  if (url.startsWith('sg:')) {
    const path = url.slice(3);
    if (!path) throw new TargetUrlError(url, 'expected sg:/dev/sgN');
    return { kind: 'sg', path };
  }
  throw new TargetUrlError(url, 'unknown scheme; expected sim:, iscsi://, serial: or sg:');
}
