/**
 * The HTTP control endpoint over an in-process simulator (the test library on a VirtualClock): every operation
 * reachable by name with named arguments, refusals carried as 200 {ok:false}, and every kind of bad request
 * answered with its status and error code while the server keeps serving.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { encodePreventAllowMediumRemovalCdb } from '../../../scsi/codec/index.js';
import { CONTROL_OPERATIONS, localControlClient, type ControlClient } from '../../../sim/control/control-client.js';
import type { StatusView } from '../../../sim/control/control-types.js';
import { ControlHttpServer } from '../../../sim/service/control-http-server.js';
import { Bench, expectGood } from '../helpers/bench.js';
import { A, st } from '../helpers/test-personality.js';
import { errorCode, rawRequest, type RawAnswer } from './support/http.js';

describe('sim/service/control-http-server', () => {
  let bench: Bench;
  let server: ControlHttpServer;
  let port: number;

  beforeEach(async () => {
    bench = new Bench();
    server = await ControlHttpServer.listen({ control: localControlClient(bench.control), personality: 'test-library', maxBodyBytes: 4096 });
    port = server.address().port;
  });

  afterEach(async () => {
    await server.close();
    bench.close();
  });

  const post = (name: string, body: object = {}) => rawRequest(port, { path: `/v1/${name}`, body });
  const status = async (): Promise<StatusView> => (await rawRequest(port, { path: '/v1/status' })).json as StatusView;

  function expectOk(a: RawAnswer): unknown {
    expect(a.status, a.text).to.equal(200);
    expect((a.json as { ok: boolean }).ok, a.text).to.equal(true);
    return (a.json as { value: unknown }).value;
  }

  it('binds 127.0.0.1 by default and answers health', async () => {
    expect(server.address().host).to.equal('127.0.0.1');
    expect(server.url).to.equal(`http://127.0.0.1:${port}`);
    const a = await rawRequest(port, { path: '/v1/health' });
    expect(a.status).to.equal(200);
    expect(a.json).to.deep.equal({ ok: true, service: 'changerbench-sim', api: 1, personality: 'test-library' });
  });

  it('lists every operation with its argument names at GET /v1', async () => {
    const a = await rawRequest(port, { path: '/v1' });
    const ops = (a.json as { operations: { name: string; arguments: string[] }[] }).operations;
    expect(ops.map((o) => o.name)).to.deep.equal([...CONTROL_OPERATIONS]);
    expect(ops.find((o) => o.name === 'putIntoImportExport')?.arguments).to.deep.equal(['address', 'cartridge']);
  });

  it('reaches every operation of CONTROL_OPERATIONS with named arguments', async () => {
    const called = new Set<string>();
    const ok = async (name: string, body: object = {}) => {
      called.add(name);
      return expectOk(await post(name, body));
    };
    const s0 = (await rawRequest(port, { path: '/v1/status' })).json as StatusView;
    called.add('status');
    expect(s0.personality).to.equal('test-library');
    expect(((await post('status')).json as StatusView).personality, 'POST /v1/status').to.equal('test-library');

    await ok('pullMagazine', { id: 'left' });
    expect(await ok('takeFromMagazine', { id: 'left', address: st(0) })).to.include({ volumeTag: 'D00000L8' });
    expect(await ok('putIntoMagazine', { id: 'left', address: st(0), cartridge: { volumeTag: 'NEW001L8' } })).to.include({ volumeTag: 'NEW001L8', kind: 'data' });
    await ok('insertMagazine', { id: 'left' });
    await bench.settle();

    await ok('openDoor');
    expect(await ok('takeThroughDoor', { address: st(1) })).to.include({ volumeTag: 'D00001L8' });
    await ok('putThroughDoor', { address: st(1), cartridge: { volumeTag: 'NEW002L8', kind: 'data' } });
    await ok('closeDoor');
    await bench.settle();

    await ok('openImportExport');
    expect(await ok('putIntoImportExport', { address: A.IE0, cartridge: { volumeTag: 'CLN002L1' } })).to.include({ kind: 'cleaning' });
    expect(await ok('takeFromImportExport', { address: A.IE0 })).to.include({ volumeTag: 'CLN002L1' });
    await ok('closeImportExport');
    await bench.settle();

    expect(await ok('takeFromHiddenSlot', { slot: 0 })).to.include({ volumeTag: 'CLN900L1' });
    expect(await ok('putIntoHiddenSlot', { slot: 0, cartridge: { volumeTag: 'CLN901L1', usesRemaining: 3 } })).to.include({ usesRemaining: 3 });
    await ok('setDriveNeedsCleaning', { address: A.DT0, on: true });
    called.add('moveMedium');
    const moving = post('moveMedium', { source: st(1), destination: A.DT1 });
    for (let i = 0; i < 400 && !bench.changer.core.robot.busy; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await bench.settle();
    expect(expectOk(await moving)).to.include({ volumeTag: 'NEW002L8' });
    expect((await status()).drives[0]?.needsCleaning).to.equal(true);

    await ok('setOnline', { online: false });
    expect((await status()).online).to.equal(false);
    await ok('setOnline', { online: true });
    await ok('failNextCommand', { fault: { key: 4, asc: 0x15, ascq: 1, opcode: 0xa5, deferred: false } });
    await ok('failNextMove', { kind: 'changer' });
    await ok('failNextMove');
    expect((await status()).faults).to.deep.equal({ commands: 1, moves: 2 });
    await ok('clearFaults');
    expect((await status()).faults).to.deep.equal({ commands: 0, moves: 0 });
    await ok('setSlowMotion', { factor: 2.5 });
    expect((await status()).slowFactor).to.equal(2.5);
    await ok('powerCycle');
    expect((await status()).poweringOn).to.equal(true);

    expect([...called].sort()).to.deep.equal([...CONTROL_OPERATIONS].sort());
    const tags = new Map((await status()).elements.filter((e) => e.cartridge).map((e) => [e.address, e.cartridge?.volumeTag]));
    expect(tags.get(st(0))).to.equal('NEW001L8');
    expect(tags.get(A.DT1)).to.equal('NEW002L8');
  });

  it('carries refusals as 200 with ok:false, the code and a message', async () => {
    await bench.drainUnitAttentions('host-a');
    expectGood(await bench.run('host-a', encodePreventAllowMediumRemovalCdb({ prevent: 1 })));
    const prevented = await post('pullMagazine', { id: 'left' });
    expect(prevented.status).to.equal(200);
    expect(prevented.json).to.include({ ok: false, code: 'PREVENTED' });
    expect((prevented.json as { message: string }).message).to.match(/prevented/);
    expect((await post('pullMagazine', { id: 'nope' })).json).to.include({ ok: false, code: 'NO_SUCH_MAGAZINE' });
    expect((await post('takeThroughDoor', { address: st(0) })).json).to.include({ ok: false, code: 'DOOR_CLOSED' });
    expect((await post('failNextCommand', { fault: { key: 99, asc: 0, ascq: 0 } })).json).to.include({ ok: false, code: 'INVALID_ARGUMENT' });
    expect((await post('putIntoHiddenSlot', { slot: 0, cartridge: { volumeTag: 'CLN777L1' } })).json).to.include({ ok: false, code: 'ELEMENT_FULL' });
  });

  it('refuses setSlowMotion {"factor":1e308} naming the allowed range, and changes nothing (issue 16)', async () => {
    for (const factor of [1e308, 0, -1, 1e-7, 1000001]) {
      const a = await rawRequest(port, { path: '/v1/setSlowMotion', body: { factor } });
      expect(a.status).to.equal(200);
      expect(a.json, a.text).to.include({ ok: false, code: 'INVALID_ARGUMENT' });
      expect((a.json as { message: string }).message, a.text).to.equal(`factor must be a number from 0.000001 to 1000000 (1 is the product's own speed), got ${factor}`);
    }
    expectOk(await post('setSlowMotion', { factor: 1e6 }));
    expectOk(await post('setSlowMotion', { factor: 1e-6 }));
  });

  describe('bad requests', () => {
    afterEach(async () => {
      const h = await rawRequest(port, { path: '/v1/health' });
      expect(h.status, 'the server keeps serving').to.equal(200);
      expect((await status()).elements.find((e) => e.address === st(0))?.cartridge?.volumeTag, 'state untouched').to.equal('D00000L8');
    });

    const cases: { name: string; request: Parameters<typeof rawRequest>[1]; status: number; code: string; message?: RegExp }[] = [
      { name: 'malformed JSON', request: { path: '/v1/pullMagazine', body: '{"id": ', headers: { 'Content-Type': 'application/json' } }, status: 400, code: 'BAD_JSON' },
      { name: 'a wrong argument type', request: { path: '/v1/pullMagazine', body: { id: 7 } }, status: 400, code: 'BAD_ARGUMENTS', message: /pullMagazine\.id: .*string/ },
      { name: 'a missing argument', request: { path: '/v1/takeFromImportExport', body: {} }, status: 400, code: 'BAD_ARGUMENTS', message: /address/ },
      { name: 'an unknown argument', request: { path: '/v1/openDoor', body: { force: true } }, status: 400, code: 'BAD_ARGUMENTS', message: /force/ },
      { name: 'a fractional address', request: { path: '/v1/takeThroughDoor', body: { address: 1.5 } }, status: 400, code: 'BAD_ARGUMENTS' },
      { name: 'a nested wrong type', request: { path: '/v1/putIntoImportExport', body: { address: 16, cartridge: { volumeTag: 'X', kind: 'tape' } } }, status: 400, code: 'BAD_ARGUMENTS', message: /cartridge\.kind/ },
      { name: 'a JSON array body', request: { path: '/v1/pullMagazine', body: '["left"]', headers: { 'Content-Type': 'application/json' } }, status: 400, code: 'BAD_ARGUMENTS' },
      { name: 'a JSON null body', request: { path: '/v1/openDoor', body: 'null', headers: { 'Content-Type': 'application/json' } }, status: 400, code: 'BAD_ARGUMENTS' },
      { name: 'an unknown operation', request: { path: '/v1/launchMissiles', body: {} }, status: 404, code: 'UNKNOWN_OPERATION' },
      { name: 'an inherited property name', request: { path: '/v1/constructor', body: {} }, status: 404, code: 'UNKNOWN_OPERATION' },
      { name: 'a path outside the API', request: { path: '/admin' }, status: 404, code: 'NOT_FOUND' },
      { name: 'GET on an operation', request: { method: 'GET', path: '/v1/pullMagazine' }, status: 405, code: 'METHOD_NOT_ALLOWED' },
      { name: 'DELETE on status', request: { method: 'DELETE', path: '/v1/status' }, status: 405, code: 'METHOD_NOT_ALLOWED' },
      { name: 'POST on health', request: { method: 'POST', path: '/v1/health', body: {} }, status: 405, code: 'METHOD_NOT_ALLOWED' },
      { name: 'a form body', request: { path: '/v1/pullMagazine', body: 'id=left', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { name: 'a POST without Content-Type', request: { method: 'POST', path: '/v1/powerCycle' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { name: 'an oversized body', request: { path: '/v1/pullMagazine', body: { id: 'x'.repeat(10_000) } }, status: 413, code: 'BODY_TOO_LARGE' },
      { name: 'a foreign Host header', request: { path: '/v1/status', headers: { Host: 'attacker.example:80' } }, status: 403, code: 'FORBIDDEN_HOST' },
    ];
    for (const c of cases) {
      it(`answers ${c.status} ${c.code} to ${c.name}`, async () => {
        const a = await rawRequest(port, c.request);
        expect(a.status, a.text).to.equal(c.status);
        expect(errorCode(a), a.text).to.equal(c.code);
        expect((a.json as { error: { message: string } }).error.message).to.be.a('string').and.not.equal('');
        if (c.message) expect((a.json as { error: { message: string } }).error.message).to.match(c.message);
        if (c.status === 405) expect(a.headers.allow).to.be.a('string');
      });
    }

    it('cuts a body far beyond the limit off (413 or a closed connection) and keeps serving', async () => {
      const huge = Buffer.alloc(4096 * 64 + 1, 0x20);
      const a = await rawRequest(port, { path: '/v1/openDoor', body: huge, headers: { 'Content-Type': 'application/json' } }).catch((e: Error) => e);
      if (!(a instanceof Error)) expect(a.status).to.equal(413);
    });
  });

  it('accepts Host localhost and [::1] names, an empty body as {}, and a charset in the Content-Type', async () => {
    expect((await rawRequest(port, { path: '/v1/status', headers: { Host: `localhost:${port}` } })).status).to.equal(200);
    expect((await rawRequest(port, { path: '/v1/status', headers: { Host: `[::1]:${port}` } })).status).to.equal(200);
    expectOk(await rawRequest(port, { method: 'POST', path: '/v1/openDoor', headers: { 'Content-Type': 'application/json' } }));
    expectOk(await rawRequest(port, { path: '/v1/closeDoor', body: '{}', headers: { 'Content-Type': 'application/json; charset=utf-8' } }));
  });

  it('answers 500 INTERNAL when the control API throws, and keeps serving', async () => {
    const failing = { ...localControlClient(bench.control), openDoor: sinon.stub().rejects(new Error('disk on fire')) } as ControlClient;
    const errors: string[] = [];
    const other = await ControlHttpServer.listen({ control: failing, logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (_f, m) => errors.push(m) } });
    try {
      const a = await rawRequest(other.address().port, { path: '/v1/openDoor', body: {} });
      expect(a.status).to.equal(500);
      expect(errorCode(a)).to.equal('INTERNAL');
      expect(a.text).to.contain('disk on fire');
      expect(errors).to.have.length(1);
      expect((await rawRequest(other.address().port, { path: '/v1/health' })).status).to.equal(200);
    } finally {
      await other.close();
    }
  });

  it('refuses to bind a non-loopback address unless allowed', async () => {
    let error: unknown;
    try {
      await ControlHttpServer.listen({ control: localControlClient(bench.control), host: '0.0.0.0' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(RangeError);
    expect((error as Error).message).to.match(/loopback/);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    let error: unknown;
    try {
      await ControlHttpServer.listen({ control: localControlClient(bench.control), port });
    } catch (e) {
      error = e;
    }
    expect((error as NodeJS.ErrnoException).code).to.equal('EADDRINUSE');
  });

  it('close() is idempotent', async () => {
    await Promise.all([server.close(), server.close()]);
    await server.close();
  });
});
