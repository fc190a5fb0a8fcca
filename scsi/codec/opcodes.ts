/**
 * Operation codes a media changer logical unit (peripheral device type 08h) answers.
 * Spec: SPC-4 (T10/1731-D r36f) annex E (E.3.1 "Operation codes"); SMC-3 (T10/1730-D) 6 "Commands for medium changer
 * devices"; docs/smc-reference.md 1.1 for which libraries implement which.
 */
export const Opcode = {
  TEST_UNIT_READY: 0x00,
  REQUEST_SENSE: 0x03,
  INITIALIZE_ELEMENT_STATUS: 0x07,
  INQUIRY: 0x12,
  MODE_SELECT_6: 0x15,
  RESERVE_6: 0x16,
  RELEASE_6: 0x17,
  MODE_SENSE_6: 0x1a,
  OPEN_CLOSE_IMPORT_EXPORT_ELEMENT: 0x1b,
  PREVENT_ALLOW_MEDIUM_REMOVAL: 0x1e,
  POSITION_TO_ELEMENT: 0x2b,
  INITIALIZE_ELEMENT_STATUS_WITH_RANGE: 0x37,
  MODE_SELECT_10: 0x55,
  MODE_SENSE_10: 0x5a,
  PERSISTENT_RESERVE_IN: 0x5e,
  PERSISTENT_RESERVE_OUT: 0x5f,
  REPORT_LUNS: 0xa0,
  MAINTENANCE_IN: 0xa3,
  MOVE_MEDIUM: 0xa5,
  EXCHANGE_MEDIUM: 0xa6,
  READ_ELEMENT_STATUS: 0xb8,
} as const;

/** MAINTENANCE IN service action for REPORT SUPPORTED OPERATION CODES (SPC-4 6.35, docs/scsi-model.md 9). */
export const REPORT_SUPPORTED_OPERATION_CODES_SA = 0x0c;

/** Human names for traces, from the T10 opcode table. */
export const OPCODE_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(Opcode).map(([name, code]) => [code, name.replace(/_/g, ' ').replace(/ (6|10)$/, '($1)')]),
);

/**
 * CDB length implied by the opcode's group code (SPC-4 4.2.5.1, the OPERATION CODE field; docs/scsi-model.md 6).
 * Undefined for vendor groups.
 */
export function cdbLengthForOpcode(opcode: number): number | undefined {
  switch (opcode >> 5) {
    case 0:
      return 6;
    case 1:
    case 2:
      return 10;
    case 4:
      return 16;
    case 5:
      return 12;
    default:
      return undefined;
  }
}
