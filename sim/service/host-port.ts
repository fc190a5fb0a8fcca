/**
 * HOST:PORT endpoint addresses as the simulator's command line takes them (`127.0.0.1:8080`, `[::1]:3260`,
 * `localhost:0`, a bare `8080`), and the loopback test the control endpoint applies before it binds.
 * Spec: RFC 3986 3.2.2 (IPv6 literals in brackets), RFC 1122 3.2.1.3 (127.0.0.0/8 is loopback), RFC 4291 2.5.3
 * (::1); docs/lab-view.md 11.1 (hosts and loopback); design: docs/architecture.md "control ... over a loopback
 * HTTP/JSON endpoint".
 */
import { isIP } from 'node:net';

/** A host and a TCP port (0: the system picks one). */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** The host used when only a port is given. */
export const DEFAULT_HOST = '127.0.0.1';

/** A HOST:PORT text that cannot be used, with a sentence saying why. */
export class HostPortError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostPortError';
  }
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function parsePort(text: string, whole: string, what: string): number {
  if (!/^\d{1,5}$/.test(text))
    throw new HostPortError(`${what}: the port must be a whole number from 0 to 65535, got "${text}" in "${whole}"`);
  const port = Number(text);
  if (port > 65535) throw new HostPortError(`${what}: the port must be from 0 to 65535, got ${port}`);
  return port;
}

/**
 * Parses `HOST:PORT`, `[IPv6]:PORT`, `:PORT` or `PORT` (host 127.0.0.1). `what` names the option in messages
 * ("--control"). Throws {@link HostPortError}.
 */
export function parseHostPort(text: string, what = 'address'): HostPort {
  const s = text.trim();
  const usage = `${what}: expected HOST:PORT (e.g. 127.0.0.1:8080 or [::1]:8080), got "${text}"`;
  if (s.length === 0) throw new HostPortError(usage);
  if (/^\d+$/.test(s)) return { host: DEFAULT_HOST, port: parsePort(s, text, what) };
  let host: string;
  let portText: string;
  if (s.startsWith('[')) {
    const m = /^\[([^\]]+)\]:(.*)$/.exec(s);
    if (!m) throw new HostPortError(usage);
    host = m[1] ?? '';
    portText = m[2] ?? '';
    if (isIP(host) !== 6) throw new HostPortError(`${what}: "${host}" in brackets is not an IPv6 address`);
  } else {
    const colon = s.lastIndexOf(':');
    if (colon < 0) throw new HostPortError(usage);
    host = s.slice(0, colon);
    portText = s.slice(colon + 1);
    if (host.includes(':'))
      throw new HostPortError(`${what}: write an IPv6 address in brackets, e.g. [::1]:8080 (got "${text}")`);
    if (host === '') host = DEFAULT_HOST;
    else if (isIP(host) === 0 && !HOST_NAME.test(host))
      throw new HostPortError(`${what}: "${host}" is not a host name or IP address`);
  }
  return { host, port: parsePort(portText, text, what) };
}

/** `host:port`, with IPv6 addresses in brackets. */
export function formatHostPort(address: HostPort): string {
  return isIP(address.host) === 6 ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

/** True for names and addresses that only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}
