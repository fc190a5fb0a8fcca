/**
 * SCSI Response PDU (opcode 21h): status, residuals, and autosense in the data segment.
 * Spec: RFC 7143 11.4 (SCSI Response), 11.4.7 (data segment: SenseLength, Sense Data, Response Data);
 * docs/iscsi.md 7.5.
 */
import { IscsiOpcode, RejectReason } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';
import { emptyBuffer, expectOpcode, makePdu, newBhs, type Pdu } from './pdu.js';

/** Fields of a SCSI Response PDU. */
export interface ScsiResponsePdu {
  readonly bidirectionalOverflow: boolean;
  readonly bidirectionalUnderflow: boolean;
  readonly overflow: boolean;
  readonly underflow: boolean;
  /** ScsiResponseCode: 0 command completed at target, 1 target failure. */
  readonly response: number;
  readonly status: number;
  readonly initiatorTaskTag: number;
  readonly snackTag: number;
  readonly statSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  readonly expDataSN: number;
  readonly bidirectionalReadResidualCount: number;
  readonly residualCount: number;
  /** Autosense bytes (empty when none). */
  readonly senseData: Buffer;
  /** iSCSI response data after the sense data (rarely used; empty when none). */
  readonly responseData: Buffer;
}

/** Input of encodeScsiResponse: flags, counts and tags default to 0/false, buffers to empty. */
export type ScsiResponseFields = Pick<
  ScsiResponsePdu,
  'status' | 'initiatorTaskTag' | 'statSN' | 'expCmdSN' | 'maxCmdSN'
> &
  Partial<Omit<ScsiResponsePdu, 'status' | 'initiatorTaskTag' | 'statSN' | 'expCmdSN' | 'maxCmdSN'>>;

export function encodeScsiResponse(f: ScsiResponseFields): Pdu {
  const bhs = newBhs(IscsiOpcode.SCSI_RESPONSE);
  bhs[1] =
    0x80 |
    (f.bidirectionalOverflow ? 0x10 : 0) |
    (f.bidirectionalUnderflow ? 0x08 : 0) |
    (f.overflow ? 0x04 : 0) |
    (f.underflow ? 0x02 : 0);
  bhs[2] = f.response ?? 0;
  bhs[3] = f.status;
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE((f.snackTag ?? 0) >>> 0, 20);
  bhs.writeUInt32BE(f.statSN >>> 0, 24);
  bhs.writeUInt32BE(f.expCmdSN >>> 0, 28);
  bhs.writeUInt32BE(f.maxCmdSN >>> 0, 32);
  bhs.writeUInt32BE((f.expDataSN ?? 0) >>> 0, 36);
  bhs.writeUInt32BE((f.bidirectionalReadResidualCount ?? 0) >>> 0, 40);
  bhs.writeUInt32BE((f.residualCount ?? 0) >>> 0, 44);
  const sense = f.senseData ?? emptyBuffer();
  const extra = f.responseData ?? emptyBuffer();
  let data = emptyBuffer();
  if (sense.length > 0 || extra.length > 0) {
    data = Buffer.alloc(2 + sense.length + extra.length);
    data.writeUInt16BE(sense.length, 0);
    sense.copy(data, 2);
    extra.copy(data, 2 + sense.length);
  }
  return makePdu(bhs, data);
}

export function decodeScsiResponse(pdu: Pdu): ScsiResponsePdu {
  expectOpcode(pdu, IscsiOpcode.SCSI_RESPONSE, 'SCSI Response');
  const { bhs, data } = pdu;
  const b1 = bhs[1] as number;
  let senseData = emptyBuffer();
  let responseData = emptyBuffer();
  if (data.length > 0) {
    if (data.length < 2)
      throw new IscsiProtocolError(
        'SCSI Response data segment shorter than SenseLength',
        RejectReason.INVALID_PDU_FIELD,
      );
    const senseLength = data.readUInt16BE(0);
    if (2 + senseLength > data.length)
      throw new IscsiProtocolError(
        `SenseLength ${senseLength} overruns the data segment`,
        RejectReason.INVALID_PDU_FIELD,
      );
    senseData = data.subarray(2, 2 + senseLength);
    responseData = data.subarray(2 + senseLength);
  }
  return {
    bidirectionalOverflow: (b1 & 0x10) !== 0,
    bidirectionalUnderflow: (b1 & 0x08) !== 0,
    overflow: (b1 & 0x04) !== 0,
    underflow: (b1 & 0x02) !== 0,
    response: bhs[2] as number,
    status: bhs[3] as number,
    initiatorTaskTag: bhs.readUInt32BE(16),
    snackTag: bhs.readUInt32BE(20),
    statSN: bhs.readUInt32BE(24),
    expCmdSN: bhs.readUInt32BE(28),
    maxCmdSN: bhs.readUInt32BE(32),
    expDataSN: bhs.readUInt32BE(36),
    bidirectionalReadResidualCount: bhs.readUInt32BE(40),
    residualCount: bhs.readUInt32BE(44),
    senseData,
    responseData,
  };
}
