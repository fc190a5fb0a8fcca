/**
 * Sense data: fixed format (70h current, 71h deferred) and descriptor format (72h, 73h).
 * Spec: SPC-4 4.5.3 "Fixed format sense data", 4.5.2 "Descriptor format sense data",
 * 4.5.2.2 information sense data descriptor (type 00h), 4.5.2.4 sense key specific sense data descriptor
 * (type 02h) with the field pointer (SKSV, C/D, BPV, bit pointer); docs/smc-reference.md 1.5.
 */
import { asBuffer, checkUint } from './byte-fields.js';
import type { CdbFieldError } from './cdb-decoded.js';
import { CodecError } from './codec-error.js';
import { ascName, SenseKey, senseKeyName } from './sense-codes.js';

/** RESPONSE CODE values (byte 0 bits 6-0). */
export const SenseResponseCode = {
  CURRENT_FIXED: 0x70,
  DEFERRED_FIXED: 0x71,
  CURRENT_DESCRIPTOR: 0x72,
  DEFERRED_DESCRIPTOR: 0x73,
} as const;

/** DESCRIPTOR TYPE values of the sense data descriptors this codec reads and writes. */
export const SenseDescriptorType = {
  INFORMATION: 0x00,
  SENSE_KEY_SPECIFIC: 0x02,
} as const;

/** Length of fixed format sense data as this codec writes it (additional sense length 0Ah). */
export const FIXED_SENSE_LENGTH = 18;

/** Where in the CDB (or parameter list) the error is: sense key specific data with SKSV=1. */
export interface FieldPointer {
  /** C/D: true when the error is in the CDB, false when in the parameter data. */
  cd: boolean;
  /** FIELD POINTER: byte offset of the bad field (its most significant byte). */
  byte: number;
  /** BIT POINTER (0-7, most significant bit of the field); given iff BPV=1. */
  bit?: number;
}

/** Decoded or to-be-encoded sense data. */
export interface SenseData {
  /** SENSE KEY (0-15), see SenseKey. */
  key: number;
  /** ADDITIONAL SENSE CODE and qualifier. */
  asc: number;
  ascq: number;
  /** Deferred error (response code 71h / 73h). */
  deferred?: boolean;
  /** Fixed: VALID=1 and bytes 3-6 (32 bits); descriptor: information descriptor (00h), up to 2^53-1. */
  information?: number;
  /**
   * Field pointer (SKSV=1) for ILLEGAL REQUEST. Fixed: bytes 15-17; descriptor: sense key specific
   * descriptor (02h). Decoders report a field pointer only when the sense key is ILLEGAL REQUEST.
   */
  fieldPointer?: FieldPointer;
  /**
   * Sense key specific data (SKSV=1) for other sense keys, as the 23 bits after SKSV (a progress indication
   * for NOT READY sits in the low 16 bits). Ignored by the encoders when `fieldPointer` is given.
   */
  senseKeySpecific?: number;
  /** Set by decodeSense: which format the bytes were in. Encoders ignore it. */
  format?: 'fixed' | 'descriptor';
}

function checkCommon(s: SenseData): void {
  checkUint(s.key, 0x0f, 'sense key');
  checkUint(s.asc, 0xff, 'ASC');
  checkUint(s.ascq, 0xff, 'ASCQ');
}

/** Writes the three sense key specific bytes (SKSV=1) at `offset`, if the sense data has any. */
function writeSenseKeySpecific(buf: Buffer, offset: number, s: SenseData): boolean {
  const fp = s.fieldPointer;
  if (fp !== undefined) {
    checkUint(fp.byte, 0xffff, 'field pointer');
    let b = 0x80 | (fp.cd ? 0x40 : 0);
    if (fp.bit !== undefined) {
      checkUint(fp.bit, 7, 'bit pointer');
      b |= 0x08 | fp.bit;
    }
    buf[offset] = b;
    buf.writeUInt16BE(fp.byte, offset + 1);
    return true;
  }
  if (s.senseKeySpecific !== undefined) {
    checkUint(s.senseKeySpecific, 0x7fffff, 'sense key specific data');
    buf.writeUIntBE(0x800000 | s.senseKeySpecific, offset, 3);
    return true;
  }
  return false;
}

/** Reads three sense key specific bytes; undefined when SKSV=0. */
function readSenseKeySpecific(
  buf: Buffer,
  offset: number,
  key: number,
): Pick<SenseData, 'fieldPointer' | 'senseKeySpecific'> {
  const b = buf[offset] ?? 0;
  if ((b & 0x80) === 0) return {};
  if (key === SenseKey.ILLEGAL_REQUEST) {
    const byte = buf.readUInt16BE(offset + 1);
    const cd = (b & 0x40) !== 0;
    return { fieldPointer: (b & 0x08) !== 0 ? { cd, byte, bit: b & 0x07 } : { cd, byte } };
  }
  return { senseKeySpecific: buf.readUIntBE(offset, 3) & 0x7fffff };
}

/** Fixed format sense data, 18 bytes, additional sense length 0Ah. Throws RangeError on out-of-range fields. */
export function encodeFixedSense(s: SenseData): Buffer {
  checkCommon(s);
  const buf = Buffer.alloc(FIXED_SENSE_LENGTH);
  const code = s.deferred === true ? SenseResponseCode.DEFERRED_FIXED : SenseResponseCode.CURRENT_FIXED;
  buf[0] = code;
  buf[2] = s.key;
  if (s.information !== undefined) {
    checkUint(s.information, 0xffffffff, 'information (fixed format)');
    buf[0] = 0x80 | code;
    buf.writeUInt32BE(s.information, 3);
  }
  buf[7] = FIXED_SENSE_LENGTH - 8;
  buf[12] = s.asc;
  buf[13] = s.ascq;
  writeSenseKeySpecific(buf, 15, s);
  return buf;
}

/** Descriptor format sense data: 8-byte header, then an information descriptor and a sense key specific descriptor when needed. */
export function encodeDescriptorSense(s: SenseData): Buffer {
  checkCommon(s);
  const hasInfo = s.information !== undefined;
  const hasSks = s.fieldPointer !== undefined || s.senseKeySpecific !== undefined;
  const buf = Buffer.alloc(8 + (hasInfo ? 12 : 0) + (hasSks ? 8 : 0));
  buf[0] = s.deferred === true ? SenseResponseCode.DEFERRED_DESCRIPTOR : SenseResponseCode.CURRENT_DESCRIPTOR;
  buf[1] = s.key;
  buf[2] = s.asc;
  buf[3] = s.ascq;
  buf[7] = buf.length - 8;
  let off = 8;
  if (s.information !== undefined) {
    checkUint(s.information, Number.MAX_SAFE_INTEGER, 'information');
    buf[off] = SenseDescriptorType.INFORMATION;
    buf[off + 1] = 0x0a;
    buf[off + 2] = 0x80; // VALID
    buf.writeBigUInt64BE(BigInt(s.information), off + 4);
    off += 12;
  }
  if (hasSks) {
    buf[off] = SenseDescriptorType.SENSE_KEY_SPECIFIC;
    buf[off + 1] = 0x06;
    writeSenseKeySpecific(buf, off + 4, s);
  }
  return buf;
}

/** Sense data in the format the initiator asked for (REQUEST SENSE DESC bit, control mode page D_SENSE). */
export function encodeSense(s: SenseData, descriptorFormat: boolean): Buffer {
  return descriptorFormat ? encodeDescriptorSense(s) : encodeFixedSense(s);
}

function decodeFixed(buf: Buffer): SenseData {
  const end = Math.min(buf.length, 8 + (buf[7] ?? 0));
  if (end < 14) throw new CodecError('fixed format sense data', end, 'too short for ASC and ASCQ (needs 14 bytes)');
  const b0 = buf[0] ?? 0;
  const key = (buf[2] ?? 0) & 0x0f;
  const s: SenseData = { key, asc: buf[12] ?? 0, ascq: buf[13] ?? 0, format: 'fixed' };
  if ((b0 & 0x7f) === SenseResponseCode.DEFERRED_FIXED) s.deferred = true;
  if ((b0 & 0x80) !== 0) s.information = buf.readUInt32BE(3);
  if (end >= 18) Object.assign(s, readSenseKeySpecific(buf, 15, key));
  return s;
}

function decodeDescriptor(buf: Buffer): SenseData {
  if (buf.length < 8) throw new CodecError('descriptor format sense data', buf.length, 'needs an 8-byte header');
  const key = (buf[1] ?? 0) & 0x0f;
  const s: SenseData = { key, asc: buf[2] ?? 0, ascq: buf[3] ?? 0, format: 'descriptor' };
  if (((buf[0] ?? 0) & 0x7f) === SenseResponseCode.DEFERRED_DESCRIPTOR) s.deferred = true;
  const declaredEnd = 8 + (buf[7] ?? 0);
  const end = Math.min(buf.length, declaredEnd);
  let off = 8;
  while (off + 2 <= end) {
    const type = buf[off] ?? 0;
    const next = off + 2 + (buf[off + 1] ?? 0);
    if (next > declaredEnd) throw new CodecError('sense data descriptor', off, 'runs past the additional sense length');
    if (next > end) break; // cut by the allocation length
    if (type === SenseDescriptorType.INFORMATION && s.information === undefined) {
      if (next - off < 12)
        throw new CodecError('information sense data descriptor', off, 'additional length must be 0Ah');
      if (((buf[off + 2] ?? 0) & 0x80) !== 0) {
        const info = buf.readBigUInt64BE(off + 4);
        if (info > BigInt(Number.MAX_SAFE_INTEGER))
          throw new CodecError(
            'information sense data descriptor',
            off + 4,
            'information does not fit a JavaScript number',
          );
        s.information = Number(info);
      }
    } else if (
      type === SenseDescriptorType.SENSE_KEY_SPECIFIC &&
      s.fieldPointer === undefined &&
      s.senseKeySpecific === undefined
    ) {
      if (next - off < 8)
        throw new CodecError('sense key specific sense data descriptor', off, 'additional length must be 06h');
      Object.assign(s, readSenseKeySpecific(buf, off + 4, key));
    }
    off = next;
  }
  if (off < end && end === declaredEnd)
    throw new CodecError('sense data descriptor', off, 'a descriptor header is cut by the additional sense length');
  return s;
}

/**
 * Decodes fixed or descriptor sense data. Tolerates data cut short by an allocation length (whatever whole
 * fields are present are decoded) and ignores bytes past the additional sense length. Throws CodecError on
 * an unknown response code, fewer bytes than ASC/ASCQ need, or descriptors inconsistent with the lengths.
 */
export function decodeSense(bytes: Uint8Array): SenseData {
  const buf = asBuffer(bytes);
  if (buf.length === 0) throw new CodecError('sense data', 0, 'empty');
  const code = (buf[0] ?? 0) & 0x7f;
  switch (code) {
    case SenseResponseCode.CURRENT_FIXED:
    case SenseResponseCode.DEFERRED_FIXED:
      return decodeFixed(buf);
    case SenseResponseCode.CURRENT_DESCRIPTOR:
    case SenseResponseCode.DEFERRED_DESCRIPTOR:
      if (((buf[0] ?? 0) & 0x80) !== 0)
        throw new CodecError('descriptor format sense data', 0, 'byte 0 bit 7 is reserved');
      return decodeDescriptor(buf);
    default:
      throw new CodecError('sense data', 0, `unknown response code ${code.toString(16).padStart(2, '0')}h`);
  }
}

function descriptorsTile(buf: Buffer): boolean {
  let off = 8;
  while (off < buf.length) {
    if (off + 2 > buf.length) return false;
    const type = buf[off] ?? 0;
    const len = buf[off + 1] ?? 0;
    if (type === SenseDescriptorType.INFORMATION && (len !== 0x0a || ((buf[off + 2] ?? 0) & 0x80) === 0)) return false;
    if (type === SenseDescriptorType.SENSE_KEY_SPECIFIC && (len !== 0x06 || ((buf[off + 4] ?? 0) & 0x80) === 0))
      return false;
    off += 2 + len;
  }
  return off === buf.length;
}

/**
 * True when `bytes` is complete, self-consistent sense data: a known response code, exactly 8 + additional
 * sense length bytes (at most 252), 18 bytes or more in fixed format, reserved header bits zero in
 * descriptor format, and descriptors that exactly fill the additional length with valid information (00h)
 * and sense key specific (02h) descriptors. Never throws.
 */
export function isWellFormedSense(bytes: Uint8Array): boolean {
  const buf = asBuffer(bytes);
  if (buf.length < 8 || buf.length > 252 || buf.length !== 8 + (buf[7] ?? 0)) return false;
  const b0 = buf[0] ?? 0;
  const code = b0 & 0x7f;
  if (code === SenseResponseCode.CURRENT_FIXED || code === SenseResponseCode.DEFERRED_FIXED) {
    if (buf.length < FIXED_SENSE_LENGTH) return false;
    if (
      ((buf[15] ?? 0) & 0x80) !== 0 &&
      ((buf[15] ?? 0) & 0x30) !== 0 &&
      ((buf[2] ?? 0) & 0x0f) === SenseKey.ILLEGAL_REQUEST
    )
      return false;
  } else if (code === SenseResponseCode.CURRENT_DESCRIPTOR || code === SenseResponseCode.DEFERRED_DESCRIPTOR) {
    if ((b0 & 0x80) !== 0 || ((buf[1] ?? 0) & 0xf0) !== 0) return false;
    if (((buf[4] ?? 0) & 0x7f) !== 0 || buf[5] !== 0 || buf[6] !== 0) return false;
    if (!descriptorsTile(buf)) return false;
  } else {
    return false;
  }
  try {
    decodeSense(buf);
    return true;
  } catch (e) {
    if (e instanceof CodecError) return false;
    throw e;
  }
}

/** CHECK CONDITION sense for a CDB field error: ILLEGAL REQUEST, the error's ASC/ASCQ, C/D=1 field pointer. */
export function senseFromFieldError(e: CdbFieldError): SenseData {
  return {
    key: SenseKey.ILLEGAL_REQUEST,
    asc: e.sense.asc,
    ascq: e.sense.ascq,
    fieldPointer: e.bit === undefined ? { cd: true, byte: e.byte } : { cd: true, byte: e.byte, bit: e.bit },
  };
}

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/**
 * One line for traces: "ILLEGAL REQUEST: INVALID FIELD IN CDB (24h/00h), field byte 4 bit 1".
 * A parameter-list pointer reads "parameter byte N"; information and deferral are appended when present.
 */
export function describeSense(s: SenseData): string {
  const name = ascName(s.asc, s.ascq);
  const code = `${hex2(s.asc)}h/${hex2(s.ascq)}h`;
  let text = `${senseKeyName(s.key)}: ${name.startsWith('ASC ') ? code : `${name} (${code})`}`;
  const fp = s.fieldPointer;
  if (fp !== undefined)
    text += `, ${fp.cd ? 'field' : 'parameter'} byte ${fp.byte}${fp.bit === undefined ? '' : ` bit ${fp.bit}`}`;
  else if (s.senseKeySpecific !== undefined)
    text += `, sense key specific ${s.senseKeySpecific.toString(16).toUpperCase()}h`;
  if (s.information !== undefined) text += `, information ${s.information}`;
  if (s.deferred === true) text += ', deferred';
  return text;
}
