/**
 * SCSI Data-In PDU (opcode 25h), optionally carrying the command's status (S bit, "status collapse").
 * Spec: RFC 7143 11.7 (SCSI Data-Out and SCSI Data-In), 11.7.1 (F, A, O, U, S flags), 11.7.4 (residuals);
 * docs/iscsi.md 7.5.
 */
import { Iscsi, IscsiOpcode } from '../constants.js';
import { decodeLun, emptyBuffer, encodeLun, expectOpcode, makePdu, newBhs, type Pdu } from './pdu.js';

/** Fields of a Data-In PDU. */
export interface DataInPdu {
  readonly final: boolean;
  readonly acknowledge: boolean;
  readonly overflow: boolean;
  readonly underflow: boolean;
  /** S: `status`, `statSN` and the residual flags are valid. */
  readonly statusPresent: boolean;
  readonly status: number;
  readonly lun: number;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly statSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  readonly dataSN: number;
  readonly bufferOffset: number;
  readonly residualCount: number;
  readonly data: Buffer;
}

/** Input of encodeDataIn: flags default false, tags to the reserved value, counts to 0. */
export type DataInFields = Pick<
  DataInPdu,
  'initiatorTaskTag' | 'expCmdSN' | 'maxCmdSN' | 'dataSN' | 'bufferOffset' | 'data'
> &
  Partial<Omit<DataInPdu, 'initiatorTaskTag' | 'expCmdSN' | 'maxCmdSN' | 'dataSN' | 'bufferOffset' | 'data'>>;

export function encodeDataIn(f: DataInFields): Pdu {
  const bhs = newBhs(IscsiOpcode.DATA_IN);
  bhs[1] =
    (f.final || f.statusPresent ? 0x80 : 0) |
    (f.acknowledge ? 0x40 : 0) |
    (f.overflow ? 0x04 : 0) |
    (f.underflow ? 0x02 : 0) |
    (f.statusPresent ? 0x01 : 0);
  bhs[3] = f.statusPresent ? (f.status ?? 0) : 0;
  encodeLun(f.lun ?? 0, bhs, 8);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE((f.targetTransferTag ?? Iscsi.RESERVED_TAG) >>> 0, 20);
  bhs.writeUInt32BE((f.statSN ?? 0) >>> 0, 24);
  bhs.writeUInt32BE(f.expCmdSN >>> 0, 28);
  bhs.writeUInt32BE(f.maxCmdSN >>> 0, 32);
  bhs.writeUInt32BE(f.dataSN >>> 0, 36);
  bhs.writeUInt32BE(f.bufferOffset >>> 0, 40);
  bhs.writeUInt32BE((f.residualCount ?? 0) >>> 0, 44);
  return makePdu(bhs, f.data ?? emptyBuffer());
}

export function decodeDataIn(pdu: Pdu): DataInPdu {
  expectOpcode(pdu, IscsiOpcode.DATA_IN, 'SCSI Data-In');
  const { bhs } = pdu;
  const b1 = bhs[1] as number;
  const acknowledge = (b1 & 0x40) !== 0;
  return {
    final: (b1 & 0x80) !== 0,
    acknowledge,
    overflow: (b1 & 0x04) !== 0,
    underflow: (b1 & 0x02) !== 0,
    statusPresent: (b1 & 0x01) !== 0,
    status: bhs[3] as number,
    // The LUN is only meaningful with the A bit (RFC 7143 11.7.4, docs/iscsi.md 7.5); otherwise it is reserved.
    lun: acknowledge ? decodeLun(bhs, 8) : 0,
    initiatorTaskTag: bhs.readUInt32BE(16),
    targetTransferTag: bhs.readUInt32BE(20),
    statSN: bhs.readUInt32BE(24),
    expCmdSN: bhs.readUInt32BE(28),
    maxCmdSN: bhs.readUInt32BE(32),
    dataSN: bhs.readUInt32BE(36),
    bufferOffset: bhs.readUInt32BE(40),
    residualCount: bhs.readUInt32BE(44),
    data: pdu.data,
  };
}
