/**
 * Text Request (opcode 04h) and Text Response (opcode 24h) PDUs: SendTargets and full-feature negotiation.
 * Spec: RFC 7143 11.10 (Text Request: F, C, Target Transfer Tag), 11.11 (Text Response); docs/iscsi.md 7.9.
 */
import { Iscsi, IscsiOpcode } from '../constants.js';
import { expectOpcode, makePdu, newBhs, pduImmediate, type Pdu } from './pdu.js';

/** Fields of a Text Request PDU. */
export interface TextRequestPdu {
  readonly immediate: boolean;
  readonly final: boolean;
  readonly continue: boolean;
  readonly lunField: Buffer;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly cmdSN: number;
  readonly expStatSN: number;
  readonly data: Buffer;
}

/** Fields of a Text Response PDU. */
export interface TextResponsePdu {
  readonly final: boolean;
  readonly continue: boolean;
  readonly lunField: Buffer;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly statSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  readonly data: Buffer;
}

const ZERO_LUN = Buffer.alloc(8);

export function encodeTextRequest(
  f: Omit<TextRequestPdu, 'lunField' | 'targetTransferTag'> & { lunField?: Buffer; targetTransferTag?: number },
): Pdu {
  const bhs = newBhs(IscsiOpcode.TEXT_REQUEST, f.immediate);
  bhs[1] = (f.final ? 0x80 : 0) | (f.continue ? 0x40 : 0);
  (f.lunField ?? ZERO_LUN).copy(bhs, 8, 0, 8);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE((f.targetTransferTag ?? Iscsi.RESERVED_TAG) >>> 0, 20);
  bhs.writeUInt32BE(f.cmdSN >>> 0, 24);
  bhs.writeUInt32BE(f.expStatSN >>> 0, 28);
  return makePdu(bhs, f.data);
}

export function decodeTextRequest(pdu: Pdu): TextRequestPdu {
  expectOpcode(pdu, IscsiOpcode.TEXT_REQUEST, 'Text Request');
  const { bhs } = pdu;
  const b1 = bhs[1] as number;
  return {
    immediate: pduImmediate(bhs),
    final: (b1 & 0x80) !== 0,
    continue: (b1 & 0x40) !== 0,
    lunField: bhs.subarray(8, 16),
    initiatorTaskTag: bhs.readUInt32BE(16),
    targetTransferTag: bhs.readUInt32BE(20),
    cmdSN: bhs.readUInt32BE(24),
    expStatSN: bhs.readUInt32BE(28),
    data: pdu.data,
  };
}

export function encodeTextResponse(f: Omit<TextResponsePdu, 'lunField'> & { lunField?: Buffer }): Pdu {
  const bhs = newBhs(IscsiOpcode.TEXT_RESPONSE);
  bhs[1] = (f.final ? 0x80 : 0) | (f.continue ? 0x40 : 0);
  (f.lunField ?? ZERO_LUN).copy(bhs, 8, 0, 8);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE(f.targetTransferTag >>> 0, 20);
  bhs.writeUInt32BE(f.statSN >>> 0, 24);
  bhs.writeUInt32BE(f.expCmdSN >>> 0, 28);
  bhs.writeUInt32BE(f.maxCmdSN >>> 0, 32);
  return makePdu(bhs, f.data);
}

export function decodeTextResponse(pdu: Pdu): TextResponsePdu {
  expectOpcode(pdu, IscsiOpcode.TEXT_RESPONSE, 'Text Response');
  const { bhs } = pdu;
  const b1 = bhs[1] as number;
  return {
    final: (b1 & 0x80) !== 0,
    continue: (b1 & 0x40) !== 0,
    lunField: bhs.subarray(8, 16),
    initiatorTaskTag: bhs.readUInt32BE(16),
    targetTransferTag: bhs.readUInt32BE(20),
    statSN: bhs.readUInt32BE(24),
    expCmdSN: bhs.readUInt32BE(28),
    maxCmdSN: bhs.readUInt32BE(32),
    data: pdu.data,
  };
}
