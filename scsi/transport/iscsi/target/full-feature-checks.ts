/**
 * What a target session in the full feature phase refuses, and how a SCSI Command PDU becomes a task: the PDUs a
 * discovery session may send, digest errors, opcodes not valid at ErrorRecoveryLevel 0, a SCSI Command's tag,
 * direction and immediate data, its CDB length, and the answer to write data that failed its digest or overran.
 * Spec: RFC 7143 4.3 (discovery sessions), 7.8 (digest errors), 11.3 (SCSI Command), 11.17 (Reject); docs/iscsi.md 7.8;
 * SPC-4 4.5 (PROTOCOL SERVICE CRC ERROR).
 * In our words: docs/scsi-model.md 7.3.
 */
import { cdbLengthForOpcode } from '../../../codec/opcodes.js';
import { Asc, SenseKey } from '../../../codec/sense-codes.js';
import type { BackendResult } from '../../scsi-target-backend.js';
import { Iscsi, IscsiOpcode, RejectReason } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';
import type { ScsiCommandPdu } from '../pdu/scsi-command.js';
import type { SessionParameters } from '../text/negotiation.js';
import { checkCondition } from './lun-gateway.js';
import { TargetTask } from './target-task.js';

/** PROTOCOL SERVICE CRC ERROR (SPC-4 4.5, docs/scsi-model.md 7.3), for write data that failed its digest. */
const PROTOCOL_SERVICE_CRC_ERROR = Object.freeze({ asc: 0x47, ascq: 0x05 });
const DISCOVERY_OPCODES: ReadonlySet<number> = new Set([
  IscsiOpcode.TEXT_REQUEST,
  IscsiOpcode.LOGOUT_REQUEST,
  IscsiOpcode.NOP_OUT,
]);

/** Throws when a discovery session sends other than Text, NOP-Out and Logout, or a PDU's data digest failed. */
export function checkPduAllowed(opcode: number, discovery: boolean, dataDigestOk: boolean): void {
  if (discovery && !DISCOVERY_OPCODES.has(opcode)) {
    throw new IscsiProtocolError('only Text, NOP-Out and Logout in a discovery session', RejectReason.PROTOCOL_ERROR);
  }
  if (!dataDigestOk && opcode !== IscsiOpcode.DATA_OUT)
    throw new IscsiProtocolError('data digest error', RejectReason.DATA_DIGEST_ERROR);
}

/** The Reject for an opcode the session does not handle (SNACK and Login are known, the rest unknown). */
export function opcodeRefusal(opcode: number): IscsiProtocolError {
  if (opcode === IscsiOpcode.SNACK_REQUEST || opcode === IscsiOpcode.LOGIN_REQUEST) {
    return new IscsiProtocolError(
      `opcode ${opcode.toString(16)}h is not valid in the full feature phase at ErrorRecoveryLevel 0`,
      RejectReason.PROTOCOL_ERROR,
    );
  }
  return new IscsiProtocolError(
    `unknown opcode ${opcode.toString(16)}h`,
    opcode >= 0x20 ? RejectReason.PROTOCOL_ERROR : RejectReason.COMMAND_NOT_SUPPORTED,
  );
}

/** Throws for a SCSI Command with a tag in use, both directions, or immediate data it may not carry. */
export function checkScsiCommand(command: ScsiCommandPdu, p: SessionParameters, tagInUse: boolean): void {
  if (tagInUse) throw new IscsiProtocolError('Initiator Task Tag already in use', RejectReason.TASK_IN_PROGRESS);
  if (command.read && command.write)
    throw new IscsiProtocolError('bidirectional commands are not supported', RejectReason.COMMAND_NOT_SUPPORTED);
  if (command.data.length > 0) {
    if (!command.write || !p.immediateData)
      throw new IscsiProtocolError('unexpected immediate data', RejectReason.PROTOCOL_ERROR);
    if (command.data.length > Math.min(p.firstBurstLength, command.expectedDataTransferLength)) {
      throw new IscsiProtocolError(
        'immediate data beyond FirstBurstLength or the expected length',
        RejectReason.PROTOCOL_ERROR,
      );
    }
  }
}

/** The task of a checked SCSI Command: its CDB cut to the opcode's length, its immediate data taken. */
export function taskForCommand(command: ScsiCommandPdu, bhs: Buffer, p: SessionParameters): TargetTask {
  const cdbLength =
    command.cdb.length > Iscsi.BHS_CDB_LENGTH
      ? command.cdb.length
      : (cdbLengthForOpcode(command.cdb[0] as number) ?? Iscsi.BHS_CDB_LENGTH);
  const cdb = Buffer.from(command.cdb.subarray(0, cdbLength));
  const task = new TargetTask(command, bhs.subarray(8, 16), cdb, command.final || p.initialR2T);
  if (command.data.length > 0 && !task.tooLong) task.accept(0, command.data, true);
  return task;
}

/** CHECK CONDITION for write data that failed its digest or ran past the expected length; else undefined. */
export function refusedWriteData(task: TargetTask): BackendResult | undefined {
  if (task.digestFailed) return checkCondition(SenseKey.ABORTED_COMMAND, PROTOCOL_SERVICE_CRC_ERROR);
  if (task.tooLong) return checkCondition(SenseKey.ILLEGAL_REQUEST, Asc.PARAMETER_LIST_LENGTH_ERROR);
  return undefined;
}
