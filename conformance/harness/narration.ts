/**
 * The narration of a conformance test: guard, arrange, act and expect steps, each an Allure step (so the report
 * reads as the test's story) and a mark in the SCSI trace (so the trace shows which step sent which command),
 * plus attachments. Outside an Allure run (unit tests) the steps just run.
 * Design: docs/architecture.md style rule 11 (narrated tests); docs/toolchain.md (allure-js-commons 3).
 */
import { attachment, ContentType, logStep, Status, step } from 'allure-js-commons';
import type { TraceLog } from './observation/trace-log.js';

/** The kinds of step a test narrates. */
export type StepKind = 'guard' | 'arrange' | 'act' | 'expect';

/** One step as it happened. */
export interface StepRecord {
  readonly kind: StepKind;
  readonly name: string;
  readonly at: number;
  outcome: 'passed' | 'failed' | 'running';
}

/** A step that failed; the message names the step. */
export class StepFailedError extends Error {
  constructor(
    readonly step: StepRecord,
    cause: unknown,
  ) {
    super(`${step.kind}: ${step.name}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StepFailedError';
    if (cause instanceof Error && cause.stack)
      this.stack = `${this.name}: ${this.message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
  }
}

/** Runs and records the steps of one test. */
export class Narrator {
  readonly steps: StepRecord[] = [];

  /**
   * @param reporting true inside a run whose reporter is Allure's (steps and attachments go to the report);
   *   false elsewhere (unit tests), where the steps only run and are recorded here.
   */
  constructor(
    private readonly trace: TraceLog,
    private readonly now: () => number,
    private readonly reporting: boolean,
  ) {}

  /** Runs `body` as a named step; a failure is rethrown as StepFailedError (once, at the innermost step). */
  async step<T>(kind: StepKind, name: string, body: () => Promise<T> | T): Promise<T> {
    const record: StepRecord = { kind, name, at: this.now(), outcome: 'running' };
    this.steps.push(record);
    this.trace.mark(`${kind}: ${name}`);
    try {
      const value = this.reporting ? await step(`${kind}: ${name}`, async () => body()) : await body();
      record.outcome = 'passed';
      return value;
    } catch (e) {
      record.outcome = 'failed';
      throw e instanceof StepFailedError ? e : new StepFailedError(record, e);
    }
  }

  /** A line in the report and the trace, with no body (a fact the test states). */
  async note(text: string): Promise<void> {
    this.trace.mark(`note: ${text}`);
    if (this.reporting) await logStep(text, Status.PASSED);
  }

  /** Attaches text to the test's report. */
  async attachText(name: string, text: string): Promise<void> {
    if (this.reporting) await attachment(name, text, ContentType.TEXT);
  }

  /** Attaches JSON to the test's report. */
  async attachJson(name: string, value: unknown): Promise<void> {
    if (this.reporting) await attachment(name, JSON.stringify(value, null, 2), ContentType.JSON);
  }

  /** The steps as text ("arrange: ... passed"). */
  format(): string {
    return this.steps.map((s) => `${s.outcome.padEnd(7)} ${s.kind}: ${s.name}`).join('\n');
  }
}
