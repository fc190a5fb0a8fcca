/** The request checks shared by the control endpoint and the lab view. */
import { expect } from 'chai';
import { checkHostHeader, checkJsonBody, checkSameOrigin } from '../../../sim/service/request-guards.js';

describe('sim/service/request-guards', () => {
  it('accepts loopback Host headers and refuses others unless remote access is allowed (DNS rebinding)', () => {
    for (const h of ['127.0.0.1:8080', 'localhost', '[::1]:80', undefined])
      expect(checkHostHeader(h, false), String(h)).to.equal(undefined);
    expect(checkHostHeader('evil.example:8080', false)).to.include({ status: 403, code: 'FORBIDDEN_HOST' });
    expect(checkHostHeader('evil.example:8080', true)).to.equal(undefined);
  });

  it('wants application/json bodies', () => {
    expect(checkJsonBody('application/json; charset=utf-8')).to.equal(undefined);
    expect(checkJsonBody('text/plain')).to.include({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(checkJsonBody(undefined)?.message).to.match(/got none/);
  });

  it('refuses what a browser marks as cross-origin, accepts its own origin and clients without Origin', () => {
    expect(checkSameOrigin({ host: '127.0.0.1:8081', origin: 'http://127.0.0.1:8081' })).to.equal(undefined);
    expect(checkSameOrigin({ host: '127.0.0.1:8081' })).to.equal(undefined);
    expect(checkSameOrigin({ host: '127.0.0.1:8081', origin: 'http://127.0.0.1:9999' })).to.include({
      status: 403,
      code: 'FORBIDDEN_ORIGIN',
    });
    expect(checkSameOrigin({ host: '127.0.0.1:8081', origin: 'null' })).to.include({ code: 'FORBIDDEN_ORIGIN' });
    expect(checkSameOrigin({ host: '127.0.0.1:8081', 'sec-fetch-site': 'cross-site' })).to.include({
      code: 'FORBIDDEN_ORIGIN',
    });
    expect(checkSameOrigin({ host: '127.0.0.1:8081', 'sec-fetch-site': 'same-origin' })).to.equal(undefined);
  });
});
