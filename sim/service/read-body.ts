/**
 * Reads an HTTP request body with a size limit. A body over the limit is drained and discarded (so the client
 * gets to read the 413 answer instead of a reset connection) up to a hard cap, past which the connection is cut.
 * Spec: RFC 9110 15.5.14 (413 Content Too Large); docs/lab-view.md 11.1; Node.js http.IncomingMessage.
 */
import type { IncomingMessage } from 'node:http';

/** The body, or why there is none. */
export type BodyResult =
  | { readonly kind: 'body'; readonly data: Buffer }
  | { readonly kind: 'too-large'; readonly limit: number }
  | { readonly kind: 'aborted' };

/** How much more than the limit is drained before the connection is cut. */
const DRAIN_FACTOR = 64;

/** Reads the whole body of `req`, refusing more than `limit` bytes. Never rejects. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit * DRAIN_FACTOR) {
      req.destroy();
      resolve({ kind: 'too-large', limit });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * DRAIN_FACTOR) {
        req.destroy();
        finish({ kind: 'too-large', limit });
      }
    });
    req.on('end', () =>
      finish(size > limit ? { kind: 'too-large', limit } : { kind: 'body', data: Buffer.concat(chunks, size) }),
    );
    req.on('error', () => finish({ kind: 'aborted' }));
    req.on('close', () => finish({ kind: 'aborted' }));
  });
}
