/**
 * Judging one command's answers from every lane: each must keep the sense rules (sense-rules.ts) and equal the
 * in-process answer, the reference every transport ends in. Keeps counts per lane, and findings grouped by lane,
 * kind and operation code, each group with its count and first example in full (CDB, LUN, data-out, both
 * answers), so a report can be acted on without a rerun.
 */
import { describeAnswer, sameAnswer, type Answer } from './answer.js';
import type { CdbCase } from './cdb-cases.js';
import { answerProblem } from './sense-rules.js';

/** Counts of one lane. */
export interface LaneCounts {
  commands: number;
  good: number;
  checkCondition: number;
  other: number;
  malformed: number;
  different: number;
  faults: number;
}

/** A group of findings: the first example in full and how many there were. */
export interface Finding {
  readonly lane: string;
  readonly kind: 'malformed' | 'different' | 'fault';
  readonly opcode: number;
  readonly text: string;
  count: number;
}

/** What the campaign has seen so far. */
export class CdbVerdicts {
  readonly counts = new Map<string, LaneCounts>();
  private readonly groups = new Map<string, Finding>();

  constructor(private readonly keep = 40) {}

  /** The groups of findings, largest first. */
  get findings(): Finding[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count);
  }

  /** Judges the answers of one case; `answers` holds the reference under `reference`. */
  judge(c: CdbCase, answers: ReadonlyMap<string, Answer>, reference: string): void {
    const ref = answers.get(reference);
    for (const [lane, a] of answers) {
      const n = this.of(lane);
      n.commands++;
      if (a.fault) {
        n.faults++;
        this.note(lane, 'fault', c, `${caseText(c)}: ${a.fault}`);
        continue;
      }
      if (a.status === 0) n.good++;
      else if (a.status === 2) n.checkCondition++;
      else n.other++;
      const problem = answerProblem({
        status: a.status,
        sense: a.sense,
        cdbLength: c.cdb.length,
        dataOutLength: c.dataOut?.length ?? 0,
      });
      if (problem) {
        n.malformed++;
        this.note(lane, 'malformed', c, `${caseText(c)}: ${problem}; ${describeAnswer(a)}`);
      }
      if (ref && lane !== reference && !sameAnswer(a, ref)) {
        n.different++;
        this.note(
          lane,
          'different',
          c,
          `${caseText(c)}: ${lane} ${describeAnswer(a)} | ${reference} ${describeAnswer(ref)}`,
        );
      }
    }
  }

  /** Malformed answers, differences and faults over every lane. */
  get failures(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c.malformed + c.different + c.faults;
    return n;
  }

  private of(lane: string): LaneCounts {
    let n = this.counts.get(lane);
    if (!n)
      this.counts.set(
        lane,
        (n = { commands: 0, good: 0, checkCondition: 0, other: 0, malformed: 0, different: 0, faults: 0 }),
      );
    return n;
  }

  private note(lane: string, kind: Finding['kind'], c: CdbCase, text: string): void {
    const opcode = c.cdb[0] as number;
    const key = `${lane} ${kind} ${opcode}`;
    const group = this.groups.get(key);
    if (group) group.count++;
    else if (this.groups.size < this.keep) this.groups.set(key, { lane, kind, opcode, text, count: 1 });
  }
}

/** The case as a reader can repeat it. */
export function caseText(c: CdbCase): string {
  return `#${c.index} cdb ${c.cdb.toString('hex')} lun ${c.lun} edtl ${c.allocationLength} data-out ${c.dataOut?.toString('hex') ?? 'none'}`;
}
