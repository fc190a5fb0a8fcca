/**
 * Task Management Function Request (opcode 02h) and Response (opcode 22h) PDUs.
 * Spec: RFC 7143 11.5 (request: function, Referenced Task Tag, RefCmdSN, ExpDataSN), 11.6 (response codes);
 * docs/iscsi.md 7.6.
 */
import { Iscsi, IscsiOpcode } from '../constants.js';
import { decodeLun, encodeLun, expectOpcode, makePdu, newBhs, pduImmediate, type Pdu } from './pdu.js';

/** Fields of a Task Management Function Request PDU. */
export interface TaskManagementRequestPdu {
  readonly immediate: boolean;
  /** TmfFunction. */
  readonly function: number;
  readonly lun: number;
  readonly initiatorTaskTag: number;
  /** The task to abort (ABORT TASK), else FFFFFFFFh. */
  readonly referencedTaskTag: number;
  readonly cmdSN: number;
  readonly expStatSN: number;
  readonly refCmdSN: number;
  readonly expDataSN: number;
}

/** Fields of a Task Management Function Response PDU. */
export interface TaskManagementResponsePdu {
  /** TmfResponse. */
  readonly response: number;
  readonly initiatorTaskTag: number;
  readonly statSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
}

export function encodeTaskManagementRequest(
  f: Omit<TaskManagementRequestPdu, 'referencedTaskTag' | 'refCmdSN' | 'expDataSN'> &
    Partial<Pick<TaskManagementRequestPdu, 'referencedTaskTag' | 'refCmdSN' | 'expDataSN'>>,
): Pdu {
  const bhs = newBhs(IscsiOpcode.TASK_MANAGEMENT_REQUEST, f.immediate);
  bhs[1] = 0x80 | (f.function & 0x7f);
  encodeLun(f.lun, bhs, 8);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE((f.referencedTaskTag ?? Iscsi.RESERVED_TAG) >>> 0, 20);
  bhs.writeUInt32BE(f.cmdSN >>> 0, 24);
  bhs.writeUInt32BE(f.expStatSN >>> 0, 28);
  bhs.writeUInt32BE((f.refCmdSN ?? 0) >>> 0, 32);
  bhs.writeUInt32BE((f.expDataSN ?? 0) >>> 0, 36);
  return makePdu(bhs);
}

export function decodeTaskManagementRequest(pdu: Pdu): TaskManagementRequestPdu {
  expectOpcode(pdu, IscsiOpcode.TASK_MANAGEMENT_REQUEST, 'Task Management Request');
  const { bhs } = pdu;
  return {
    immediate: pduImmediate(bhs),
    function: (bhs[1] as number) & 0x7f,
    lun: decodeLun(bhs, 8),
    initiatorTaskTag: bhs.readUInt32BE(16),
    referencedTaskTag: bhs.readUInt32BE(20),
    cmdSN: bhs.readUInt32BE(24),
    expStatSN: bhs.readUInt32BE(28),
    refCmdSN: bhs.readUInt32BE(32),
    expDataSN: bhs.readUInt32BE(36),
  };
}

export function encodeTaskManagementResponse(f: TaskManagementResponsePdu): Pdu {
  const bhs = newBhs(IscsiOpcode.TASK_MANAGEMENT_RESPONSE);
  bhs[1] = 0x80;
  bhs[2] = f.response;
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE(f.statSN >>> 0, 24);
  bhs.writeUInt32BE(f.expCmdSN >>> 0, 28);
  bhs.writeUInt32BE(f.maxCmdSN >>> 0, 32);
  return makePdu(bhs);
}

export function decodeTaskManagementResponse(pdu: Pdu): TaskManagementResponsePdu {
  expectOpcode(pdu, IscsiOpcode.TASK_MANAGEMENT_RESPONSE, 'Task Management Response');
  const { bhs } = pdu;
  return {
    response: bhs[2] as number,
    initiatorTaskTag: bhs.readUInt32BE(16),
    statSN: bhs.readUInt32BE(24),
    expCmdSN: bhs.readUInt32BE(28),
    maxCmdSN: bhs.readUInt32BE(32),
  };
}
