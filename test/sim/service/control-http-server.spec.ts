/**
 * The HTTP control endpoint over an in-process simulator (the test library on a VirtualClock): every operation
 * reachable by name with named arguments, refusals carried as 200 {ok:false}, a failing control API answered 500,
 * and the binding rules. The bad requests are in control-http-server-bad-requests.spec.ts.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { encodePreventAllowMediumRemovalCdb } from '../../../scsi/codec/index.js';
import { CONTROL_OPERATIONS, localControlClient, type ControlClient } from '../../../sim/control/control-client.js';
import type { StatusView } from '../../../sim/control/control-types.js';
import { ControlHttpServer } from '../../../sim/service/control-http-server.js';
import { expectGood } from '../helpers/bench.js';
import { A, st } from '../helpers/test-personality.js';
import { errorCode, rawRequest } from './support/http.js';
import { expectOk, useControlHttpRig } from './support/control-http-rig.js';

describe('sim/service/control-http-server', () => {
  const rig = useControlHttpRig();

  it('binds 127.0.0.1 by default and answers health', async () => {
    expect(rig.server.address().host).to.equal('127.0.0.1');
    expect(rig.server.url).to.equal(`http://127.0.0.1:${rig.port}`);
    const a = await rawRequest(rig.port, { path: '/v1/health' });
    expect(a.status).to.equal(200);
    expect(a.json).to.deep.equal({ ok: true, service: 'changerbench-sim', api: 1, personality: 'test-library' });
  });

  it('lists every operation with its argument names at GET /v1', async () => {
    const a = await rawRequest(rig.port, { path: '/v1' });
    const ops = (a.json as { operations: { name: string; arguments: string[] }[] }).operations;
    expect(ops.map((o) => o.name)).to.deep.equal([...CONTROL_OPERATIONS]);
    expect(ops.find((o) => o.name === 'putIntoImportExport')?.arguments).to.deep.equal(['address', 'cartridge']);
  });

  it('reaches every operation of CONTROL_OPERATIONS with named arguments', async () => {
    const called = new Set<string>();
    const ok = async (name: string, body: object = {}) => {
      called.add(name);
      return expectOk(await rig.post(name, body));
    };
    const s0 = (await rawRequest(rig.port, { path: '/v1/status' })).json as StatusView;
    called.add('status');
    expect(s0.personality).to.equal('test-library');
    expect(((await rig.post('status')).json as StatusView).personality, 'POST /v1/status').to.equal('test-library');

    await ok('pullMagazine', { id: 'left' });
    expect(await ok('takeFromMagazine', { id: 'left', address: st(0) })).to.include({ volumeTag: 'D00000L8' });
    expect(
      await ok('putIntoMagazine', { id: 'left', address: st(0), cartridge: { volumeTag: 'NEW001L8' } }),
    ).to.include({ volumeTag: 'NEW001L8', kind: 'data' });
    await ok('insertMagazine', { id: 'left' });
    await rig.bench.settle();

    await ok('openDoor');
    expect(await ok('takeThroughDoor', { address: st(1) })).to.include({ volumeTag: 'D00001L8' });
    await ok('putThroughDoor', { address: st(1), cartridge: { volumeTag: 'NEW002L8', kind: 'data' } });
    await ok('closeDoor');
    await rig.bench.settle();

    await ok('openImportExport');
    expect(await ok('putIntoImportExport', { address: A.IE0, cartridge: { volumeTag: 'CLN002L1' } })).to.include({
      kind: 'cleaning',
    });
    expect(await ok('takeFromImportExport', { address: A.IE0 })).to.include({ volumeTag: 'CLN002L1' });
    await ok('closeImportExport');
    await rig.bench.settle();

    expect(await ok('takeFromHiddenSlot', { slot: 0 })).to.include({ volumeTag: 'CLN900L1' });
    expect(
      await ok('putIntoHiddenSlot', { slot: 0, cartridge: { volumeTag: 'CLN901L1', usesRemaining: 3 } }),
    ).to.include({ usesRemaining: 3 });
    await ok('setDriveNeedsCleaning', { address: A.DT0, on: true });
    called.add('moveMedium');
    const moving = rig.post('moveMedium', { source: st(1), destination: A.DT1 });
    for (let i = 0; i < 400 && !rig.bench.changer.core.robot.busy; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await rig.bench.settle();
    expect(expectOk(await moving)).to.include({ volumeTag: 'NEW002L8' });
    expect((await rig.status()).drives[0]?.needsCleaning).to.equal(true);

    await ok('setOnline', { online: false });
    expect((await rig.status()).online).to.equal(false);
    await ok('setOnline', { online: true });
    await ok('failNextCommand', { fault: { key: 4, asc: 0x15, ascq: 1, opcode: 0xa5, deferred: false } });
    await ok('failNextMove', { kind: 'changer' });
    await ok('failNextMove');
    expect((await rig.status()).faults).to.deep.equal({ commands: 1, moves: 2 });
    await ok('clearFaults');
    expect((await rig.status()).faults).to.deep.equal({ commands: 0, moves: 0 });
    await ok('setSlowMotion', { factor: 2.5 });
    expect((await rig.status()).slowFactor).to.equal(2.5);
    await ok('powerCycle');
    expect((await rig.status()).poweringOn).to.equal(true);

    expect([...called].sort()).to.deep.equal([...CONTROL_OPERATIONS].sort());
    const tags = new Map(
      (await rig.status()).elements.filter((e) => e.cartridge).map((e) => [e.address, e.cartridge?.volumeTag]),
    );
    expect(tags.get(st(0))).to.equal('NEW001L8');
    expect(tags.get(A.DT1)).to.equal('NEW002L8');
  });

  it('carries refusals as 200 with ok:false, the code and a message', async () => {
    await rig.bench.drainUnitAttentions('host-a');
    expectGood(await rig.bench.run('host-a', encodePreventAllowMediumRemovalCdb({ prevent: 1 })));
    const prevented = await rig.post('pullMagazine', { id: 'left' });
    expect(prevented.status).to.equal(200);
    expect(prevented.json).to.include({ ok: false, code: 'PREVENTED' });
    expect((prevented.json as { message: string }).message).to.match(/prevented/);
    expect((await rig.post('pullMagazine', { id: 'nope' })).json).to.include({ ok: false, code: 'NO_SUCH_MAGAZINE' });
    expect((await rig.post('takeThroughDoor', { address: st(0) })).json).to.include({ ok: false, code: 'DOOR_CLOSED' });
    expect((await rig.post('failNextCommand', { fault: { key: 99, asc: 0, ascq: 0 } })).json).to.include({
      ok: false,
      code: 'INVALID_ARGUMENT',
    });
    expect((await rig.post('putIntoHiddenSlot', { slot: 0, cartridge: { volumeTag: 'CLN777L1' } })).json).to.include({
      ok: false,
      code: 'ELEMENT_FULL',
    });
  });

  it('refuses setSlowMotion {"factor":1e308} naming the allowed range, and changes nothing (issue 16)', async () => {
    for (const factor of [1e308, 0, -1, 1e-7, 1000001]) {
      const a = await rawRequest(rig.port, { path: '/v1/setSlowMotion', body: { factor } });
      expect(a.status).to.equal(200);
      expect(a.json, a.text).to.include({ ok: false, code: 'INVALID_ARGUMENT' });
      expect((a.json as { message: string }).message, a.text).to.equal(
        `factor must be a number from 0.000001 to 1000000 (1 is the product's own speed), got ${factor}`,
      );
    }
    expectOk(await rig.post('setSlowMotion', { factor: 1e6 }));
    expectOk(await rig.post('setSlowMotion', { factor: 1e-6 }));
  });

  it('accepts Host localhost and [::1] names, an empty body as {}, and a charset in the Content-Type', async () => {
    expect(
      (await rawRequest(rig.port, { path: '/v1/status', headers: { Host: `localhost:${rig.port}` } })).status,
    ).to.equal(200);
    expect(
      (await rawRequest(rig.port, { path: '/v1/status', headers: { Host: `[::1]:${rig.port}` } })).status,
    ).to.equal(200);
    expectOk(
      await rawRequest(rig.port, {
        method: 'POST',
        path: '/v1/openDoor',
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expectOk(
      await rawRequest(rig.port, {
        path: '/v1/closeDoor',
        body: '{}',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      }),
    );
  });

  it('answers 500 INTERNAL when the control API throws, and keeps serving', async () => {
    const failing = {
      ...localControlClient(rig.bench.control),
      openDoor: sinon.stub().rejects(new Error('disk on fire')),
    } as ControlClient;
    const errors: string[] = [];
    const other = await ControlHttpServer.listen({
      control: failing,
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: (_f, m) => errors.push(m),
      },
    });
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
      await ControlHttpServer.listen({ control: localControlClient(rig.bench.control), host: '0.0.0.0' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(RangeError);
    expect((error as Error).message).to.match(/loopback/);
  });

  it('rejects with EADDRINUSE when the rig.port is taken', async () => {
    let error: unknown;
    try {
      await ControlHttpServer.listen({ control: localControlClient(rig.bench.control), port: rig.port });
    } catch (e) {
      error = e;
    }
    expect((error as NodeJS.ErrnoException).code).to.equal('EADDRINUSE');
  });

  it('close() is idempotent', async () => {
    await Promise.all([rig.server.close(), rig.server.close()]);
    await rig.server.close();
  });
});
