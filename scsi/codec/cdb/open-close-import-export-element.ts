/**
 * OPEN/CLOSE IMPORT/EXPORT ELEMENT (1Bh) CDB codec.
 * Spec: SMC-3 (T10/1730-D) clause 6 OPEN/CLOSE IMPORT/EXPORT ELEMENT command; docs/smc-reference.md 1.2.
 * Layout (6 bytes): 0 opcode 1Bh; 1 reserved; 2-3 ELEMENT ADDRESS; 4 bits 4-0 ACTION CODE (00h open,
 * 01h close, others reserved: accepted here, the handler decides; mtx "eject" sends 02h); 5 CONTROL.
 */
import { ok, type Decoded } from '../cdb-decoded.js';
import { Opcode } from '../opcodes.js';
import {
  byteAt,
  checkCdb,
  controlByte,
  newCdb,
  readUint,
  requireUint,
  writeUint,
  type WithDefaults,
} from './cdb-fields.js';

/** ACTION CODE values of OPEN/CLOSE IMPORT/EXPORT ELEMENT. */
export const ImportExportAction = { OPEN: 0x00, CLOSE: 0x01 } as const;

/** A decoded OPEN/CLOSE IMPORT/EXPORT ELEMENT CDB. */
export interface OpenCloseImportExportElementCdb {
  /** ELEMENT ADDRESS (bytes 2-3): the import/export element. */
  readonly elementAddress: number;
  /** ACTION CODE (byte 4 bits 4-0): see {@link ImportExportAction}; 02h-1Fh are reserved. */
  readonly actionCode: number;
  /** CONTROL byte (byte 5). */
  readonly control: number;
}

/** Encoder input for OPEN/CLOSE IMPORT/EXPORT ELEMENT: CONTROL defaults to 0. */
export type OpenCloseImportExportElementCdbInput = WithDefaults<OpenCloseImportExportElementCdb, 'control'>;

const NAME = 'OPEN/CLOSE IMPORT/EXPORT ELEMENT';
const LENGTH = 6;

/**
 * Builds a 6-byte OPEN/CLOSE IMPORT/EXPORT ELEMENT CDB. Throws RangeError when the address does not fit
 * 16 bits or the action code 5 bits (reserved codes 02h-1Fh are allowed, to exercise a target's checks).
 */
export function encodeOpenCloseImportExportElementCdb(fields: OpenCloseImportExportElementCdbInput): Buffer {
  const cdb = newCdb(Opcode.OPEN_CLOSE_IMPORT_EXPORT_ELEMENT, LENGTH);
  writeUint(cdb, 2, 2, requireUint('elementAddress', fields.elementAddress, 16));
  cdb[4] = requireUint('actionCode', fields.actionCode, 5);
  cdb[5] = controlByte(fields.control);
  return cdb;
}

/** Decodes an OPEN/CLOSE IMPORT/EXPORT ELEMENT CDB; never throws. */
export function decodeOpenCloseImportExportElementCdb(cdb: Uint8Array): Decoded<OpenCloseImportExportElementCdb> {
  const bad = checkCdb(cdb, Opcode.OPEN_CLOSE_IMPORT_EXPORT_ELEMENT, LENGTH, NAME);
  if (bad) return bad;
  return ok({ elementAddress: readUint(cdb, 2, 2), actionCode: byteAt(cdb, 4) & 0x1f, control: byteAt(cdb, 5) });
}
