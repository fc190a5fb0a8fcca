/**
 * The part every device-node URL shares (`serial:/dev/ttyS0?baud=9600`, `sg:/dev/sg3?timeout-move=600`): the
 * scheme, a percent-encoded path (an optional `//` before an absolute path is dropped), then a query.
 * Spec: docs/serial-framing.md section 12 and docs/sg.md section 3 (the URL forms); RFC 3986 2.1 (percent-encoding).
 */
import { TransportError } from './scsi-transport.js';

/** A device URL split into its decoded path and its query parameters. */
export interface DevicePathUrl {
  readonly path: string;
  readonly params: URLSearchParams;
}

/**
 * Splits `<scheme>:<path>[?query]`. Throws TransportError EINVAL ("bad <kind> URL ...: why") for another scheme,
 * bad percent-encoding or an empty path; `missing` is what to say of an empty path.
 */
export function splitDevicePathUrl(
  url: string,
  scheme: string,
  kind: string,
  missing = 'the device path is missing',
): DevicePathUrl {
  const fail = (why: string): never => {
    throw new TransportError(`bad ${kind} URL ${JSON.stringify(url)}: ${why}`, 'EINVAL');
  };
  if (!url.startsWith(`${scheme}:`)) fail(`it must start with "${scheme}:"`);
  const rest = url.slice(scheme.length + 1).replace(/^\/\/(?=\/)/, '');
  const q = rest.indexOf('?');
  let path = '';
  try {
    path = decodeURIComponent(q < 0 ? rest : rest.slice(0, q));
  } catch {
    fail('the path is not valid percent-encoding');
  }
  if (path.length === 0) fail(missing);
  return { path, params: new URLSearchParams(q < 0 ? '' : rest.slice(q + 1)) };
}
