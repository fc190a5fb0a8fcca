/**
 * Ready To Transfer PDU (opcode 31h): the target asks for a range of a command's write data.
 * Spec: RFC 7143 11.8 (Ready To Transfer), 11.8.2 (R2TSN), 11.8.3 (StatSN is not advanced by an R2T);
 * docs/iscsi.md 7.5.
 */
import { IscsiOpcode } from '../constants.js';
import { expectOpcode, makePdu, newBhs, type Pdu } from './pdu.js';

/** Fields of an R2T PDU. The LUN field is kept raw (copied from the command). */
export interface R2tPdu {
  readonly lunField: Buffer;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly statSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  readonly r2tSN: number;
  readonly bufferOffset: number;
  readonly desiredDataTransferLength: number;
}

export function encodeR2t(f: R2tPdu): Pdu {
  const bhs = newBhs(IscsiOpcode.R2T);
  bhs[1] = 0x80;
  f.lunField.copy(bhs, 8, 0, 8);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE(f.targetTransferTag >>> 0, 20);
  bhs.writeUInt32BE(f.statSN >>> 0, 24);
  bhs.writeUInt32BE(f.expCmdSN >>> 0, 28);
  bhs.writeUInt32BE(f.maxCmdSN >>> 0, 32);
  bhs.writeUInt32BE(f.r2tSN >>> 0, 36);
  bhs.writeUInt32BE(f.bufferOffset >>> 0, 40);
  bhs.writeUInt32BE(f.desiredDataTransferLength >>> 0, 44);
  return makePdu(bhs);
}

export function decodeR2t(pdu: Pdu): R2tPdu {
  expectOpcode(pdu, IscsiOpcode.R2T, 'R2T');
  const { bhs } = pdu;
  return {
    lunField: bhs.subarray(8, 16),
    initiatorTaskTag: bhs.readUInt32BE(16),
    targetTransferTag: bhs.readUInt32BE(20),
    statSN: bhs.readUInt32BE(24),
    expCmdSN: bhs.readUInt32BE(28),
    maxCmdSN: bhs.readUInt32BE(32),
    r2tSN: bhs.readUInt32BE(36),
    bufferOffset: bhs.readUInt32BE(40),
    desiredDataTransferLength: bhs.readUInt32BE(44),
  };
}
