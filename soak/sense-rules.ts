/**
 * The soak's own check of one SCSI answer, written apart from scsi/codec so that the codec is checked too: the
 * status is one a changer may give (SAM-5 5.3), GOOD carries no sense, and CHECK CONDITION carries sense data
 * that obeys SPC-4 4.5:
 * - response code 70h/71h (fixed, 4.5.3) or 72h/73h (descriptor, 4.5.2), total length 8 + ADDITIONAL SENSE
 *   LENGTH, at most 252 bytes (4.5), fixed format with at least the 18 bytes up to the SENSE KEY SPECIFIC field;
 * - sense key not reserved (SPC-4 4.5: 0Fh is reserved), and a CHECK CONDITION that says something
 *   (not NO SENSE with ASC/ASCQ 00h/00h);
 * - descriptor format: reserved bits zero, descriptors that tile the additional bytes exactly (4.5.2.1);
 * - ILLEGAL REQUEST with SKSV set: a field pointer (4.5.2.4) whose C/D=1 byte is inside the CDB, or whose C/D=0
 *   byte is inside the parameter list sent; reserved bits 5-4 zero;
 * - INVALID FIELD IN CDB (24h/00h) and INVALID FIELD IN PARAMETER LIST (26h/00h) carry that field pointer (the
 *   project's rule: a malformed CDB gets a field pointer on every transport), C/D matching the ASC.
 * See docs/scsi-model.md 2 and 7.
 */

/**
 * Statuses a changer may answer with (SAM-5 5.3, docs/scsi-model.md 2): GOOD, CHECK CONDITION, BUSY, RESERVATION
 * CONFLICT.
 */
export const CHANGER_STATUSES: ReadonlySet<number> = new Set([0x00, 0x02, 0x08, 0x18]);

const ILLEGAL_REQUEST = 0x05;

/** What an answer must be checked against. */
export interface CheckedAnswer {
  readonly status: number;
  readonly sense: Buffer | undefined;
  readonly cdbLength: number;
  readonly dataOutLength: number;
}

/** Sense decoded to the fields the rules and the reports use. */
export interface SenseFields {
  readonly format: 'fixed' | 'descriptor';
  readonly key: number;
  readonly asc: number;
  readonly ascq: number;
  /** The sense key specific bytes (3) when present. */
  readonly specific: Buffer | undefined;
}

/** Decodes the fields, or says why the bytes are not sense data. */
export function senseFields(sense: Buffer): SenseFields | string {
  if (sense.length < 8) return `sense of ${sense.length} bytes is shorter than 8`;
  if (sense.length > 252) return `sense of ${sense.length} bytes exceeds 252`;
  const declared = 8 + (sense[7] as number);
  if (declared !== sense.length) return `ADDITIONAL SENSE LENGTH says ${declared} bytes, ${sense.length} were sent`;
  const code = (sense[0] as number) & 0x7f;
  if (code === 0x70 || code === 0x71) {
    if (sense.length < 18)
      return `fixed-format sense of ${sense.length} bytes lacks the sense key specific field (18 bytes)`;
    if ((sense[2] as number) & 0x10) return 'fixed-format byte 2 bit 4 (SDAT_OVFL) set with complete sense';
    return {
      format: 'fixed',
      key: (sense[2] as number) & 0x0f,
      asc: sense[12] as number,
      ascq: sense[13] as number,
      specific: sense.subarray(15, 18),
    };
  }
  if (code === 0x72 || code === 0x73) {
    if ((sense[0] as number) & 0x80) return 'descriptor-format byte 0 bit 7 is reserved but set';
    if ((sense[1] as number) & 0xf0) return 'descriptor-format byte 1 bits 7-4 are reserved but set';
    let at = 8;
    let specific: Buffer | undefined;
    while (at < sense.length) {
      if (at + 2 > sense.length) return `descriptor at byte ${at} is cut short`;
      const end = at + 2 + (sense[at + 1] as number);
      if (end > sense.length)
        return `descriptor type ${(sense[at] as number).toString(16)} at byte ${at} runs past the sense data`;
      if (sense[at] === 0x02) {
        if (sense[at + 1] !== 6) return `sense key specific descriptor with additional length ${sense[at + 1]}, not 6`;
        specific = sense.subarray(at + 4, at + 7);
      }
      at = end;
    }
    return {
      format: 'descriptor',
      key: (sense[1] as number) & 0x0f,
      asc: sense[2] as number,
      ascq: sense[3] as number,
      specific,
    };
  }
  return `response code ${code.toString(16)}h is neither 70h-73h`;
}

/** Why an answer breaks the rules above, or undefined when it keeps them. */
export function answerProblem(a: CheckedAnswer): string | undefined {
  if (!CHANGER_STATUSES.has(a.status))
    return `status ${a.status.toString(16)}h is not GOOD, CHECK CONDITION, BUSY or RESERVATION CONFLICT`;
  if (a.status !== 0x02) return a.sense && a.sense.length > 0 && a.status === 0x00 ? 'GOOD with sense data' : undefined;
  if (!a.sense || a.sense.length === 0) return 'CHECK CONDITION without sense data';
  const s = senseFields(a.sense);
  if (typeof s === 'string') return s;
  if (s.key === 0x0f) return 'sense key 0Fh is reserved';
  if (s.key === 0 && s.asc === 0 && s.ascq === 0) return 'CHECK CONDITION with NO SENSE 00h/00h';
  if (s.key === 0x04 && s.asc === 0x44) return 'internal target failure 04h/44h (a handler threw)';
  if (s.key !== ILLEGAL_REQUEST) return undefined;
  const sksv = s.specific !== undefined && ((s.specific[0] as number) & 0x80) !== 0;
  const needsPointer = (s.asc === 0x24 || s.asc === 0x26) && s.ascq === 0;
  if (!sksv)
    return needsPointer
      ? `ILLEGAL REQUEST ${hex2(s.asc)}h/${hex2(s.ascq)}h without a field pointer (SKSV=0)`
      : undefined;
  const b = s.specific as Buffer;
  const cd = ((b[0] as number) & 0x40) !== 0;
  if ((b[0] as number) & 0x30) return 'field pointer byte 0 bits 5-4 are reserved but set';
  const byte = ((b[1] as number) << 8) | (b[2] as number);
  const limit = cd ? a.cdbLength : a.dataOutLength;
  if (byte >= limit)
    return `field pointer C/D=${cd ? 1 : 0} byte ${byte} is outside the ${cd ? 'CDB' : 'parameter list'} of ${limit} bytes`;
  if (s.asc === 0x24 && !cd) return 'INVALID FIELD IN CDB with a field pointer into the parameter list (C/D=0)';
  if (s.asc === 0x26 && cd) return 'INVALID FIELD IN PARAMETER LIST with a field pointer into the CDB (C/D=1)';
  return undefined;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
