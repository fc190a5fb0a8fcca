/**
 * Logout Request (opcode 06h) and Logout Response (opcode 26h) PDUs.
 * Spec: RFC 7143 11.14 (Logout Request: reason code, CID), 11.15 (Logout Response: Time2Wait, Time2Retain);
 * docs/iscsi.md 7.7.
 */
import { IscsiOpcode } from '../constants.js';
import { expectOpcode, makePdu, newBhs, pduImmediate, type Pdu } from './pdu.js';

/** Fields of a Logout Request PDU. */
export interface LogoutRequestPdu {
  readonly immediate: boolean;
  /** LogoutReason. */
  readonly reason: number;
  readonly initiatorTaskTag: number;
  readonly cid: number;
  readonly cmdSN: number;
  readonly expStatSN: number;
}

/** Fields of a Logout Response PDU. */
export interface LogoutResponsePdu {
  /** LogoutResponseCode. */
  readonly response: number;
  readonly initiatorTaskTag: number;
  readonly statSN: number;
  readonly expCmdSN: number;
  readonly maxCmdSN: number;
  readonly time2Wait: number;
  readonly time2Retain: number;
}

export function encodeLogoutRequest(f: LogoutRequestPdu): Pdu {
  const bhs = newBhs(IscsiOpcode.LOGOUT_REQUEST, f.immediate);
  bhs[1] = 0x80 | (f.reason & 0x7f);
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt16BE(f.cid, 20);
  bhs.writeUInt32BE(f.cmdSN >>> 0, 24);
  bhs.writeUInt32BE(f.expStatSN >>> 0, 28);
  return makePdu(bhs);
}

export function decodeLogoutRequest(pdu: Pdu): LogoutRequestPdu {
  expectOpcode(pdu, IscsiOpcode.LOGOUT_REQUEST, 'Logout Request');
  const { bhs } = pdu;
  return {
    immediate: pduImmediate(bhs),
    reason: (bhs[1] as number) & 0x7f,
    initiatorTaskTag: bhs.readUInt32BE(16),
    cid: bhs.readUInt16BE(20),
    cmdSN: bhs.readUInt32BE(24),
    expStatSN: bhs.readUInt32BE(28),
  };
}

export function encodeLogoutResponse(f: LogoutResponsePdu): Pdu {
  const bhs = newBhs(IscsiOpcode.LOGOUT_RESPONSE);
  bhs[1] = 0x80;
  bhs[2] = f.response;
  bhs.writeUInt32BE(f.initiatorTaskTag >>> 0, 16);
  bhs.writeUInt32BE(f.statSN >>> 0, 24);
  bhs.writeUInt32BE(f.expCmdSN >>> 0, 28);
  bhs.writeUInt32BE(f.maxCmdSN >>> 0, 32);
  bhs.writeUInt16BE(f.time2Wait, 40);
  bhs.writeUInt16BE(f.time2Retain, 42);
  return makePdu(bhs);
}

export function decodeLogoutResponse(pdu: Pdu): LogoutResponsePdu {
  expectOpcode(pdu, IscsiOpcode.LOGOUT_RESPONSE, 'Logout Response');
  const { bhs } = pdu;
  return {
    response: bhs[2] as number,
    initiatorTaskTag: bhs.readUInt32BE(16),
    statSN: bhs.readUInt32BE(24),
    expCmdSN: bhs.readUInt32BE(28),
    maxCmdSN: bhs.readUInt32BE(32),
    time2Wait: bhs.readUInt16BE(40),
    time2Retain: bhs.readUInt16BE(42),
  };
}
