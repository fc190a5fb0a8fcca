/**
 * Raw HTTP for the control endpoint tests: any method, any body bytes, any headers, so malformed requests can be
 * sent as they are. Loopback only.
 */
import { request } from 'node:http';

/** An answer: status, headers and the body parsed as JSON (undefined when it is not JSON). */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: unknown;
}

/** Options of {@link rawRequest}. */
export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  /** Sent as is; an object is JSON-encoded with Content-Type application/json. */
  readonly body?: string | Buffer | object;
  readonly headers?: Record<string, string>;
}

/** Sends one request to http://127.0.0.1:port and collects the answer. */
export function rawRequest(port: number, r: RawRequest): Promise<RawAnswer> {
  const isRaw = typeof r.body === 'string' || Buffer.isBuffer(r.body);
  const payload = r.body === undefined ? undefined : isRaw ? (r.body as string | Buffer) : JSON.stringify(r.body);
  const headers: Record<string, string> = {
    ...(r.body !== undefined && !isRaw ? { 'Content-Type': 'application/json' } : {}),
    ...r.headers,
  };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: r.method ?? (payload === undefined ? 'GET' : 'POST'),
        path: r.path,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The error code of a non-200 answer. */
export function errorCode(a: RawAnswer): string | undefined {
  return (a.json as { error?: { code?: string } } | undefined)?.error?.code;
}
