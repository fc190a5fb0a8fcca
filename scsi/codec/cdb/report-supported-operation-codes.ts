/**
 * REPORT SUPPORTED OPERATION CODES (MAINTENANCE IN A3h, service action 0Ch) CDB codec.
 * Spec: SPC-4 (T10/1731-D) REPORT SUPPORTED OPERATION CODES command; docs/smc-reference.md 1.1.
 * Layout (12 bytes): 0 opcode A3h; 1 bits 4-0 SERVICE ACTION (0Ch); 2 bit 7 RCTD, bits 2-0 REPORTING
 * OPTIONS; 3 REQUESTED OPERATION CODE; 4-5 REQUESTED SERVICE ACTION; 6-9 ALLOCATION LENGTH; 10 reserved;
 * 11 CONTROL. Reporting options 100b-111b are reserved values (field error).
 */
import { fieldError, ok, type Decoded } from '../cdb-decoded.js';
import { Opcode, REPORT_SUPPORTED_OPERATION_CODES_SA } from '../opcodes.js';
import {
  bitAt,
  byteAt,
  checkCdb,
  controlByte,
  flagBit,
  hexCode,
  newCdb,
  readUint,
  requireBool,
  requireUint,
  writeUint,
  type WithDefaults,
} from './cdb-fields.js';

/**
 * REPORTING OPTIONS values (SPC-4, docs/scsi-model.md 9): which commands to report and in which parameter data format.
 */
export const RsocReportingOptions = {
  /** All commands, all_commands format; requested opcode and service action ignored. */
  ALL: 0,
  /** One command by opcode, one_command format (opcode without service actions). */
  OPCODE: 1,
  /** One command by opcode and service action, one_command format. */
  OPCODE_AND_SERVICE_ACTION: 2,
  /** One command by opcode, and service action when the opcode has them (SPC-4, docs/scsi-model.md 9). */
  OPCODE_OR_SERVICE_ACTION: 3,
} as const;

/** One of {@link RsocReportingOptions}: the 3-bit field's defined values. */
export type RsocReportingOptionsCode = (typeof RsocReportingOptions)[keyof typeof RsocReportingOptions];

/** A decoded REPORT SUPPORTED OPERATION CODES CDB. */
export interface ReportSupportedOperationCodesCdb {
  /** RCTD (byte 2 bit 7): include command timeouts descriptors. */
  readonly rctd: boolean;
  /** REPORTING OPTIONS (byte 2 bits 2-0). */
  readonly reportingOptions: RsocReportingOptionsCode;
  /** REQUESTED OPERATION CODE (byte 3). */
  readonly requestedOpcode: number;
  /** REQUESTED SERVICE ACTION (bytes 4-5). */
  readonly requestedServiceAction: number;
  /** ALLOCATION LENGTH (bytes 6-9). */
  readonly allocationLength: number;
  /** CONTROL byte (byte 11). */
  readonly control: number;
}

/** Encoder input for RSOC: RCTD defaults to false; reporting options, requested opcode/SA and CONTROL to 0. */
export type ReportSupportedOperationCodesCdbInput = Omit<
  WithDefaults<
    ReportSupportedOperationCodesCdb,
    'rctd' | 'reportingOptions' | 'requestedOpcode' | 'requestedServiceAction' | 'control'
  >,
  'reportingOptions'
> & { readonly reportingOptions?: number };

const NAME = 'REPORT SUPPORTED OPERATION CODES';
const LENGTH = 12;

/** Builds a 12-byte REPORT SUPPORTED OPERATION CODES CDB. Throws RangeError when a field is out of range. */
export function encodeReportSupportedOperationCodesCdb(fields: ReportSupportedOperationCodesCdbInput): Buffer {
  const cdb = newCdb(Opcode.MAINTENANCE_IN, LENGTH);
  cdb[1] = REPORT_SUPPORTED_OPERATION_CODES_SA;
  cdb[2] =
    flagBit(requireBool('rctd', fields.rctd ?? false), 7) |
    requireUint('reportingOptions', fields.reportingOptions ?? 0, 2);
  cdb[3] = requireUint('requestedOpcode', fields.requestedOpcode ?? 0, 8);
  writeUint(cdb, 4, 2, requireUint('requestedServiceAction', fields.requestedServiceAction ?? 0, 16));
  writeUint(cdb, 6, 4, requireUint('allocationLength', fields.allocationLength, 32));
  cdb[11] = controlByte(fields.control);
  return cdb;
}

/**
 * Decodes a REPORT SUPPORTED OPERATION CODES CDB; never throws. A MAINTENANCE IN service action other than
 * 0Ch is a field error at byte 1 bit 4; a reserved reporting option (4-7) one at byte 2 bit 2.
 */
export function decodeReportSupportedOperationCodesCdb(cdb: Uint8Array): Decoded<ReportSupportedOperationCodesCdb> {
  const bad = checkCdb(cdb, Opcode.MAINTENANCE_IN, LENGTH, NAME);
  if (bad) return bad;
  const serviceAction = byteAt(cdb, 1) & 0x1f;
  if (serviceAction !== REPORT_SUPPORTED_OPERATION_CODES_SA) {
    return fieldError(
      1,
      `MAINTENANCE IN service action ${hexCode(serviceAction)} is not ${NAME} (${hexCode(REPORT_SUPPORTED_OPERATION_CODES_SA)})`,
      4,
    );
  }
  const reportingOptions = byteAt(cdb, 2) & 0x07;
  if (reportingOptions > RsocReportingOptions.OPCODE_OR_SERVICE_ACTION) {
    return fieldError(2, `reporting options ${reportingOptions} is a reserved value`, 2);
  }
  return ok({
    rctd: bitAt(cdb, 2, 7),
    reportingOptions: reportingOptions as RsocReportingOptionsCode,
    requestedOpcode: byteAt(cdb, 3),
    requestedServiceAction: readUint(cdb, 4, 2),
    allocationLength: readUint(cdb, 6, 4),
    control: byteAt(cdb, 11),
  });
}
