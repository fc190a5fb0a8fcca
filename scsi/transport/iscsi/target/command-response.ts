/**
 * Builds what the target sends when a command completes: Data-In PDUs cut to the initiator's
 * MaxRecvDataSegmentLength and to MaxBurstLength sequences, with the status collapsed into the last Data-In when
 * the command ended without sense data, or a SCSI Response with sense and residuals.
 * Spec: RFC 7143 11.7.1 (F and S flags; status only with GOOD-class status and no sense), 11.7.4 and 11.4.5
 * (residual overflow/underflow), 11.4.8 (ExpDataSN = number of Data-In PDUs), 11.7.5 (DataSN); docs/iscsi.md 7.5.
 */
import { ScsiStatus } from '../../../codec/status.js';
import { Iscsi } from '../constants.js';
import { encodeDataIn } from '../pdu/data-in.js';
import type { Pdu } from '../pdu/pdu.js';
import { encodeScsiResponse } from '../pdu/scsi-response.js';

const MAX_SENSE_LENGTH = 252;

/** The command as the response builder needs it. */
export interface CompletedCommand {
  readonly initiatorTaskTag: number;
  readonly expectedLength: number;
  readonly read: boolean;
}

/** The outcome to report. */
export interface CommandOutcome {
  readonly status: number;
  readonly sense?: Buffer | undefined;
  readonly dataIn: Buffer;
}

/** Sequence numbers and limits in force when the response is built. */
export interface ResponseContext {
  /** Returns the StatSN to use and advances it. */
  nextStatSN(): number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  /** The initiator's MaxRecvDataSegmentLength. */
  readonly segmentLength: number;
  readonly maxBurstLength: number;
}

/** The PDUs that complete a command, in sending order. The data-in buffer is sliced, never copied. */
export function buildCommandResponse(command: CompletedCommand, outcome: CommandOutcome, ctx: ResponseContext): Pdu[] {
  const data = command.read ? outcome.dataIn : Buffer.alloc(0);
  const edtl = command.expectedLength;
  const sent = Math.min(data.length, edtl);
  let overflow = false;
  let underflow = false;
  let residualCount = 0;
  if (data.length > edtl) {
    overflow = true;
    residualCount = data.length - edtl;
  } else if (command.read && data.length < edtl) {
    underflow = true;
    residualCount = edtl - data.length;
  }
  // SPC-4 4.5, docs/scsi-model.md 7.1: sense data is at most 252 bytes.
  const sense =
    outcome.sense !== undefined && outcome.sense.length > 0 ? outcome.sense.subarray(0, MAX_SENSE_LENGTH) : undefined;
  const collapse =
    sent > 0 &&
    sense === undefined &&
    (outcome.status === ScsiStatus.GOOD || outcome.status === ScsiStatus.CONDITION_MET);
  const pdus: Pdu[] = [];
  const segment = Math.max(1, Math.min(ctx.segmentLength, ctx.maxBurstLength));
  const burst = Math.max(1, ctx.maxBurstLength);
  let dataSN = 0;
  for (let burstStart = 0; burstStart < sent; burstStart += burst) {
    const burstEnd = Math.min(burstStart + burst, sent);
    for (let offset = burstStart; offset < burstEnd; offset += segment) {
      const end = Math.min(offset + segment, burstEnd);
      const last = end === sent;
      const withStatus = last && collapse;
      pdus.push(
        encodeDataIn({
          final: end === burstEnd,
          statusPresent: withStatus,
          status: withStatus ? outcome.status : 0,
          overflow: withStatus && overflow,
          underflow: withStatus && underflow,
          residualCount: withStatus ? residualCount : 0,
          initiatorTaskTag: command.initiatorTaskTag,
          targetTransferTag: Iscsi.RESERVED_TAG,
          statSN: withStatus ? ctx.nextStatSN() : 0,
          expCmdSN: ctx.expCmdSN,
          maxCmdSN: ctx.maxCmdSN,
          dataSN: dataSN++,
          bufferOffset: offset,
          data: data.subarray(offset, end),
        }),
      );
    }
  }
  if (!collapse) {
    pdus.push(
      encodeScsiResponse({
        status: outcome.status,
        initiatorTaskTag: command.initiatorTaskTag,
        statSN: ctx.nextStatSN(),
        expCmdSN: ctx.expCmdSN,
        maxCmdSN: ctx.maxCmdSN,
        expDataSN: dataSN,
        overflow,
        underflow,
        residualCount,
        ...(sense === undefined ? {} : { senseData: sense }),
      }),
    );
  }
  return pdus;
}
