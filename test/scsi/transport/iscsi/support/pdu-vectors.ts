/**
 * Byte-exact PDU vectors written by hand from the RFC 7143 section 11 layouts (one hex group per 4-byte word of
 * the BHS), with the decoded fields each must give. Data segments are listed separately, unpadded.
 */
import type { Pdu } from '../../../../../scsi/transport/iscsi/pdu/pdu.js';
import { decodeAsyncMessage, encodeAsyncMessage } from '../../../../../scsi/transport/iscsi/pdu/async-message.js';
import { decodeDataIn, encodeDataIn } from '../../../../../scsi/transport/iscsi/pdu/data-in.js';
import { decodeDataOut, encodeDataOut } from '../../../../../scsi/transport/iscsi/pdu/data-out.js';
import { decodeLoginRequest, decodeLoginResponse, encodeLoginRequest, encodeLoginResponse } from '../../../../../scsi/transport/iscsi/pdu/login.js';
import { decodeLogoutRequest, decodeLogoutResponse, encodeLogoutRequest, encodeLogoutResponse } from '../../../../../scsi/transport/iscsi/pdu/logout.js';
import { decodeNopIn, decodeNopOut, encodeNopIn, encodeNopOut } from '../../../../../scsi/transport/iscsi/pdu/nop.js';
import { decodeR2t, encodeR2t } from '../../../../../scsi/transport/iscsi/pdu/r2t.js';
import { decodeReject, encodeReject } from '../../../../../scsi/transport/iscsi/pdu/reject.js';
import { decodeScsiCommand, encodeScsiCommand } from '../../../../../scsi/transport/iscsi/pdu/scsi-command.js';
import { decodeScsiResponse, encodeScsiResponse } from '../../../../../scsi/transport/iscsi/pdu/scsi-response.js';
import {
  decodeTaskManagementRequest,
  decodeTaskManagementResponse,
  encodeTaskManagementRequest,
  encodeTaskManagementResponse,
} from '../../../../../scsi/transport/iscsi/pdu/task-management.js';
import { decodeTextRequest, decodeTextResponse, encodeTextRequest, encodeTextResponse } from '../../../../../scsi/transport/iscsi/pdu/text.js';

/** One vector: the BHS (and AHS) words, the data, the decoded fields, and the codec pair under test. */
export interface PduVector {
  readonly name: string;
  /** BHS words, then AHS words, as hex groups separated by spaces. */
  readonly header: string;
  readonly data?: string;
  readonly fields: Record<string, unknown>;
  readonly encode: (fields: never) => Pdu;
  readonly decode: (pdu: Pdu) => unknown;
}

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const lun = (n: number) => Buffer.from([0, n, 0, 0, 0, 0, 0, 0]);
const ZERO_WORDS = (n: number) => Array.from({ length: n }, () => '00000000').join(' ');

const text = (s: string) => Buffer.from(s, 'latin1').toString('hex');

export const PDU_VECTORS: readonly PduVector[] = [
  {
    name: 'SCSI Command: READ ELEMENT STATUS, read, F, simple',
    header: `01c10000 00000000 00000000 00000000 11223344 00001000 0000000a 00000005 b8100000 00080000 10000000 00000000`,
    fields: {
      immediate: false, final: true, read: true, write: false, attribute: 1, lun: 0, initiatorTaskTag: 0x11223344,
      expectedDataTransferLength: 4096, cmdSN: 10, expStatSN: 5,
      cdb: hex('b8100000000800001000000000000000'), data: Buffer.alloc(0),
    },
    encode: encodeScsiCommand as never,
    decode: decodeScsiCommand,
  },
  {
    name: 'SCSI Command: MODE SELECT(6) with 12 bytes of immediate data, LUN 2',
    header: `01a10000 0000000c 00020000 00000000 00000001 0000000c 00000010 00000020 1510000c 00000000 00000000 00000000`,
    data: '000102030405060708090a0b',
    fields: {
      immediate: false, final: true, read: false, write: true, attribute: 1, lun: 2, initiatorTaskTag: 1,
      expectedDataTransferLength: 12, cmdSN: 0x10, expStatSN: 0x20,
      cdb: hex('1510000c000000000000000000000000'), data: hex('000102030405060708090a0b'),
    },
    encode: encodeScsiCommand as never,
    decode: decodeScsiCommand,
  },
  {
    name: 'SCSI Command: 20-byte CDB in an Extended CDB AHS, immediate, LUN 300 (flat space)',
    header: `41800000 02000000 412c0000 00000000 00000009 00000000 00000003 00000004 7f000000 00000000 00000000 00000000 00050100 a1a2a3a4`,
    fields: {
      immediate: true, final: true, read: false, write: false, attribute: 0, lun: 300, initiatorTaskTag: 9,
      expectedDataTransferLength: 0, cmdSN: 3, expStatSN: 4,
      cdb: hex('7f000000000000000000000000000000a1a2a3a4'), data: Buffer.alloc(0),
    },
    encode: encodeScsiCommand as never,
    decode: decodeScsiCommand,
  },
  {
    name: 'SCSI Response: CHECK CONDITION with 18 bytes of fixed sense',
    header: `21800002 00000014 00000000 00000000 11223344 00000000 00000064 0000000b 0000002a 00000000 00000000 00000000`,
    data: '0012 700005000000000a 00000000 2000 00000000',
    fields: {
      bidirectionalOverflow: false, bidirectionalUnderflow: false, overflow: false, underflow: false, response: 0, status: 2,
      initiatorTaskTag: 0x11223344, snackTag: 0, statSN: 0x64, expCmdSN: 0x0b, maxCmdSN: 0x2a, expDataSN: 0,
      bidirectionalReadResidualCount: 0, residualCount: 0,
      senseData: hex('700005000000000a000000002000000000 00'), responseData: Buffer.alloc(0),
    },
    encode: encodeScsiResponse as never,
    decode: decodeScsiResponse,
  },
  {
    name: 'SCSI Response: GOOD with residual underflow 159',
    header: `21820000 00000000 00000000 00000000 00000005 00000000 00000001 00000002 00000021 00000001 00000000 0000009f`,
    fields: {
      bidirectionalOverflow: false, bidirectionalUnderflow: false, overflow: false, underflow: true, response: 0, status: 0,
      initiatorTaskTag: 5, snackTag: 0, statSN: 1, expCmdSN: 2, maxCmdSN: 0x21, expDataSN: 1,
      bidirectionalReadResidualCount: 0, residualCount: 159, senseData: Buffer.alloc(0), responseData: Buffer.alloc(0),
    },
    encode: encodeScsiResponse as never,
    decode: decodeScsiResponse,
  },
  {
    name: 'Data-In: last PDU with collapsed GOOD status and underflow',
    header: `25830000 00000004 00000000 00000000 00000007 ffffffff 00000010 00000011 00000030 00000002 00002000 0000000c`,
    data: 'deadbeef',
    fields: {
      final: true, acknowledge: false, overflow: false, underflow: true, statusPresent: true, status: 0, lun: 0,
      initiatorTaskTag: 7, targetTransferTag: 0xffffffff, statSN: 0x10, expCmdSN: 0x11, maxCmdSN: 0x30, dataSN: 2,
      bufferOffset: 0x2000, residualCount: 12, data: hex('deadbeef'),
    },
    encode: encodeDataIn as never,
    decode: decodeDataIn,
  },
  {
    name: 'Data-In: middle PDU of a sequence, 6 bytes (2 bytes of padding on the wire)',
    header: `25000000 00000006 00000000 00000000 00000007 ffffffff 00000000 00000011 00000030 00000000 00000000 00000000`,
    data: '010203040506',
    fields: {
      final: false, acknowledge: false, overflow: false, underflow: false, statusPresent: false, status: 0, lun: 0,
      initiatorTaskTag: 7, targetTransferTag: 0xffffffff, statSN: 0, expCmdSN: 0x11, maxCmdSN: 0x30, dataSN: 0,
      bufferOffset: 0, residualCount: 0, data: hex('010203040506'),
    },
    encode: encodeDataIn as never,
    decode: decodeDataIn,
  },
  {
    name: 'Data-Out: solicited, final, LUN 1',
    header: `05800000 00000008 00010000 00000000 0000000a 00000003 00000000 00000044 00000000 00000001 00001000 00000000`,
    data: '0011223344556677',
    fields: {
      final: true, lunField: lun(1), initiatorTaskTag: 0x0a, targetTransferTag: 3, expStatSN: 0x44, dataSN: 1,
      bufferOffset: 0x1000, data: hex('0011223344556677'),
    },
    encode: encodeDataOut as never,
    decode: decodeDataOut,
  },
  {
    name: 'R2T: 12 KiB from offset 4 KiB',
    header: `31800000 00000000 00010000 00000000 0000000a 00000003 00000050 00000060 0000007f 00000000 00001000 00003000`,
    fields: {
      lunField: lun(1), initiatorTaskTag: 0x0a, targetTransferTag: 3, statSN: 0x50, expCmdSN: 0x60, maxCmdSN: 0x7f,
      r2tSN: 0, bufferOffset: 0x1000, desiredDataTransferLength: 0x3000,
    },
    encode: encodeR2t as never,
    decode: decodeR2t,
  },
  {
    name: 'Login Request: leading PDU, operational stage straight to full feature (T=1 CSG=1 NSG=3)',
    header: `43870000 00000029 80123456 00000000 00000000 00000000 00000001 00000000 ${ZERO_WORDS(4)}`,
    data: text('InitiatorName=iqn.x:i\0TargetName=iqn.x:t\0'),
    fields: {
      transit: true, continue: false, currentStage: 1, nextStage: 3, versionMax: 0, versionMin: 0,
      isid: hex('801234560000'), tsih: 0, initiatorTaskTag: 0, cid: 0, cmdSN: 1, expStatSN: 0,
      data: Buffer.from('InitiatorName=iqn.x:i\0TargetName=iqn.x:t\0', 'latin1'),
    },
    encode: encodeLoginRequest as never,
    decode: decodeLoginRequest,
  },
  {
    name: 'Login Response: authentication failure (02h/01h)',
    header: `23000000 00000000 80123456 00000000 00000000 00000000 12345678 00000001 00000020 02010000 00000000 00000000`,
    fields: {
      transit: false, continue: false, currentStage: 0, nextStage: 0, versionMax: 0, versionActive: 0,
      isid: hex('801234560000'), tsih: 0, initiatorTaskTag: 0, statSN: 0x12345678, expCmdSN: 1, maxCmdSN: 0x20,
      statusClass: 2, statusDetail: 1, data: Buffer.alloc(0),
    },
    encode: encodeLoginResponse as never,
    decode: decodeLoginResponse,
  },
  {
    name: 'Login Response: final, security stage to operational (T=1 CSG=0 NSG=1), TSIH 1',
    header: `23810000 00000000 80123456 00000001 00000000 00000000 00000007 00000001 00000020 00000000 00000000 00000000`,
    fields: {
      transit: true, continue: false, currentStage: 0, nextStage: 1, versionMax: 0, versionActive: 0,
      isid: hex('801234560000'), tsih: 1, initiatorTaskTag: 0, statSN: 7, expCmdSN: 1, maxCmdSN: 0x20,
      statusClass: 0, statusDetail: 0, data: Buffer.alloc(0),
    },
    encode: encodeLoginResponse as never,
    decode: decodeLoginResponse,
  },
  {
    name: 'Text Request: SendTargets=All, immediate',
    header: `44800000 00000010 00000000 00000000 0000000b ffffffff 00000005 00000006 ${ZERO_WORDS(4)}`,
    data: text('SendTargets=All\0'),
    fields: {
      immediate: true, final: true, continue: false, lunField: Buffer.alloc(8), initiatorTaskTag: 0x0b,
      targetTransferTag: 0xffffffff, cmdSN: 5, expStatSN: 6, data: Buffer.from('SendTargets=All\0'),
    },
    encode: encodeTextRequest as never,
    decode: decodeTextRequest,
  },
  {
    name: 'Text Response: one target, final',
    header: `24800000 00000013 00000000 00000000 0000000b ffffffff 00000009 00000005 00000024 00000000 00000000 00000000`,
    data: text('TargetName=iqn.x:t\0'),
    fields: {
      final: true, continue: false, lunField: Buffer.alloc(8), initiatorTaskTag: 0x0b, targetTransferTag: 0xffffffff,
      statSN: 9, expCmdSN: 5, maxCmdSN: 0x24, data: Buffer.from('TargetName=iqn.x:t\0'),
    },
    encode: encodeTextResponse as never,
    decode: decodeTextResponse,
  },
  {
    name: 'Logout Request: close the session, immediate',
    header: `46800000 00000000 00000000 00000000 0000000c 00000000 00000007 00000008 ${ZERO_WORDS(4)}`,
    fields: { immediate: true, reason: 0, initiatorTaskTag: 0x0c, cid: 0, cmdSN: 7, expStatSN: 8 },
    encode: encodeLogoutRequest as never,
    decode: decodeLogoutRequest,
  },
  {
    name: 'Logout Response: success, Time2Wait 2, Time2Retain 20',
    header: `26800000 00000000 00000000 00000000 0000000c 00000000 00000008 00000007 00000026 00000000 00020014 00000000`,
    fields: { response: 0, initiatorTaskTag: 0x0c, statSN: 8, expCmdSN: 7, maxCmdSN: 0x26, time2Wait: 2, time2Retain: 20 },
    encode: encodeLogoutResponse as never,
    decode: decodeLogoutResponse,
  },
  {
    name: 'NOP-Out: ping with data',
    header: `40800000 00000004 00000000 00000000 0000000d ffffffff 00000009 0000000a ${ZERO_WORDS(4)}`,
    data: text('ping'),
    fields: {
      immediate: true, lunField: Buffer.alloc(8), initiatorTaskTag: 0x0d, targetTransferTag: 0xffffffff, cmdSN: 9,
      expStatSN: 0x0a, data: Buffer.from('ping'),
    },
    encode: encodeNopOut as never,
    decode: decodeNopOut,
  },
  {
    name: 'NOP-In: unsolicited ping from the target (ITT FFFFFFFFh, TTT 42h)',
    header: `20800000 00000000 00000000 00000000 ffffffff 00000042 0000000b 00000009 00000028 00000000 00000000 00000000`,
    fields: {
      lunField: Buffer.alloc(8), initiatorTaskTag: 0xffffffff, targetTransferTag: 0x42, statSN: 0x0b, expCmdSN: 9,
      maxCmdSN: 0x28, data: Buffer.alloc(0),
    },
    encode: encodeNopIn as never,
    decode: decodeNopIn,
  },
  {
    name: 'Task Management Request: ABORT TASK',
    header: `42810000 00000000 00000000 00000000 0000000e 11223344 0000000b 0000000c 0000000a 00000000 00000000 00000000`,
    fields: {
      immediate: true, function: 1, lun: 0, initiatorTaskTag: 0x0e, referencedTaskTag: 0x11223344, cmdSN: 0x0b,
      expStatSN: 0x0c, refCmdSN: 0x0a, expDataSN: 0,
    },
    encode: encodeTaskManagementRequest as never,
    decode: decodeTaskManagementRequest,
  },
  {
    name: 'Task Management Response: LUN does not exist',
    header: `22800200 00000000 00000000 00000000 0000000e 00000000 0000000c 0000000b 0000002a 00000000 00000000 00000000`,
    fields: { response: 2, initiatorTaskTag: 0x0e, statSN: 0x0c, expCmdSN: 0x0b, maxCmdSN: 0x2a },
    encode: encodeTaskManagementResponse as never,
    decode: decodeTaskManagementResponse,
  },
  {
    name: 'Reject: protocol error, carrying the rejected header',
    header: `3f800400 00000030 00000000 00000000 ffffffff 00000000 0000000d 0000000b 0000002a 00000000 00000000 00000000`,
    data: `46800000 00000000 00000000 00000000 0000000c 00000000 00000007 00000008 ${ZERO_WORDS(4)}`,
    fields: {
      reason: 4, statSN: 0x0d, expCmdSN: 0x0b, maxCmdSN: 0x2a, dataSNOrR2tSN: 0,
      rejectedHeader: hex(`46800000 00000000 00000000 00000000 0000000c 00000000 00000007 00000008 ${ZERO_WORDS(4)}`),
    },
    encode: encodeReject as never,
    decode: decodeReject,
  },
  {
    name: 'Asynchronous Message: target requests logout within 5 s',
    header: `32800000 00000000 00000000 00000000 ffffffff 00000000 0000000e 0000000b 0000002a 01000000 00000005 00000000`,
    fields: {
      lunField: Buffer.alloc(8), statSN: 0x0e, expCmdSN: 0x0b, maxCmdSN: 0x2a, asyncEvent: 1, asyncVCode: 0,
      parameter1: 0, parameter2: 0, parameter3: 5, data: Buffer.alloc(0),
    },
    encode: encodeAsyncMessage as never,
    decode: decodeAsyncMessage,
  },
];

/** Splits a vector's header into BHS and AHS buffers. */
export function vectorBytes(v: PduVector): { bhs: Buffer; ahs: Buffer; data: Buffer } {
  const header = hex(v.header);
  return { bhs: header.subarray(0, 48), ahs: header.subarray(48), data: hex(v.data ?? '') };
}
