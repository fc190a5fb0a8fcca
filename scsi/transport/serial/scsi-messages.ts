/**
 * The COMMAND and RESPONSE messages: a SCSI command with its data-out, and its outcome with sense and data-in.
 * Spec: docs/serial-framing.md section 4.2 (layouts) and section 8 (command execution); SAM-5 Execute Command for
 * the fields (docs/scsi-model.md 1).
 */
import type { ScsiResult } from '../scsi-transport.js';
import { malformed, parsed, type Parsed } from './parsed.js';

/** Sizes and limits of the SCSI messages (section 4.2). */
export const ScsiMessageLayout = {
  COMMAND_HEADER_LENGTH: 16,
  RESPONSE_HEADER_LENGTH: 16,
  MIN_CDB_LENGTH: 1,
  MAX_CDB_LENGTH: 16,
  MAX_LUN: 0xffff,
  MAX_SENSE_LENGTH: 0xffff,
} as const;

/** RESPONSE byte 4: whether the command ran (section 4.2.2). */
export const ResponseCode = {
  /** The command ran; status, sense and data-in are valid. */
  COMPLETED: 0x00,
  /** The COMMAND message was malformed; the command did not run. The initiator reports ETRANSPORT. */
  REJECTED: 0x01,
  /** The target failed to execute the command (an internal fault); the initiator reports ETRANSPORT. */
  TARGET_FAILURE: 0x02,
} as const;

/** A COMMAND message. */
export interface CommandMessage {
  /** Chosen by the initiator, echoed in the RESPONSE (32 bits). */
  readonly tag: number;
  readonly lun: number;
  readonly cdb: Uint8Array;
  /** The most data-in bytes the initiator accepts. */
  readonly allocationLength: number;
  /** Parameter data for the target; empty when none. */
  readonly dataOut: Uint8Array;
}

/** A RESPONSE message. */
export interface ResponseMessage {
  readonly tag: number;
  /** A {@link ResponseCode} value. */
  readonly code: number;
  /** SAM status byte (COMPLETED only; else 0). */
  readonly status: number;
  /** Sense data (CHECK CONDITION), empty when none. */
  readonly sense: Uint8Array;
  /** Bytes the target had but did not send because of the allocation length. */
  readonly residualOverflow: number;
  readonly dataIn: Uint8Array;
}

const u32 = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 0xffffffff;

/** Encodes a COMMAND message. Throws RangeError for fields the layout cannot carry. */
export function encodeCommand(m: CommandMessage): Buffer {
  const L = ScsiMessageLayout;
  if (m.cdb.length < L.MIN_CDB_LENGTH || m.cdb.length > L.MAX_CDB_LENGTH)
    throw new RangeError(`CDB of ${m.cdb.length} bytes: must be ${L.MIN_CDB_LENGTH} to ${L.MAX_CDB_LENGTH}`);
  if (!Number.isInteger(m.lun) || m.lun < 0 || m.lun > L.MAX_LUN)
    throw new RangeError(`LUN ${m.lun} out of range 0..${L.MAX_LUN}`);
  if (!u32(m.tag) || !u32(m.allocationLength))
    throw new RangeError('tag and allocation length must be 32-bit unsigned integers');
  const out = Buffer.alloc(L.COMMAND_HEADER_LENGTH + m.cdb.length + m.dataOut.length);
  out.writeUInt32BE(m.tag, 0);
  out.writeUInt16BE(m.lun, 4);
  out[6] = m.cdb.length;
  out.writeUInt32BE(m.allocationLength, 8);
  out.writeUInt32BE(m.dataOut.length, 12);
  out.set(m.cdb, L.COMMAND_HEADER_LENGTH);
  out.set(m.dataOut, L.COMMAND_HEADER_LENGTH + m.cdb.length);
  return out;
}

/** Reads the tag of a message that may be otherwise malformed (at least 4 bytes), so it can be answered. */
export function peekTag(payload: Uint8Array): number | undefined {
  return payload.length >= 4
    ? Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).readUInt32BE(0)
    : undefined;
}

/** Decodes a COMMAND message; never throws. Lengths must add up exactly. */
export function decodeCommand(payload: Uint8Array): Parsed<CommandMessage> {
  const L = ScsiMessageLayout;
  if (payload.length < L.COMMAND_HEADER_LENGTH)
    return malformed(`COMMAND of ${payload.length} bytes is shorter than its header`);
  const b = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const cdbLength = b[6] as number;
  if (cdbLength < L.MIN_CDB_LENGTH || cdbLength > L.MAX_CDB_LENGTH)
    return malformed(`CDB length ${cdbLength} out of range`);
  const dataOutLength = b.readUInt32BE(12);
  const expected = L.COMMAND_HEADER_LENGTH + cdbLength + dataOutLength;
  if (b.length !== expected) return malformed(`COMMAND of ${b.length} bytes, header says ${expected}`);
  const cdbEnd = L.COMMAND_HEADER_LENGTH + cdbLength;
  return parsed({
    tag: b.readUInt32BE(0),
    lun: b.readUInt16BE(4),
    cdb: Buffer.from(b.subarray(L.COMMAND_HEADER_LENGTH, cdbEnd)),
    allocationLength: b.readUInt32BE(8),
    dataOut: Buffer.from(b.subarray(cdbEnd)),
  });
}

/** Encodes a RESPONSE message. Throws RangeError for fields the layout cannot carry. */
export function encodeResponse(m: ResponseMessage): Buffer {
  const L = ScsiMessageLayout;
  if (m.sense.length > L.MAX_SENSE_LENGTH) throw new RangeError(`sense of ${m.sense.length} bytes is too long`);
  if (!u32(m.tag) || !u32(m.residualOverflow) || !u32(m.dataIn.length))
    throw new RangeError('tag, residual and data-in length must be 32-bit unsigned integers');
  const out = Buffer.alloc(L.RESPONSE_HEADER_LENGTH + m.sense.length + m.dataIn.length);
  out.writeUInt32BE(m.tag, 0);
  out[4] = m.code;
  out[5] = m.status;
  out.writeUInt16BE(m.sense.length, 6);
  out.writeUInt32BE(m.residualOverflow, 8);
  out.writeUInt32BE(m.dataIn.length, 12);
  out.set(m.sense, L.RESPONSE_HEADER_LENGTH);
  out.set(m.dataIn, L.RESPONSE_HEADER_LENGTH + m.sense.length);
  return out;
}

/** Decodes a RESPONSE message; never throws. Lengths must add up exactly. */
export function decodeResponse(payload: Uint8Array): Parsed<ResponseMessage> {
  const L = ScsiMessageLayout;
  if (payload.length < L.RESPONSE_HEADER_LENGTH)
    return malformed(`RESPONSE of ${payload.length} bytes is shorter than its header`);
  const b = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const senseLength = b.readUInt16BE(6);
  const dataLength = b.readUInt32BE(12);
  const expected = L.RESPONSE_HEADER_LENGTH + senseLength + dataLength;
  if (b.length !== expected) return malformed(`RESPONSE of ${b.length} bytes, header says ${expected}`);
  const senseEnd = L.RESPONSE_HEADER_LENGTH + senseLength;
  return parsed({
    tag: b.readUInt32BE(0),
    code: b[4] as number,
    status: b[5] as number,
    sense: b.subarray(L.RESPONSE_HEADER_LENGTH, senseEnd),
    residualOverflow: b.readUInt32BE(8),
    dataIn: b.subarray(senseEnd),
  });
}

/**
 * The ScsiResult of a COMPLETED response for a command that allowed `allocationLength` bytes: data beyond it is
 * cut and counted as residual overflow, with the target's own overflow (section 8.2).
 */
export function resultOfResponse(r: ResponseMessage, allocationLength: number): ScsiResult {
  const kept = Math.min(r.dataIn.length, Math.max(0, allocationLength));
  const residualOverflow = r.residualOverflow + (r.dataIn.length - kept);
  return {
    status: r.status,
    ...(r.sense.length > 0 ? { senseData: Buffer.from(r.sense) } : {}),
    dataIn: Buffer.from(r.dataIn.buffer, r.dataIn.byteOffset, kept),
    ...(residualOverflow > 0 ? { residualOverflow } : {}),
  };
}
