/**
 * The PDU as the codecs see it: a 48-byte Basic Header Segment, optional Additional Header Segments, and a data
 * segment (unpadded). Framing (padding, digests) is pdu-framing.ts's business.
 * Spec: RFC 7143 11.2 (PDU structure), 11.2.1 (BHS), 11.2.2 (AHS); docs/iscsi.md 7.1; SAM-5 4.7 (LUN formats).
 * In our words: docs/scsi-model.md 3.
 */
import { Iscsi } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';
import { RejectReason } from '../constants.js';

/** One PDU, header and data. `data` never includes padding or digests. */
export interface Pdu {
  /** Exactly 48 bytes. TotalAHSLength and DataSegmentLength are filled in when framing. */
  readonly bhs: Buffer;
  /** AHS bytes (a multiple of 4), usually empty. */
  readonly ahs: Buffer;
  /** Data segment without padding. */
  readonly data: Buffer;
}

const EMPTY = Buffer.alloc(0);

/** An empty buffer shared by PDUs without AHS or data (never written to). */
export function emptyBuffer(): Buffer {
  return EMPTY;
}

/** A zeroed BHS with the opcode and immediate bit set. */
export function newBhs(opcode: number, immediate = false): Buffer {
  const bhs = Buffer.alloc(Iscsi.BHS_LENGTH);
  bhs[0] = (immediate ? 0x40 : 0) | (opcode & 0x3f);
  return bhs;
}

/** Builds a PDU from its parts; writes TotalAHSLength and DataSegmentLength into the BHS. */
export function makePdu(bhs: Buffer, data: Buffer = EMPTY, ahs: Buffer = EMPTY): Pdu {
  if (ahs.length % 4 !== 0) throw new RangeError('AHS length must be a multiple of 4');
  if (data.length > Iscsi.MAX_DATA_SEGMENT_LENGTH) throw new RangeError('data segment longer than 2**24-1 bytes');
  bhs[4] = ahs.length / 4;
  bhs.writeUIntBE(data.length, 5, 3);
  return { bhs, ahs, data };
}

/** The opcode (bits 5-0 of byte 0). */
export function pduOpcode(bhs: Uint8Array): number {
  return (bhs[0] as number) & 0x3f;
}

/** The immediate delivery bit (bit 6 of byte 0). */
export function pduImmediate(bhs: Uint8Array): boolean {
  return ((bhs[0] as number) & 0x40) !== 0;
}

/** DataSegmentLength (bytes 5-7). */
export function pduDataSegmentLength(bhs: Buffer): number {
  return bhs.readUIntBE(5, 3);
}

/** TotalAHSLength in bytes (byte 4 counts 4-byte words). */
export function pduAhsLength(bhs: Uint8Array): number {
  return (bhs[4] as number) * 4;
}

/** Initiator Task Tag (bytes 16-19), present in every PDU type. */
export function pduInitiatorTaskTag(bhs: Buffer): number {
  return bhs.readUInt32BE(16);
}

/**
 * Encodes a LUN as the 8-byte structure of SAM-5 4.7: peripheral device addressing for LUNs 0-255, flat space
 * addressing for 256-16383 (the single-level forms Linux and libiscsi use). See docs/scsi-model.md 3.
 */
export function encodeLun(lun: number, into: Buffer = Buffer.alloc(8), offset = 0): Buffer {
  if (!Number.isInteger(lun) || lun < 0 || lun > 0x3fff) throw new RangeError(`LUN ${lun} is outside 0-16383`);
  into.fill(0, offset, offset + 8);
  if (lun < 256) {
    into[offset + 1] = lun;
  } else {
    into[offset] = 0x40 | (lun >> 8);
    into[offset + 1] = lun & 0xff;
  }
  return into;
}

/**
 * Decodes an 8-byte LUN field written by encodeLun (peripheral or flat space addressing, first level only).
 * Other addressing methods and multi-level LUNs throw an IscsiProtocolError (invalid PDU field).
 */
export function decodeLun(bytes: Buffer, offset = 0): number {
  const b0 = bytes[offset] as number;
  const b1 = bytes[offset + 1] as number;
  const method = b0 >> 6;
  let rest = 0;
  for (let i = 2; i < 8; i++) rest |= bytes[offset + i] as number;
  if (rest !== 0 || method > 1 || (method === 0 && b0 !== 0)) {
    throw new IscsiProtocolError(
      `unsupported LUN format ${bytes.subarray(offset, offset + 8).toString('hex')}`,
      RejectReason.INVALID_PDU_FIELD,
    );
  }
  return method === 0 ? b1 : ((b0 & 0x3f) << 8) | b1;
}

/** Checks the opcode of a PDU handed to a decoder. */
export function expectOpcode(pdu: Pdu, opcode: number, what: string): void {
  if (pdu.bhs.length !== Iscsi.BHS_LENGTH)
    throw new IscsiProtocolError(`${what}: BHS is ${pdu.bhs.length} bytes`, RejectReason.PROTOCOL_ERROR);
  if (pduOpcode(pdu.bhs) !== opcode) {
    throw new IscsiProtocolError(`${what}: opcode ${pduOpcode(pdu.bhs).toString(16)}h`, RejectReason.PROTOCOL_ERROR);
  }
}
