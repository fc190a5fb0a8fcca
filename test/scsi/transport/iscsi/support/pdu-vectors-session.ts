/**
 * Byte-exact vectors of the session PDUs (RFC 7143 11.5, 11.6, 11.9 to 11.19): login, text, logout, NOP, task
 * management, reject, asynchronous message.
 */
import { decodeAsyncMessage, encodeAsyncMessage } from '../../../../../scsi/transport/iscsi/pdu/async-message.js';
import { decodeLoginRequest, decodeLoginResponse, encodeLoginRequest, encodeLoginResponse } from '../../../../../scsi/transport/iscsi/pdu/login.js';
import { decodeLogoutRequest, decodeLogoutResponse, encodeLogoutRequest, encodeLogoutResponse } from '../../../../../scsi/transport/iscsi/pdu/logout.js';
import { decodeNopIn, decodeNopOut, encodeNopIn, encodeNopOut } from '../../../../../scsi/transport/iscsi/pdu/nop.js';
import { decodeReject, encodeReject } from '../../../../../scsi/transport/iscsi/pdu/reject.js';
import {
  decodeTaskManagementRequest,
  decodeTaskManagementResponse,
  encodeTaskManagementRequest,
  encodeTaskManagementResponse,
} from '../../../../../scsi/transport/iscsi/pdu/task-management.js';
import { decodeTextRequest, decodeTextResponse, encodeTextRequest, encodeTextResponse } from '../../../../../scsi/transport/iscsi/pdu/text.js';
import { type PduVector, ZERO_WORDS, hex, text } from './pdu-vector-shape.js';

export const SESSION_VECTORS: readonly PduVector[] = [
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
