import { expect } from 'chai';
import { chapResponse, encodeBinaryValue } from '../../../../../scsi/transport/iscsi/chap.js';
import { decodeLoginResponse, type LoginRequestPdu } from '../../../../../scsi/transport/iscsi/pdu/login.js';
import { decodeTextData, encodeTextData, pairsOf } from '../../../../../scsi/transport/iscsi/text/text-codec.js';
import { TargetLogin, type LoginStep } from '../../../../../scsi/transport/iscsi/target/target-login.js';
import { resolveTargetOptions, type IscsiTargetOptions } from '../../../../../scsi/transport/iscsi/target/target-options.js';
import { FakeBackend } from '../support/fake-backend.js';

const TARGET = 'iqn.2026-01.org.changerbench:t';
const INITIATOR = 'iqn.2026-01.org.changerbench:i';
const ISID = Buffer.from('80aabbcc0000', 'hex');

function login(over: Partial<IscsiTargetOptions> = {}): TargetLogin {
  const options = resolveTargetOptions({ targetName: TARGET, backend: new FakeBackend(), randomBytes: (n) => Buffer.alloc(n, 0x11), ...over });
  let tsih = 0;
  return new TargetLogin(options, { sessionExists: (t) => t === 42, allocateTsih: () => ++tsih }, 1000);
}

function request(csg: number, nsg: number, transit: boolean, keys: Record<string, string> | Buffer, more: Partial<LoginRequestPdu> = {}): LoginRequestPdu {
  return {
    transit, continue: false, currentStage: csg, nextStage: nsg, versionMax: 0, versionMin: 0, isid: ISID, tsih: 0,
    initiatorTaskTag: 7, cid: 0, cmdSN: 500, expStatSN: 0,
    data: Buffer.isBuffer(keys) ? keys : encodeTextData(pairsOf(keys)),
    ...more,
  };
}

const identity = { InitiatorName: INITIATOR, TargetName: TARGET, SessionType: 'Normal' };
const response = (step: LoginStep) => decodeLoginResponse(step.response);
const keys = (step: LoginStep) => Object.fromEntries(decodeTextData(step.response.data).map((p) => [p.key, p.value]));
const status = (step: LoginStep) => (response(step).statusClass << 8) | response(step).statusDetail;

describe('iscsi/target login (RFC 7143 6, 11.12, 11.13)', () => {
  it('takes a single leading PDU straight to the full feature phase (libiscsi, QEMU)', () => {
    const step = login().handle(request(1, 3, true, { ...identity, HeaderDigest: 'CRC32C,None', MaxRecvDataSegmentLength: '8192', ImmediateData: 'No' }));
    const r = response(step);
    expect(r).to.include({ transit: true, currentStage: 1, nextStage: 3, tsih: 1, statSN: 1000, expCmdSN: 500, maxCmdSN: 531, statusClass: 0 });
    expect(keys(step)).to.deep.equal({ HeaderDigest: 'CRC32C', ImmediateData: 'No', TargetPortalGroupTag: '1', MaxRecvDataSegmentLength: '262144' });
    expect(step.done).to.include({ initiatorName: INITIATOR, tsih: 1, sessionType: 'Normal', expCmdSN: 500, nextStatSN: 1001 });
    expect(step.done?.parameters).to.include({ headerDigest: true, immediateData: false, peerMaxRecvDataSegmentLength: 8192 });
  });

  it('walks security (AuthMethod=None) then operational stage, as the Linux initiator does', () => {
    const l = login();
    const first = l.handle(request(0, 1, true, { ...identity, AuthMethod: 'None' }));
    expect(response(first)).to.include({ transit: true, currentStage: 0, nextStage: 1, tsih: 0 });
    expect(keys(first)).to.deep.equal({ AuthMethod: 'None', TargetPortalGroupTag: '1' });
    expect(first.done).to.equal(undefined);
    const second = l.handle(request(1, 3, true, { DataDigest: 'None' }, { expStatSN: 1001 }));
    expect(response(second)).to.include({ transit: true, nextStage: 3, tsih: 1, statSN: 1001 });
    expect(second.done?.nextStatSN).to.equal(1002);
  });

  it('goes from the security stage straight to the full feature phase when asked', () => {
    const step = login().handle(request(0, 3, true, { ...identity, AuthMethod: 'None' }));
    expect(response(step)).to.include({ transit: true, nextStage: 3 });
    expect(keys(step)).to.include({ MaxRecvDataSegmentLength: '262144' });
    expect(step.done).to.not.equal(undefined);
  });

  it('stays in the stage while the initiator does not set T', () => {
    const l = login();
    const step = l.handle(request(1, 0, false, identity));
    expect(response(step)).to.include({ transit: false, currentStage: 1 });
    expect(l.handle(request(1, 3, true, {})).done).to.not.equal(undefined);
  });

  it('joins text continued over several PDUs (C bit) before answering', () => {
    const l = login();
    const text = encodeTextData(pairsOf({ ...identity, MaxBurstLength: '4096' }));
    const partial = l.handle(request(1, 3, false, text.subarray(0, 30), { continue: true }));
    expect(partial.response.data).to.have.length(0);
    expect(response(partial).transit).to.equal(false);
    const step = l.handle(request(1, 3, true, text.subarray(30)));
    expect(keys(step)).to.include({ MaxBurstLength: '4096' });
    expect(step.done).to.not.equal(undefined);
  });

  it('answers a discovery session without TargetName, TPGT or session keys', () => {
    const step = login().handle(request(1, 3, true, { InitiatorName: INITIATOR, SessionType: 'Discovery', InitialR2T: 'No', HeaderDigest: 'None' }));
    expect(keys(step)).to.deep.equal({ InitialR2T: 'Irrelevant', HeaderDigest: 'None', MaxRecvDataSegmentLength: '262144' });
    expect(step.done?.sessionType).to.equal('Discovery');
  });

  const refusals: [string, Partial<IscsiTargetOptions>, LoginRequestPdu, number][] = [
    ['no InitiatorName', {}, request(1, 3, true, { TargetName: TARGET }), 0x0207],
    ['no TargetName in a normal session', {}, request(1, 3, true, { InitiatorName: INITIATOR }), 0x0207],
    ['an unknown target', {}, request(1, 3, true, { ...identity, TargetName: 'iqn.x:other' }), 0x0203],
    ['an unknown session type', {}, request(1, 3, true, { ...identity, SessionType: 'Chatty' }), 0x0209],
    ['a newer protocol version', {}, request(1, 3, true, identity, { versionMin: 1, versionMax: 1 }), 0x0205],
    ['a connection for a missing session', {}, request(1, 3, true, identity, { tsih: 7 }), 0x020a],
    ['a second connection (MaxConnections=1)', {}, request(1, 3, true, identity, { tsih: 42 }), 0x0206],
    ['a key repeated', {}, request(1, 3, true, Buffer.from(`InitiatorName=${INITIATOR}\0TargetName=${TARGET}\0MaxBurstLength=512\0MaxBurstLength=1024\0`)), 0x0200],
    ['an initiator not on the allowed list', { allowedInitiators: ['iqn.x:someone-else'] }, request(1, 3, true, identity), 0x0202],
    ['skipping the security stage when CHAP is required', { chap: { user: 'u', secret: 'secret-000001' } }, request(1, 3, true, identity), 0x0201],
    ['AuthMethod without CHAP when CHAP is required', { chap: { user: 'u', secret: 'secret-000001' } }, request(0, 1, true, { ...identity, AuthMethod: 'None' }), 0x0201],
    ['CHAP only when none is configured', {}, request(0, 1, true, { ...identity, AuthMethod: 'CHAP' }), 0x0201],
    ['a transition to reserved stage 2', {}, request(1, 2, true, identity), 0x0200],
    ['malformed text', {}, request(1, 3, true, Buffer.from('InitiatorName')), 0x0200],
    // issue 16: RFC 7143 11.12.2 (C set requires T clear), 6.1 (text is UTF-8)
    ['a request with both T and C set', {}, request(1, 3, true, identity, { continue: true }), 0x0200],
    ['an InitiatorName that is not UTF-8', {}, request(1, 3, true, Buffer.concat([Buffer.from('InitiatorName=iqn.2026-01.x:'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`\0TargetName=${TARGET}\0`)])), 0x0200],
  ];
  for (const [name, options, req, expected] of refusals) {
    it(`refuses ${name} with status ${expected.toString(16).padStart(4, '0')}h`, () => {
      const step = login(options).handle(req);
      expect(status(step)).to.equal(expected);
      expect(step.refused?.status).to.equal(expected);
      expect(response(step).transit).to.equal(false);
    });
  }

  it('refuses CHAP secrets shorter than 12 bytes, one-way or mutual (RFC 7143 12.1.3; issue 16 defect 5)', () => {
    expect(() => login({ chap: { user: 'u', secret: 'a' } })).to.throw(RangeError, /the CHAP secret is 1 byte long; a CHAP secret needs at least 12 bytes/);
    expect(() => login({ chap: { user: 'u', secret: 'elevenbytes' } })).to.throw(RangeError, /11 bytes/);
    expect(() => login({ chap: { user: 'u', secret: 'twelve-bytes' }, mutualChap: { user: 't', secret: 'short' } })).to.throw(RangeError, /the mutual CHAP secret is 5 bytes/);
    expect(() => login({ chap: { user: 'u', secret: 'twelve-bytes' }, mutualChap: { user: 't', secret: 'twelve-other' } })).to.not.throw();
  });

  it('accepts allowed initiator names case-insensitively', () => {
    expect(login({ allowedInitiators: [INITIATOR.toUpperCase()] }).handle(request(1, 3, true, identity)).done).to.not.equal(undefined);
  });

  it('refuses a change of stage the target did not agree to', () => {
    const l = login();
    l.handle(request(0, 1, false, { ...identity, AuthMethod: 'None' }));
    expect(status(l.handle(request(1, 3, true, {})))).to.equal(0x0200);
  });
});

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
    const step = l.handle(request(0, 1, true, { CHAP_N: 'alice', CHAP_R: encodeBinaryValue(chapResponse(17, chap.secret, challenge)) }));
    expect(response(step)).to.include({ transit: true, nextStage: 1, statusClass: 0 });
    expect(l.handle(request(1, 3, true, {})).done?.chapUser).to.equal('alice');
  });

  it('refuses a wrong secret and a wrong name', () => {
    for (const [name, secret] of [['alice', 'wrong-secret-1'], ['mallory', chap.secret]] as const) {
      const l = login({ chap });
      toChallenge(l);
      expect(status(l.handle(request(0, 1, true, { CHAP_N: name, CHAP_R: encodeBinaryValue(chapResponse(17, secret, challenge)) })))).to.equal(0x0201);
    }
  });

  it('answers mutual CHAP with the target credentials', () => {
    const l = login({ chap, mutualChap });
    toChallenge(l);
    const theirs = Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex');
    const step = l.handle(
      request(0, 1, true, { CHAP_N: 'alice', CHAP_R: encodeBinaryValue(chapResponse(17, chap.secret, challenge)), CHAP_I: '99', CHAP_C: encodeBinaryValue(theirs) }),
    );
    expect(keys(step)).to.deep.equal({ CHAP_N: 'target', CHAP_R: encodeBinaryValue(chapResponse(99, mutualChap.secret, theirs)) });
    expect(response(step).transit).to.equal(true);
  });

  it('refuses a reflected challenge and mutual CHAP that is not configured', () => {
    const reflected = login({ chap, mutualChap });
    toChallenge(reflected);
    const answer = { CHAP_N: 'alice', CHAP_R: encodeBinaryValue(chapResponse(17, chap.secret, challenge)), CHAP_I: '1', CHAP_C: encodeBinaryValue(challenge) };
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
    expect(status(early.handle(request(0, 1, true, { ...identity, CHAP_N: 'alice', CHAP_R: '0x00' })))).to.equal(0x0200);
  });

  it('does not let the security stage end before CHAP completes', () => {
    const l = login({ chap });
    l.handle(request(0, 1, true, { ...identity, AuthMethod: 'CHAP' }));
    expect(status(l.handle(request(0, 1, true, {})))).to.equal(0x0201);
  });
});
