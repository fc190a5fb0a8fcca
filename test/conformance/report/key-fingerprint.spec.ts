/**
 * The certificate's key fingerprint is the figure a customer gets from OpenSSL for the same public key:
 * SHA-256 of the SubjectPublicKeyInfo DER (docs/certificate.md).
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { keyFingerprint } from '../../../conformance/report/certificate.js';

describe('certificate key fingerprint', () => {
  it('equals openssl pkey -pubin -outform DER | sha256sum of the public key', function () {
    const { publicKey } = generateKeyPairSync('ed25519');
    let der: Buffer;
    try {
      der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], {
        input: publicKey.export({ type: 'spki', format: 'pem' }),
      });
    } catch {
      this.skip(); // no openssl binary on this machine
    }
    const sha = execFileSync('sha256sum', { input: der }).toString().split(' ')[0];
    expect(keyFingerprint(publicKey))
      .to.equal(sha)
      .and.to.match(/^[0-9a-f]{64}$/);
  });
});
