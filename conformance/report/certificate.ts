/**
 * The certificate: what a vendor hands a customer (reports/certificate.json and certificate.html). Its body holds
 * the identity and provenance, the verdict per return path and library (pass, fail, skip with reason), and every
 * test's steps, SCSI trace and operator actions. `digest` is SHA-256 over the canonical JSON of the body
 * (canonical-json.ts); `parts` holds a digest per section, verdict and test, so that verification can name what
 * changed; `signature`, with `--sign-key`, is an Ed25519 signature (node:crypto) over the same canonical bytes.
 * Design: docs/certificate.md; issue 11 "The certificate".
 */
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { RunSummary } from '../harness/reporting/summary.js';
import { canonicalDigest, canonicalJson } from './canonical-json.js';
import type { TestEvidence } from './evidence.js';
import type { LibraryIdentity, RunProvenance } from './run-identity.js';

/** The format tag of certificate.json. */
export const CERTIFICATE_FORMAT = 'changerbench-certificate/1';

/** One verdict: a return path against a library. */
export interface Verdict {
  readonly pathId: string;
  readonly library: string;
  /** The result the path expects, by name, and its number under the run's code profile. */
  readonly returns: string;
  readonly code?: number | undefined;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  readonly reason?: string | undefined;
}

/** What the digest and signature cover. */
export interface CertificateBody {
  readonly subject: string;
  readonly provenance: RunProvenance;
  readonly devices: readonly LibraryIdentity[];
  readonly totals: { readonly passed: number; readonly failed: number; readonly skipped: number };
  readonly metaProblems: readonly string[];
  readonly verdicts: readonly Verdict[];
  readonly tests: readonly TestEvidence[];
}

/** A certificate as written to certificate.json. */
export interface Certificate {
  readonly format: typeof CERTIFICATE_FORMAT;
  readonly body: CertificateBody;
  readonly digest: { readonly algorithm: 'sha256'; readonly over: 'canonical JSON of body'; readonly value: string };
  /** Digest per part ("provenance", "devices", "verdict <path> on <library>", "test <title>"). */
  readonly parts: Readonly<Record<string, string>>;
  readonly signature?:
    | {
        readonly algorithm: 'ed25519';
        readonly publicKey: string;
        readonly keyFingerprint: string;
        readonly value: string;
      }
    | undefined;
}

/** The body of a certificate for a run's summary and evidence. Throws when the summary has no provenance. */
export function certificateBody(summary: RunSummary, tests: readonly TestEvidence[]): CertificateBody {
  if (!summary.provenance)
    throw new Error('summary.json has no provenance (written by an older changerbench): run the suite again');
  const returns = new Map(summary.paths.map((p) => [p.id, p]));
  return {
    subject: `EjectNtmsCleaner conformance of ${summary.devices?.map((d) => d.label).join(', ') ?? summary.target}`,
    provenance: summary.provenance,
    devices: summary.devices ?? [],
    totals: summary.totals,
    metaProblems: summary.metaProblems ?? [],
    verdicts: summary.cells.map((c) => ({
      pathId: c.pathId,
      library: c.library,
      returns: returns.get(c.pathId)?.returns ?? '',
      code: returns.get(c.pathId)?.code,
      outcome: c.outcome,
      reason: c.reason,
    })),
    tests,
  };
}

/** The part digests of a body: what verification compares to name a change. */
export function partDigests(body: CertificateBody): Record<string, string> {
  const parts: Record<string, string> = {
    subject: canonicalDigest(body.subject),
    provenance: canonicalDigest(body.provenance),
    devices: canonicalDigest(body.devices),
    totals: canonicalDigest(body.totals),
    metaProblems: canonicalDigest(body.metaProblems),
  };
  for (const v of body.verdicts) parts[`verdict ${v.pathId} on ${v.library}`] = canonicalDigest(v);
  for (const t of body.tests) parts[`test ${t.title}`] = canonicalDigest(t);
  return parts;
}

/**
 * SHA-256 (hex) of the public key's SubjectPublicKeyInfo DER: which key signed. The same figure as
 * `openssl pkey -pubin -in key.pub.pem -outform DER | sha256sum`.
 */
export function keyFingerprint(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Builds the certificate; with `privateKeyPem` (Ed25519, PEM) it is signed. Throws for a key that is not Ed25519. */
export function buildCertificate(body: CertificateBody, privateKeyPem?: string): Certificate {
  const canonical = canonicalJson(body);
  const cert: Certificate = {
    format: CERTIFICATE_FORMAT,
    body,
    digest: { algorithm: 'sha256', over: 'canonical JSON of body', value: canonicalDigest(body) },
    parts: partDigests(body),
  };
  if (privateKeyPem === undefined) return cert;
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(
      `the signing key is ${key.asymmetricKeyType ?? 'not an asymmetric key'}, not Ed25519 (make one: openssl genpkey -algorithm ed25519 -out key.pem)`,
    );
  const pub = createPublicKey(key);
  const value = sign(null, Buffer.from(canonical, 'utf8'), key).toString('base64');
  return {
    ...cert,
    signature: {
      algorithm: 'ed25519',
      publicKey: pub.export({ type: 'spki', format: 'pem' }).toString(),
      keyFingerprint: keyFingerprint(pub),
      value,
    },
  };
}
