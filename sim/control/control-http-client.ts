/**
 * A ControlClient that reaches a simulator's HTTP control endpoint (sim/service/control-http-server.ts), so the console and
 * tools work the same on a simulator in another process. Refusals come back as ControlResult values, as
 * in-process; everything else that goes wrong (no simulator listening, time-out, a 4xx/5xx answer, an answer
 * that is not JSON) rejects with a {@link ControlEndpointError} that says what and where.
 * Spec: RFC 9110 (HTTP semantics); docs/lab-view.md 11.1; docs: README "Control endpoint".
 */
import { request, type IncomingMessage } from 'node:http';
import { CONTROL_API_PREFIX, type ControlHealth } from '../service/control-http-protocol.js';
import { formatHostPort, HostPortError, parseHostPort, type HostPort } from '../service/host-port.js';
import { bindOperations, namedArguments, type ControlClient, type ControlOperation } from './control-client.js';
import { OPERATION_TABLE } from './operation-table.js';

/** A failure to talk to the control endpoint (not a refusal by the library). */
export class ControlEndpointError extends Error {
  constructor(
    message: string,
    /** ECONNREFUSED, ETIMEDOUT, ... for transport failures; the endpoint's error code (BAD_ARGUMENTS...) for HTTP errors; BAD_RESPONSE. */
    readonly code: string,
    /** HTTP status, when the endpoint answered. */
    readonly status?: number | undefined,
  ) {
    super(message);
    this.name = 'ControlEndpointError';
  }
}

/** Options of {@link HttpControlClient}. */
export interface HttpControlClientOptions {
  /** Give up on a request after this many milliseconds (default 30 s). */
  readonly timeoutMs?: number | undefined;
}

/** Largest answer accepted (the status of a 20,000-slot library is a few megabytes). */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/**
 * Parses the endpoint's address: `http://HOST:PORT` (a trailing / allowed), or just `HOST:PORT` / `PORT`.
 * Throws {@link ControlEndpointError} (code EINVAL) naming the problem.
 */
export function parseControlUrl(text: string): HostPort {
  const s = text.trim();
  const bad = (why: string): never => {
    throw new ControlEndpointError(
      `bad control URL "${text}": ${why}${why.includes('e.g.') ? '' : ' (e.g. http://127.0.0.1:8080)'}`,
      'EINVAL',
    );
  };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    try {
      return parseHostPort(s, 'control URL');
    } catch (e) {
      if (!(e instanceof HostPortError)) throw e;
      // Said once, in this function's words: the host-port parser's own "expected ..." would repeat the example.
      // The URL is quoted once, by bad(): drop the parser's own quotes of it.
      const why = e.message
        .replace(/^control URL: /, '')
        .replace(/ \(got "[^"]*"\)$/, '')
        .replace(/, got "[^"]*" in "[^"]*"$/, '');
      return bad(/expected HOST:PORT/.test(why) ? 'expected http://HOST:PORT, HOST:PORT or a port number' : why);
    }
  }
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    const port = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*:(\d+)(?:[/?#].*)?$/i.exec(s);
    return bad(port && Number(port[1]) > 65535 ? 'the port must be from 0 to 65535' : 'not a URL');
  }
  if (url.protocol !== 'http:') bad(`only http: is served, not ${url.protocol}`);
  if (url.username || url.password) bad('the endpoint takes no credentials');
  if (url.pathname !== '/' || url.search || url.hash) bad("give the endpoint's root, without a path or query");
  if (url.port === '') bad('the port is missing');
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) };
}

/** A class whose instances have the ControlClient methods (HttpControlClient's constructor binds them). */
const WithOperations = class {} as new () => ControlClient;

/** The operator and fault API of a simulator in another process, over HTTP: every operation of the table. */
export class HttpControlClient extends WithOperations {
  readonly endpoint: HostPort;
  private readonly timeoutMs: number;

  /** `url`: see {@link parseControlUrl}. */
  constructor(url: string, options: HttpControlClientOptions = {}) {
    super();
    this.endpoint = parseControlUrl(url);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    Object.assign(
      this,
      bindOperations((operation, args) => this.invoke(operation, args)),
    );
  }

  /** The base URL, e.g. http://127.0.0.1:8080. */
  get url(): string {
    return `http://${formatHostPort(this.endpoint)}`;
  }

  /** GET /v1/health: resolves when a simulator answers there. */
  async health(): Promise<ControlHealth> {
    const body = await this.exchange('GET', 'health', undefined);
    if (typeof body !== 'object' || body === null || (body as { service?: unknown }).service !== 'changerbench-sim') {
      throw new ControlEndpointError(
        `${this.url} answered, but not as a changerbench simulator control endpoint`,
        'BAD_RESPONSE',
      );
    }
    return body as ControlHealth;
  }

  /** One operation: GET for the status view (checked to be one), POST with named arguments for the rest. */
  private async invoke(operation: ControlOperation, args: readonly unknown[]): Promise<unknown> {
    if (OPERATION_TABLE[operation].reads === true) {
      const body = await this.exchange('GET', operation, undefined);
      if (typeof body !== 'object' || body === null || !Array.isArray((body as { elements?: unknown }).elements)) {
        throw new ControlEndpointError(`${this.url}/v1/${operation}: the answer is not a status view`, 'BAD_RESPONSE');
      }
      return body;
    }
    const body = await this.exchange('POST', operation, namedArguments(operation, args));
    const r = body as { ok?: unknown; code?: unknown } | null;
    if (typeof r !== 'object' || r === null || (r.ok !== true && !(r.ok === false && typeof r.code === 'string'))) {
      throw new ControlEndpointError(`${this.url}/v1/${operation}: the answer is not a control result`, 'BAD_RESPONSE');
    }
    return body;
  }

  private exchange(method: 'GET' | 'POST', name: string, args: Record<string, unknown> | undefined): Promise<unknown> {
    const path = `${CONTROL_API_PREFIX}/${name}`;
    const where = `${this.url}${path}`;
    const payload = args === undefined ? undefined : JSON.stringify(args);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.endpoint.host,
          port: this.endpoint.port,
          method,
          path,
          agent: false,
          headers: {
            Accept: 'application/json',
            ...(payload === undefined
              ? {}
              : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          },
        },
        (res) => readAnswer(res, where).then(resolve, reject),
      );
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(new ControlEndpointError(`${where}: no answer within ${this.timeoutMs} ms`, 'ETIMEDOUT')),
      );
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(err instanceof ControlEndpointError ? err : transportError(err, this.url, where)),
      );
      req.end(payload);
    });
  }
}

function transportError(err: NodeJS.ErrnoException, base: string, where: string): ControlEndpointError {
  const code = err.code ?? 'EIO';
  if (code === 'ECONNREFUSED')
    return new ControlEndpointError(
      `cannot reach the simulator control endpoint ${base}: connection refused (is \`changerbench sim serve --control ...\` running there?)`,
      code,
    );
  if (code === 'ECONNRESET')
    return new ControlEndpointError(
      `${where}: the connection was reset before an answer came (did the simulator stop?)`,
      code,
    );
  return new ControlEndpointError(`${where}: ${err.message} (${code})`, code);
}

function readAnswer(res: IncomingMessage, where: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES)
        res.destroy(
          new ControlEndpointError(`${where}: the answer is larger than ${MAX_ANSWER_BYTES} bytes`, 'BAD_RESPONSE'),
        );
      else chunks.push(chunk);
    });
    res.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err instanceof ControlEndpointError
          ? err
          : new ControlEndpointError(`${where}: ${err.message}`, err.code ?? 'EIO'),
      ),
    );
    res.on('end', () => {
      const status = res.statusCode ?? 0;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        reject(
          new ControlEndpointError(
            `${where}: answered ${status} with a body that is not JSON (is this a changerbench simulator?)`,
            'BAD_RESPONSE',
            status,
          ),
        );
        return;
      }
      if (status === 200) {
        resolve(body);
        return;
      }
      const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`;
      const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
      reject(new ControlEndpointError(`${where}: ${status} ${code}: ${message}`, code, status));
    });
  });
}
