/**
 * MODE SENSE(6) (1Ah) CDB codec.
 * Spec: SPC-4 (T10/1731-D) MODE SENSE(6) command; docs/smc-reference.md 1.2 (mtx sends DBD=1, page 1Dh, 136).
 * Layout (6 bytes): 0 opcode 1Ah; 1 bit 3 DBD; 2 bits 7-6 PC, bits 5-0 PAGE CODE; 3 SUBPAGE CODE;
 * 4 ALLOCATION LENGTH; 5 CONTROL.
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
  requireBool,
  requireUint,
  type WithDefaults,
} from './cdb-fields.js';

/** Page control (PC) values of MODE SENSE (SPC-4 "Page control field", docs/scsi-model.md 11). */
export const ModeSensePageControl = { CURRENT: 0, CHANGEABLE: 1, DEFAULT: 2, SAVED: 3 } as const;

/** One of {@link ModeSensePageControl}: the 2-bit PC field. */
export type ModeSensePageControlCode = (typeof ModeSensePageControl)[keyof typeof ModeSensePageControl];

/** A decoded MODE SENSE(6) CDB. */
export interface ModeSense6Cdb {
  /** DBD (byte 1 bit 3): disable block descriptors. */
  readonly dbd: boolean;
  /** PC (byte 2 bits 7-6): current, changeable, default or saved values. */
  readonly pageControl: ModeSensePageControlCode;
  /** PAGE CODE (byte 2 bits 5-0); 3Fh asks for all pages. */
  readonly pageCode: number;
  /** SUBPAGE CODE (byte 3). */
  readonly subpageCode: number;
  /** ALLOCATION LENGTH (byte 4). */
  readonly allocationLength: number;
  /** CONTROL byte (byte 5). */
  readonly control: number;
}

/** Encoder input for MODE SENSE(6): DBD defaults to false; PC, SUBPAGE CODE and CONTROL to 0. */
export type ModeSense6CdbInput = Omit<
  WithDefaults<ModeSense6Cdb, 'dbd' | 'pageControl' | 'subpageCode' | 'control'>,
  'pageControl'
> & { readonly pageControl?: number };

const NAME = 'MODE SENSE(6)';
const LENGTH = 6;

/** Builds the byte holding PC (bits 7-6) and PAGE CODE (bits 5-0); shared with MODE SENSE(10). */
export function encodePcPageByte(pageControl: number, pageCode: number): number {
  return (requireUint('pageControl', pageControl, 2) << 6) | requireUint('pageCode', pageCode, 6);
}

/** Builds a 6-byte MODE SENSE(6) CDB. Throws RangeError when a field does not fit its bits. */
export function encodeModeSense6Cdb(fields: ModeSense6CdbInput): Buffer {
  const cdb = newCdb(Opcode.MODE_SENSE_6, LENGTH);
  cdb[1] = flagBit(requireBool('dbd', fields.dbd ?? false), 3);
  cdb[2] = encodePcPageByte(fields.pageControl ?? 0, fields.pageCode);
  cdb[3] = requireUint('subpageCode', fields.subpageCode ?? 0, 8);
  cdb[4] = requireUint('allocationLength', fields.allocationLength, 8);
  cdb[5] = controlByte(fields.control);
  return cdb;
}

/** Decodes a MODE SENSE(6) CDB; never throws (every PC and page code value is well-formed). */
export function decodeModeSense6Cdb(cdb: Uint8Array): Decoded<ModeSense6Cdb> {
  const bad = checkCdb(cdb, Opcode.MODE_SENSE_6, LENGTH, NAME);
  if (bad) return bad;
  return ok({
    dbd: bitAt(cdb, 1, 3),
    pageControl: (byteAt(cdb, 2) >> 6) as ModeSensePageControlCode,
    pageCode: byteAt(cdb, 2) & 0x3f,
    subpageCode: byteAt(cdb, 3),
    allocationLength: byteAt(cdb, 4),
    control: byteAt(cdb, 5),
  });
}
