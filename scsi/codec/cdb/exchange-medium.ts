/**
 * EXCHANGE MEDIUM (A6h) CDB codec.
 * Spec: SMC-3 (T10/1730-D) clause 6 EXCHANGE MEDIUM command; docs/smc-reference.md 1.2 (INV1 is byte 10 bit 0,
 * INV2 byte 10 bit 1; pyscsi swaps them and mtx puts INV1 in byte 1, both wrong).
 * Layout (12 bytes): 0 opcode A6h; 1 reserved; 2-3 MEDIUM TRANSPORT ADDRESS; 4-5 SOURCE ADDRESS;
 * 6-7 FIRST DESTINATION ADDRESS; 8-9 SECOND DESTINATION ADDRESS; 10 bit 1 INV2, bit 0 INV1; 11 CONTROL.
 */
import { ok, type Decoded } from '../cdb-decoded.js';
import { Opcode } from '../opcodes.js';
import {
  bitAt,
  byteAt,
  checkCdb,
  controlByte,
  flagBit,
  newCdb,
  readUint,
  requireBool,
  requireUint,
  writeUint,
  type WithDefaults,
} from './cdb-fields.js';

/** A decoded EXCHANGE MEDIUM CDB. */
export interface ExchangeMediumCdb {
  /** MEDIUM TRANSPORT ADDRESS (bytes 2-3). */
  readonly transportAddress: number;
  /** SOURCE ADDRESS (bytes 4-5): its medium goes to the first destination. */
  readonly sourceAddress: number;
  /** FIRST DESTINATION ADDRESS (bytes 6-7): its medium goes to the second destination. */
  readonly firstDestinationAddress: number;
  /** SECOND DESTINATION ADDRESS (bytes 8-9); may equal the source. */
  readonly secondDestinationAddress: number;
  /** INV1 (byte 10 bit 0): invert the first medium. */
  readonly invert1: boolean;
  /** INV2 (byte 10 bit 1): invert the second medium. */
  readonly invert2: boolean;
  /** CONTROL byte (byte 11). */
  readonly control: number;
}

/** Encoder input for EXCHANGE MEDIUM: INV1 and INV2 default to false, CONTROL to 0. */
export type ExchangeMediumCdbInput = WithDefaults<ExchangeMediumCdb, 'invert1' | 'invert2' | 'control'>;

const NAME = 'EXCHANGE MEDIUM';
const LENGTH = 12;

/** Builds a 12-byte EXCHANGE MEDIUM CDB. Throws RangeError when an address does not fit 16 bits. */
export function encodeExchangeMediumCdb(fields: ExchangeMediumCdbInput): Buffer {
  const cdb = newCdb(Opcode.EXCHANGE_MEDIUM, LENGTH);
  writeUint(cdb, 2, 2, requireUint('transportAddress', fields.transportAddress, 16));
  writeUint(cdb, 4, 2, requireUint('sourceAddress', fields.sourceAddress, 16));
  writeUint(cdb, 6, 2, requireUint('firstDestinationAddress', fields.firstDestinationAddress, 16));
  writeUint(cdb, 8, 2, requireUint('secondDestinationAddress', fields.secondDestinationAddress, 16));
  cdb[10] =
    flagBit(requireBool('invert2', fields.invert2 ?? false), 1) |
    flagBit(requireBool('invert1', fields.invert1 ?? false), 0);
  cdb[11] = controlByte(fields.control);
  return cdb;
}

/** Decodes an EXCHANGE MEDIUM CDB; never throws. */
export function decodeExchangeMediumCdb(cdb: Uint8Array): Decoded<ExchangeMediumCdb> {
  const bad = checkCdb(cdb, Opcode.EXCHANGE_MEDIUM, LENGTH, NAME);
  if (bad) return bad;
  return ok({
    transportAddress: readUint(cdb, 2, 2),
    sourceAddress: readUint(cdb, 4, 2),
    firstDestinationAddress: readUint(cdb, 6, 2),
    secondDestinationAddress: readUint(cdb, 8, 2),
    invert1: bitAt(cdb, 10, 0),
    invert2: bitAt(cdb, 10, 1),
    control: byteAt(cdb, 11),
  });
}
