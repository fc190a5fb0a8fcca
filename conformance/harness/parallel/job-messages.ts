/**
 * What passes between a parallel run (run-jobs.ts) and its jobs (job-worker.ts, one worker thread each): the
 * job's options (plain data), and the job's messages back: every selected title in serial order, each test's
 * console line as it ends, progress lines, and at the end the job's summary and evidence or its error.
 * Design: docs/architecture.md "Top level" (conformance/).
 */
import type { TestEvidence } from '../../report/evidence.js';
import type { HostFacts, ToolFacts } from '../../report/provenance.js';
import type { RunSummary } from '../reporting/summary.js';

/** The options of a job: the run's options that are plain data, its share and its own reports directory. */
export interface JobData {
  readonly target: string;
  readonly reportsDir: string;
  readonly grep?: string | undefined;
  readonly profile: string;
  readonly fixturesDir?: string | undefined;
  readonly pathsDir?: string | undefined;
  readonly timeoutMs?: number | undefined;
  readonly operator?: string | undefined;
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
  readonly runId?: string | undefined;
  readonly operatorName?: string | undefined;
  readonly facts: { readonly tool: ToolFacts; readonly host: HostFacts };
  /** This job, 0-based, of `count`. */
  readonly index: number;
  readonly count: number;
}

/** A job's error, rebuilt in the parent under the same name (so a usage error stays exit 2). */
export interface JobError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string | undefined;
  readonly code?: unknown;
}

/** A message from a job. */
export type JobMessage =
  | { readonly kind: 'titles'; readonly titles: readonly string[] }
  | { readonly kind: 'line'; readonly title: string; readonly line: string }
  | { readonly kind: 'progress'; readonly line: string }
  | {
      readonly kind: 'done';
      readonly summary: RunSummary;
      readonly tests: readonly TestEvidence[];
      readonly metaCheck: 'passed' | 'failed';
    }
  | { readonly kind: 'error'; readonly error: JobError };

/** A message to a job: stop after the current test (Ctrl-C in the parent). */
export type ParentMessage = { readonly kind: 'abort' };
