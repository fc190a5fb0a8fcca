/**
 * The lab view's HTTP server: the page (GET /, /lab.js, /lab.css), its live feed as Server-Sent Events
 * (GET /events: a full snapshot on connect, then deltas and SCSI log batches), GET /api/snapshot, and the
 * operator and fault actions as POST /api/<operation> through the same control operations as the HTTP control
 * endpoint and the console (sim/control/operation-table.ts), refusals included.
 * Security is the control endpoint's and more (sim/service/request-guards.ts): loopback bind unless allowed, the
 * Host header checked on every request, requests a browser marks as cross-origin refused, and a POST must be
 * application/json and carry this run's token (X-Changerbench-Token), which only the page served here knows.
 * Spec: WHATWG HTML 9.2 (Server-sent events: text/event-stream, event/data/id/retry fields); RFC 9110; RFC 6454;
 * docs/lab-view.md 11.1. Design: docs/lab-view.md.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isControlOperation, parseArguments, runOperation, type ControlClient } from '../control/control-client.js';
import { DEFAULT_HOST, formatHostPort, isLoopbackHost, type HostPort } from '../service/host-port.js';
import { readBody } from '../service/read-body.js';
import { checkHostHeader, checkJsonBody, checkSameOrigin, type GuardRefusal } from '../service/request-guards.js';
import type { LiveFeed } from './live-feed.js';
import { LAB_PAGE_SCRIPT } from './page-script.js';
import { LAB_PAGE_STYLE } from './page-style.js';
import { labPageHtml } from './page-html.js';
import type { ScsiLog } from './scsi-log.js';
import { SILENT_LOGGER, type Logger } from '../../common/logger.js';

/** Options of {@link LabWebServer.listen}. */
export interface LabWebServerOptions {
  readonly feed: LiveFeed;
  readonly log: ScsiLog;
  readonly control: ControlClient;
  readonly host?: string | undefined;
  /** 0 (default): any free port. */
  readonly port?: number | undefined;
  /** Allow a non-loopback bind (anyone who reaches it can pull magazines). Default false. */
  readonly allowRemote?: boolean | undefined;
  /** The per-run token (default: 16 random bytes, hex). */
  readonly token?: string | undefined;
  readonly logger?: Logger | undefined;
}

/** Header the page sends its token in. */
export const TOKEN_HEADER = 'x-changerbench-token';

const MAX_BODY = 64 * 1024;
const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** A running lab view. */
export class LabWebServer {
  readonly token: string;
  private readonly logger: Logger;
  private readonly streams = new Set<ServerResponse>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly options: LabWebServerOptions,
  ) {
    this.token = options.token ?? randomBytes(16).toString('hex');
    this.logger = options.logger ?? SILENT_LOGGER;
  }

  /** Binds and serves. Rejects with a RangeError for a non-loopback host without `allowRemote`, or the listen error. */
  static async listen(options: LabWebServerOptions): Promise<LabWebServer> {
    const host = options.host ?? DEFAULT_HOST;
    if (!options.allowRemote && !isLoopbackHost(host))
      throw new RangeError(`the lab view serves loopback only (127.0.0.1, ::1, localhost); "${host}" is not loopback`);
    const server = createServer();
    const web = new LabWebServer(server, options);
    server.headersTimeout = 10_000;
    server.requestTimeout = 0; // the event stream stays open; bodies are bounded by readBody
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      web.handle(req, res).catch((err: unknown) => {
        web.logger.error(
          { err: err instanceof Error ? err.message : String(err), url: req.url },
          'web: request failed',
        );
        web.json(res, 500, { error: { code: 'INTERNAL', message: String(err) } });
      });
    });
    server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port: options.port ?? 0, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return web;
  }

  address(): HostPort {
    const a = this.server.address() as AddressInfo;
    return { host: a.address, port: a.port };
  }

  get url(): string {
    return `http://${formatHostPort(this.address())}`;
  }

  /** Ends the event streams and stops serving. Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const s of this.streams) s.end();
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      setTimeout(() => this.server.closeAllConnections(), 1000).unref();
    });
    return this.closing;
  }

  private refuse(req: IncomingMessage, res: ServerResponse, r: GuardRefusal): void {
    this.logger.info(
      { url: req.url, code: r.code, origin: req.headers.origin ?? null, host: req.headers.host ?? null },
      'web: request refused',
    );
    req.resume();
    this.json(res, r.status, { error: { code: r.code, message: r.message } });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const guard = checkHostHeader(req.headers.host, this.options.allowRemote === true) ?? checkSameOrigin(req.headers);
    if (guard) return this.refuse(req, res, guard);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    if (method === 'POST' && path.startsWith('/api/')) return this.operation(req, res, path.slice('/api/'.length));
    if (method !== 'GET' && method !== 'HEAD') {
      req.resume();
      return this.json(
        res,
        405,
        { error: { code: 'METHOD_NOT_ALLOWED', message: `${method} ${path}: use GET (POST for /api/<operation>)` } },
        { Allow: 'GET, HEAD' },
      );
    }
    switch (path) {
      case '/':
      case '/index.html':
        return this.text(res, 'text/html; charset=utf-8', labPageHtml(this.token));
      case '/lab.js':
        return this.text(res, 'text/javascript; charset=utf-8', LAB_PAGE_SCRIPT);
      case '/lab.css':
        return this.text(res, 'text/css; charset=utf-8', LAB_PAGE_STYLE);
      case '/favicon.ico':
        res.writeHead(204, SECURITY_HEADERS);
        return void res.end();
      case '/events':
        return this.events(req, res);
      case '/api/snapshot':
        return this.json(res, 200, this.options.feed.snapshot());
      case '/api/log':
        return this.json(res, 200, this.options.log.recent());
      default:
        return this.json(res, 404, { error: { code: 'NOT_FOUND', message: `no page ${path}` } });
    }
  }

  private tokenMatches(given: string | string[] | undefined): boolean {
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private async operation(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const notJson = checkJsonBody(req.headers['content-type']);
    if (notJson) return this.refuse(req, res, notJson);
    if (!this.tokenMatches(req.headers[TOKEN_HEADER])) {
      return this.refuse(req, res, {
        status: 403,
        code: 'FORBIDDEN_TOKEN',
        message: `actions need this run's token in ${TOKEN_HEADER} (the page served here has it)`,
      });
    }
    if (!isControlOperation(name)) {
      req.resume();
      return this.json(res, 404, { error: { code: 'UNKNOWN_OPERATION', message: `unknown operation "${name}"` } });
    }
    const body = await readBody(req, MAX_BODY);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large')
      return this.json(res, 413, {
        error: { code: 'BODY_TOO_LARGE', message: `the body is larger than ${body.limit} bytes` },
      });
    let json: unknown = {};
    const text = body.data.toString('utf8');
    try {
      if (text.trim() !== '') json = JSON.parse(text);
    } catch (e) {
      return this.json(res, 400, {
        error: { code: 'BAD_JSON', message: `the body is not valid JSON: ${(e as Error).message}` },
      });
    }
    const parsed = parseArguments(name, json);
    if (!parsed.ok) return this.json(res, 400, { error: { code: 'BAD_ARGUMENTS', message: parsed.message } });
    const result = (await runOperation(this.options.control, name, parsed.args)) as { ok?: boolean; code?: string };
    if (name !== 'status')
      this.logger.info(
        { op: name, args: parsed.args, ...(result.ok === false ? { refused: result.code } : {}) },
        `web: ${name}${result.ok === false ? ' refused' : ''}`,
      );
    this.options.feed.poke();
    this.json(res, 200, result);
  }

  private events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('log', this.options.log.recent());
    const offFeed = this.options.feed.subscribe((m) => send(m.kind, m));
    const offLog = this.options.log.subscribe((lines) => send('log', lines));
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    this.streams.add(res);
    const end = () => {
      clearInterval(keepAlive);
      offFeed();
      offLog();
      this.streams.delete(res);
    };
    req.on('close', end);
    res.on('close', end);
  }

  private text(res: ServerResponse, type: string, body: string): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.headersSent || res.destroyed) return void res.destroy();
    const text = `${JSON.stringify(body)}\n`;
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  }
}
