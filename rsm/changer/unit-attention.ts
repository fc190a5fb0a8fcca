/**
 * What a unit attention from a changer means to the RSM model. Real changers report an event as CHECK
 * CONDITION with sense key UNIT ATTENTION on the next command; the model records the event and sends the
 * command again. Spec: SAM-5 (unit attention condition), SPC-4 4.5 (ASC/ASCQ), docs/smc-reference.md 1.6
 * and 1.7 (28/01 IE accessed, 28/00 door closed or not ready to ready, 29/xx reset, 3B/12 and 3B/13 magazine).
 */

/** The events the model reacts to. */
export const UnitAttentionMeaning = {
  IE_ACCESSED: 'ie-accessed',
  NOT_READY_TO_READY: 'not-ready-to-ready',
  RESET: 'reset',
  MAGAZINE_REMOVED: 'magazine-removed',
  MAGAZINE_INSERTED: 'magazine-inserted',
  MODE_PARAMETERS_CHANGED: 'mode-parameters-changed',
  INQUIRY_DATA_CHANGED: 'inquiry-data-changed',
  OTHER: 'other',
} as const;

/** One of {@link UnitAttentionMeaning}. */
export type UnitAttentionMeaningName = (typeof UnitAttentionMeaning)[keyof typeof UnitAttentionMeaning];

/** A unit attention the model met, in order. */
export interface UnitAttentionEvent {
  /** Position in the link's event sequence (1, 2, ...). */
  readonly seq: number;
  /** Clock time it was seen. */
  readonly at: number;
  readonly asc: number;
  readonly ascq: number;
  readonly meaning: UnitAttentionMeaningName;
}

/** The meaning of a unit attention's ASC/ASCQ. */
export function unitAttentionMeaning(asc: number, ascq: number): UnitAttentionMeaningName {
  if (asc === 0x28 && ascq === 0x01) return UnitAttentionMeaning.IE_ACCESSED;
  if (asc === 0x28) return UnitAttentionMeaning.NOT_READY_TO_READY;
  if (asc === 0x29) return UnitAttentionMeaning.RESET;
  if (asc === 0x3b && ascq === 0x12) return UnitAttentionMeaning.MAGAZINE_REMOVED;
  if (asc === 0x3b && ascq === 0x13) return UnitAttentionMeaning.MAGAZINE_INSERTED;
  if (asc === 0x2a && ascq === 0x01) return UnitAttentionMeaning.MODE_PARAMETERS_CHANGED;
  if (asc === 0x3f && ascq === 0x03) return UnitAttentionMeaning.INQUIRY_DATA_CHANGED;
  return UnitAttentionMeaning.OTHER;
}
