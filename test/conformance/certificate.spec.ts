/**
 * The certificate: `conformance run --certificate` and `report certificate` write certificate.json and .html with
 * the identity read over SCSI, the verdicts with skip reasons, and each test's steps, SCSI trace and operator
 * actions; `report verify` accepts them, signed (Ed25519) or not, and says exactly what does not match in a
 * tampered copy: the verdict that changed, the digest, the signature, another key, an edited HTML page.
 * Canonical JSON and its digest are checked byte for byte. In-process. Spec: conformance/report/certificate*.ts,
 * canonical-json.ts; docs/certificate.md.
 */
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalDigest, canonicalJson } from '../../conformance/report/canonical-json.js';
import type { Certificate } from '../../conformance/report/certificate.js';
import { conformanceCli } from './support/in-process-cli.js';

const cli = conformanceCli;

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

describe('the certificate (report certificate, report verify)', function () {
  this.timeout(300_000);
  let dir: string;
  let reports: string;
  let cert: Certificate;
  const pem = (() => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519').publicKey;
    return {
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      other: other.export({ type: 'spki', format: 'pem' }).toString(),
    };
  })();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cb-cert-'));
    reports = join(dir, 'reports');
    const r = await cli(
      'conformance',
      'run',
      '--target',
      'sim:ibm-ts3100',
      '--grep',
      '^EjectNtmsCleaner\\.(AccessDenied|DoorOperatorTakes|PortOperatorTakes) on',
      '--reports',
      reports,
      '--certificate',
      '--operator-name',
      'Ada Lovelace',
    );
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.match(
      /^certificate: .*certificate\.html, .*certificate\.json; SHA-256 [0-9a-f]{64}; not signed$/m,
    );
    cert = JSON.parse(readFileSync(join(reports, 'certificate.json'), 'utf8')) as Certificate;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('canonical JSON: sorted keys, no whitespace, undefined members left out; its SHA-256', () => {
    expect(canonicalJson({ b: [1, 'x', { d: null, c: true }], a: undefined, é: 'ü' })).to.equal(
      '{"b":[1,"x",{"c":true,"d":null}],"é":"ü"}',
    );
    expect(canonicalDigest({})).to.equal('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(() => canonicalJson({ x: Number.NaN })).to.throw(TypeError);
  });

  it('holds the identity read over SCSI, the verdicts with reasons, steps, trace and operator actions', () => {
    const b = cert.body;
    const device = b.devices[0]?.device;
    if (!device || 'error' in device) throw new Error('no device identity');
    expect([device.vendor, device.product, device.revision]).to.deep.equal(['IBM', '3573-TL', 'F.11']);
    expect(device.serial).to.deep.equal({ ok: true, value: '00L4U78A0001_LL0' });
    expect(device.designators.ok && device.designators.value.map((d) => d.type)).to.deep.equal([
      'NAA',
      'T10 vendor ID',
    ]);
    expect(device.elementMap.ok && device.elementMap.value.numberOfStorage).to.equal(23);
    expect(b.devices[0]?.modelFile?.sha256).to.match(/^[0-9a-f]{64}$/);
    expect(b.provenance.operator).to.deep.include({ kind: 'sim', name: 'Ada Lovelace' });
    expect(b.provenance.tool.commit).to.match(/^([0-9a-f]{40}(\+dirty)?|unknown)$/);
    expect(b.verdicts.map((v) => `${v.pathId} ${v.outcome}`).sort()).to.deep.equal([
      'EjectNtmsCleaner.AccessDenied passed',
      'EjectNtmsCleaner.DoorOperatorTakes skipped',
      'EjectNtmsCleaner.PortOperatorTakes passed',
    ]);
    expect(b.verdicts.find((v) => v.outcome === 'skipped')?.reason).to.match(/^needs no-ie-port: /);
    const port = b.tests.find((t) => t.pathId === 'EjectNtmsCleaner.PortOperatorTakes');
    expect(port?.steps.length).to.be.greaterThan(2);
    expect(port?.operator.some((o) => o.action === 'put-into-ie')).to.equal(true);
    const command = port?.trace.find((e) => e.kind === 'command' && e.entry?.command.startsWith('MOVE MEDIUM'));
    expect(command?.kind === 'command' && command.entry?.cdb).to.match(/^a5 /);
    const html = readFileSync(join(reports, 'certificate.html'), 'utf8');
    expect(html).to.contain(`SHA-256 ${cert.digest.value}`);
    expect(html).to.not.match(/<link|src=|https?:\/\//);
  });

  it('verify accepts the JSON and the HTML; a tampered verdict is named, with the digest', async () => {
    const ok = await cli('report', 'verify', join(reports, 'certificate.json'));
    expect(ok.code, ok.out).to.equal(0);
    expect(ok.out).to.contain(`ok: digest ${cert.digest.value}`);
    expect((await cli('report', 'verify', join(reports, 'certificate.html'))).out).to.contain(
      'the HTML page shows exactly its embedded certificate',
    );

    const tampered = JSON.parse(JSON.stringify(cert)) as Mutable<Certificate>;
    const verdict = tampered.body.verdicts.find((v) => v.pathId === 'EjectNtmsCleaner.DoorOperatorTakes');
    if (!verdict) throw new Error('no verdict');
    verdict.outcome = 'passed';
    delete verdict.reason;
    const file = join(dir, 'tampered.json');
    writeFileSync(file, JSON.stringify(tampered));
    const r = await cli('report', 'verify', file);
    expect(r.code).to.equal(1);
    expect(r.out).to.contain(
      'MISMATCH: verdict EjectNtmsCleaner.DoorOperatorTakes on ibm-ts3100 changed (it now reads passed)',
    );
    expect(r.out).to.match(
      /MISMATCH: digest mismatch: SHA-256 of the body's canonical JSON is [0-9a-f]{64}, the certificate says [0-9a-f]{64}/,
    );
    expect(r.out).to.contain('NOT verified (2 problems)');
  });

  it('an edited HTML page does not verify', async () => {
    const html = readFileSync(join(reports, 'certificate.html'), 'utf8');
    const file = join(dir, 'edited.html');
    writeFileSync(file, html.replace('>skip</td>', '>pass</td>'));
    const r = await cli('report', 'verify', file);
    expect(r.code).to.equal(1);
    expect(r.out).to.match(/MISMATCH: the HTML page differs from what its embedded certificate renders, from line \d+/);
  });

  it('signed with --sign-key: verifies with the public key, not with another key, and a tampered copy has an invalid signature', async () => {
    writeFileSync(join(dir, 'key.pem'), pem.privateKey);
    writeFileSync(join(dir, 'pub.pem'), pem.publicKey);
    writeFileSync(join(dir, 'other.pem'), pem.other);
    const made = await cli('report', 'certificate', '--reports', reports, '--sign-key', join(dir, 'key.pem'));
    expect(made.code, made.err).to.equal(0);
    expect(made.out).to.match(/signed \(Ed25519, key [0-9a-f]{64}\)/);
    const json = join(reports, 'certificate.json');
    const good = await cli('report', 'verify', json, '--public-key', join(dir, 'pub.pem'));
    expect(good.code, good.out).to.equal(0);
    expect(good.out).to.match(/ok: signature valid \(Ed25519, key [0-9a-f]{64}, the --public-key\)/);
    const other = await cli('report', 'verify', json, '--public-key', join(dir, 'other.pem'));
    expect(other.code).to.equal(1);
    expect(other.out).to.match(/MISMATCH: signed by key [0-9a-f]{64}, not by the --public-key/);

    const signed = JSON.parse(readFileSync(json, 'utf8')) as Mutable<Certificate>;
    signed.body.totals.passed += 1;
    const file = join(dir, 'signed-tampered.json');
    writeFileSync(file, JSON.stringify(signed));
    const bad = await cli('report', 'verify', file, '--public-key', join(dir, 'pub.pem'));
    expect(bad.code).to.equal(1);
    expect(bad.out).to.contain('MISMATCH: totals changed');
    expect(bad.out).to.contain('MISMATCH: signature invalid: the Ed25519 signature does not match the body');
  });

  it('a key that is not Ed25519 and a missing certificate are clear errors (exit 2)', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    writeFileSync(join(dir, 'rsa.pem'), rsa);
    const r = await cli('report', 'certificate', '--reports', reports, '--sign-key', join(dir, 'rsa.pem'));
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/--sign-key .*: the key is rsa, not Ed25519/);
    const none = await cli('report', 'verify', join(dir, 'none.json'));
    expect(none.code).to.equal(2);
    expect(none.err).to.match(/certificate .*none\.json: no such file/);
  });
});
