/**
 * READ ELEMENT STATUS (B8h) CDB codec.
 * Spec: SMC-3 (T10/1730-D) 6.10 READ ELEMENT STATUS; docs/smc-reference.md 1.2 (CDB), 1.3 (reply, not here).
 * Layout (12 bytes): 0 opcode B8h; 1 bits 7-5 reserved (LUN in SCSI-2), bit 4 VOLTAG, bits 3-0 ELEMENT TYPE
 * CODE (0 all, 1 MT, 2 ST, 3 IE, 4 DT; 5-Fh reserved); 2-3 STARTING ELEMENT ADDRESS; 4-5 NUMBER OF ELEMENTS;
 * 6 bit 1 CURDATA, bit 0 DVCID; 7-9 ALLOCATION LENGTH; 10 reserved; 11 CONTROL.
 */
import { fieldError, ok, type Decoded } from '../cdb-decoded.js';
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
  requireInt,
  requireUint,
  writeUint,
  type WithDefaults,
} from './cdb-fields.js';

/** ELEMENT TYPE CODE of the CDB: 0 all types, 1 medium transport, 2 storage, 3 import/export, 4 data transfer. */
export type CdbElementType = 0 | 1 | 2 | 3 | 4;

/** A decoded READ ELEMENT STATUS CDB. */
export interface ReadElementStatusCdb {
  /** VOLTAG (byte 1 bit 4): report volume tags. */
  readonly voltag: boolean;
  /** ELEMENT TYPE CODE (byte 1 bits 3-0). */
  readonly elementType: CdbElementType;
  /** STARTING ELEMENT ADDRESS (bytes 2-3). */
  readonly startingAddress: number;
  /** NUMBER OF ELEMENTS (bytes 4-5): most descriptors to report. */
  readonly numberOfElements: number;
  /** CURDATA (byte 6 bit 1): answer from current data, no robot motion. */
  readonly curdata: boolean;
  /** DVCID (byte 6 bit 0): report device identifiers of data transfer elements. */
  readonly dvcid: boolean;
  /** ALLOCATION LENGTH (bytes 7-9, 24 bits). */
  readonly allocationLength: number;
  /** CONTROL byte (byte 11). */
  readonly control: number;
}

/**
 * Encoder input for READ ELEMENT STATUS: CURDATA and DVCID default to false, CONTROL to 0. The element type
 * is any number here (e.g. a value of the element-status `ElementType` table) and is range-checked at run time.
 */
export type ReadElementStatusCdbInput = Omit<
  WithDefaults<ReadElementStatusCdb, 'curdata' | 'dvcid' | 'control'>,
  'elementType'
> & { readonly elementType: number };

const NAME = 'READ ELEMENT STATUS';
const LENGTH = 12;
const MAX_ELEMENT_TYPE = 4;

/** Builds a 12-byte READ ELEMENT STATUS CDB. Throws RangeError for a field out of range (element type > 4). */
export function encodeReadElementStatusCdb(fields: ReadElementStatusCdbInput): Buffer {
  const cdb = newCdb(Opcode.READ_ELEMENT_STATUS, LENGTH);
  cdb[1] =
    flagBit(requireBool('voltag', fields.voltag), 4) |
    requireInt('elementType', fields.elementType, 0, MAX_ELEMENT_TYPE);
  writeUint(cdb, 2, 2, requireUint('startingAddress', fields.startingAddress, 16));
  writeUint(cdb, 4, 2, requireUint('numberOfElements', fields.numberOfElements, 16));
  cdb[6] =
    flagBit(requireBool('curdata', fields.curdata ?? false), 1) |
    flagBit(requireBool('dvcid', fields.dvcid ?? false), 0);
  writeUint(cdb, 7, 3, requireUint('allocationLength', fields.allocationLength, 24));
  cdb[11] = controlByte(fields.control);
  return cdb;
}

/** Decodes a READ ELEMENT STATUS CDB; never throws. An element type code above 4 is a field error at byte 1 bit 3. */
export function decodeReadElementStatusCdb(cdb: Uint8Array): Decoded<ReadElementStatusCdb> {
  const bad = checkCdb(cdb, Opcode.READ_ELEMENT_STATUS, LENGTH, NAME);
  if (bad) return bad;
  const elementType = byteAt(cdb, 1) & 0x0f;
  if (elementType > MAX_ELEMENT_TYPE) return fieldError(1, `element type code ${elementType} is reserved`, 3);
  return ok({
    voltag: bitAt(cdb, 1, 4),
    elementType: elementType as CdbElementType,
    startingAddress: readUint(cdb, 2, 2),
    numberOfElements: readUint(cdb, 4, 2),
    curdata: bitAt(cdb, 6, 1),
    dvcid: bitAt(cdb, 6, 0),
    allocationLength: readUint(cdb, 7, 3),
    control: byteAt(cdb, 11),
  });
}
