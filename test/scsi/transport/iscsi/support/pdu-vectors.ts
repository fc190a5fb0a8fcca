/**
 * Byte-exact PDU vectors written by hand from the RFC 7143 section 11 layouts (docs/iscsi.md 7.1; one hex group per
 * 4-byte word of the BHS), with the decoded fields each must give. Data segments are listed separately, unpadded.
 */
import { SCSI_PHASE_VECTORS } from './pdu-vectors-scsi.js';
import { SESSION_VECTORS } from './pdu-vectors-session.js';
import { hex, type PduVector } from './pdu-vector-shape.js';

export type { PduVector } from './pdu-vector-shape.js';

/**
 * Every vector: the SCSI phase first, then the session PDUs, in the order of RFC 7143 section 11, docs/iscsi.md 7.1.
 */
export const PDU_VECTORS: readonly PduVector[] = [...SCSI_PHASE_VECTORS, ...SESSION_VECTORS];

/** Splits a vector's header into BHS and AHS buffers. */
export function vectorBytes(v: PduVector): { bhs: Buffer; ahs: Buffer; data: Buffer } {
  const header = hex(v.header);
  return { bhs: header.subarray(0, 48), ahs: header.subarray(48), data: hex(v.data ?? '') };
}
