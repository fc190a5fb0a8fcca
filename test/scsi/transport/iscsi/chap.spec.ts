import { expect } from 'chai';
import {
  chapResponse,
  checkChapConfiguration,
  decodeBinaryValue,
  encodeBinaryValue,
  parseChapIdentifier,
  verifyChapResponse,
} from '../../../../scsi/transport/iscsi/chap.js';
import { IscsiProtocolError } from '../../../../scsi/transport/iscsi/errors.js';

const challenge = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

describe('iscsi/chap (RFC 1994, RFC 7143 12.1.3)', () => {
  it('answers MD5(identifier || secret || challenge) (vector computed independently with Python hashlib)', () => {
    expect(chapResponse(0x2a, 'alicesecret12', challenge).toString('hex')).to.equal('1d83bcaebe9bb1932407a2377f309a19');
    expect(chapResponse(0, 'x', Buffer.from([1])).toString('hex')).to.equal('f36d7c5f9c2f3871089e97044e3c62d9');
  });

  it('verifies a right response and refuses a wrong secret, identifier or length', () => {
    const good = Buffer.from('1d83bcaebe9bb1932407a2377f309a19', 'hex');
    expect(verifyChapResponse(0x2a, 'alicesecret12', challenge, good)).to.equal(true);
    expect(verifyChapResponse(0x2a, 'alicesecret13', challenge, good)).to.equal(false);
    expect(verifyChapResponse(0x2b, 'alicesecret12', challenge, good)).to.equal(false);
    expect(verifyChapResponse(0x2a, 'alicesecret12', challenge, good.subarray(0, 15))).to.equal(false);
  });

  it('encodes binary values as 0x hex and decodes hex (odd digit counts too) and 0b base64', () => {
    expect(encodeBinaryValue(Buffer.from([0, 0xab, 0x10]))).to.equal('0x00ab10');
    expect(decodeBinaryValue('0x00AB10')).to.deep.equal(Buffer.from([0, 0xab, 0x10]));
    expect(decodeBinaryValue('0xabc')).to.deep.equal(Buffer.from([0x0a, 0xbc]));
    expect(decodeBinaryValue('0bAKsQ')).to.deep.equal(Buffer.from([0, 0xab, 0x10]));
    for (const bad of ['ab10', '0x', '0xzz', '0b###', '0bAKs'])
      expect(() => decodeBinaryValue(bad), bad).to.throw(IscsiProtocolError);
  });

  it('parses CHAP_I as a number from 0 to 255', () => {
    expect(parseChapIdentifier('0')).to.equal(0);
    expect(parseChapIdentifier('255')).to.equal(255);
    expect(parseChapIdentifier('0x1f')).to.equal(31);
    for (const bad of ['256', '-1', '', 'x', '1.5']) expect(parseChapIdentifier(bad), bad).to.equal(undefined);
  });

  it('refuses a configuration reusing one secret for both directions, or mutual without one-way', () => {
    expect(() =>
      checkChapConfiguration({ user: 'a', secret: 'same-secret-1' }, { user: 't', secret: 'same-secret-1' }),
    ).to.throw(RangeError, /differ/);
    expect(() => checkChapConfiguration(undefined, { user: 't', secret: 'x' })).to.throw(RangeError);
    expect(() => checkChapConfiguration({ user: '', secret: 'x' }, undefined)).to.throw(RangeError);
    expect(() =>
      checkChapConfiguration({ user: 'a', secret: 'one-secret-12' }, { user: 't', secret: 'two-secret-12' }),
    ).not.to.throw();
  });
});
