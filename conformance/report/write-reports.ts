/**
 * Writes a run's reports from its record, each file atomically (atomic-write.ts): summary.json, summary.md,
 * junit.xml, evidence.json (every test's steps, trace and operator actions: what `report certificate` and
 * `report merge` read), and Allure's environment.properties and executor.json into the results directory.
 * Used by `conformance run` and by `report merge`.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeAllureEnvironment } from './allure-environment.js';
import { writeFileAtomic } from './atomic-write.js';
import type { TestEvidence } from './evidence.js';
import { formatJunitXml } from './junit-xml.js';
import { identityProperties } from './run-identity.js';
import { formatEvidenceMarkdown } from '../harness/reporting/run-evidence.js';
import { formatSummaryMarkdown, type RunSummary } from '../harness/reporting/summary.js';

/** The report files of a reports directory. */
export interface ReportFiles {
  readonly summaryJson: string;
  readonly summaryMd: string;
  readonly junit: string;
  readonly evidence: string;
  readonly allureResults: string;
}

/** Where the reports of `dir` are. */
export function reportFilesOf(dir: string): ReportFiles {
  return {
    summaryJson: join(dir, 'summary.json'),
    summaryMd: join(dir, 'summary.md'),
    junit: join(dir, 'junit.xml'),
    evidence: join(dir, 'evidence.json'),
    allureResults: join(dir, 'allure-results'),
  };
}

/** evidence.json's content. */
export interface EvidenceFile {
  readonly format: 'changerbench-evidence/1';
  readonly runId: string;
  readonly configHash: string;
  readonly tests: readonly TestEvidence[];
}

/** Writes every report of `summary` and `tests`; Allure's environment files go into `allureResultsDir`. */
export function writeReports(
  files: ReportFiles,
  summary: RunSummary,
  tests: readonly TestEvidence[],
  allureResultsDir: string,
): void {
  const p = summary.provenance;
  const devices = summary.devices ?? [];
  const evidence: EvidenceFile = {
    format: 'changerbench-evidence/1',
    runId: p?.runId ?? 'unknown',
    configHash: p?.configHash ?? 'unknown',
    tests,
  };
  writeFileAtomic(files.evidence, `${JSON.stringify(evidence)}\n`);
  writeFileAtomic(
    files.junit,
    formatJunitXml({
      suiteName: `changerbench conformance (${p?.target ?? summary.target})`,
      timestamp: summary.startedAt,
      hostname: hostname(),
      properties: p ? identityProperties(p, devices) : [],
      tests,
      metaProblems: summary.metaProblems,
    }),
  );
  if (p) writeAllureEnvironment(allureResultsDir, p, devices);
  writeFileAtomic(
    files.summaryMd,
    formatSummaryMarkdown(summary) + (summary.evidence ? formatEvidenceMarkdown(summary.evidence) : ''),
  );
  writeFileAtomic(files.summaryJson, `${JSON.stringify(summary, null, 2)}\n`);
}
