/**
 * Host-side command execution with the retry every SCSI initiator does: a CHECK CONDITION with UNIT ATTENTION
 * reports an event, not a failure of this command, so the command is sent again (a bounded number of times).
 * Spec: SAM-5 (unit attention condition), SPC-4 4.5 (sense key 6h). See docs/scsi-model.md 4.
 */
import { decodeSense, describeSense, SenseKey, ScsiStatus, statusName } from '../codec/index.js';
import type { SenseData } from '../codec/index.js';
import type { ScsiCommand, ScsiResult, ScsiTransport } from '../transport/scsi-transport.js';

/** A command outcome with its sense decoded. */
export interface CheckedResult extends ScsiResult {
  /** Decoded sense of a CHECK CONDITION, if any. */
  readonly sense?: SenseData;
  /** Unit attentions met (and consumed) on the way. */
  readonly unitAttentions: readonly SenseData[];
}

/** Sends `command`, re-sending it after each unit attention (at most `maxAttentions` of them). */
export async function executeChecked(
  transport: ScsiTransport,
  command: ScsiCommand,
  maxAttentions = 8,
): Promise<CheckedResult> {
  const attentions: SenseData[] = [];
  for (;;) {
    const result = await transport.execute(command);
    if (result.status !== ScsiStatus.CHECK_CONDITION || !result.senseData) {
      return { ...result, unitAttentions: attentions };
    }
    const sense = decodeSense(result.senseData);
    if (sense.key === SenseKey.UNIT_ATTENTION && attentions.length < maxAttentions) {
      attentions.push(sense);
      continue;
    }
    return { ...result, sense, unitAttentions: attentions };
  }
}

/** Thrown by host helpers when a command they need fails. */
export class CommandFailedError extends Error {
  constructor(
    readonly what: string,
    readonly result: CheckedResult,
  ) {
    super(
      `${what} failed: ${result.sense ? describeSense(result.sense) : `status ${statusName(result.status)} (0x${result.status.toString(16).padStart(2, '0')})`}`,
    );
    this.name = 'CommandFailedError';
  }
}
