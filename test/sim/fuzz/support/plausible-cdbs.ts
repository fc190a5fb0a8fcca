/**
 * Plausible CDBs for every command the simulator implements: encoded from random but well-typed fields (element
 * addresses drawn mostly from the library's real ones), so the fuzz gets past the reserved-bit checks into the
 * handlers, and then optionally damaged. Spec: SMC-3 6 and SPC-4 6 (the CDB layouts, via scsi/codec/cdb).
 * See docs/smc-reference.md 1.2, docs/scsi-model.md 8 to 12.
 */
import {
  encodeExchangeMediumCdb,
  encodeInitializeElementStatusCdb,
  encodeInitializeElementStatusWithRangeCdb,
  encodeInquiryCdb,
  encodeModeSelect10Cdb,
  encodeModeSelect6Cdb,
  encodeModeSense10Cdb,
  encodeModeSense6Cdb,
  encodeMoveMediumCdb,
  encodeOpenCloseImportExportElementCdb,
  encodePositionToElementCdb,
  encodePreventAllowMediumRemovalCdb,
  encodeReadElementStatusCdb,
  encodeRelease6Cdb,
  encodeReportLunsCdb,
  encodeReportSupportedOperationCodesCdb,
  encodeRequestSenseCdb,
  encodeReserve6Cdb,
  encodeTestUnitReadyCdb,
  Opcode,
} from '../../../../scsi/codec/index.js';
import type { SeededRandom } from './fuzz-target.js';

/** Picks an element address: usually a real one, sometimes 0, FFFFh or anything. */
export function pickAddress(rng: SeededRandom, addresses: readonly number[]): number {
  const roll = rng.below(10);
  if (roll < 7 && addresses.length > 0) return addresses[rng.below(addresses.length)] ?? 0;
  if (roll === 7) return 0;
  if (roll === 8) return 0xffff;
  return rng.below(0x10000);
}

const MODE_PAGES = [0x0a, 0x1d, 0x1e, 0x1f, 0x3f, 0x00, 0x01, rnd6];
function rnd6(rng: SeededRandom): number {
  return rng.below(64);
}

function allocation(rng: SeededRandom, max: number): number {
  const roll = rng.below(4);
  if (roll === 0) return 0;
  if (roll === 1) return rng.below(16);
  if (roll === 2) return max;
  return rng.below(max + 1);
}

/** A well-formed CDB for `opcode` with random fields, or undefined when the simulator has no such command. */
export function plausibleCdb(rng: SeededRandom, opcode: number, addresses: readonly number[]): Buffer | undefined {
  const a = () => pickAddress(rng, addresses);
  const bit = () => rng.below(2) === 1;
  const page = () => {
    const p = MODE_PAGES[rng.below(MODE_PAGES.length)] ?? 0;
    return typeof p === 'number' ? p : p(rng);
  };
  switch (opcode) {
    case Opcode.TEST_UNIT_READY:
      return encodeTestUnitReadyCdb({});
    case Opcode.REQUEST_SENSE:
      return encodeRequestSenseCdb({ desc: bit(), allocationLength: allocation(rng, 255) });
    case Opcode.INITIALIZE_ELEMENT_STATUS:
      return encodeInitializeElementStatusCdb({});
    case Opcode.INQUIRY: {
      const evpd = bit();
      return encodeInquiryCdb({
        evpd,
        pageCode: evpd ? ([0x00, 0x80, 0x83, rng.below(256)][rng.below(4)] ?? 0) : 0,
        allocationLength: allocation(rng, 0xffff),
      });
    }
    case Opcode.MODE_SELECT_6:
      return encodeModeSelect6Cdb({ pf: bit(), sp: rng.below(8) === 0, parameterListLength: allocation(rng, 255) });
    case Opcode.MODE_SELECT_10:
      return encodeModeSelect10Cdb({ pf: bit(), sp: rng.below(8) === 0, parameterListLength: allocation(rng, 300) });
    case Opcode.MODE_SENSE_6:
      return encodeModeSense6Cdb({
        dbd: bit(),
        pageControl: rng.below(4),
        pageCode: page(),
        subpageCode: rng.below(8) === 0 ? 0xff : 0,
        allocationLength: allocation(rng, 255),
      });
    case Opcode.MODE_SENSE_10:
      return encodeModeSense10Cdb({
        dbd: bit(),
        llbaa: rng.below(8) === 0,
        pageControl: rng.below(4),
        pageCode: page(),
        subpageCode: 0,
        allocationLength: allocation(rng, 0xffff),
      });
    case Opcode.RESERVE_6:
      return encodeReserve6Cdb({
        element: rng.below(6) === 0,
        reservationId: rng.below(256),
        elementListLength: rng.below(6) === 0 ? rng.below(32) : 0,
      });
    case Opcode.RELEASE_6:
      return encodeRelease6Cdb({ element: rng.below(6) === 0, reservationId: rng.below(256) });
    case Opcode.OPEN_CLOSE_IMPORT_EXPORT_ELEMENT:
      return encodeOpenCloseImportExportElementCdb({
        elementAddress: a(),
        actionCode: rng.below(8) === 0 ? rng.below(32) : rng.below(2),
      });
    case Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL:
      return encodePreventAllowMediumRemovalCdb({ prevent: rng.below(2) });
    case Opcode.POSITION_TO_ELEMENT:
      return encodePositionToElementCdb({ transportAddress: a(), destinationAddress: a(), invert: rng.below(8) === 0 });
    case Opcode.INITIALIZE_ELEMENT_STATUS_WITH_RANGE:
      return encodeInitializeElementStatusWithRangeCdb({
        fast: bit(),
        range: bit(),
        startingAddress: a(),
        numberOfElements: allocation(rng, 0xffff),
      });
    case Opcode.REPORT_LUNS:
      return encodeReportLunsCdb({
        selectReport: [0, 1, 2, rng.below(256)][rng.below(4)] ?? 0,
        allocationLength: allocation(rng, 4096),
      });
    case Opcode.MAINTENANCE_IN:
      return encodeReportSupportedOperationCodesCdb({
        rctd: bit(),
        reportingOptions: rng.below(4),
        requestedOpcode: rng.below(256),
        requestedServiceAction: rng.below(8) === 0 ? rng.below(0x10000) : 0,
        allocationLength: allocation(rng, 4096),
      });
    case Opcode.MOVE_MEDIUM:
      return encodeMoveMediumCdb({
        transportAddress: rng.below(2) === 0 ? 0 : a(),
        sourceAddress: a(),
        destinationAddress: a(),
        invert: rng.below(8) === 0,
      });
    case Opcode.EXCHANGE_MEDIUM:
      return encodeExchangeMediumCdb({
        transportAddress: rng.below(2) === 0 ? 0 : a(),
        sourceAddress: a(),
        firstDestinationAddress: a(),
        secondDestinationAddress: a(),
        invert1: rng.below(8) === 0,
        invert2: rng.below(8) === 0,
      });
    case Opcode.READ_ELEMENT_STATUS:
      return encodeReadElementStatusCdb({
        voltag: bit(),
        elementType: rng.below(5),
        startingAddress: a(),
        numberOfElements: allocation(rng, 0xffff),
        curdata: bit(),
        dvcid: bit(),
        allocationLength: allocation(rng, 0xffffff),
      });
    default:
      return undefined;
  }
}

/** Damages a CDB a little: one byte changed, or the length cut or grown (the original is not modified). */
export function damage(rng: SeededRandom, cdb: Buffer): Buffer {
  const roll = rng.below(4);
  if (roll === 0 && cdb.length > 0) {
    const copy = Buffer.from(cdb);
    const at = rng.below(copy.length);
    copy[at] = at === 0 ? (copy[0] ?? 0) : rng.below(256);
    return copy;
  }
  if (roll === 1) return cdb.subarray(0, rng.below(cdb.length + 1));
  if (roll === 2) return Buffer.concat([cdb, rng.bytes(1 + rng.below(8))]);
  return cdb;
}
