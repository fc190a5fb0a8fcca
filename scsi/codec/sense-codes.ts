/**
 * Sense keys and additional sense codes used by media changers.
 * Spec: SPC-4 (T10/1731-D r36f) 4.5 (sense keys; ASC/ASCQ assignments);
 * vendor codes (80h-FFh) from the manuals cited in docs/smc-reference.md 1.7.
 */
export const SenseKey = {
  NO_SENSE: 0x0,
  RECOVERED_ERROR: 0x1,
  NOT_READY: 0x2,
  MEDIUM_ERROR: 0x3,
  HARDWARE_ERROR: 0x4,
  ILLEGAL_REQUEST: 0x5,
  UNIT_ATTENTION: 0x6,
  DATA_PROTECT: 0x7,
  ABORTED_COMMAND: 0xb,
} as const;

export type SenseKeyCode = (typeof SenseKey)[keyof typeof SenseKey];

/** An additional sense code and qualifier pair. */
export interface AscAscq {
  readonly asc: number;
  readonly ascq: number;
}

const a = (asc: number, ascq: number): AscAscq => Object.freeze({ asc, ascq });

/** ASC/ASCQ pairs, named after their SPC-4 4.5 text (vendor codes say so): docs/scsi-model.md 7.3. */
export const Asc = {
  NO_ADDITIONAL_SENSE_INFORMATION: a(0x00, 0x00),
  LOGICAL_UNIT_NOT_READY_CAUSE_NOT_REPORTABLE: a(0x04, 0x00),
  LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY: a(0x04, 0x01),
  LOGICAL_UNIT_NOT_READY_INITIALIZING_COMMAND_REQUIRED: a(0x04, 0x02),
  LOGICAL_UNIT_NOT_READY_MANUAL_INTERVENTION_REQUIRED: a(0x04, 0x03),
  LOGICAL_UNIT_NOT_READY_OPERATION_IN_PROGRESS: a(0x04, 0x07),
  LOGICAL_UNIT_NOT_READY_OFFLINE: a(0x04, 0x12),
  /** Vendor (IBM TS3100/TS3200, Dell TL, Exabyte/Tandberg, Spectra): library door open. */
  VENDOR_DOOR_OPEN: a(0x04, 0x83),
  /** Vendor (IBM TS3500): door open. */
  VENDOR_DOOR_OPEN_ALT: a(0x04, 0x85),
  MECHANICAL_POSITIONING_ERROR: a(0x15, 0x01),
  INVALID_COMMAND_OPERATION_CODE: a(0x20, 0x00),
  LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE: a(0x21, 0x00),
  INVALID_ELEMENT_ADDRESS: a(0x21, 0x01),
  INVALID_FIELD_IN_CDB: a(0x24, 0x00),
  LOGICAL_UNIT_NOT_SUPPORTED: a(0x25, 0x00),
  INVALID_FIELD_IN_PARAMETER_LIST: a(0x26, 0x00),
  INVALID_RELEASE_OF_PERSISTENT_RESERVATION: a(0x26, 0x04),
  PARAMETER_LIST_LENGTH_ERROR: a(0x1a, 0x00),
  NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED: a(0x28, 0x00),
  IMPORT_OR_EXPORT_ELEMENT_ACCESSED: a(0x28, 0x01),
  POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED: a(0x29, 0x00),
  POWER_ON_OCCURRED: a(0x29, 0x01),
  SCSI_BUS_RESET_OCCURRED: a(0x29, 0x02),
  BUS_DEVICE_RESET_FUNCTION_OCCURRED: a(0x29, 0x03),
  MODE_PARAMETERS_CHANGED: a(0x2a, 0x01),
  RESERVATIONS_PREEMPTED: a(0x2a, 0x03),
  RESERVATIONS_RELEASED: a(0x2a, 0x04),
  COMMANDS_CLEARED_BY_ANOTHER_INITIATOR: a(0x2f, 0x00),
  CLEANING_CARTRIDGE_INSTALLED: a(0x30, 0x03),
  /** Vendor (Dell TL / IBM): cleaning cartridge without a readable label, in a descriptor. */
  VENDOR_CLEANING_CARTRIDGE_NO_LABEL: a(0x30, 0x83),
  SAVING_PARAMETERS_NOT_SUPPORTED: a(0x39, 0x00),
  MEDIUM_NOT_PRESENT: a(0x3a, 0x00),
  MEDIUM_NOT_PRESENT_TRAY_OPEN: a(0x3a, 0x02),
  MEDIUM_DESTINATION_ELEMENT_FULL: a(0x3b, 0x0d),
  MEDIUM_SOURCE_ELEMENT_EMPTY: a(0x3b, 0x0e),
  MEDIUM_MAGAZINE_NOT_ACCESSIBLE: a(0x3b, 0x11),
  MEDIUM_MAGAZINE_REMOVED: a(0x3b, 0x12),
  MEDIUM_MAGAZINE_INSERTED: a(0x3b, 0x13),
  MEDIUM_MAGAZINE_LOCKED: a(0x3b, 0x14),
  MEDIUM_MAGAZINE_UNLOCKED: a(0x3b, 0x15),
  MECHANICAL_POSITIONING_OR_CHANGER_ERROR: a(0x3b, 0x16),
  ELEMENT_DISABLED: a(0x3b, 0x18),
  ELEMENT_ENABLED: a(0x3b, 0x19),
  DATA_TRANSFER_DEVICE_REMOVED: a(0x3b, 0x1a),
  DATA_TRANSFER_DEVICE_INSERTED: a(0x3b, 0x1b),
  INQUIRY_DATA_HAS_CHANGED: a(0x3f, 0x03),
  INTERNAL_TARGET_FAILURE: a(0x44, 0x00),
  INVALID_MESSAGE_ERROR: a(0x49, 0x00),
  COMMAND_PHASE_ERROR: a(0x4a, 0x00),
  DATA_PHASE_ERROR: a(0x4b, 0x00),
  OVERLAPPED_COMMANDS_ATTEMPTED: a(0x4e, 0x00),
  MEDIUM_REMOVAL_PREVENTED: a(0x53, 0x02),
  /** SSC/SMC: medium removal prevented by the data transfer element (drive). */
  DRIVE_MEDIUM_REMOVAL_PREVENTED: a(0x53, 0x03),
  /** Vendor (Tandberg SLR, ATL/Exabyte): cartridge magazine not installed. */
  VENDOR_MAGAZINE_NOT_INSTALLED: a(0x83, 0x02),
  /** Vendor (Quantum): data transfer element not installed. */
  VENDOR_DRIVE_NOT_INSTALLED: a(0x83, 0x04),
} as const;

export type AscName = keyof typeof Asc;

/** The name of an ASC/ASCQ pair for traces, or its hex form when the table does not know it. */
export function ascName(asc: number, ascq: number): string {
  for (const [name, v] of Object.entries(Asc)) {
    if (v.asc === asc && v.ascq === ascq) return name.replace(/_/g, ' ');
  }
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
  return `ASC ${hex(asc)}h ASCQ ${hex(ascq)}h`;
}

/** The name of a sense key for traces. */
export function senseKeyName(key: number): string {
  for (const [name, v] of Object.entries(SenseKey)) if (v === key) return name.replace(/_/g, ' ');
  return `SENSE KEY ${key.toString(16).toUpperCase()}h`;
}
