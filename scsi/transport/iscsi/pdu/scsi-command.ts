/**
 * SCSI Command PDU (opcode 01h) with its optional Extended CDB and Bidirectional Read AHS.
 * Spec: RFC 7143 11.3 (SCSI Command), 11.2.2.3 (Extended CDB AHS), 11.2.2.4 (Bidirectional Read Expected Data
 * Transfer Length AHS); docs/iscsi.md 7.5.
 */
import { Iscsi, IscsiOpcode, RejectReason } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';
import { decodeLun, emptyBuffer, encodeLun, expectOpcode, makePdu, newBhs, pduImmediate, type Pdu } from './pdu.js';

/** SAM task attributes (ATTR, byte 1 bits 2-0). */
export const TaskAttribute = { UNTAGGED: 0, SIMPLE: 1, ORDERED: 2, HEAD_OF_QUEUE: 3, ACA: 4 } as const;

const AHS_EXTENDED_CDB = 1;
const AHS_BIDI_READ_LENGTH = 2;

/** Fields of a SCSI Command PDU. */
export interface ScsiCommandPdu {
  readonly immediate: boolean;
  /** F: no unsolicited Data-Out PDUs follow. */
  readonly final: boolean;
  readonly read: boolean;
  readonly write: boolean;
  readonly attribute: number;
  readonly lun: number;
  readonly initiatorTaskTag: number;
  readonly expectedDataTransferLength: number;
  readonly cmdSN: number;
  readonly expStatSN: number;
  /** The whole CDB: 16 bytes from the BHS (zero padded) plus any Extended CDB AHS bytes. */
  readonly cdb: Buffer;
  /** From the Bidirectional Read AHS, when present. */
  readonly bidirectionalReadLength?: number;
  /** Immediate data. */
  readonly data: Buffer;
}

/** Input of encodeScsiCommand: `cdb` may be 1 to 260 bytes; `attribute` defaults to SIMPLE. */
export type ScsiCommandFields = Omit<ScsiCommandPdu, 'attribute' | 'data'> & {
  readonly attribute?: number;
  readonly data?: Buffer;
};

export function encodeScsiCommand(f: ScsiCommandFields): Pdu {
  const bhs = newBhs(IscsiOpcode.SCSI_COMMAND, f.immediate);
  bhs[1] =
    (f.final ? 0x80 : 0) | (f.read ? 0x40 : 0) | (f.write ? 0x20 : 0) | ((f.attribute ?? TaskAttribute.SIMPLE) & 0x07);
  encodeLun(f.lun, bhs, 8);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE(f.expectedDataTransferLength >>> 0, 20);
  bhs.writeUInt32BE(f.cmdSN >>> 0, 24);
  bhs.writeUInt32BE(f.expStatSN >>> 0, 28);
  if (f.cdb.length < 1 || f.cdb.length > 260) throw new RangeError(`CDB of ${f.cdb.length} bytes`);
  Buffer.from(f.cdb.buffer, f.cdb.byteOffset, Math.min(f.cdb.length, Iscsi.BHS_CDB_LENGTH)).copy(bhs, 32);
  const ahs: Buffer[] = [];
  if (f.cdb.length > Iscsi.BHS_CDB_LENGTH) {
    const extra = f.cdb.length - Iscsi.BHS_CDB_LENGTH;
    const segment = Buffer.alloc(4 + extra + ((4 - (extra % 4)) % 4));
    segment.writeUInt16BE(extra + 1, 0);
    segment[2] = AHS_EXTENDED_CDB;
    Buffer.from(f.cdb.buffer, f.cdb.byteOffset + Iscsi.BHS_CDB_LENGTH, extra).copy(segment, 4);
    ahs.push(segment);
  }
  if (f.bidirectionalReadLength !== undefined) {
    const segment = Buffer.alloc(8);
    segment.writeUInt16BE(5, 0);
    segment[2] = AHS_BIDI_READ_LENGTH;
    segment.writeUInt32BE(f.bidirectionalReadLength >>> 0, 4);
    ahs.push(segment);
  }
  return makePdu(bhs, f.data ?? emptyBuffer(), ahs.length > 0 ? Buffer.concat(ahs) : emptyBuffer());
}

export function decodeScsiCommand(pdu: Pdu): ScsiCommandPdu {
  expectOpcode(pdu, IscsiOpcode.SCSI_COMMAND, 'SCSI Command');
  const { bhs } = pdu;
  let cdb = bhs.subarray(32, 48);
  let bidirectionalReadLength: number | undefined;
  let offset = 0;
  while (offset < pdu.ahs.length) {
    if (offset + 4 > pdu.ahs.length) throw new IscsiProtocolError('truncated AHS', RejectReason.INVALID_PDU_FIELD);
    const length = pdu.ahs.readUInt16BE(offset);
    const type = pdu.ahs[offset + 2] as number;
    const end = offset + 3 + length;
    if (length < 1 || end > pdu.ahs.length)
      throw new IscsiProtocolError(`AHS length ${length} overruns the AHS`, RejectReason.INVALID_PDU_FIELD);
    if (type === AHS_EXTENDED_CDB && cdb.length === Iscsi.BHS_CDB_LENGTH) {
      cdb = Buffer.concat([cdb, pdu.ahs.subarray(offset + 4, end)]);
    } else if (type === AHS_BIDI_READ_LENGTH && length === 5) {
      bidirectionalReadLength = pdu.ahs.readUInt32BE(offset + 4);
    } else {
      throw new IscsiProtocolError(`unsupported AHS type ${type}`, RejectReason.INVALID_PDU_FIELD);
    }
    offset = end + ((4 - (end % 4)) % 4);
  }
  const b1 = bhs[1] as number;
  const decoded: ScsiCommandPdu = {
    immediate: pduImmediate(bhs),
    final: (b1 & 0x80) !== 0,
    read: (b1 & 0x40) !== 0,
    write: (b1 & 0x20) !== 0,
    attribute: b1 & 0x07,
    lun: decodeLun(bhs, 8),
    initiatorTaskTag: bhs.readUInt32BE(16),
    expectedDataTransferLength: bhs.readUInt32BE(20),
    cmdSN: bhs.readUInt32BE(24),
    expStatSN: bhs.readUInt32BE(28),
    cdb,
    data: pdu.data,
  };
  return bidirectionalReadLength === undefined ? decoded : { ...decoded, bidirectionalReadLength };
}
