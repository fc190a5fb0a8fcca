/**
 * iSCSI protocol constants: opcodes, login stages and status codes, reject reasons, task management codes.
 * Spec: RFC 7143 11.1.1 (opcodes), 11.12.3 / 11.13.5 (login stages, status), 11.17.1 (reject reasons),
 * 11.5.1 / 11.6.1 (task management functions and responses), 11.14.1 / 11.15.1 (logout), 11.9.1 (async events);
 * docs/iscsi.md 7.
 */

/** BHS opcodes (byte 0, bits 5-0). Initiator opcodes are below 20h, target opcodes 20h and above. */
export const IscsiOpcode = {
  NOP_OUT: 0x00,
  SCSI_COMMAND: 0x01,
  TASK_MANAGEMENT_REQUEST: 0x02,
  LOGIN_REQUEST: 0x03,
  TEXT_REQUEST: 0x04,
  DATA_OUT: 0x05,
  LOGOUT_REQUEST: 0x06,
  SNACK_REQUEST: 0x10,
  NOP_IN: 0x20,
  SCSI_RESPONSE: 0x21,
  TASK_MANAGEMENT_RESPONSE: 0x22,
  LOGIN_RESPONSE: 0x23,
  TEXT_RESPONSE: 0x24,
  DATA_IN: 0x25,
  LOGOUT_RESPONSE: 0x26,
  R2T: 0x31,
  ASYNC_MESSAGE: 0x32,
  REJECT: 0x3f,
} as const;

/** Names for traces and log lines. */
export const ISCSI_OPCODE_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(IscsiOpcode).map(([name, code]) => [code, name.replace(/_/g, '-')]),
);

/** Login stages (CSG/NSG, RFC 7143 11.12.3, docs/iscsi.md 7.3). Value 2 is reserved. */
export const LoginStage = {
  SECURITY_NEGOTIATION: 0,
  OPERATIONAL_NEGOTIATION: 1,
  FULL_FEATURE_PHASE: 3,
} as const;

/** Login response Status-Class << 8 | Status-Detail (RFC 7143 11.13.5, docs/iscsi.md 7.3). */
export const LoginStatus = {
  SUCCESS: 0x0000,
  TARGET_MOVED_TEMPORARILY: 0x0101,
  TARGET_MOVED_PERMANENTLY: 0x0102,
  INITIATOR_ERROR: 0x0200,
  AUTHENTICATION_FAILURE: 0x0201,
  AUTHORIZATION_FAILURE: 0x0202,
  NOT_FOUND: 0x0203,
  TARGET_REMOVED: 0x0204,
  UNSUPPORTED_VERSION: 0x0205,
  TOO_MANY_CONNECTIONS: 0x0206,
  MISSING_PARAMETER: 0x0207,
  CANNOT_INCLUDE_IN_SESSION: 0x0208,
  SESSION_TYPE_NOT_SUPPORTED: 0x0209,
  SESSION_DOES_NOT_EXIST: 0x020a,
  INVALID_DURING_LOGIN: 0x020b,
  TARGET_ERROR: 0x0300,
  SERVICE_UNAVAILABLE: 0x0301,
  OUT_OF_RESOURCES: 0x0302,
} as const;

/** Name of a login status for messages ("AUTHENTICATION FAILURE (0201h)"). */
export function loginStatusName(status: number): string {
  const hex = status.toString(16).padStart(4, '0');
  for (const [name, value] of Object.entries(LoginStatus)) {
    if (value === status) return `${name.replace(/_/g, ' ')} (${hex}h)`;
  }
  return `LOGIN STATUS ${hex}h`;
}

/** Reject reasons (RFC 7143 11.17.1, docs/iscsi.md 7.7). */
export const RejectReason = {
  DATA_DIGEST_ERROR: 0x02,
  SNACK_REJECT: 0x03,
  PROTOCOL_ERROR: 0x04,
  COMMAND_NOT_SUPPORTED: 0x05,
  IMMEDIATE_COMMAND_REJECT: 0x06,
  TASK_IN_PROGRESS: 0x07,
  INVALID_DATA_ACK: 0x08,
  INVALID_PDU_FIELD: 0x09,
  LONG_OPERATION_REJECT: 0x0a,
  NEGOTIATION_RESET: 0x0b,
  WAITING_FOR_LOGOUT: 0x0c,
} as const;

/** Task management function codes (RFC 7143 11.5.1, docs/iscsi.md 7.6). */
export const TmfFunction = {
  ABORT_TASK: 1,
  ABORT_TASK_SET: 2,
  CLEAR_ACA: 3,
  CLEAR_TASK_SET: 4,
  LOGICAL_UNIT_RESET: 5,
  TARGET_WARM_RESET: 6,
  TARGET_COLD_RESET: 7,
  TASK_REASSIGN: 8,
} as const;

/** Task management response codes (RFC 7143 11.6.1, docs/iscsi.md 7.6). */
export const TmfResponse = {
  FUNCTION_COMPLETE: 0,
  TASK_DOES_NOT_EXIST: 1,
  LUN_DOES_NOT_EXIST: 2,
  TASK_STILL_ALLEGIANT: 3,
  TASK_ALLEGIANCE_REASSIGNMENT_NOT_SUPPORTED: 4,
  FUNCTION_NOT_SUPPORTED: 5,
  FUNCTION_AUTHORIZATION_FAILED: 6,
  FUNCTION_REJECTED: 255,
} as const;

/** Logout reason codes (RFC 7143 11.14.1, docs/iscsi.md 7.7). */
export const LogoutReason = {
  CLOSE_SESSION: 0,
  CLOSE_CONNECTION: 1,
  REMOVE_CONNECTION_FOR_RECOVERY: 2,
} as const;

/** Logout response codes (RFC 7143 11.15.1, docs/iscsi.md 7.7). */
export const LogoutResponseCode = {
  SUCCESS: 0,
  CID_NOT_FOUND: 1,
  RECOVERY_NOT_SUPPORTED: 2,
  CLEANUP_FAILED: 3,
} as const;

/** SCSI Response "Response" field (RFC 7143 11.4.3, docs/iscsi.md 7.5). */
export const ScsiResponseCode = {
  COMMAND_COMPLETED_AT_TARGET: 0x00,
  TARGET_FAILURE: 0x01,
} as const;

/** AsyncEvent codes (RFC 7143 11.9.1, docs/iscsi.md 7.7). */
export const AsyncEvent = {
  SCSI_ASYNC_EVENT: 0,
  LOGOUT_REQUEST: 1,
  CONNECTION_DROP: 2,
  SESSION_DROP: 3,
  NEGOTIATION_REQUEST: 4,
  TASK_TERMINATION: 5,
  VENDOR_SPECIFIC: 255,
} as const;

/** Fixed sizes and reserved values. */
export const Iscsi = {
  /** Basic Header Segment length. */
  BHS_LENGTH: 48,
  /** The reserved tag value ("no task", "no transfer"). */
  RESERVED_TAG: 0xffffffff,
  /** IANA port for iSCSI. */
  DEFAULT_PORT: 3260,
  /** The only protocol version (Version-max / Version-min). */
  VERSION: 0x00,
  /** Data segment limit during login and the default MaxRecvDataSegmentLength (RFC 7143 13.12, docs/iscsi.md 7.1). */
  DEFAULT_MAX_RECV_DATA_SEGMENT_LENGTH: 8192,
  /** Largest value a 24-bit DataSegmentLength or a length key may take. */
  MAX_DATA_SEGMENT_LENGTH: 0xffffff,
  /** CDB bytes carried in the BHS; longer CDBs continue in an Extended CDB AHS. */
  BHS_CDB_LENGTH: 16,
} as const;
