/**
 * NOP-Out (opcode 00h) and NOP-In (opcode 20h) PDUs: pings in both directions and their answers.
 * Spec: RFC 7143 11.18 (NOP-Out: ITT/TTT rules, ping data), 11.19 (NOP-In: StatSN not advanced when ITT is
 * FFFFFFFFh); docs/iscsi.md 7.7.
 */
import { Iscsi, IscsiOpcode } from '../constants.js';
import { emptyBuffer, expectOpcode, makePdu, newBhs, pduImmediate, type Pdu } from './pdu.js';

/** Fields of a NOP-Out PDU. */
export interface NopOutPdu {
  readonly immediate: boolean;
  readonly lunField: Buffer;
  /** FFFFFFFFh when answering a NOP-In (no response wanted). */
  readonly initiatorTaskTag: number;
  /** The NOP-In's tag when answering one, else FFFFFFFFh. */
  readonly targetTransferTag: number;
  readonly cmdSN: number;
  readonly expStatSN: number;
  readonly data: Buffer;
}

/** Fields of a NOP-In PDU. */
export interface NopInPdu {
  readonly lunField: Buffer;
  readonly initiatorTaskTag: number;
  readonly targetTransferTag: number;
  readonly statSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  readonly data: Buffer;
}

const ZERO_LUN = Buffer.alloc(8);

export function encodeNopOut(
  f: Partial<Pick<NopOutPdu, 'lunField' | 'targetTransferTag' | 'data'>> &
    Omit<NopOutPdu, 'lunField' | 'targetTransferTag' | 'data'>,
): Pdu {
  const bhs = newBhs(IscsiOpcode.NOP_OUT, f.immediate);
  bhs[1] = 0x80;
  (f.lunField ?? ZERO_LUN).copy(bhs, 8, 0, 8);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE((f.targetTransferTag ?? Iscsi.RESERVED_TAG) >>> 0, 20);
  bhs.writeUInt32BE(f.cmdSN >>> 0, 24);
  bhs.writeUInt32BE(f.expStatSN >>> 0, 28);
  return makePdu(bhs, f.data ?? emptyBuffer());
}

export function decodeNopOut(pdu: Pdu): NopOutPdu {
  expectOpcode(pdu, IscsiOpcode.NOP_OUT, 'NOP-Out');
  const { bhs } = pdu;
  return {
    immediate: pduImmediate(bhs),
    lunField: bhs.subarray(8, 16),
    initiatorTaskTag: bhs.readUInt32BE(16),
    targetTransferTag: bhs.readUInt32BE(20),
    cmdSN: bhs.readUInt32BE(24),
    expStatSN: bhs.readUInt32BE(28),
    data: pdu.data,
  };
}

export function encodeNopIn(
  f: Partial<Pick<NopInPdu, 'lunField' | 'data'>> & Omit<NopInPdu, 'lunField' | 'data'>,
): Pdu {
  const bhs = newBhs(IscsiOpcode.NOP_IN);
  bhs[1] = 0x80;
  (f.lunField ?? ZERO_LUN).copy(bhs, 8, 0, 8);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE(f.targetTransferTag >>> 0, 20);
  bhs.writeUInt32BE(f.statSN >>> 0, 24);
  bhs.writeUInt32BE(f.expCmdSN >>> 0, 28);
  bhs.writeUInt32BE(f.maxCmdSN >>> 0, 32);
  return makePdu(bhs, f.data ?? emptyBuffer());
}

export function decodeNopIn(pdu: Pdu): NopInPdu {
  expectOpcode(pdu, IscsiOpcode.NOP_IN, 'NOP-In');
  const { bhs } = pdu;
  return {
    lunField: bhs.subarray(8, 16),
    initiatorTaskTag: bhs.readUInt32BE(16),
    targetTransferTag: bhs.readUInt32BE(20),
    statSN: bhs.readUInt32BE(24),
    expCmdSN: bhs.readUInt32BE(28),
    maxCmdSN: bhs.readUInt32BE(32),
    data: pdu.data,
  };
}
