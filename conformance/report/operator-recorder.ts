/**
 * Records what the operator was asked to do and what it answered, for the evidence: a LibraryTarget whose sessions'
 * operator is wrapped so every call (take a cartridge, open the door, look at the IE station...) is logged with its
 * arguments and answer or refusal. These are the facts SCSI cannot show; the report keeps them apart from the
 * trace. Tests run one at a time, so the recorder collects into the log handed to `startTest`.
 */
import type { Operator } from '../harness/operator.js';
import type { LibraryTarget, TargetSession } from '../harness/target-session.js';
import type { OperatorEvidence } from './evidence.js';

function recording(operator: Operator, log: OperatorEvidence[]): Operator {
  return new Proxy(operator, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      const action = String(key);
      return async (...args: unknown[]) => {
        try {
          const answer: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          log.push({ action, args, ...(answer !== undefined ? { answer } : {}) });
          return answer;
        } catch (e) {
          log.push({ action, args, refused: e instanceof Error ? e.message : String(e) });
          throw e;
        }
      };
    },
  });
}

/** A library whose sessions record the operator's actions into the current test's log. */
export class OperatorRecordingTarget implements LibraryTarget {
  private log: OperatorEvidence[] = [];

  constructor(readonly inner: LibraryTarget) {}

  get label(): string {
    return this.inner.label;
  }

  get name(): string {
    return this.inner.name;
  }

  get unavailable(): string | undefined {
    return this.inner.unavailable;
  }

  /** Starts a fresh log for the next test; returns it. */
  startTest(): OperatorEvidence[] {
    this.log = [];
    return this.log;
  }

  async open(): Promise<TargetSession> {
    const session = await this.inner.open();
    if (!session.operator) return session;
    const operator = recording(session.operator, this.log);
    return new Proxy(session, { get: (t, k, r) => (k === 'operator' ? operator : Reflect.get(t, k, r)) });
  }
}
