/**
 * Reject PDU (opcode 3Fh): the target (or initiator) refuses a PDU and returns its header.
 * Spec: RFC 7143 11.17 (Reject: reason codes, DataSN/R2TSN, the rejected PDU's header in the data segment);
 * docs/iscsi.md 7.7.
 */
import { Iscsi, IscsiOpcode, RejectReason } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';
import { expectOpcode, makePdu, newBhs, type Pdu } from './pdu.js';

/** Fields of a Reject PDU. */
export interface RejectPdu {
  /** RejectReason. */
  readonly reason: number;
  readonly statSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  readonly dataSNOrR2tSN: number;
  /** The complete header (48-byte BHS) of the rejected PDU. */
  readonly rejectedHeader: Buffer;
}

export function encodeReject(f: Omit<RejectPdu, 'dataSNOrR2tSN'> & { dataSNOrR2tSN?: number }): Pdu {
  const bhs = newBhs(IscsiOpcode.REJECT);
  bhs[1] = 0x80;
  bhs[2] = f.reason;
  bhs.writeUInt32BE(Iscsi.RESERVED_TAG, 16);
  bhs.writeUInt32BE(f.statSN >>> 0, 24);
  bhs.writeUInt32BE(f.expCmdSN >>> 0, 28);
  bhs.writeUInt32BE(f.maxCmdSN >>> 0, 32);
  bhs.writeUInt32BE((f.dataSNOrR2tSN ?? 0) >>> 0, 36);
  const header = Buffer.alloc(Iscsi.BHS_LENGTH);
  f.rejectedHeader.copy(header, 0, 0, Iscsi.BHS_LENGTH);
  return makePdu(bhs, header);
}

export function decodeReject(pdu: Pdu): RejectPdu {
  expectOpcode(pdu, IscsiOpcode.REJECT, 'Reject');
  const { bhs } = pdu;
  if (pdu.data.length < Iscsi.BHS_LENGTH) {
    throw new IscsiProtocolError(
      `Reject carries ${pdu.data.length} header bytes, expected 48`,
      RejectReason.INVALID_PDU_FIELD,
    );
  }
  return {
    reason: bhs[2] as number,
    statSN: bhs.readUInt32BE(24),
    expCmdSN: bhs.readUInt32BE(28),
    maxCmdSN: bhs.readUInt32BE(32),
    dataSNOrR2tSN: bhs.readUInt32BE(36),
    rejectedHeader: pdu.data.subarray(0, Iscsi.BHS_LENGTH),
  };
}
