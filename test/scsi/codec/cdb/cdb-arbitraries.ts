/**
 * fast-check arbitraries of valid decoded fields for every CDB codec, each paired with its encoder and
 * decoder, for the property specs. Ranges follow the layouts cited in each codec file.
 */
import fc from 'fast-check';
import type { Decoded } from '../../../../scsi/codec/cdb-decoded.js';
import { Opcode } from '../../../../scsi/codec/opcodes.js';
import * as cdb from '../../../../scsi/codec/cdb/index.js';

/** One command's codec with an arbitrary of its valid decoded fields. */
export interface CodecCase {
  readonly name: string;
  readonly opcode: number;
  readonly length: number;
  readonly arbitrary: fc.Arbitrary<object>;
  readonly encode: (fields: object) => Buffer;
  readonly decode: (bytes: Uint8Array) => Decoded<object>;
}

function codecCase<I, T extends I & object>(
  name: string,
  opcode: number,
  length: number,
  encode: (input: I) => Buffer,
  decode: (bytes: Uint8Array) => Decoded<T>,
  arbitrary: fc.Arbitrary<T>,
): CodecCase {
  return { name, opcode, length, arbitrary, encode: (fields) => encode(fields as T), decode };
}

const u = (bits: number) => fc.integer({ min: 0, max: 2 ** bits - 1 });
const u8 = u(8);
const u16 = u(16);
const bool = fc.boolean();

/** Every command of the codec-api CDB table. */
export const CODEC_CASES: readonly CodecCase[] = [
  codecCase(
    'TEST UNIT READY',
    Opcode.TEST_UNIT_READY,
    6,
    cdb.encodeTestUnitReadyCdb,
    cdb.decodeTestUnitReadyCdb,
    fc.record({ control: u8 }),
  ),
  codecCase(
    'REQUEST SENSE',
    Opcode.REQUEST_SENSE,
    6,
    cdb.encodeRequestSenseCdb,
    cdb.decodeRequestSenseCdb,
    fc.record({ desc: bool, allocationLength: u8, control: u8 }),
  ),
  codecCase(
    'INQUIRY',
    Opcode.INQUIRY,
    6,
    cdb.encodeInquiryCdb,
    cdb.decodeInquiryCdb,
    fc.oneof(
      fc.record({ evpd: fc.constant(false), pageCode: fc.constant(0), allocationLength: u16, control: u8 }),
      fc.record({ evpd: fc.constant(true), pageCode: u8, allocationLength: u16, control: u8 }),
    ),
  ),
  codecCase(
    'MODE SENSE(6)',
    Opcode.MODE_SENSE_6,
    6,
    cdb.encodeModeSense6Cdb,
    cdb.decodeModeSense6Cdb,
    fc.record({
      dbd: bool,
      pageControl: fc.constantFrom(0, 1, 2, 3 as const),
      pageCode: u(6),
      subpageCode: u8,
      allocationLength: u8,
      control: u8,
    }),
  ),
  codecCase(
    'MODE SENSE(10)',
    Opcode.MODE_SENSE_10,
    10,
    cdb.encodeModeSense10Cdb,
    cdb.decodeModeSense10Cdb,
    fc.record({
      llbaa: bool,
      dbd: bool,
      pageControl: fc.constantFrom(0, 1, 2, 3 as const),
      pageCode: u(6),
      subpageCode: u8,
      allocationLength: u16,
      control: u8,
    }),
  ),
  codecCase(
    'MODE SELECT(6)',
    Opcode.MODE_SELECT_6,
    6,
    cdb.encodeModeSelect6Cdb,
    cdb.decodeModeSelect6Cdb,
    fc.record({ pf: bool, sp: bool, parameterListLength: u8, control: u8 }),
  ),
  codecCase(
    'MODE SELECT(10)',
    Opcode.MODE_SELECT_10,
    10,
    cdb.encodeModeSelect10Cdb,
    cdb.decodeModeSelect10Cdb,
    fc.record({ pf: bool, sp: bool, parameterListLength: u16, control: u8 }),
  ),
  codecCase(
    'REPORT LUNS',
    Opcode.REPORT_LUNS,
    12,
    cdb.encodeReportLunsCdb,
    cdb.decodeReportLunsCdb,
    fc.record({ selectReport: u8, allocationLength: u(32), control: u8 }),
  ),
  codecCase(
    'REPORT SUPPORTED OPERATION CODES',
    Opcode.MAINTENANCE_IN,
    12,
    cdb.encodeReportSupportedOperationCodesCdb,
    cdb.decodeReportSupportedOperationCodesCdb,
    fc.record({
      rctd: bool,
      reportingOptions: fc.constantFrom(0, 1, 2, 3 as const),
      requestedOpcode: u8,
      requestedServiceAction: u16,
      allocationLength: u(32),
      control: u8,
    }),
  ),
  codecCase(
    'PREVENT ALLOW MEDIUM REMOVAL',
    Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL,
    6,
    cdb.encodePreventAllowMediumRemovalCdb,
    cdb.decodePreventAllowMediumRemovalCdb,
    fc.record({ prevent: fc.constantFrom(0, 1 as const), control: u8 }),
  ),
  codecCase(
    'RESERVE(6)',
    Opcode.RESERVE_6,
    6,
    cdb.encodeReserve6Cdb,
    cdb.decodeReserve6Cdb,
    fc.record({
      thirdParty: bool,
      thirdPartyDeviceId: u(3),
      element: bool,
      reservationId: u8,
      elementListLength: u16,
      control: u8,
    }),
  ),
  codecCase(
    'RELEASE(6)',
    Opcode.RELEASE_6,
    6,
    cdb.encodeRelease6Cdb,
    cdb.decodeRelease6Cdb,
    fc.record({ thirdParty: bool, thirdPartyDeviceId: u(3), element: bool, reservationId: u8, control: u8 }),
  ),
  codecCase(
    'PERSISTENT RESERVE IN',
    Opcode.PERSISTENT_RESERVE_IN,
    10,
    cdb.encodePersistentReserveInCdb,
    cdb.decodePersistentReserveInCdb,
    fc.record({ serviceAction: u(5), allocationLength: u16, control: u8 }),
  ),
  codecCase(
    'PERSISTENT RESERVE OUT',
    Opcode.PERSISTENT_RESERVE_OUT,
    10,
    cdb.encodePersistentReserveOutCdb,
    cdb.decodePersistentReserveOutCdb,
    fc.record({ serviceAction: u(5), scope: u(4), type: u(4), parameterListLength: u(32), control: u8 }),
  ),
  codecCase(
    'READ ELEMENT STATUS',
    Opcode.READ_ELEMENT_STATUS,
    12,
    cdb.encodeReadElementStatusCdb,
    cdb.decodeReadElementStatusCdb,
    fc.record({
      voltag: bool,
      elementType: fc.constantFrom(0, 1, 2, 3, 4 as const),
      startingAddress: u16,
      numberOfElements: u16,
      curdata: bool,
      dvcid: bool,
      allocationLength: u(24),
      control: u8,
    }),
  ),
  codecCase(
    'MOVE MEDIUM',
    Opcode.MOVE_MEDIUM,
    12,
    cdb.encodeMoveMediumCdb,
    cdb.decodeMoveMediumCdb,
    fc.record({ transportAddress: u16, sourceAddress: u16, destinationAddress: u16, invert: bool, control: u8 }),
  ),
  codecCase(
    'EXCHANGE MEDIUM',
    Opcode.EXCHANGE_MEDIUM,
    12,
    cdb.encodeExchangeMediumCdb,
    cdb.decodeExchangeMediumCdb,
    fc.record({
      transportAddress: u16,
      sourceAddress: u16,
      firstDestinationAddress: u16,
      secondDestinationAddress: u16,
      invert1: bool,
      invert2: bool,
      control: u8,
    }),
  ),
  codecCase(
    'POSITION TO ELEMENT',
    Opcode.POSITION_TO_ELEMENT,
    10,
    cdb.encodePositionToElementCdb,
    cdb.decodePositionToElementCdb,
    fc.record({ transportAddress: u16, destinationAddress: u16, invert: bool, control: u8 }),
  ),
  codecCase(
    'INITIALIZE ELEMENT STATUS',
    Opcode.INITIALIZE_ELEMENT_STATUS,
    6,
    cdb.encodeInitializeElementStatusCdb,
    cdb.decodeInitializeElementStatusCdb,
    fc.record({ control: u8 }),
  ),
  codecCase(
    'INITIALIZE ELEMENT STATUS WITH RANGE',
    Opcode.INITIALIZE_ELEMENT_STATUS_WITH_RANGE,
    10,
    cdb.encodeInitializeElementStatusWithRangeCdb,
    cdb.decodeInitializeElementStatusWithRangeCdb,
    fc.record({ fast: bool, range: bool, startingAddress: u16, numberOfElements: u16, control: u8 }),
  ),
  codecCase(
    'OPEN/CLOSE IMPORT/EXPORT ELEMENT',
    Opcode.OPEN_CLOSE_IMPORT_EXPORT_ELEMENT,
    6,
    cdb.encodeOpenCloseImportExportElementCdb,
    cdb.decodeOpenCloseImportExportElementCdb,
    fc.record({ elementAddress: u16, actionCode: u(5), control: u8 }),
  ),
];
