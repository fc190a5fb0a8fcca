/**
 * A ControlClient that reaches a simulator's HTTP control endpoint (control-http-server.ts), so the console and
 * tools work the same on a simulator in another process. Refusals come back as ControlResult values, as
 * in-process; everything else that goes wrong (no simulator listening, time-out, a 4xx/5xx answer, an answer
 * that is not JSON) rejects with a {@link ControlEndpointError} that says what and where.
 * Spec: RFC 9110 (HTTP semantics); docs: README "Control endpoint".
 */
import { request, type IncomingMessage } from 'node:http';
import type { ControlClient } from '../control/control-client.js';
import type { CartridgeInput, CartridgeView, ControlResult, StatusView } from '../control/control-types.js';
import type { CommandFaultInput } from '../control/fault-control.js';
import type { MoveFaultKind } from '../control/fault-injector.js';
import { CONTROL_API_PREFIX, type ControlHealth } from './control-http-protocol.js';
import type { ControlOperation } from './control-operations.js';
import { formatHostPort, HostPortError, parseHostPort, type HostPort } from './host-port.js';

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
    throw new ControlEndpointError(`bad control URL "${text}": ${why}${why.includes('e.g.') ? '' : ' (e.g. http://127.0.0.1:8080)'}`, 'EINVAL');
  };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    try {
      return parseHostPort(s, 'control URL');
    } catch (e) {
      if (!(e instanceof HostPortError)) throw e;
      // Said once, in this function's words: the host-port parser's own "expected ..." would repeat the example.
      // The URL is quoted once, by bad(): drop the parser's own quotes of it.
      const why = e.message.replace(/^control URL: /, '').replace(/ \(got "[^"]*"\)$/, '').replace(/, got "[^"]*" in "[^"]*"$/, '');
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
  if (url.pathname !== '/' || url.search || url.hash) bad('give the endpoint\'s root, without a path or query');
  if (url.port === '') bad('the port is missing');
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) };
}

/** The operator and fault API of a simulator in another process, over HTTP. */
export class HttpControlClient implements ControlClient {
  readonly endpoint: HostPort;
  private readonly timeoutMs: number;

  /** `url`: see {@link parseControlUrl}. */
  constructor(url: string, options: HttpControlClientOptions = {}) {
    this.endpoint = parseControlUrl(url);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** The base URL, e.g. http://127.0.0.1:8080. */
  get url(): string {
    return `http://${formatHostPort(this.endpoint)}`;
  }

  /** GET /v1/health: resolves when a simulator answers there. */
  async health(): Promise<ControlHealth> {
    const body = await this.exchange('GET', 'health', undefined);
    if (typeof body !== 'object' || body === null || (body as { service?: unknown }).service !== 'changerbench-sim') {
      throw new ControlEndpointError(`${this.url} answered, but not as a changerbench simulator control endpoint`, 'BAD_RESPONSE');
    }
    return body as ControlHealth;
  }

  async status(): Promise<StatusView> {
    const body = await this.exchange('GET', 'status', undefined);
    if (typeof body !== 'object' || body === null || !Array.isArray((body as { elements?: unknown }).elements)) {
      throw new ControlEndpointError(`${this.url}/v1/status: the answer is not a status view`, 'BAD_RESPONSE');
    }
    return body as StatusView;
  }

  pullMagazine = (id: string) => this.call('pullMagazine', { id });
  insertMagazine = (id: string) => this.call('insertMagazine', { id });
  takeFromMagazine = (id: string, address: number) => this.call<CartridgeView>('takeFromMagazine', { id, address });
  putIntoMagazine = (id: string, address: number, cartridge: CartridgeInput) => this.call<CartridgeView>('putIntoMagazine', { id, address, cartridge });
  openDoor = () => this.call('openDoor', {});
  closeDoor = () => this.call('closeDoor', {});
  takeThroughDoor = (address: number) => this.call<CartridgeView>('takeThroughDoor', { address });
  putThroughDoor = (address: number, cartridge: CartridgeInput) => this.call<CartridgeView>('putThroughDoor', { address, cartridge });
  openImportExport = () => this.call('openImportExport', {});
  closeImportExport = () => this.call('closeImportExport', {});
  takeFromImportExport = (address: number) => this.call<CartridgeView>('takeFromImportExport', { address });
  putIntoImportExport = (address: number, cartridge: CartridgeInput) => this.call<CartridgeView>('putIntoImportExport', { address, cartridge });
  putIntoHiddenSlot = (slot: number, cartridge: CartridgeInput) => this.call<CartridgeView>('putIntoHiddenSlot', { slot, cartridge });
  takeFromHiddenSlot = (slot: number) => this.call<CartridgeView>('takeFromHiddenSlot', { slot });
  setDriveNeedsCleaning = (address: number, on: boolean) => this.call('setDriveNeedsCleaning', { address, on });
  moveMedium = (source: number, destination: number) => this.call<CartridgeView>('moveMedium', { source, destination });
  powerCycle = () => this.call('powerCycle', {});
  setOnline = (online: boolean) => this.call('setOnline', { online });
  failNextCommand = (fault: CommandFaultInput) => this.call('failNextCommand', { fault });
  failNextMove = (kind?: MoveFaultKind) => this.call('failNextMove', kind === undefined ? {} : { kind });
  clearFaults = () => this.call('clearFaults', {});
  setSlowMotion = (factor: number) => this.call('setSlowMotion', { factor });

  /** POSTs one operation and checks that the answer is a ControlResult. */
  private async call<T = null>(operation: Exclude<ControlOperation, 'status'>, args: Record<string, unknown>): Promise<ControlResult<T>> {
    const body = await this.exchange('POST', operation, args);
    const r = body as { ok?: unknown; code?: unknown } | null;
    if (typeof r !== 'object' || r === null || (r.ok !== true && !(r.ok === false && typeof r.code === 'string'))) {
      throw new ControlEndpointError(`${this.url}/v1/${operation}: the answer is not a control result`, 'BAD_RESPONSE');
    }
    return body as ControlResult<T>;
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
          headers: { Accept: 'application/json', ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }) },
        },
        (res) => readAnswer(res, where).then(resolve, reject),
      );
      req.setTimeout(this.timeoutMs, () => req.destroy(new ControlEndpointError(`${where}: no answer within ${this.timeoutMs} ms`, 'ETIMEDOUT')));
      req.on('error', (err: NodeJS.ErrnoException) => reject(err instanceof ControlEndpointError ? err : transportError(err, this.url, where)));
      req.end(payload);
    });
  }
}

function transportError(err: NodeJS.ErrnoException, base: string, where: string): ControlEndpointError {
  const code = err.code ?? 'EIO';
  if (code === 'ECONNREFUSED') return new ControlEndpointError(`cannot reach the simulator control endpoint ${base}: connection refused (is \`changerbench sim serve --control ...\` running there?)`, code);
  if (code === 'ECONNRESET') return new ControlEndpointError(`${where}: the connection was reset before an answer came (did the simulator stop?)`, code);
  return new ControlEndpointError(`${where}: ${err.message} (${code})`, code);
}

function readAnswer(res: IncomingMessage, where: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) res.destroy(new ControlEndpointError(`${where}: the answer is larger than ${MAX_ANSWER_BYTES} bytes`, 'BAD_RESPONSE'));
      else chunks.push(chunk);
    });
    res.on('error', (err: NodeJS.ErrnoException) => reject(err instanceof ControlEndpointError ? err : new ControlEndpointError(`${where}: ${err.message}`, err.code ?? 'EIO')));
    res.on('end', () => {
      const status = res.statusCode ?? 0;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        reject(new ControlEndpointError(`${where}: answered ${status} with a body that is not JSON (is this a changerbench simulator?)`, 'BAD_RESPONSE', status));
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
