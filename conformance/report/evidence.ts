/**
 * The evidence of one test as the reports keep it (reports/evidence.json, the JUnit file's system-out, the
 * certificate): outcome and reason, the narrated steps, the SCSI trace (each command with its CDB, status, sense
 * and data, decoded and in hex, and the step marks between them), and what the operator was asked to do and
 * answered. What the changer showed over SCSI and what only the operator could tell are kept apart.
 */
import type { TraceEvent } from '../harness/observation/trace-log.js';

/** One narrated step. */
export interface StepEvidence {
  readonly kind: string;
  readonly name: string;
  readonly outcome: string;
}

/** One thing the operator was asked to do or to look at, and the answer (or the refusal). */
export interface OperatorEvidence {
  readonly action: string;
  readonly args: readonly unknown[];
  readonly answer?: unknown;
  readonly refused?: string | undefined;
}

/** One test: one return path against one library. */
export interface TestEvidence {
  readonly title: string;
  readonly pathId: string;
  readonly library: string;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  readonly reason?: string | undefined;
  /** Failure stack, when the test failed. */
  readonly stack?: string | undefined;
  readonly startedAt?: string | undefined;
  readonly durationMs: number;
  readonly simulatedMs?: number | undefined;
  readonly steps: readonly StepEvidence[];
  /**
   * The SCSI trace: step marks and commands in order, each command with the nexus it went over ("rsm": the model
   * under test; "suite": the read-back), CDB, status, sense and data-in, decoded and in hex.
   */
  readonly trace: readonly TraceEvent[];
  readonly operator: readonly OperatorEvidence[];
}
