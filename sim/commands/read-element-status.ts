/**
 * READ ELEMENT STATUS: descriptors for up to NUMBER OF ELEMENTS elements of the requested type (0 = all types),
 * starting with the first element at or above STARTING ELEMENT ADDRESS, in address order, one page per run of
 * one type. VOLTAG adds primary volume tags, DVCID drive identifiers (code set 2 ASCII, identifier type 1: 8-byte
 * vendor, 16-byte product, serial). Every descriptor carries the 4-byte identification header (SMC-3 layout, Dell
 * TL sizes 16/52). A short allocation length sends whole descriptors only, with the full counts in the headers.
 * No element of the type at or above the start: 05/21/01 with field pointer byte 2. VOLTAG without a barcode
 * reader: 05/24/00 byte 1 bit 4. CURDATA=1 never moves the robot (nor does CURDATA=0 here) and is exempt from
 * reservation conflicts.
 * The answer comes from the state's ElementStatusWriter (sim/model/element-status-writer.ts: raw bytes, cached
 * while the state does not change); {@link referenceElementStatus} is the straightforward encoding it must equal
 * byte for byte, and answers whatever the fast path declines.
 * Spec: SMC-3 6.10 READ ELEMENT STATUS; docs/smc-reference.md 1.2 (CDB), 1.3 (header, pages, descriptors, DVCID,
 * whole-descriptor truncation: SuperLoader), 1.7 (exempt list), 5.2 (no empty pages).
 */
import {
  decodeReadElementStatusCdb,
  encodeElementStatus,
  SenseKey,
  type DeviceIdentifier,
  type ElementStatusPage,
} from '../../scsi/codec/index.js';
import type { ChangerCore } from '../changer/changer-core.js';
import type { DriveModel } from '../personality/personality.js';
import type { ElementState } from '../model/element.js';
import { reportElement } from '../model/element-report.js';
import type { CommandHandler } from './command-handler.js';
import { cdbField, fail, failField, good } from './outcome.js';

/** DVCID identifier of a drive: T10 vendor ID format (docs/smc-reference.md 1.3). */
export function driveIdentifier(d: DriveModel): DeviceIdentifier {
  return {
    codeSet: 2,
    identifierType: 1,
    identifier: Buffer.from(`${d.vendor.padEnd(8, ' ')}${d.product.padEnd(16, ' ')}${d.serial}`, 'latin1'),
  };
}

/** The element status pages for `count` elements of `list` from index `from`. */
export function elementStatusPages(
  core: ChangerCore,
  list: readonly ElementState[],
  from: number,
  count: number,
  voltag: boolean,
  dvcid: boolean,
): ElementStatusPage[] {
  const pages: ElementStatusPage[] = [];
  let page: ElementStatusPage | undefined;
  for (let i = from; i < from + count; i++) {
    const e = list[i] as ElementState;
    if (!page || page.elementType !== e.type) {
      page = { elementType: e.type, pvoltag: voltag, avoltag: false, dvcid: true, descriptors: [] };
      pages.push(page);
    }
    page.descriptors.push(
      reportElement(core.state, e, voltag, dvcid && e.drive ? driveIdentifier(e.drive.model) : undefined),
    );
  }
  return pages;
}

/**
 * The reference answer: one ElementDescriptor per element (reportElement), encoded by encodeElementStatus.
 * `list[from]` must exist. Throws RangeError where the codec does (unencodable tag or identifier).
 */
export function referenceElementStatus(
  core: ChangerCore,
  list: readonly ElementState[],
  from: number,
  count: number,
  voltag: boolean,
  dvcid: boolean,
  allocationLength: number,
): Buffer {
  const pages = elementStatusPages(core, list, from, count, voltag, dvcid);
  return encodeElementStatus({ pages, firstElementAddress: (list[from] as ElementState).address }, allocationLength);
}

/** The READ ELEMENT STATUS handler (registered in registry.ts; behaviour in the header above). */
export const readElementStatus: CommandHandler = {
  name: 'READ ELEMENT STATUS',
  opcode: 0xb8,
  cdbLength: 12,
  ready: 'ready',
  reservationExempt: (cdb) => ((cdb[6] ?? 0) & 0x02) !== 0,
  execute({ core, cdb }) {
    const d = decodeReadElementStatusCdb(cdb);
    if (!d.ok) return failField(d.error);
    const { voltag, elementType, startingAddress, numberOfElements, dvcid, allocationLength } = d.value;
    if (voltag && !core.personality.capabilities.barcodeReader)
      return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_FIELD_IN_CDB', cdbField(1, 4));
    const list = core.state.sorted(elementType);
    const from = core.state.firstAtOrAbove(elementType, startingAddress);
    const first = list[from];
    if (!first) return fail(SenseKey.ILLEGAL_REQUEST, 'INVALID_ELEMENT_ADDRESS', cdbField(2));
    const count = Math.min(numberOfElements, list.length - from);
    const fast =
      count > 0
        ? core.state.statusWriter.answer({ elementType, list, from, count, voltag, dvcid, allocationLength })
        : undefined;
    return good(fast ?? referenceElementStatus(core, list, from, count, voltag, dvcid, allocationLength));
  },
};
