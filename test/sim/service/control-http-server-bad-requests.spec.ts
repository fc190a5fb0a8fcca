/**
 * The HTTP control endpoint answers every kind of bad request with its status and error code, and keeps serving
 * with the simulator's state untouched. The rest of the endpoint is in control-http-server.spec.ts.
 */
import { expect } from 'chai';
import { st } from '../helpers/test-personality.js';
import { errorCode, rawRequest } from './support/http.js';
import { useControlHttpRig } from './support/control-http-rig.js';

describe('sim/service/control-http-server', () => {
  const rig = useControlHttpRig();

  describe('bad requests', () => {
    afterEach(async () => {
      const h = await rawRequest(rig.port, { path: '/v1/health' });
      expect(h.status, 'the server keeps serving').to.equal(200);
      expect(
        (await rig.status()).elements.find((e) => e.address === st(0))?.cartridge?.volumeTag,
        'state untouched',
      ).to.equal('D00000L8');
    });

    const cases: {
      name: string;
      request: Parameters<typeof rawRequest>[1];
      status: number;
      code: string;
      message?: RegExp;
    }[] = [
      {
        name: 'malformed JSON',
        request: { path: '/v1/pullMagazine', body: '{"id": ', headers: { 'Content-Type': 'application/json' } },
        status: 400,
        code: 'BAD_JSON',
      },
      {
        name: 'a wrong argument type',
        request: { path: '/v1/pullMagazine', body: { id: 7 } },
        status: 400,
        code: 'BAD_ARGUMENTS',
        message: /pullMagazine\.id: .*string/,
      },
      {
        name: 'a missing argument',
        request: { path: '/v1/takeFromImportExport', body: {} },
        status: 400,
        code: 'BAD_ARGUMENTS',
        message: /address/,
      },
      {
        name: 'an unknown argument',
        request: { path: '/v1/openDoor', body: { force: true } },
        status: 400,
        code: 'BAD_ARGUMENTS',
        message: /force/,
      },
      {
        name: 'a fractional address',
        request: { path: '/v1/takeThroughDoor', body: { address: 1.5 } },
        status: 400,
        code: 'BAD_ARGUMENTS',
      },
      {
        name: 'a nested wrong type',
        request: {
          path: '/v1/putIntoImportExport',
          body: { address: 16, cartridge: { volumeTag: 'X', kind: 'tape' } },
        },
        status: 400,
        code: 'BAD_ARGUMENTS',
        message: /cartridge\.kind/,
      },
      {
        name: 'a JSON array body',
        request: { path: '/v1/pullMagazine', body: '["left"]', headers: { 'Content-Type': 'application/json' } },
        status: 400,
        code: 'BAD_ARGUMENTS',
      },
      {
        name: 'a JSON null body',
        request: { path: '/v1/openDoor', body: 'null', headers: { 'Content-Type': 'application/json' } },
        status: 400,
        code: 'BAD_ARGUMENTS',
      },
      {
        name: 'an unknown operation',
        request: { path: '/v1/launchMissiles', body: {} },
        status: 404,
        code: 'UNKNOWN_OPERATION',
      },
      {
        name: 'an inherited property name',
        request: { path: '/v1/constructor', body: {} },
        status: 404,
        code: 'UNKNOWN_OPERATION',
      },
      { name: 'a path outside the API', request: { path: '/admin' }, status: 404, code: 'NOT_FOUND' },
      {
        name: 'GET on an operation',
        request: { method: 'GET', path: '/v1/pullMagazine' },
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
      },
      {
        name: 'DELETE on status',
        request: { method: 'DELETE', path: '/v1/status' },
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
      },
      {
        name: 'POST on health',
        request: { method: 'POST', path: '/v1/health', body: {} },
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
      },
      {
        name: 'a form body',
        request: {
          path: '/v1/pullMagazine',
          body: 'id=left',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        },
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'a POST without Content-Type',
        request: { method: 'POST', path: '/v1/powerCycle' },
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'an oversized body',
        request: { path: '/v1/pullMagazine', body: { id: 'x'.repeat(10_000) } },
        status: 413,
        code: 'BODY_TOO_LARGE',
      },
      {
        name: 'a foreign Host header',
        request: { path: '/v1/status', headers: { Host: 'attacker.example:80' } },
        status: 403,
        code: 'FORBIDDEN_HOST',
      },
    ];
    for (const c of cases) {
      it(`answers ${c.status} ${c.code} to ${c.name}`, async () => {
        const a = await rawRequest(rig.port, c.request);
        expect(a.status, a.text).to.equal(c.status);
        expect(errorCode(a), a.text).to.equal(c.code);
        expect((a.json as { error: { message: string } }).error.message)
          .to.be.a('string')
          .and.not.equal('');
        if (c.message) expect((a.json as { error: { message: string } }).error.message).to.match(c.message);
        if (c.status === 405) expect(a.headers.allow).to.be.a('string');
      });
    }

    it('cuts a body far beyond the limit off (413 or a closed connection) and keeps serving', async () => {
      const huge = Buffer.alloc(4096 * 64 + 1, 0x20);
      const a = await rawRequest(rig.port, {
        path: '/v1/openDoor',
        body: huge,
        headers: { 'Content-Type': 'application/json' },
      }).catch((e: Error) => e);
      if (!(a instanceof Error)) expect(a.status).to.equal(413);
    });
  });
});
