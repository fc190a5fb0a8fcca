/**
 * The control endpoint cuts slow clients (issue 16): headers not in within headersTimeoutMs, or a whole request
 * (body included) not in within requestTimeoutMs, is answered 408 REQUEST_TIMEOUT and the connection closed; the
 * server goes on serving others. The clients are raw sockets that trickle a byte every 50 ms.
 * Spec: RFC 9110 15.5.9 (408 Request Timeout); docs/lab-view.md 11.1; sim/service/control-http-server.ts.
 */
import { expect } from 'chai';
import { connect, type Socket } from 'node:net';
import { localControlClient } from '../../../sim/control/control-client.js';
import { ControlHttpServer } from '../../../sim/service/control-http-server.js';
import { Bench } from '../helpers/bench.js';
import { rawRequest } from './support/http.js';

/** A socket that sends `head` at once, then `trickle` one byte per 50 ms; resolves with all it read once closed. */
function trickle(port: number, head: string, trickled: string): { socket: Socket; answer: Promise<string> } {
  const socket = connect({ host: '127.0.0.1', port });
  let timer: NodeJS.Timeout | undefined;
  const answer = new Promise<string>((resolve, reject) => {
    let text = '';
    const giveUp = setTimeout(() => reject(new Error(`no close within 20 s; read so far: ${text}`)), 20_000);
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      clearInterval(timer);
      resolve(text);
    });
  });
  socket.on('connect', () => {
    socket.write(head);
    let i = 0;
    timer = setInterval(() => {
      if (i < trickled.length && !socket.destroyed) socket.write(trickled[i++] as string);
    }, 50);
  });
  return { socket, answer };
}

describe('sim/service/control-http-server deadlines (slow clients)', function () {
  this.timeout(60_000);
  let bench: Bench;
  let server: ControlHttpServer;
  let port: number;

  beforeEach(async () => {
    bench = new Bench();
    server = await ControlHttpServer.listen({
      control: localControlClient(bench.control),
      headersTimeoutMs: 300,
      requestTimeoutMs: 900,
    });
    port = server.address().port;
  });

  afterEach(async () => {
    await server.close();
    bench.close();
  });

  const expect408 = (text: string) => {
    expect(text, text).to.match(/^HTTP\/1\.1 408 /);
    const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: string } };
    expect(body.error.code).to.equal('REQUEST_TIMEOUT');
    expect(body.error.message).to.match(/headers are due within 300 ms and the whole request within 900 ms/);
  };

  it('answers 408 to headers that trickle in past the header deadline, and serves others', async () => {
    const slow = trickle(port, 'GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 'a'.repeat(400));
    expect408(await slow.answer);
    expect((await rawRequest(port, { path: '/v1/health' })).status).to.equal(200);
  });

  it('answers 408 to a body that trickles in past the request deadline', async () => {
    const body = JSON.stringify({ address: 1 }).padEnd(200, ' ');
    const head = `POST /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const slow = trickle(port, head, body);
    expect408(await slow.answer);
    expect((await rawRequest(port, { path: '/v1/health' })).status).to.equal(200);
  });

  it('refuses deadlines that are not whole milliseconds', async () => {
    for (const headersTimeoutMs of [0, -1, 1.5, Number.NaN]) {
      let error: unknown;
      await ControlHttpServer.listen({ control: localControlClient(bench.control), headersTimeoutMs }).catch(
        (e: unknown) => (error = e),
      );
      expect(error, String(headersTimeoutMs)).to.be.instanceOf(RangeError);
    }
  });
});
