/**
 * One answer as the campaigns compare it: status, sense bytes, data-in cut to the expected transfer length
 * (SAM-5 Execute Command, docs/scsi-model.md 1: a transport delivers at most that much), or the fault that kept the
 * command from completing.
 */

/** What a lane got back for one command. */
export interface Answer {
  readonly status: number;
  readonly sense: Buffer | undefined;
  readonly dataIn: Buffer;
  /** Set when the command did not complete as SCSI: the transport failed or the deadline passed. */
  readonly fault?: string | undefined;
}

const NONE = Buffer.alloc(0);

/** A fault answer. */
export function faultAnswer(fault: string): Answer {
  return { status: -1, sense: undefined, dataIn: NONE, fault };
}

/** The answer's bytes as one line: status, sense, data-in (hex). */
export function describeAnswer(a: Answer): string {
  if (a.fault) return `fault: ${a.fault}`;
  const data =
    a.dataIn.length > 48
      ? `${a.dataIn.subarray(0, 48).toString('hex')}... (${a.dataIn.length} bytes)`
      : a.dataIn.toString('hex') || '-';
  return `status ${a.status.toString(16).padStart(2, '0')}h sense ${a.sense?.toString('hex') || '-'} data ${data}`;
}

/** Whether two answers are the same (faults are never the same as anything). */
export function sameAnswer(a: Answer, b: Answer): boolean {
  if (a.fault || b.fault) return false;
  return a.status === b.status && (a.sense ?? NONE).equals(b.sense ?? NONE) && a.dataIn.equals(b.dataIn);
}

/** Runs `work` with a deadline: a command that never completes becomes a fault answer, not a hang. */
export async function withDeadline(work: Promise<Answer>, ms: number, what: string): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Answer>(
    (resolve) => (timer = setTimeout(() => resolve(faultAnswer(`no answer within ${ms} ms (${what})`)), ms)),
  );
  try {
    return await Promise.race([
      work.catch((e: Error) => faultAnswer(`${(e as { code?: string }).code ?? 'error'}: ${e.message}`)),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
