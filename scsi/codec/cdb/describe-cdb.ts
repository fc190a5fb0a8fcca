/**
 * One-line descriptions of CDBs for traces and logs, and the table of every CDB this codec decodes.
 * Spec: docs/dev/codec-api.md "CDBs" (describeCdb); opcodes from SPC-4 annex E (E.3.1) and SMC-3 clause 6 as
 * listed in docs/smc-reference.md 1.1.
 */
import type { CdbFieldError, Decoded } from '../cdb-decoded.js';
import { Opcode, REPORT_SUPPORTED_OPERATION_CODES_SA } from '../opcodes.js';
import { hexCode } from './cdb-fields.js';
import { decodeExchangeMediumCdb } from './exchange-medium.js';
import { decodeInitializeElementStatusCdb } from './initialize-element-status.js';
import { decodeInitializeElementStatusWithRangeCdb } from './initialize-element-status-with-range.js';
import { decodeInquiryCdb } from './inquiry.js';
import { decodeModeSelect10Cdb } from './mode-select-10.js';
import { decodeModeSelect6Cdb } from './mode-select-6.js';
import { decodeModeSense10Cdb } from './mode-sense-10.js';
import { decodeModeSense6Cdb } from './mode-sense-6.js';
import { decodeMoveMediumCdb } from './move-medium.js';
import { ImportExportAction, decodeOpenCloseImportExportElementCdb } from './open-close-import-export-element.js';
import { decodePersistentReserveInCdb } from './persistent-reserve-in.js';
import { decodePersistentReserveOutCdb } from './persistent-reserve-out.js';
import { decodePositionToElementCdb } from './position-to-element.js';
import { decodePreventAllowMediumRemovalCdb } from './prevent-allow-medium-removal.js';
import { decodeReadElementStatusCdb } from './read-element-status.js';
import { decodeRelease6Cdb } from './release-6.js';
import { decodeReportLunsCdb } from './report-luns.js';
import { decodeReportSupportedOperationCodesCdb } from './report-supported-operation-codes.js';
import { decodeRequestSenseCdb } from './request-sense.js';
import { decodeReserve6Cdb } from './reserve-6.js';
import { decodeTestUnitReadyCdb } from './test-unit-ready.js';

/** A CDB format this codec knows: its name, how to recognise it, its length, and its decoder. */
export interface CdbCommandInfo {
  /** Command name as T10 writes it ("MODE SENSE(6)"). */
  readonly name: string;
  readonly opcode: number;
  /** Service action (byte 1 bits 4-0) for commands that share an opcode. */
  readonly serviceAction?: number;
  /** CDB length in bytes. */
  readonly length: number;
  /** The command's decoder, typed loosely so that commands can be listed together. */
  readonly decode: (cdb: Uint8Array) => Decoded<object>;
  /** Decoded fields as "key=value" words for {@link describeCdb}. */
  readonly describeFields: (fields: object) => string;
}

const b = (flag: boolean): string => (flag ? '1' : '0');
const hex4 = (value: number): string => `${value.toString(16).toUpperCase().padStart(4, '0')}h`;
const ELEMENT_TYPE_NAMES = ['ALL', 'MT', 'ST', 'IE', 'DT'] as const;

function command<T extends object>(
  name: string,
  opcode: number,
  length: number,
  decode: (cdb: Uint8Array) => Decoded<T>,
  describeFields: (fields: T) => string,
  serviceAction?: number,
): CdbCommandInfo {
  const info = { name, opcode, length, decode, describeFields: describeFields as (fields: object) => string };
  return serviceAction === undefined ? info : { ...info, serviceAction };
}

/** Every CDB this codec decodes, in opcode order. */
export const CDB_COMMANDS: readonly CdbCommandInfo[] = [
  command('TEST UNIT READY', Opcode.TEST_UNIT_READY, 6, decodeTestUnitReadyCdb, () => ''),
  command(
    'REQUEST SENSE',
    Opcode.REQUEST_SENSE,
    6,
    decodeRequestSenseCdb,
    (f) => `desc=${b(f.desc)} alloc=${f.allocationLength}`,
  ),
  command('INITIALIZE ELEMENT STATUS', Opcode.INITIALIZE_ELEMENT_STATUS, 6, decodeInitializeElementStatusCdb, () => ''),
  command(
    'INQUIRY',
    Opcode.INQUIRY,
    6,
    decodeInquiryCdb,
    (f) => `evpd=${b(f.evpd)} page=${hexCode(f.pageCode)} alloc=${f.allocationLength}`,
  ),
  command(
    'MODE SELECT(6)',
    Opcode.MODE_SELECT_6,
    6,
    decodeModeSelect6Cdb,
    (f) => `pf=${b(f.pf)} sp=${b(f.sp)} len=${f.parameterListLength}`,
  ),
  command(
    'RESERVE(6)',
    Opcode.RESERVE_6,
    6,
    decodeReserve6Cdb,
    (f) =>
      `3rdpty=${b(f.thirdParty)} 3rdptyid=${f.thirdPartyDeviceId} element=${b(f.element)} resid=${f.reservationId} listlen=${f.elementListLength}`,
  ),
  command(
    'RELEASE(6)',
    Opcode.RELEASE_6,
    6,
    decodeRelease6Cdb,
    (f) =>
      `3rdpty=${b(f.thirdParty)} 3rdptyid=${f.thirdPartyDeviceId} element=${b(f.element)} resid=${f.reservationId}`,
  ),
  command(
    'MODE SENSE(6)',
    Opcode.MODE_SENSE_6,
    6,
    decodeModeSense6Cdb,
    (f) =>
      `dbd=${b(f.dbd)} pc=${f.pageControl} page=${hexCode(f.pageCode)} subpage=${hexCode(f.subpageCode)} alloc=${f.allocationLength}`,
  ),
  command(
    'OPEN/CLOSE IMPORT/EXPORT ELEMENT',
    Opcode.OPEN_CLOSE_IMPORT_EXPORT_ELEMENT,
    6,
    decodeOpenCloseImportExportElementCdb,
    (f) => `element=${f.elementAddress} action=${actionName(f.actionCode)}`,
  ),
  command(
    'PREVENT ALLOW MEDIUM REMOVAL',
    Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL,
    6,
    decodePreventAllowMediumRemovalCdb,
    (f) => `prevent=${f.prevent}`,
  ),
  command(
    'POSITION TO ELEMENT',
    Opcode.POSITION_TO_ELEMENT,
    10,
    decodePositionToElementCdb,
    (f) => `transport=${f.transportAddress} dest=${f.destinationAddress} invert=${b(f.invert)}`,
  ),
  command(
    'INITIALIZE ELEMENT STATUS WITH RANGE',
    Opcode.INITIALIZE_ELEMENT_STATUS_WITH_RANGE,
    10,
    decodeInitializeElementStatusWithRangeCdb,
    (f) => `fast=${b(f.fast)} range=${b(f.range)} start=${f.startingAddress} count=${f.numberOfElements}`,
  ),
  command(
    'MODE SELECT(10)',
    Opcode.MODE_SELECT_10,
    10,
    decodeModeSelect10Cdb,
    (f) => `pf=${b(f.pf)} sp=${b(f.sp)} len=${f.parameterListLength}`,
  ),
  command(
    'MODE SENSE(10)',
    Opcode.MODE_SENSE_10,
    10,
    decodeModeSense10Cdb,
    (f) =>
      `llbaa=${b(f.llbaa)} dbd=${b(f.dbd)} pc=${f.pageControl} page=${hexCode(f.pageCode)} subpage=${hexCode(f.subpageCode)} alloc=${f.allocationLength}`,
  ),
  command(
    'PERSISTENT RESERVE IN',
    Opcode.PERSISTENT_RESERVE_IN,
    10,
    decodePersistentReserveInCdb,
    (f) => `sa=${hexCode(f.serviceAction)} alloc=${f.allocationLength}`,
  ),
  command(
    'PERSISTENT RESERVE OUT',
    Opcode.PERSISTENT_RESERVE_OUT,
    10,
    decodePersistentReserveOutCdb,
    (f) => `sa=${hexCode(f.serviceAction)} scope=${f.scope} type=${f.type} len=${f.parameterListLength}`,
  ),
  command(
    'REPORT LUNS',
    Opcode.REPORT_LUNS,
    12,
    decodeReportLunsCdb,
    (f) => `select=${hexCode(f.selectReport)} alloc=${f.allocationLength}`,
  ),
  command(
    'REPORT SUPPORTED OPERATION CODES',
    Opcode.MAINTENANCE_IN,
    12,
    decodeReportSupportedOperationCodesCdb,
    (f) =>
      `rctd=${b(f.rctd)} options=${f.reportingOptions} opcode=${hexCode(f.requestedOpcode)} sa=${hex4(f.requestedServiceAction)} alloc=${f.allocationLength}`,
    REPORT_SUPPORTED_OPERATION_CODES_SA,
  ),
  command(
    'MOVE MEDIUM',
    Opcode.MOVE_MEDIUM,
    12,
    decodeMoveMediumCdb,
    (f) =>
      `transport=${f.transportAddress} source=${f.sourceAddress} dest=${f.destinationAddress} invert=${b(f.invert)}`,
  ),
  command(
    'EXCHANGE MEDIUM',
    Opcode.EXCHANGE_MEDIUM,
    12,
    decodeExchangeMediumCdb,
    (f) =>
      `transport=${f.transportAddress} source=${f.sourceAddress} dest1=${f.firstDestinationAddress} dest2=${f.secondDestinationAddress} inv1=${b(f.invert1)} inv2=${b(f.invert2)}`,
  ),
  command(
    'READ ELEMENT STATUS',
    Opcode.READ_ELEMENT_STATUS,
    12,
    decodeReadElementStatusCdb,
    (f) =>
      `voltag=${b(f.voltag)} type=${ELEMENT_TYPE_NAMES[f.elementType]} start=${f.startingAddress} count=${f.numberOfElements} curdata=${b(f.curdata)} dvcid=${b(f.dvcid)} alloc=${f.allocationLength}`,
  ),
];

function actionName(code: number): string {
  if (code === ImportExportAction.OPEN) return 'open';
  if (code === ImportExportAction.CLOSE) return 'close';
  return hexCode(code);
}

const MAX_HEX_BYTES = 32;

function hexBytes(cdb: Uint8Array): string {
  const shown = Array.from(cdb.subarray(0, MAX_HEX_BYTES), (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(
    ' ',
  );
  return cdb.length > MAX_HEX_BYTES ? `${shown} ... (${cdb.length} bytes)` : shown;
}

function where(error: CdbFieldError): string {
  return error.bit === undefined ? `byte ${error.byte}` : `byte ${error.byte} bit ${error.bit}`;
}

/** The entry of {@link CDB_COMMANDS} for this CDB's opcode, or undefined for an opcode not decoded here. */
export function findCdbCommand(opcode: number): CdbCommandInfo | undefined {
  return CDB_COMMANDS.find((c) => c.opcode === opcode);
}

function describeKnown(info: CdbCommandInfo, cdb: Uint8Array): string {
  if (info.opcode === Opcode.MAINTENANCE_IN && cdb.length > 1 && ((cdb[1] ?? 0) & 0x1f) !== info.serviceAction) {
    return `MAINTENANCE IN service action ${hexCode((cdb[1] ?? 0) & 0x1f)} [${hexBytes(cdb)}]: not decoded`;
  }
  const decoded = info.decode(cdb);
  if (!decoded.ok) return `${info.name} [${hexBytes(cdb)}]: ${decoded.error.reason} (${where(decoded.error)})`;
  const control = (decoded.value as { control?: number }).control ?? 0;
  const words = [info.name, info.describeFields(decoded.value), control === 0 ? '' : `control=${hexCode(control)}`];
  return words.filter((w) => w !== '').join(' ');
}

/**
 * Describes a CDB in one line for traces: the command name and its decoded fields, e.g.
 * "READ ELEMENT STATUS voltag=1 type=ST start=4096 count=23 curdata=0 dvcid=0 alloc=65535" (CONTROL is shown
 * only when not 0). An unknown or undecodable CDB gives its hex bytes and the reason. Never throws.
 */
export function describeCdb(cdb: Uint8Array): string {
  try {
    if (cdb.length === 0) return 'empty CDB: no operation code';
    const opcode = cdb[0] ?? 0;
    const info = findCdbCommand(opcode);
    if (info === undefined) return `unknown CDB [${hexBytes(cdb)}]: opcode ${hexCode(opcode)} is not decoded`;
    return describeKnown(info, cdb);
  } catch (e) {
    return `CDB (${String(e)})`;
  }
}
