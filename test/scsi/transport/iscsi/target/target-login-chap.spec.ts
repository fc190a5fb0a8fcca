/**
 * The target's CHAP authentication at login (split from target-login.spec.ts). Spec: RFC 7143 12.1.3,
 * docs/iscsi.md 7.4.
 */
import { expect } from 'chai';
import { chapResponse, encodeBinaryValue } from '../../../../../scsi/transport/iscsi/chap.js';
import { TargetLogin, type LoginStep } from '../../../../../scsi/transport/iscsi/target/target-login.js';
import { identity, keys, login, request, response, status } from '../support/login-steps.js';

describe('iscsi/target login: CHAP (RFC 7143 12.1.3)', () => {
  const chap = { user: 'alice', secret: 'alice-secret-1' };
  const mutualChap = { user: 'target', secret: 'target-secret-1' };
  const challenge = Buffer.alloc(16, 0x11);

  function toChallenge(l: TargetLogin): LoginStep {
    const offer = l.handle(request(0, 1, true, { ...identity, AuthMethod: 'CHAP,None' }));
    expect(keys(offer)).to.include({ AuthMethod: 'CHAP' });
    expect(response(offer).transit).to.equal(false);
    const step = l.handle(request(0, 1, false, { CHAP_A: '7,5' }));
    expect(keys(step)).to.include({ CHAP_A: '5', CHAP_I: '17', CHAP_C: encodeBinaryValue(challenge) });
    return step;
  }

  it('authenticates one-way CHAP and then lets the initiator move on', () => {
    const l = login({ chap });
    toChallenge(l);
    const step = l.handle(
      request(0, 1, true, { CHAP_N: 'alice', CHAP_R: encodeBinaryValue(chapResponse(17, chap.secret, challenge)) }),
    );
    expect(response(step)).to.include({ transit: true, nextStage: 1, statusClass: 0 });
    expect(l.handle(request(1, 3, true, {})).done?.chapUser).to.equal('alice');
  });

  it('refuses a wrong secret and a wrong name', () => {
    for (const [name, secret] of [
      ['alice', 'wrong-secret-1'],
      ['mallory', chap.secret],
    ] as const) {
      const l = login({ chap });
      toChallenge(l);
      expect(
        status(
          l.handle(
            request(0, 1, true, { CHAP_N: name, CHAP_R: encodeBinaryValue(chapResponse(17, secret, challenge)) }),
          ),
        ),
      ).to.equal(0x0201);
    }
  });

  it('answers mutual CHAP with the target credentials', () => {
    const l = login({ chap, mutualChap });
    toChallenge(l);
    const theirs = Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex');
    const step = l.handle(
      request(0, 1, true, {
        CHAP_N: 'alice',
        CHAP_R: encodeBinaryValue(chapResponse(17, chap.secret, challenge)),
        CHAP_I: '99',
        CHAP_C: encodeBinaryValue(theirs),
      }),
    );
    expect(keys(step)).to.deep.equal({
      CHAP_N: 'target',
      CHAP_R: encodeBinaryValue(chapResponse(99, mutualChap.secret, theirs)),
    });
    expect(response(step).transit).to.equal(true);
  });

  it('refuses a reflected challenge and mutual CHAP that is not configured', () => {
    const reflected = login({ chap, mutualChap });
    toChallenge(reflected);
    const answer = {
      CHAP_N: 'alice',
      CHAP_R: encodeBinaryValue(chapResponse(17, chap.secret, challenge)),
      CHAP_I: '1',
      CHAP_C: encodeBinaryValue(challenge),
    };
    expect(status(reflected.handle(request(0, 1, true, answer)))).to.equal(0x0201);
    const oneWay = login({ chap });
    toChallenge(oneWay);
    expect(status(oneWay.handle(request(0, 1, true, { ...answer, CHAP_C: '0x0102' })))).to.equal(0x0201);
  });

  it('refuses CHAP_A without MD5 and CHAP keys out of order', () => {
    const noMd5 = login({ chap });
    noMd5.handle(request(0, 1, true, { ...identity, AuthMethod: 'CHAP' }));
    expect(status(noMd5.handle(request(0, 1, false, { CHAP_A: '6,7' })))).to.equal(0x0201);
    const early = login({ chap });
    expect(status(early.handle(request(0, 1, true, { ...identity, CHAP_N: 'alice', CHAP_R: '0x00' })))).to.equal(
      0x0200,
    );
  });

  it('does not let the security stage end before CHAP completes', () => {
    const l = login({ chap });
    l.handle(request(0, 1, true, { ...identity, AuthMethod: 'CHAP' }));
    expect(status(l.handle(request(0, 1, true, {})))).to.equal(0x0201);
  });
});
