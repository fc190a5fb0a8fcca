/**
 * The HTTP ControlClient against the HTTP server: every operation's positional arguments arrive unchanged at the
 * server's ControlClient and its result comes back unchanged; refusals stay values; transport and HTTP failures
 * reject with a ControlEndpointError that says what happened.
 */
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sinon from 'sinon';
import { CONTROL_OPERATIONS, localControlClient, type ControlClient } from '../../../sim/control/control-client.js';
import { ControlEndpointError, HttpControlClient, parseControlUrl } from '../../../sim/control/control-http-client.js';
import { ControlHttpServer } from '../../../sim/service/control-http-server.js';
import { Bench } from '../helpers/bench.js';
import { A, st } from '../helpers/test-personality.js';

type Calls = { readonly [K in (typeof CONTROL_OPERATIONS)[number]]: readonly unknown[] };

/** One example call per operation, with every optional argument exercised somewhere. */
const CALLS: Calls = {
  status: [],
  pullMagazine: ['left'],
  insertMagazine: ['right'],
  takeFromMagazine: ['left', 4097],
  putIntoMagazine: ['left', 4097, { volumeTag: 'ABC123L8', kind: 'data' }],
  openDoor: [],
  closeDoor: [],
  takeThroughDoor: [4096],
  putThroughDoor: [4096, { volumeTag: '' }],
  openImportExport: [],
  closeImportExport: [],
  takeFromImportExport: [16],
  putIntoImportExport: [16, { volumeTag: 'CLN001L1', kind: 'cleaning', usesRemaining: 7 }],
  putIntoHiddenSlot: [1, { volumeTag: 'CLN002L1' }],
  takeFromHiddenSlot: [0],
  setDriveNeedsCleaning: [256, false],
  moveMedium: [4096, 256],
  powerCycle: [],
  setOnline: [false],
  failNextCommand: [{ key: 4, asc: 0x15, ascq: 1, opcode: 0xa5, deferred: true }],
  failNextMove: ['positioning'],
  clearFaults: [],
  setSlowMotion: [0.25],
};

async function rejection(p: Promise<unknown>): Promise<ControlEndpointError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(ControlEndpointError);
    return e as ControlEndpointError;
  }
  throw new Error('expected a rejection');
}

async function listenOnce(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('sim/control/control-http-client', () => {
  describe('against a stub control API', () => {
    let stub: Record<string, sinon.SinonStub>;
    let server: ControlHttpServer;
    let client: HttpControlClient;

    beforeEach(async () => {
      stub = {};
      for (const name of CONTROL_OPERATIONS) {
        const value = name === 'status' ? { personality: 'stub', elements: [] } : { ok: true, value: { echo: name } };
        stub[name] = sinon.stub().resolves(value);
      }
      server = await ControlHttpServer.listen({ control: stub as unknown as ControlClient });
      client = new HttpControlClient(server.url);
    });

    afterEach(() => server.close());

    for (const name of CONTROL_OPERATIONS) {
      it(`${name}: arguments and result round-trip`, async () => {
        const args = CALLS[name];
        const result = await (client[name] as (...a: unknown[]) => Promise<unknown>)(...args);
        sinon.assert.calledOnce(stub[name] as sinon.SinonStub);
        expect((stub[name] as sinon.SinonStub).firstCall.args).to.deep.equal(args);
        expect(result).to.deep.equal(
          name === 'status' ? { personality: 'stub', elements: [] } : { ok: true, value: { echo: name } },
        );
      });
    }

    it('failNextMove without a kind sends no kind', async () => {
      await client.failNextMove();
      expect((stub.failNextMove as sinon.SinonStub).firstCall.args).to.deep.equal([undefined]);
    });

    it('health names the service', async () => {
      expect(await client.health()).to.include({ ok: true, service: 'changerbench-sim', api: 1 });
    });

    it("an HTTP error becomes a ControlEndpointError with the endpoint's code and status", async () => {
      const e = await rejection(client.takeThroughDoor(1.5));
      expect(e.code).to.equal('BAD_ARGUMENTS');
      expect(e.status).to.equal(400);
      expect(e.message).to.contain('/v1/takeThroughDoor').and.contain('400 BAD_ARGUMENTS');
    });
  });

  describe('against the simulator', () => {
    let bench: Bench;
    let server: ControlHttpServer;

    beforeEach(async () => {
      bench = new Bench();
      server = await ControlHttpServer.listen({ control: localControlClient(bench.control) });
    });

    afterEach(async () => {
      await server.close();
      bench.close();
    });

    it('gives the same results as the in-process client, refusals included', async () => {
      const http = new HttpControlClient(server.url);
      const local = localControlClient(bench.control);
      expect(await http.status()).to.deep.equal(await local.status());
      expect(await http.takeFromImportExport(A.IE0)).to.deep.include({ ok: false, code: 'STATION_CLOSED' });
      expect(await http.pullMagazine('right')).to.deep.equal({ ok: true, value: null });
      const taken = await http.takeFromMagazine('right', st(5));
      expect(taken.ok && taken.value.volumeTag).to.equal('D00005L8');
      expect(await http.status()).to.deep.equal(await local.status());
    });
  });

  describe('failures', () => {
    it('a closed port: ECONNREFUSED, saying no simulator answers there', async () => {
      const { server, port } = await listenOnce(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const e = await rejection(new HttpControlClient(`http://127.0.0.1:${port}`).status());
      expect(e.code).to.equal('ECONNREFUSED');
      expect(e.message).to.contain(`127.0.0.1:${port}`).and.contain('connection refused');
    });

    it('an answer that is not JSON: BAD_RESPONSE', async () => {
      const { server, port } = await listenOnce((_req, res) => res.end('<html>hello</html>'));
      try {
        const e = await rejection(new HttpControlClient(`127.0.0.1:${port}`).openDoor());
        expect(e.code).to.equal('BAD_RESPONSE');
        const h = await rejection(new HttpControlClient(`127.0.0.1:${port}`).health());
        expect(h.message).to.contain('not JSON');
      } finally {
        server.close();
      }
    });

    it('JSON that is not a control result: BAD_RESPONSE', async () => {
      const { server, port } = await listenOnce((_req, res) => res.end('{"hello":"world"}'));
      try {
        expect((await rejection(new HttpControlClient(`127.0.0.1:${port}`).openDoor())).code).to.equal('BAD_RESPONSE');
        expect((await rejection(new HttpControlClient(`127.0.0.1:${port}`).status())).code).to.equal('BAD_RESPONSE');
        expect((await rejection(new HttpControlClient(`127.0.0.1:${port}`).health())).message).to.contain(
          'not as a changerbench',
        );
      } finally {
        server.close();
      }
    });

    it('no answer within the time-out: ETIMEDOUT', async () => {
      const { server, port } = await listenOnce(() => undefined);
      try {
        const e = await rejection(new HttpControlClient(`http://127.0.0.1:${port}/`, { timeoutMs: 50 }).powerCycle());
        expect(e.code).to.equal('ETIMEDOUT');
      } finally {
        server.closeAllConnections();
        server.close();
      }
    });
  });

  describe('parseControlUrl', () => {
    it('accepts http URLs, HOST:PORT and a bare port', () => {
      expect(parseControlUrl('http://127.0.0.1:8080')).to.deep.equal({ host: '127.0.0.1', port: 8080 });
      expect(parseControlUrl('http://localhost:8080/')).to.deep.equal({ host: 'localhost', port: 8080 });
      expect(parseControlUrl('http://[::1]:9')).to.deep.equal({ host: '::1', port: 9 });
      expect(parseControlUrl('127.0.0.1:1')).to.deep.equal({ host: '127.0.0.1', port: 1 });
      expect(parseControlUrl('8080')).to.deep.equal({ host: '127.0.0.1', port: 8080 });
    });

    it('says what is wrong once, quoting the URL once and giving one example', () => {
      const said = (u: string) => {
        try {
          parseControlUrl(u);
        } catch (e) {
          return (e as Error).message;
        }
        return 'accepted';
      };
      expect(said('::1:8080')).to.equal(
        'bad control URL "::1:8080": write an IPv6 address in brackets, e.g. [::1]:8080',
      );
      expect(said('http://127.0.0.1:99999/x')).to.equal(
        'bad control URL "http://127.0.0.1:99999/x": the port must be from 0 to 65535 (e.g. http://127.0.0.1:8080)',
      );
      expect(said('notaurl')).to.equal(
        'bad control URL "notaurl": expected http://HOST:PORT, HOST:PORT or a port number (e.g. http://127.0.0.1:8080)',
      );
      expect(said('127.0.0.1:abc')).to.equal(
        'bad control URL "127.0.0.1:abc": the port must be a whole number from 0 to 65535 (e.g. http://127.0.0.1:8080)',
      );
    });

    for (const bad of [
      'https://127.0.0.1:8080',
      'http://127.0.0.1',
      'http://127.0.0.1:8080/v1',
      'http://u:p@127.0.0.1:1',
      'ftp://x:1',
      'nonsense',
      'http://:::',
    ]) {
      it(`refuses ${bad}`, () => {
        expect(() => parseControlUrl(bad)).to.throw(ControlEndpointError, /bad control URL/);
      });
    }
  });
});
