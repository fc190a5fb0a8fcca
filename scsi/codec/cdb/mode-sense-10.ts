/**
 * MODE SENSE(10) (5Ah) CDB codec.
 * Spec: SPC-4 (T10/1731-D) MODE SENSE(10) command; docs/smc-reference.md 1.1, 1.4.
 * Layout (10 bytes): 0 opcode 5Ah; 1 bit 4 LLBAA, bit 3 DBD; 2 bits 7-6 PC, bits 5-0 PAGE CODE;
 * 3 SUBPAGE CODE; 4-6 reserved; 7-8 ALLOCATION LENGTH; 9 CONTROL.
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
import { encodePcPageByte, type ModeSensePageControlCode } from './mode-sense-6.js';

/** A decoded MODE SENSE(10) CDB. */
export interface ModeSense10Cdb {
  /** LLBAA (byte 1 bit 4): long LBA block descriptors accepted. */
  readonly llbaa: boolean;
  /** DBD (byte 1 bit 3): disable block descriptors. */
  readonly dbd: boolean;
  /** PC (byte 2 bits 7-6). */
  readonly pageControl: ModeSensePageControlCode;
  /** PAGE CODE (byte 2 bits 5-0). */
  readonly pageCode: number;
  /** SUBPAGE CODE (byte 3). */
  readonly subpageCode: number;
  /** ALLOCATION LENGTH (bytes 7-8). */
  readonly allocationLength: number;
  /** CONTROL byte (byte 9). */
  readonly control: number;
}

/** Encoder input for MODE SENSE(10): LLBAA and DBD default to false; PC, SUBPAGE CODE and CONTROL to 0. */
export type ModeSense10CdbInput = Omit<
  WithDefaults<ModeSense10Cdb, 'llbaa' | 'dbd' | 'pageControl' | 'subpageCode' | 'control'>,
  'pageControl'
> & { readonly pageControl?: number };

const NAME = 'MODE SENSE(10)';
const LENGTH = 10;

/** Builds a 10-byte MODE SENSE(10) CDB. Throws RangeError when a field does not fit its bits. */
export function encodeModeSense10Cdb(fields: ModeSense10CdbInput): Buffer {
  const cdb = newCdb(Opcode.MODE_SENSE_10, LENGTH);
  cdb[1] =
    flagBit(requireBool('llbaa', fields.llbaa ?? false), 4) | flagBit(requireBool('dbd', fields.dbd ?? false), 3);
  cdb[2] = encodePcPageByte(fields.pageControl ?? 0, fields.pageCode);
  cdb[3] = requireUint('subpageCode', fields.subpageCode ?? 0, 8);
  writeUint(cdb, 7, 2, requireUint('allocationLength', fields.allocationLength, 16));
  cdb[9] = controlByte(fields.control);
  return cdb;
}

/** Decodes a MODE SENSE(10) CDB; never throws. */
export function decodeModeSense10Cdb(cdb: Uint8Array): Decoded<ModeSense10Cdb> {
  const bad = checkCdb(cdb, Opcode.MODE_SENSE_10, LENGTH, NAME);
  if (bad) return bad;
  return ok({
    llbaa: bitAt(cdb, 1, 4),
    dbd: bitAt(cdb, 1, 3),
    pageControl: (byteAt(cdb, 2) >> 6) as ModeSensePageControlCode,
    pageCode: byteAt(cdb, 2) & 0x3f,
    subpageCode: byteAt(cdb, 3),
    allocationLength: readUint(cdb, 7, 2),
    control: byteAt(cdb, 9),
  });
}
