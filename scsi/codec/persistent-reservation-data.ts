/**
 * Persistent reservation data: the 24-byte basic PERSISTENT RESERVE OUT parameter list, and the PERSISTENT
 * RESERVE IN parameter data of READ KEYS and READ RESERVATION. Reservation keys are 8-byte values (bigint).
 * Spec: SPC-4 (T10/1731-D) 6.16.3 basic PERSISTENT RESERVE OUT parameter list (0-7 RESERVATION KEY, 8-15
 * SERVICE ACTION RESERVATION KEY, 16-19 obsolete, 20 bit 3 SPEC_I_PT, bit 2 ALL_TG_PT, bit 0 APTPL, 21 reserved,
 * 22-23 obsolete); 6.15.2 READ KEYS data (0-3 PRGENERATION, 4-7 ADDITIONAL LENGTH, then 8 bytes per key); 6.15.3
 * READ RESERVATION data (0-3 PRGENERATION, 4-7 ADDITIONAL LENGTH 0 or 16; then 8-15 RESERVATION KEY, 16-19
 * obsolete, 20 reserved, 21 bits 7-4 SCOPE, bits 3-0 TYPE, 22-23 obsolete); docs/smc-reference.md 1.8.
 */
import { asBuffer } from './byte-fields.js';
import { CodecError } from './codec-error.js';

/** Length of the basic PERSISTENT RESERVE OUT parameter list. */
export const PR_OUT_PARAMETER_LENGTH = 24;

/** The basic PERSISTENT RESERVE OUT parameter list. */
export interface PrOutParameters {
  readonly reservationKey: bigint;
  readonly serviceActionKey: bigint;
  /** SPEC_I_PT (byte 20 bit 3): register other initiator ports too. */
  readonly specIPt: boolean;
  /** ALL_TG_PT (byte 20 bit 2): register through every target port. */
  readonly allTgPt: boolean;
  /** APTPL (byte 20 bit 0): keep the reservation through a power loss. */
  readonly aptpl: boolean;
}

const U64 = 0xffff_ffff_ffff_ffffn;

function checkKey(name: string, key: bigint): bigint {
  if (typeof key !== 'bigint' || key < 0n || key > U64)
    throw new RangeError(`${name} must be an 8-byte unsigned value, got ${String(key)}`);
  return key;
}

/** Encodes the 24-byte parameter list; flags default to false. Throws RangeError for a key over 8 bytes. */
export function encodePrOutParameters(
  p: Pick<PrOutParameters, 'reservationKey' | 'serviceActionKey'> & Partial<PrOutParameters>,
): Buffer {
  const buf = Buffer.alloc(PR_OUT_PARAMETER_LENGTH);
  buf.writeBigUInt64BE(checkKey('reservationKey', p.reservationKey), 0);
  buf.writeBigUInt64BE(checkKey('serviceActionKey', p.serviceActionKey), 8);
  buf[20] = (p.specIPt ? 0x08 : 0) | (p.allTgPt ? 0x04 : 0) | (p.aptpl ? 0x01 : 0);
  return buf;
}

/** Decodes the parameter list. Throws CodecError unless it is exactly 24 bytes. */
export function decodePrOutParameters(bytes: Uint8Array): PrOutParameters {
  const buf = asBuffer(bytes);
  if (buf.length !== PR_OUT_PARAMETER_LENGTH)
    throw new CodecError(
      'PERSISTENT RESERVE OUT parameter list',
      buf.length,
      `needs ${PR_OUT_PARAMETER_LENGTH} bytes, got ${buf.length}`,
    );
  const flags = buf[20] ?? 0;
  return {
    reservationKey: buf.readBigUInt64BE(0),
    serviceActionKey: buf.readBigUInt64BE(8),
    specIPt: (flags & 0x08) !== 0,
    allTgPt: (flags & 0x04) !== 0,
    aptpl: (flags & 0x01) !== 0,
  };
}

/** READ KEYS parameter data. */
export interface ReadKeysData {
  /** PRGENERATION: counts registrations and reservations changed by PERSISTENT RESERVE OUT. */
  readonly generation: number;
  readonly keys: readonly bigint[];
}

/** Encodes READ KEYS parameter data (whole; the caller cuts it to the allocation length). */
export function encodeReadKeysData(d: ReadKeysData): Buffer {
  const buf = Buffer.alloc(8 + 8 * d.keys.length);
  buf.writeUInt32BE(d.generation >>> 0, 0);
  buf.writeUInt32BE(8 * d.keys.length, 4);
  d.keys.forEach((k, i) => buf.writeBigUInt64BE(checkKey('key', k), 8 + 8 * i));
  return buf;
}

/** Decodes READ KEYS data (the keys wholly present when cut). Throws CodecError on a short header or odd length. */
export function decodeReadKeysData(bytes: Uint8Array): ReadKeysData {
  const buf = asBuffer(bytes);
  if (buf.length < 8)
    throw new CodecError('READ KEYS parameter data', buf.length, `needs an 8-byte header, got ${buf.length}`);
  const length = buf.readUInt32BE(4);
  if (length % 8 !== 0)
    throw new CodecError('READ KEYS parameter data', 4, `ADDITIONAL LENGTH ${length} is not a multiple of 8`);
  const keys: bigint[] = [];
  for (let off = 8; off + 8 <= Math.min(buf.length, 8 + length); off += 8) keys.push(buf.readBigUInt64BE(off));
  return { generation: buf.readUInt32BE(0), keys };
}

/** The reservation READ RESERVATION reports, if any. */
export interface ReservationDescriptor {
  readonly key: bigint;
  readonly scope: number;
  readonly type: number;
}

/** READ RESERVATION parameter data. */
export interface ReadReservationData {
  readonly generation: number;
  readonly reservation: ReservationDescriptor | undefined;
}

/** Encodes READ RESERVATION parameter data (8 bytes without a reservation, 24 with one). */
export function encodeReadReservationData(d: ReadReservationData): Buffer {
  const r = d.reservation;
  const buf = Buffer.alloc(r ? 24 : 8);
  buf.writeUInt32BE(d.generation >>> 0, 0);
  if (!r) return buf;
  buf.writeUInt32BE(16, 4);
  buf.writeBigUInt64BE(checkKey('key', r.key), 8);
  buf[21] = ((r.scope & 0x0f) << 4) | (r.type & 0x0f);
  return buf;
}

/** Decodes READ RESERVATION data. Throws CodecError on a short header, or a length other than 0 or 16. */
export function decodeReadReservationData(bytes: Uint8Array): ReadReservationData {
  const buf = asBuffer(bytes);
  if (buf.length < 8)
    throw new CodecError('READ RESERVATION parameter data', buf.length, `needs an 8-byte header, got ${buf.length}`);
  const length = buf.readUInt32BE(4);
  const generation = buf.readUInt32BE(0);
  if (length === 0) return { generation, reservation: undefined };
  if (length !== 16 || buf.length < 24)
    throw new CodecError(
      'READ RESERVATION parameter data',
      4,
      `ADDITIONAL LENGTH ${length} with ${buf.length} bytes: expected 0, or 16 with 24 bytes`,
    );
  const b21 = buf[21] ?? 0;
  return { generation, reservation: { key: buf.readBigUInt64BE(8), scope: b21 >> 4, type: b21 & 0x0f } };
}
