/**
 * Shared parts of the byte-exact PDU vectors (RFC 7143 section 11 layouts; docs/iscsi.md 7.1): the vector shape and the
 * hex helpers.
 */
import type { Pdu } from '../../../../../scsi/transport/iscsi/pdu/pdu.js';

/** One vector: the BHS (and AHS) words, the data, the decoded fields, and the codec pair under test. */
export interface PduVector {
  readonly name: string;
  /** BHS words, then AHS words, as hex groups separated by spaces. */
  readonly header: string;
  readonly data?: string;
  readonly fields: Record<string, unknown>;
  readonly encode: (fields: never) => Pdu;
  readonly decode: (pdu: Pdu) => unknown;
}

/** Hex groups (spaces ignored) to bytes. */
export const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
/** An 8-byte single-level LUN field for LUN n (SAM-5 4.7, peripheral addressing; docs/scsi-model.md 3). */
export const lun = (n: number) => Buffer.from([0, n, 0, 0, 0, 0, 0, 0]);
/** n zero words, as hex groups. */
export const ZERO_WORDS = (n: number) => Array.from({ length: n }, () => '00000000').join(' ');
/** A latin1 text as hex (text keys and values of login and text PDUs). */
export const text = (s: string) => Buffer.from(s, 'latin1').toString('hex');
