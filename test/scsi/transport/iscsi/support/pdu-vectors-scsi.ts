/**
 * Byte-exact vectors of the SCSI-phase PDUs (RFC 7143 11.3, 11.4, 11.7, 11.8): command, response, Data-In,
 * Data-Out, R2T.
 */
import { decodeDataIn, encodeDataIn } from '../../../../../scsi/transport/iscsi/pdu/data-in.js';
import { decodeDataOut, encodeDataOut } from '../../../../../scsi/transport/iscsi/pdu/data-out.js';
import { decodeR2t, encodeR2t } from '../../../../../scsi/transport/iscsi/pdu/r2t.js';
import { decodeScsiCommand, encodeScsiCommand } from '../../../../../scsi/transport/iscsi/pdu/scsi-command.js';
import { decodeScsiResponse, encodeScsiResponse } from '../../../../../scsi/transport/iscsi/pdu/scsi-response.js';
import { type PduVector, hex, lun } from './pdu-vector-shape.js';

export const SCSI_PHASE_VECTORS: readonly PduVector[] = [
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
];
