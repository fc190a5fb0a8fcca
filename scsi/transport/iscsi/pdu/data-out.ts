/**
 * SCSI Data-Out PDU (opcode 05h): solicited (answering an R2T) or unsolicited (TTT FFFFFFFFh) write data.
 * Spec: RFC 7143 11.7 (SCSI Data-Out and SCSI Data-In), 11.7.3 (Target Transfer Tag), 11.7.5 (DataSN);
 * docs/iscsi.md 7.5.
 */
import { Iscsi, IscsiOpcode } from '../constants.js';
import { expectOpcode, makePdu, newBhs, type Pdu } from './pdu.js';

/** Fields of a Data-Out PDU. The LUN field is kept raw: targets identify the task by its tags. */
export interface DataOutPdu {
  readonly final: boolean;
  /** The 8-byte LUN field as sent. */
  readonly lunField: Buffer;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly expStatSN: number;
  readonly dataSN: number;
  readonly bufferOffset: number;
  readonly data: Buffer;
}

/** Input of encodeDataOut. */
export interface DataOutFields {
  readonly final: boolean;
  readonly lunField: Buffer;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag?: number;
  readonly expStatSN: number;
  readonly dataSN: number;
  readonly bufferOffset: number;
  readonly data: Buffer;
}

export function encodeDataOut(f: DataOutFields): Pdu {
  const bhs = newBhs(IscsiOpcode.DATA_OUT);
  bhs[1] = f.final ? 0x80 : 0;
  f.lunField.copy(bhs, 8, 0, 8);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE((f.targetTransferTag ?? Iscsi.RESERVED_TAG) >>> 0, 20);
  bhs.writeUInt32BE(f.expStatSN >>> 0, 28);
  bhs.writeUInt32BE(f.dataSN >>> 0, 36);
  bhs.writeUInt32BE(f.bufferOffset >>> 0, 40);
  return makePdu(bhs, f.data);
}

export function decodeDataOut(pdu: Pdu): DataOutPdu {
  expectOpcode(pdu, IscsiOpcode.DATA_OUT, 'SCSI Data-Out');
  const { bhs } = pdu;
  return {
    final: ((bhs[1] as number) & 0x80) !== 0,
    lunField: bhs.subarray(8, 16),
    initiatorTaskTag: bhs.readUInt32BE(16),
    targetTransferTag: bhs.readUInt32BE(20),
    expStatSN: bhs.readUInt32BE(28),
    dataSN: bhs.readUInt32BE(36),
    bufferOffset: bhs.readUInt32BE(40),
    data: pdu.data,
  };
}
