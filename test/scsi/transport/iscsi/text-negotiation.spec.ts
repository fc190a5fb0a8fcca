import { expect } from 'chai';
import { IscsiProtocolError } from '../../../../scsi/transport/iscsi/errors.js';
import { parseNumber } from '../../../../scsi/transport/iscsi/text/keys.js';
import {
  DEFAULT_NEGOTIATION_POLICY,
  acceptAnswer,
  answerOffers,
  buildOffers,
  newNegotiationState,
  resolveSessionParameters,
  settleUnanswered,
  type NegotiationPolicy,
} from '../../../../scsi/transport/iscsi/text/negotiation.js';
import { decodeTextData, encodeTextData, pairsOf } from '../../../../scsi/transport/iscsi/text/text-codec.js';

const policy = (over: Partial<NegotiationPolicy> = {}): NegotiationPolicy => ({
  ...DEFAULT_NEGOTIATION_POLICY,
  ...over,
});
const answers = (offer: Record<string, string>, p = policy(), discovery = false) =>
  Object.fromEntries(answerOffers(pairsOf(offer), p, newNegotiationState(), discovery).map((a) => [a.key, a.value]));

describe('iscsi/text codec (RFC 7143 6.1)', () => {
  it('decodes NUL-terminated key=value pairs in order, keeping "=" inside values', () => {
    const data = Buffer.from('HeaderDigest=CRC32C,None\0X-odd=a=b\0\0TargetAlias=\0', 'utf8');
    expect(decodeTextData(data)).to.deep.equal([
      { key: 'HeaderDigest', value: 'CRC32C,None' },
      { key: 'X-odd', value: 'a=b' },
      { key: 'TargetAlias', value: '' },
    ]);
  });

  it('encodes pairs back to the same bytes', () => {
    const pairs = pairsOf({ InitiatorName: 'iqn.2026-01.org.example:i', SessionType: 'Normal' });
    expect(encodeTextData(pairs).toString('latin1')).to.equal(
      'InitiatorName=iqn.2026-01.org.example:i\0SessionType=Normal\0',
    );
    expect(decodeTextData(encodeTextData(pairs))).to.deep.equal(pairs);
    expect(encodeTextData([])).to.have.length(0);
  });

  it('rejects text without a final NUL, an item without "=", a bad key name and an over-long value', () => {
    for (const bad of [
      'A=1',
      'NoEquals\0',
      'bad key=1\0',
      '=x\0',
      `${'K'.repeat(64)}=1\0`,
      `K=${'v'.repeat(8193)}\0`,
    ]) {
      expect(() => decodeTextData(Buffer.from(bad)), bad.slice(0, 20)).to.throw(IscsiProtocolError);
    }
  });

  it('parses decimal and 0x numbers only', () => {
    expect(parseNumber('8192')).to.equal(8192);
    expect(parseNumber('0x2000')).to.equal(8192);
    for (const bad of ['', '-1', '1e3', '12abc', '0x']) expect(parseNumber(bad), bad).to.equal(undefined);
  });
});

describe('iscsi/negotiation: responder (RFC 7143 6.2)', () => {
  it('list keys: picks the first offered value it supports, Reject when none', () => {
    expect(answers({ HeaderDigest: 'CRC32C,None', DataDigest: 'None,CRC32C' })).to.deep.equal({
      HeaderDigest: 'CRC32C',
      DataDigest: 'None',
    });
    expect(answers({ HeaderDigest: 'CRC32C' }, policy({ headerDigest: ['None'] }))).to.deep.equal({
      HeaderDigest: 'Reject',
    });
    expect(answers({ HeaderDigest: 'MD5,None' })).to.deep.equal({ HeaderDigest: 'None' });
  });

  it('numerical keys: minimum or maximum of offer and local value; out of range or malformed is Reject', () => {
    const p = policy({ maxBurstLength: 65536, defaultTime2Wait: 5 });
    expect(
      answers(
        { MaxBurstLength: '262144', FirstBurstLength: '4096', DefaultTime2Wait: '2', ErrorRecoveryLevel: '2' },
        p,
      ),
    ).to.deep.equal({
      MaxBurstLength: '65536',
      FirstBurstLength: '4096',
      DefaultTime2Wait: '5',
      ErrorRecoveryLevel: '0',
    });
    expect(answers({ MaxBurstLength: '100', MaxConnections: 'lots', DefaultTime2Retain: '3601' })).to.deep.equal({
      MaxBurstLength: 'Reject',
      MaxConnections: 'Reject',
      DefaultTime2Retain: 'Reject',
    });
  });

  it('Boolean keys: AND for ImmediateData, OR for InitialR2T', () => {
    const p = policy({ immediateData: false, initialR2T: true });
    expect(answers({ ImmediateData: 'Yes', InitialR2T: 'No' }, p)).to.deep.equal({
      ImmediateData: 'No',
      InitialR2T: 'Yes',
    });
    expect(answers({ ImmediateData: 'Yes', InitialR2T: 'No' })).to.deep.equal({
      ImmediateData: 'Yes',
      InitialR2T: 'No',
    });
    expect(answers({ ImmediateData: 'maybe' })).to.deep.equal({ ImmediateData: 'Reject' });
  });

  it('declarations get no answer; unknown and vendor keys get NotUnderstood', () => {
    const state = newNegotiationState();
    const got = answerOffers(
      pairsOf({ MaxRecvDataSegmentLength: '65536', InitiatorAlias: 'host', 'X-com.example.thing': '1', Bogus: '2' }),
      policy(),
      state,
      false,
    );
    expect(got).to.deep.equal(pairsOf({ 'X-com.example.thing': 'NotUnderstood', Bogus: 'NotUnderstood' }));
    expect(state.declared.get('MaxRecvDataSegmentLength')).to.equal('65536');
    expect(answers({ MaxRecvDataSegmentLength: '100' })).to.deep.equal({ MaxRecvDataSegmentLength: 'Reject' });
  });

  it('answers obsolete marker keys No and Irrelevant, never NotUnderstood (RFC 7143 13.26)', () => {
    expect(answers({ IFMarker: 'No', OFMarker: 'Yes', IFMarkInt: '2048~8192', OFMarkInt: '2048' })).to.deep.equal({
      IFMarker: 'No',
      OFMarker: 'No',
      IFMarkInt: 'Irrelevant',
      OFMarkInt: 'Irrelevant',
    });
  });

  it('answers session keys Irrelevant in a discovery session', () => {
    expect(answers({ InitialR2T: 'No', MaxBurstLength: '262144', HeaderDigest: 'None' }, policy(), true)).to.deep.equal(
      {
        InitialR2T: 'Irrelevant',
        MaxBurstLength: 'Irrelevant',
        HeaderDigest: 'None',
      },
    );
  });

  it('answers FirstBurstLength Irrelevant when InitialR2T=Yes and ImmediateData=No', () => {
    const p = policy({ immediateData: false, initialR2T: true });
    expect(answers({ InitialR2T: 'Yes', ImmediateData: 'No', FirstBurstLength: '65536' }, p)).to.deep.include({
      FirstBurstLength: 'Irrelevant',
    });
  });

  it('leaves security keys to the CHAP code (NotUnderstood here)', () => {
    expect(answers({ AuthMethod: 'None' })).to.deep.equal({ AuthMethod: 'NotUnderstood' });
  });
});

describe('iscsi/negotiation: originator and outcomes', () => {
  it('offers session keys only in normal sessions', () => {
    const normal = buildOffers(policy(), false).map((p) => p.key);
    const discovery = buildOffers(policy(), true).map((p) => p.key);
    expect(normal).to.include.members([
      'HeaderDigest',
      'InitialR2T',
      'ImmediateData',
      'MaxBurstLength',
      'FirstBurstLength',
      'MaxRecvDataSegmentLength',
    ]);
    expect(discovery).to.include('HeaderDigest').and.not.include('InitialR2T');
  });

  it('accepts valid answers and refuses ones that break the result function', () => {
    const state = newNegotiationState();
    acceptAnswer({ key: 'HeaderDigest', value: 'CRC32C,None' }, 'CRC32C', state);
    acceptAnswer({ key: 'MaxBurstLength', value: '262144' }, '65536', state);
    acceptAnswer({ key: 'ImmediateData', value: 'Yes' }, 'No', state);
    acceptAnswer({ key: 'InitialR2T', value: 'No' }, 'Yes', state);
    acceptAnswer({ key: 'DataDigest', value: 'CRC32C' }, 'Reject', state);
    expect(Object.fromEntries(state.outcomes)).to.deep.equal({
      HeaderDigest: 'CRC32C',
      MaxBurstLength: '65536',
      ImmediateData: 'No',
      InitialR2T: 'Yes',
      DataDigest: 'None',
    });
    expect(() => acceptAnswer({ key: 'HeaderDigest', value: 'None' }, 'CRC32C', state)).to.throw(
      /not one of the offered/,
    );
    expect(() => acceptAnswer({ key: 'MaxBurstLength', value: '4096' }, '8192', state)).to.throw(/minimum/);
    expect(() => acceptAnswer({ key: 'DefaultTime2Wait', value: '5' }, '2', state)).to.throw(/maximum/);
  });

  it('settles unanswered offers: AND=No and OR=Yes stand, the rest take defaults', () => {
    const state = newNegotiationState();
    settleUnanswered(pairsOf({ ImmediateData: 'No', InitialR2T: 'Yes', MaxBurstLength: '4096' }), state);
    expect(Object.fromEntries(state.outcomes)).to.deep.equal({
      ImmediateData: 'No',
      InitialR2T: 'Yes',
      MaxBurstLength: '262144',
    });
  });

  it('resolves session parameters with RFC defaults and FirstBurstLength capped by MaxBurstLength', () => {
    const state = newNegotiationState();
    state.outcomes.set('MaxBurstLength', '16384');
    state.outcomes.set('FirstBurstLength', '65536');
    state.outcomes.set('HeaderDigest', 'CRC32C');
    state.declared.set('MaxRecvDataSegmentLength', '4096');
    const p = resolveSessionParameters(state, 65536);
    expect(p).to.include({
      headerDigest: true,
      dataDigest: false,
      initialR2T: true,
      immediateData: true,
      maxBurstLength: 16384,
      firstBurstLength: 16384,
    });
    expect(p).to.include({
      maxRecvDataSegmentLength: 65536,
      peerMaxRecvDataSegmentLength: 4096,
      errorRecoveryLevel: 0,
      maxOutstandingR2T: 1,
    });
    expect(resolveSessionParameters(newNegotiationState(), 8192).peerMaxRecvDataSegmentLength).to.equal(8192);
  });
});
