/**
 * The HTTP request checks every simulator endpoint applies (the control endpoint and the lab web view): the Host
 * header must name a loopback host on a loopback-only endpoint (DNS rebinding), a state-changing body must be
 * application/json (a web page cannot send that cross-origin without a CORS preflight, which is never granted),
 * and a request a browser marks as coming from another origin is refused.
 * Spec: RFC 9110 7.2 (Host), 8.3 (Content-Type); RFC 6454 7 (the Origin header); Fetch Metadata Request Headers
 * (W3C, Sec-Fetch-Site); docs: README "Control endpoint", docs/lab-view.md "Security".
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isLoopbackHost } from './host-port.js';

/** A request refused by a guard: the HTTP status, the error code of the body and a sentence for people. */
export interface GuardRefusal {
  readonly status: 403 | 415;
  readonly code: 'FORBIDDEN_HOST' | 'FORBIDDEN_ORIGIN' | 'FORBIDDEN_TOKEN' | 'UNSUPPORTED_MEDIA_TYPE';
  readonly message: string;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** The host name of a Host header value ("127.0.0.1:8080" → "127.0.0.1", "[::1]:80" → "[::1]"). */
export function hostNameOf(host: string): string {
  return /^\[[^\]]*\]/.exec(host)?.[0] ?? host.replace(/:\d*$/, '');
}

/**
 * On a loopback-only endpoint (`allowRemote` false) a Host header naming anything but a loopback host is refused:
 * a page on evil.example whose name was rebound to 127.0.0.1 sends `Host: evil.example`.
 */
export function checkHostHeader(host: string | undefined, allowRemote: boolean): GuardRefusal | undefined {
  if (allowRemote || host === undefined) return undefined;
  if (isLoopbackHost(hostNameOf(host))) return undefined;
  return {
    status: 403,
    code: 'FORBIDDEN_HOST',
    message: `Host "${host}" is not a loopback name; this endpoint serves 127.0.0.1 only`,
  };
}

/** True for a Content-Type of application/json (any parameters). */
export function isJsonContentType(type: string | undefined): boolean {
  return type !== undefined && JSON_TYPE.test(type);
}

/** A POST body that is not JSON is refused with 415. */
export function checkJsonBody(type: string | undefined): GuardRefusal | undefined {
  if (isJsonContentType(type)) return undefined;
  return {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: `POST bodies must be sent as Content-Type: application/json (got ${type === undefined ? 'none' : `"${type}"`})`,
  };
}

/**
 * Refuses a request a browser sent from another origin: an Origin header that is not this endpoint's own
 * (`http://` + the Host header), or Sec-Fetch-Site cross-site / same-site. Requests without either header (curl,
 * the CLI's own client) pass: a browser always sends Origin with a cross-origin POST.
 */
export function checkSameOrigin(headers: IncomingHttpHeaders): GuardRefusal | undefined {
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site')
    return {
      status: 403,
      code: 'FORBIDDEN_ORIGIN',
      message: `cross-origin requests are not accepted (Sec-Fetch-Site: ${site})`,
    };
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  const own = headers.host === undefined ? undefined : `http://${headers.host}`;
  if (own !== undefined && origin.toLowerCase() === own.toLowerCase()) return undefined;
  return {
    status: 403,
    code: 'FORBIDDEN_ORIGIN',
    message: `cross-origin requests are not accepted (Origin ${origin} is not ${own ?? 'this endpoint'})`,
  };
}
