/**
 * The `changerbench report` subcommands: `report certificate` (certificate.json and .html from the last run's
 * summary.json and evidence.json, optionally signed), `report verify FILE` (what does not match) and
 * `report merge DIR...` (shards joined into one report). Each sets the exit code of exit-codes.ts.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { RunSummary } from '../harness/reporting/summary.js';
import { writeFileAtomic } from './atomic-write.js';
import { buildCertificate, certificateBody } from './certificate.js';
import { renderCertificateHtml } from './certificate-html.js';
import { verifyCertificateText } from './certificate-verify.js';
import { ExitCode } from './exit-codes.js';
import { mergeReports, MergeError } from './merge.js';
import { reportFilesOf, type EvidenceFile } from './write-reports.js';

/** What the report commands need from their process. */
export interface ReportCommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  exitCode: number;
}

/** A report input that cannot be used (exit 2). */
export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}

function readJson<T>(file: string, hint: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new ReportInputError(
      `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file; ${hint}` : (e as Error).message}`,
    );
  }
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReportInputError(
      `${what} ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
}

/** Writes certificate.json and certificate.html into `reportsDir`; returns a line saying where and the digest. */
/**
 * The Ed25519 private key (PEM) of `--sign-key FILE`, read and checked: a missing file, a file that is no private
 * key, or a key of another type is a ReportInputError naming the file (exit 2), so `conformance run` can refuse it
 * before any test runs.
 */
export function readSigningKey(file: string): string {
  const pem = readText(file, '--sign-key');
  let type: string | undefined;
  try {
    type = createPrivateKey(pem).asymmetricKeyType;
  } catch (e) {
    throw new ReportInputError(
      `--sign-key ${file}: not a private key in PEM form (${(e as Error).message}); make one: openssl genpkey -algorithm ed25519 -out key.pem`,
    );
  }
  if (type !== 'ed25519')
    throw new ReportInputError(
      `--sign-key ${file}: the key is ${type ?? 'not an asymmetric key'}, not Ed25519; make one: openssl genpkey -algorithm ed25519 -out key.pem`,
    );
  return pem;
}

export function writeCertificateFiles(reportsDir: string, signKeyFile?: string): string {
  const files = reportFilesOf(reportsDir);
  const hint = `run "changerbench conformance run --reports ${reportsDir}" first`;
  const summary = readJson<RunSummary>(files.summaryJson, hint);
  const evidence = readJson<EvidenceFile>(files.evidence, hint);
  const key = signKeyFile !== undefined ? readSigningKey(signKeyFile) : undefined;
  let cert;
  try {
    cert = buildCertificate(certificateBody(summary, evidence.tests), key);
  } catch (e) {
    throw new ReportInputError((e as Error).message);
  }
  const json = join(reportsDir, 'certificate.json');
  const html = join(reportsDir, 'certificate.html');
  writeFileAtomic(json, `${JSON.stringify(cert, null, 2)}\n`);
  writeFileAtomic(html, renderCertificateHtml(cert));
  return `certificate: ${html}, ${json}; SHA-256 ${cert.digest.value}${cert.signature ? `; signed (Ed25519, key ${cert.signature.keyFingerprint})` : '; not signed'}`;
}

function guarded(io: ReportCommandIo, body: () => void): void {
  try {
    body();
  } catch (e) {
    const usage = e instanceof ReportInputError || e instanceof MergeError;
    io.err(`changerbench: ${(e as Error).message}\n`);
    io.exitCode = usage ? ExitCode.USAGE_OR_TARGET : ExitCode.FAILED;
  }
}

/** Registers certificate, verify and merge under `report`. */
export function registerReportSubcommands<T>(cli: Argv<T>, io: ReportCommandIo): Argv<T> {
  return cli
    .command(
      'certificate',
      "write reports/certificate.html and certificate.json from the last run (identity, verdicts, each test's steps and SCSI trace; SHA-256 over canonical JSON)",
      (c) =>
        c
          .option('sign-key', {
            type: 'string',
            describe: 'sign with this Ed25519 private key (PEM; openssl genpkey -algorithm ed25519)',
          })
          .strict(),
      (a) =>
        guarded(io, () =>
          io.out(
            `${writeCertificateFiles((a as unknown as { reports: string }).reports, (a as unknown as { 'sign-key'?: string })['sign-key'])}\n`,
          ),
        ),
    )
    .command(
      'verify <file>',
      'check a certificate (certificate.json or .html): digest, part digests, signature; says exactly what does not match (exit 1)',
      (v) =>
        v
          .positional('file', { type: 'string', describe: 'certificate.json or certificate.html' })
          .option('public-key', {
            type: 'string',
            describe: 'the Ed25519 public key (PEM) the certificate must be signed with',
          })
          .strict(),
      (a) =>
        guarded(io, () => {
          const args = a as unknown as { file: string; 'public-key'?: string };
          const key = args['public-key'] !== undefined ? readText(args['public-key'], '--public-key') : undefined;
          const r = verifyCertificateText(readText(args.file, 'certificate'), key);
          for (const c of r.checked) io.out(`ok: ${c}\n`);
          for (const p of r.problems) io.out(`MISMATCH: ${p}\n`);
          io.out(
            r.ok
              ? `${args.file}: verified\n`
              : `${args.file}: NOT verified (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'})\n`,
          );
          if (!r.ok) io.exitCode = ExitCode.FAILED;
        }),
    )
    .command(
      'merge <dirs..>',
      'join the reports of the shards of one run (conformance run --shard I/N) into --reports (summaries, JUnit, Allure results); refuses shards of different runs or versions',
      (m) =>
        m.positional('dirs', { type: 'string', array: true, describe: "the shards' reports directories" }).strict(),
      (a) =>
        guarded(io, () => {
          const args = a as unknown as { dirs: string[]; reports: string };
          const r = mergeReports(args.dirs, args.reports);
          io.out(
            `${r.line}\n${r.summary.totals.passed} passed, ${r.summary.totals.failed} failed, ${r.summary.totals.skipped} skipped\n`,
          );
          if (r.summary.totals.failed > 0 || (r.summary.metaProblems?.length ?? 0) > 0) io.exitCode = ExitCode.FAILED;
        }),
    );
}
