/**
 * `changerbench report verify FILE [--public-key FILE]`: checks a certificate (certificate.json, or
 * certificate.html with the certificate embedded) and says exactly what does not match: each part whose digest
 * differs (which verdict, which test, the identity), the body's digest, the signature (invalid, or made by another
 * key than --public-key), and for the HTML whether the page still shows what its embedded certificate holds.
 */
import { createPublicKey, verify } from 'node:crypto';
import { canonicalDigest, canonicalJson } from './canonical-json.js';
import { CERTIFICATE_FORMAT, keyFingerprint, partDigests, type Certificate } from './certificate.js';
import { extractEmbeddedCertificate, renderCertificateHtml } from './certificate-html.js';

/** The outcome of a verification. */
export interface VerifyResult {
  readonly ok: boolean;
  /** What matched ("digest ...", "signature valid ..."). */
  readonly checked: readonly string[];
  /** What did not, one line each. */
  readonly problems: readonly string[];
}

function describePart(name: string, cert: Certificate): string {
  if (name.startsWith('verdict ')) {
    const v = cert.body.verdicts.find((x) => `verdict ${x.pathId} on ${x.library}` === name);
    return v ? `${name} changed (it now reads ${v.outcome}${v.reason ? `: ${v.reason}` : ''})` : `${name} was removed`;
  }
  return `${name} changed`;
}

/** Verifies a parsed certificate; `publicKeyPem` is the key it must be signed with, if given. */
export function verifyCertificate(cert: Certificate, publicKeyPem?: string): VerifyResult {
  const checked: string[] = [];
  const problems: string[] = [];
  if (cert.format !== CERTIFICATE_FORMAT || typeof cert.body !== 'object' || cert.body === null) {
    return {
      ok: false,
      checked,
      problems: [`not a changerbench certificate (format "${String(cert.format)}", expected "${CERTIFICATE_FORMAT}")`],
    };
  }
  const now = partDigests(cert.body);
  const stored = cert.parts ?? {};
  for (const [name, digest] of Object.entries(now)) {
    if (stored[name] === undefined) problems.push(`${name} was added (not in the certificate's part digests)`);
    else if (stored[name] !== digest) problems.push(describePart(name, cert));
  }
  for (const name of Object.keys(stored)) if (now[name] === undefined) problems.push(`${name} was removed`);
  const digest = canonicalDigest(cert.body);
  if (digest !== cert.digest?.value)
    problems.push(
      `digest mismatch: SHA-256 of the body's canonical JSON is ${digest}, the certificate says ${String(cert.digest?.value)}`,
    );
  else checked.push(`digest ${digest} (SHA-256 over the canonical JSON of the body) matches`);
  if (cert.signature) {
    try {
      const embedded = createPublicKey(cert.signature.publicKey);
      const key = publicKeyPem !== undefined ? createPublicKey(publicKeyPem) : embedded;
      if (publicKeyPem !== undefined && keyFingerprint(key) !== keyFingerprint(embedded))
        problems.push(`signed by key ${keyFingerprint(embedded)}, not by the --public-key (${keyFingerprint(key)})`);
      const good = verify(
        null,
        Buffer.from(canonicalJson(cert.body), 'utf8'),
        key,
        Buffer.from(cert.signature.value, 'base64'),
      );
      if (!good)
        problems.push(
          `signature invalid: the Ed25519 signature does not match the body for key ${keyFingerprint(key)}`,
        );
      else
        checked.push(
          `signature valid (Ed25519, key ${keyFingerprint(key)}${publicKeyPem === undefined ? ', the key embedded in the certificate: give --public-key to check who signed' : ', the --public-key'})`,
        );
    } catch (e) {
      problems.push(`signature cannot be checked: ${(e as Error).message}`);
    }
  } else if (publicKeyPem !== undefined) problems.push('the certificate is not signed, but --public-key was given');
  else checked.push('not signed (no --sign-key when it was written)');
  return { ok: problems.length === 0, checked, problems };
}

/** Verifies the text of certificate.json or certificate.html. */
export function verifyCertificateText(text: string, publicKeyPem?: string): VerifyResult {
  const isHtml = /^\s*<!doctype html/i.test(text);
  let cert: Certificate;
  try {
    cert = (isHtml ? extractEmbeddedCertificate(text) : JSON.parse(text)) as Certificate;
  } catch (e) {
    return { ok: false, checked: [], problems: [`cannot read the certificate: ${(e as Error).message}`] };
  }
  const r = verifyCertificate(cert, publicKeyPem);
  if (!isHtml || !r.ok) return r;
  const expected = renderCertificateHtml(cert);
  if (expected === text)
    return { ...r, checked: [...r.checked, 'the HTML page shows exactly its embedded certificate'] };
  const a = text.split('\n');
  const b = expected.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  const at = line < 0 ? a.length : line;
  return {
    ok: false,
    checked: r.checked,
    problems: [
      `the HTML page differs from what its embedded certificate renders, from line ${at + 1}: ${JSON.stringify((a[at] ?? '').slice(0, 160))}`,
    ],
  };
}
