/**
 * The simulator's operator and fault API over HTTP with JSON, routed from the operation table
 * (sim/control/operation-table.ts): GET /v1/health, GET /v1 (the operations, their argument names and help),
 * GET or POST /v1/status (an operation that only reads), and POST /v1/<operation> with the operation's named arguments as a
 * JSON object. Every operation answers 200 with its ControlResult, refusals included ({"ok":false,"code":...}):
 * a refusal is the library saying no, not a failed request, just as CHECK CONDITION is a SCSI answer.
 * Non-200 answers carry {"error":{"code","message"}} (see control-http-protocol.ts). Binds loopback only unless
 * told otherwise; POST bodies must be application/json (so a web page cannot post a plain form at it), and on a
 * loopback endpoint the Host header must name a loopback host (DNS rebinding). A slow client is cut: its headers
 * must be in within headersTimeoutMs (default 10 s) and its whole request, body included, within requestTimeoutMs
 * (default 30 s); past either it is answered 408 REQUEST_TIMEOUT and the connection closed (issue 16).
 * Spec: RFC 9110 (methods, status codes, Allow; 15.5.9 408 Request Timeout), RFC 8259 (JSON); docs/lab-view.md 11.1;
 * docs: README "Control endpoint".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CONTROL_OPERATIONS,
  isControlOperation,
  parseArguments,
  runOperation,
  type ControlClient,
  type ControlOperation,
} from '../control/control-client.js';
import { OPERATION_TABLE } from '../control/operation-table.js';
import {
  CONTROL_API_PREFIX,
  CONTROL_API_VERSION,
  ControlHttpErrorCode,
  type ControlHealth,
  type ControlHttpErrorCodeName,
} from './control-http-protocol.js';
import { DEFAULT_HOST, formatHostPort, isLoopbackHost, type HostPort } from './host-port.js';
import { readBody } from './read-body.js';
import { checkHostHeader, checkJsonBody } from './request-guards.js';
import { SILENT_LOGGER, type Logger } from '../../common/logger.js';

/** Options of {@link ControlHttpServer.listen}. */
export interface ControlHttpServerOptions {
  /** The control API to serve (localControlClient(changer.control) for an in-process simulator). */
  readonly control: ControlClient;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string | undefined;
  /** TCP port; 0 (the default) picks a free one, see address(). */
  readonly port?: number | undefined;
  /** Allow a non-loopback bind address (anyone who can reach it can pull magazines). Default false. */
  readonly allowRemote?: boolean | undefined;
  /** Largest request body in bytes (default 64 KiB). */
  readonly maxBodyBytes?: number | undefined;
  /** Fixture id reported by GET /v1/health. */
  readonly personality?: string | undefined;
  readonly logger?: Logger | undefined;
  /** A request's headers must have arrived this long after it began (default 10 s), else 408. */
  readonly headersTimeoutMs?: number | undefined;
  /** A whole request, body included, must have arrived this long after it began (default 30 s), else 408. */
  readonly requestTimeoutMs?: number | undefined;
}

/** Default request body limit. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** Default deadlines of a request's headers and of the whole request. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Node's own code for a request that missed headersTimeout or requestTimeout. */
const NODE_REQUEST_TIMEOUT = 'ERR_HTTP_REQUEST_TIMEOUT';

/** A complete 408 answer written straight to the socket (the request never reached a handler, or is cut). */
function requestTimeoutAnswer(headersTimeoutMs: number, requestTimeoutMs: number): string {
  const body = `${JSON.stringify({ error: { code: ControlHttpErrorCode.REQUEST_TIMEOUT, message: `the request was not complete in time: headers are due within ${headersTimeoutMs} ms and the whole request within ${requestTimeoutMs} ms` } })}\n`;
  return `HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

class HttpProblem {
  constructor(
    readonly status: number,
    readonly code: ControlHttpErrorCodeName,
    readonly message: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

function deadline(value: number | undefined, fallback: number, name: string): number {
  const ms = value ?? fallback;
  if (!Number.isInteger(ms) || ms < 1 || ms > 2 ** 31 - 1)
    throw new RangeError(`${name} must be a whole number of milliseconds from 1 to ${2 ** 31 - 1}, got ${ms}`);
  return ms;
}

/** A running control endpoint. Create with {@link ControlHttpServer.listen}. */
export class ControlHttpServer {
  private readonly logger: Logger;
  private readonly maxBodyBytes: number;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly options: ControlHttpServerOptions,
  ) {
    this.logger = options.logger ?? SILENT_LOGGER;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  /**
   * Binds and starts serving. Rejects with a RangeError for a non-loopback host without `allowRemote`, and with
   * the listen error (EADDRINUSE, EACCES...) when the address cannot be bound.
   */
  static async listen(options: ControlHttpServerOptions): Promise<ControlHttpServer> {
    const host = options.host ?? DEFAULT_HOST;
    const port = options.port ?? 0;
    if (!options.allowRemote && !isLoopbackHost(host)) {
      throw new RangeError(
        `the control endpoint serves loopback only (127.0.0.1, ::1, localhost); "${host}" is not loopback`,
      );
    }
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0-65535, got ${port}`);
    const headersTimeoutMs = deadline(options.headersTimeoutMs, DEFAULT_HEADERS_TIMEOUT_MS, 'headersTimeoutMs');
    const requestTimeoutMs = Math.max(
      headersTimeoutMs,
      deadline(options.requestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS, 'requestTimeoutMs'),
    );
    // Node checks the deadlines every connectionsCheckingInterval (30 s unless told): often enough to keep them.
    const server = createServer({
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
    });
    const endpoint = new ControlHttpServer(server, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => endpoint.onRequest(req, res));
    server.on('clientError', (err: Error & { code?: string }, socket) => {
      const timedOut = err.code === NODE_REQUEST_TIMEOUT;
      endpoint.logger.debug(
        { err: err.message },
        timedOut ? 'control: request not complete in time' : 'control: malformed HTTP request',
      );
      if (!socket.writable) socket.destroy();
      else if (timedOut) socket.end(requestTimeoutAnswer(headersTimeoutMs, requestTimeoutMs));
      else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => endpoint.logger.error({ err: err.message }, 'control: server error'));
    return endpoint;
  }

  /** The bound address (the real port when 0 was asked for). */
  address(): HostPort {
    const a = this.server.address() as AddressInfo;
    return { host: a.address, port: a.port };
  }

  /** The endpoint's base URL, e.g. http://127.0.0.1:8080. */
  get url(): string {
    return `http://${formatHostPort(this.address())}`;
  }

  /** Stops accepting, lets requests in flight finish (idle keep-alive connections are closed). Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      const force = setTimeout(() => this.server.closeAllConnections(), 2000);
      force.unref();
    });
    return this.closing;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.handle(req, res).catch((err: unknown) => {
      this.logger.error(
        { err: err instanceof Error ? (err.stack ?? err.message) : String(err), url: req.url },
        'control: request failed',
      );
      this.problem(
        res,
        new HttpProblem(
          500,
          ControlHttpErrorCode.INTERNAL,
          `the simulator failed: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostProblem = this.checkHost(req);
    if (hostProblem) return this.discardAndAnswer(req, res, hostProblem);
    const path = (req.url ?? '/').split('?')[0]?.replace(/\/+$/, '') ?? '';
    const method = req.method ?? 'GET';
    if (path === CONTROL_API_PREFIX || path === '') return this.simple(req, res, method, () => this.index());
    if (path === `${CONTROL_API_PREFIX}/health`) return this.simple(req, res, method, () => this.health());
    const prefix = `${CONTROL_API_PREFIX}/`;
    if (!path.startsWith(prefix))
      return this.discardAndAnswer(
        req,
        res,
        new HttpProblem(
          404,
          ControlHttpErrorCode.NOT_FOUND,
          `no route ${path}; the API is under ${prefix} (GET ${CONTROL_API_PREFIX} lists it)`,
        ),
      );
    const name = path.slice(prefix.length);
    if (!isControlOperation(name)) {
      return this.discardAndAnswer(
        req,
        res,
        new HttpProblem(
          404,
          ControlHttpErrorCode.UNKNOWN_OPERATION,
          `unknown operation "${name}"; GET ${CONTROL_API_PREFIX} lists the operations`,
        ),
      );
    }
    const reads = OPERATION_TABLE[name].reads === true;
    if (reads && (method === 'GET' || method === 'HEAD'))
      return this.answer(res, 200, await runOperation(this.options.control, name, {}), method === 'HEAD');
    if (method !== 'POST') {
      const allow = reads ? 'GET, HEAD, POST' : 'POST';
      return this.discardAndAnswer(
        req,
        res,
        new HttpProblem(405, ControlHttpErrorCode.METHOD_NOT_ALLOWED, `${method} ${path}: use ${allow}`, {
          Allow: allow,
        }),
      );
    }
    return this.operation(req, res, name);
  }

  private async operation(req: IncomingMessage, res: ServerResponse, name: ControlOperation): Promise<void> {
    const notJson = checkJsonBody(req.headers['content-type']);
    if (notJson)
      return this.discardAndAnswer(
        req,
        res,
        new HttpProblem(notJson.status, ControlHttpErrorCode.UNSUPPORTED_MEDIA_TYPE, notJson.message),
      );
    const body = await readBody(req, this.maxBodyBytes);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large')
      return this.problem(
        res,
        new HttpProblem(413, ControlHttpErrorCode.BODY_TOO_LARGE, `the body is larger than ${body.limit} bytes`),
      );
    const text = body.data.toString('utf8');
    let json: unknown = {};
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch (e) {
        return this.problem(
          res,
          new HttpProblem(400, ControlHttpErrorCode.BAD_JSON, `the body is not valid JSON: ${(e as Error).message}`),
        );
      }
    }
    const parsed = parseArguments(name, json);
    if (!parsed.ok) return this.problem(res, new HttpProblem(400, ControlHttpErrorCode.BAD_ARGUMENTS, parsed.message));
    const result = await runOperation(this.options.control, name, parsed.args);
    this.log(name, parsed.args, result);
    this.answer(res, 200, result);
  }

  private log(name: ControlOperation, args: unknown, result: unknown): void {
    if (OPERATION_TABLE[name].reads === true) return;
    const r = result as { ok?: boolean; code?: string };
    if (r.ok === false) this.logger.info({ op: name, args, refused: r.code }, `control: ${name} refused`);
    else this.logger.info({ op: name, args }, `control: ${name}`);
  }

  private checkHost(req: IncomingMessage): HttpProblem | undefined {
    const refused = checkHostHeader(req.headers.host, this.options.allowRemote === true);
    return refused && new HttpProblem(refused.status, ControlHttpErrorCode.FORBIDDEN_HOST, refused.message);
  }

  /** GET-only routes. */
  private simple(req: IncomingMessage, res: ServerResponse, method: string, body: () => unknown): void {
    if (method === 'GET' || method === 'HEAD') return this.answer(res, 200, body(), method === 'HEAD');
    this.discardAndAnswer(
      req,
      res,
      new HttpProblem(405, ControlHttpErrorCode.METHOD_NOT_ALLOWED, `${method} is not allowed here: use GET`, {
        Allow: 'GET, HEAD',
      }),
    );
  }

  private health(): ControlHealth {
    return {
      ok: true,
      service: 'changerbench-sim',
      api: CONTROL_API_VERSION,
      ...(this.options.personality !== undefined ? { personality: this.options.personality } : {}),
    };
  }

  private index(): unknown {
    return {
      api: CONTROL_API_VERSION,
      operations: CONTROL_OPERATIONS.map((name) => {
        const row = OPERATION_TABLE[name];
        return {
          name,
          method: row.reads === true ? 'GET' : 'POST',
          path: `${CONTROL_API_PREFIX}/${name}`,
          arguments: row.params,
          help: row.help,
        };
      }),
    };
  }

  /** Answers without reading the body: drain what the client sends so it can read the answer. */
  private discardAndAnswer(req: IncomingMessage, res: ServerResponse, problem: HttpProblem): void {
    void readBody(req, this.maxBodyBytes).then((body) => {
      if (body.kind !== 'aborted') this.problem(res, problem);
    });
  }

  private problem(res: ServerResponse, p: HttpProblem): void {
    this.answer(res, p.status, { error: { code: p.code, message: p.message } }, false, p.headers);
  }

  private answer(
    res: ServerResponse,
    status: number,
    body: unknown,
    headOnly = false,
    headers: Record<string, string> = {},
  ): void {
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    const text = `${JSON.stringify(body)}\n`;
    res.writeHead(status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
    });
    res.end(headOnly ? undefined : text);
  }
}
