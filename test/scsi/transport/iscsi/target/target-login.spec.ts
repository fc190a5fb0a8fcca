import { expect } from 'chai';
import { type LoginRequestPdu } from '../../../../../scsi/transport/iscsi/pdu/login.js';
import { encodeTextData, pairsOf } from '../../../../../scsi/transport/iscsi/text/text-codec.js';
import { type IscsiTargetOptions } from '../../../../../scsi/transport/iscsi/target/target-options.js';
import { INITIATOR, TARGET, identity, keys, login, request, response, status } from '../support/login-steps.js';

describe('iscsi/target login (RFC 7143 6, 11.12, 11.13)', () => {
  it('takes a single leading PDU straight to the full feature phase (libiscsi, QEMU)', () => {
    const step = login().handle(
      request(1, 3, true, {
        ...identity,
        HeaderDigest: 'CRC32C,None',
        MaxRecvDataSegmentLength: '8192',
        ImmediateData: 'No',
      }),
    );
    const r = response(step);
    expect(r).to.include({
      transit: true,
      currentStage: 1,
      nextStage: 3,
      tsih: 1,
      statSN: 1000,
      expCmdSN: 500,
      maxCmdSN: 531,
      statusClass: 0,
    });
    expect(keys(step)).to.deep.equal({
      HeaderDigest: 'CRC32C',
      ImmediateData: 'No',
      TargetPortalGroupTag: '1',
      MaxRecvDataSegmentLength: '262144',
    });
    expect(step.done).to.include({
      initiatorName: INITIATOR,
      tsih: 1,
      sessionType: 'Normal',
      expCmdSN: 500,
      nextStatSN: 1001,
    });
    expect(step.done?.parameters).to.include({
      headerDigest: true,
      immediateData: false,
      peerMaxRecvDataSegmentLength: 8192,
    });
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
    const step = login().handle(
      request(1, 3, true, {
        InitiatorName: INITIATOR,
        SessionType: 'Discovery',
        InitialR2T: 'No',
        HeaderDigest: 'None',
      }),
    );
    expect(keys(step)).to.deep.equal({
      InitialR2T: 'Irrelevant',
      HeaderDigest: 'None',
      MaxRecvDataSegmentLength: '262144',
    });
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
    [
      'a key repeated',
      {},
      request(
        1,
        3,
        true,
        Buffer.from(`InitiatorName=${INITIATOR}\0TargetName=${TARGET}\0MaxBurstLength=512\0MaxBurstLength=1024\0`),
      ),
      0x0200,
    ],
    [
      'an initiator not on the allowed list',
      { allowedInitiators: ['iqn.x:someone-else'] },
      request(1, 3, true, identity),
      0x0202,
    ],
    [
      'skipping the security stage when CHAP is required',
      { chap: { user: 'u', secret: 'secret-000001' } },
      request(1, 3, true, identity),
      0x0201,
    ],
    [
      'AuthMethod without CHAP when CHAP is required',
      { chap: { user: 'u', secret: 'secret-000001' } },
      request(0, 1, true, { ...identity, AuthMethod: 'None' }),
      0x0201,
    ],
    ['CHAP only when none is configured', {}, request(0, 1, true, { ...identity, AuthMethod: 'CHAP' }), 0x0201],
    ['a transition to reserved stage 2', {}, request(1, 2, true, identity), 0x0200],
    ['malformed text', {}, request(1, 3, true, Buffer.from('InitiatorName')), 0x0200],
    // issue 16: RFC 7143 11.12.2 (C set requires T clear), 6.1 (text is UTF-8); docs/iscsi.md 7.3
    ['a request with both T and C set', {}, request(1, 3, true, identity, { continue: true }), 0x0200],
    [
      'an InitiatorName that is not UTF-8',
      {},
      request(
        1,
        3,
        true,
        Buffer.concat([
          Buffer.from('InitiatorName=iqn.2026-01.x:'),
          Buffer.from([0xff, 0xfe, 0xc3]),
          Buffer.from(`\0TargetName=${TARGET}\0`),
        ]),
      ),
      0x0200,
    ],
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
    expect(() => login({ chap: { user: 'u', secret: 'a' } })).to.throw(
      RangeError,
      /the CHAP secret is 1 byte long; a CHAP secret needs at least 12 bytes/,
    );
    expect(() => login({ chap: { user: 'u', secret: 'elevenbytes' } })).to.throw(RangeError, /11 bytes/);
    expect(() =>
      login({ chap: { user: 'u', secret: 'twelve-bytes' }, mutualChap: { user: 't', secret: 'short' } }),
    ).to.throw(RangeError, /the mutual CHAP secret is 5 bytes/);
    expect(() =>
      login({ chap: { user: 'u', secret: 'twelve-bytes' }, mutualChap: { user: 't', secret: 'twelve-other' } }),
    ).to.not.throw();
  });

  it('accepts allowed initiator names case-insensitively', () => {
    expect(
      login({ allowedInitiators: [INITIATOR.toUpperCase()] }).handle(request(1, 3, true, identity)).done,
    ).to.not.equal(undefined);
  });

  it('refuses a change of stage the target did not agree to', () => {
    const l = login();
    l.handle(request(0, 1, false, { ...identity, AuthMethod: 'None' }));
    expect(status(l.handle(request(1, 3, true, {})))).to.equal(0x0200);
  });
});
