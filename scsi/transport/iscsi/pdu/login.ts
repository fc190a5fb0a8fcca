/**
 * Login Request (opcode 03h) and Login Response (opcode 23h) PDUs.
 * Spec: RFC 7143 11.12 (Login Request: T, C, CSG, NSG, ISID, TSIH, CID), 11.13 (Login Response: Status-Class,
 * Status-Detail), 11.12.5 (ISID formats); docs/iscsi.md 7.3.
 */
import { IscsiOpcode, RejectReason } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';
import { emptyBuffer, expectOpcode, makePdu, newBhs, type Pdu } from './pdu.js';

/** Fields of a Login Request PDU (always sent with the immediate bit). */
export interface LoginRequestPdu {
  readonly transit: boolean;
  readonly continue: boolean;
  readonly currentStage: number;
  readonly nextStage: number;
  readonly versionMax: number;
  readonly versionMin: number;
  /** 6-byte initiator session identifier. */
  readonly isid: Buffer;
  readonly tsih: number;
  readonly initiatorTaskTag: number;
  readonly cid: number;
  readonly cmdSN: number;
  readonly expStatSN: number;
  /** Text key=value pairs (see text/text-codec.ts). */
  readonly data: Buffer;
}

/** Fields of a Login Response PDU. */
export interface LoginResponsePdu {
  readonly transit: boolean;
  readonly continue: boolean;
  readonly currentStage: number;
  readonly nextStage: number;
  readonly versionMax: number;
  readonly versionActive: number;
  readonly isid: Buffer;
  readonly tsih: number;
  readonly initiatorTaskTag: number;
  readonly statSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  readonly statusClass: number;
  readonly statusDetail: number;
  readonly data: Buffer;
}

function stageFlags(transit: boolean, cont: boolean, csg: number, nsg: number): number {
  return (transit ? 0x80 : 0) | (cont ? 0x40 : 0) | ((csg & 3) << 2) | (transit ? nsg & 3 : 0);
}

function writeIsid(bhs: Buffer, isid: Buffer): void {
  if (isid.length !== 6) throw new RangeError(`ISID must be 6 bytes, got ${isid.length}`);
  isid.copy(bhs, 8);
}

export function encodeLoginRequest(f: LoginRequestPdu): Pdu {
  const bhs = newBhs(IscsiOpcode.LOGIN_REQUEST, true);
  bhs[1] = stageFlags(f.transit, f.continue, f.currentStage, f.nextStage);
  bhs[2] = f.versionMax;
  bhs[3] = f.versionMin;
  writeIsid(bhs, f.isid);
  bhs.writeUInt16BE(f.tsih, 14);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt16BE(f.cid, 20);
  bhs.writeUInt32BE(f.cmdSN >>> 0, 24);
  bhs.writeUInt32BE(f.expStatSN >>> 0, 28);
  return makePdu(bhs, f.data);
}

export function decodeLoginRequest(pdu: Pdu): LoginRequestPdu {
  expectOpcode(pdu, IscsiOpcode.LOGIN_REQUEST, 'Login Request');
  const { bhs } = pdu;
  const b1 = bhs[1] as number;
  if (pdu.ahs.length > 0) throw new IscsiProtocolError('Login Request with AHS', RejectReason.PROTOCOL_ERROR);
  return {
    transit: (b1 & 0x80) !== 0,
    continue: (b1 & 0x40) !== 0,
    currentStage: (b1 >> 2) & 3,
    nextStage: b1 & 3,
    versionMax: bhs[2] as number,
    versionMin: bhs[3] as number,
    isid: Buffer.from(bhs.subarray(8, 14)),
    tsih: bhs.readUInt16BE(14),
    initiatorTaskTag: bhs.readUInt32BE(16),
    cid: bhs.readUInt16BE(20),
    cmdSN: bhs.readUInt32BE(24),
    expStatSN: bhs.readUInt32BE(28),
    data: pdu.data,
  };
}

/** Input of encodeLoginResponse: status and version default to 0, data to empty. */
export type LoginResponseFields = Omit<
  LoginResponsePdu,
  'statusClass' | 'statusDetail' | 'versionMax' | 'versionActive' | 'data'
> &
  Partial<Pick<LoginResponsePdu, 'statusClass' | 'statusDetail' | 'versionMax' | 'versionActive' | 'data'>>;

export function encodeLoginResponse(f: LoginResponseFields): Pdu {
  const bhs = newBhs(IscsiOpcode.LOGIN_RESPONSE);
  bhs[1] = stageFlags(f.transit, f.continue, f.currentStage, f.nextStage);
  bhs[2] = f.versionMax ?? 0;
  bhs[3] = f.versionActive ?? 0;
  writeIsid(bhs, f.isid);
  bhs.writeUInt16BE(f.tsih, 14);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE(f.statSN >>> 0, 24);
  bhs.writeUInt32BE(f.expCmdSN >>> 0, 28);
  bhs.writeUInt32BE(f.maxCmdSN >>> 0, 32);
  bhs[36] = f.statusClass ?? 0;
  bhs[37] = f.statusDetail ?? 0;
  return makePdu(bhs, f.data ?? emptyBuffer());
}

export function decodeLoginResponse(pdu: Pdu): LoginResponsePdu {
  expectOpcode(pdu, IscsiOpcode.LOGIN_RESPONSE, 'Login Response');
  const { bhs } = pdu;
  const b1 = bhs[1] as number;
  return {
    transit: (b1 & 0x80) !== 0,
    continue: (b1 & 0x40) !== 0,
    currentStage: (b1 >> 2) & 3,
    nextStage: b1 & 3,
    versionMax: bhs[2] as number,
    versionActive: bhs[3] as number,
    isid: Buffer.from(bhs.subarray(8, 14)),
    tsih: bhs.readUInt16BE(14),
    initiatorTaskTag: bhs.readUInt32BE(16),
    statSN: bhs.readUInt32BE(24),
    expCmdSN: bhs.readUInt32BE(28),
    maxCmdSN: bhs.readUInt32BE(32),
    statusClass: bhs[36] as number,
    statusDetail: bhs[37] as number,
    data: pdu.data,
  };
}
