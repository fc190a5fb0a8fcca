/**
 * Reads a changer's identity, element map and element status the way mtx does (docs/smc-reference.md 2c "How it reads"):
 * INQUIRY, MODE SENSE(6) page 1Dh with DBD, then READ ELEMENT STATUS per element type with VOLTAG (retried
 * without VOLTAG when the changer rejects it) and DVCID for drives (retried without DVCID likewise).
 * Spec: SPC-4 6.4 INQUIRY, 6.11 MODE SENSE(6); SMC-3 6.10 READ ELEMENT STATUS, 7.3.3 page 1Dh.
 */
import { encodeInquiryCdb, encodeModeSense6Cdb, encodeReadElementStatusCdb, decodeElementStatus, ElementType, decodeStandardInquiry, decodeModeParameterList6, ScsiStatus } from '../codec/index.js';
import type { ElementDescriptor, StandardInquiry, ElementAddressAssignmentPage } from '../codec/index.js';
import type { ScsiTransport } from '../transport/scsi-transport.js';
import { CommandFailedError, executeChecked } from './execute-checked.js';

/** What a host knows about a changer after reading it. */
export interface ChangerInventory {
  readonly inquiry: StandardInquiry;
  readonly map: ElementAddressAssignmentPage;
  /** Descriptors by type, in address order. */
  readonly transports: readonly ElementDescriptor[];
  readonly storage: readonly ElementDescriptor[];
  readonly importExport: readonly ElementDescriptor[];
  readonly drives: readonly ElementDescriptor[];
}

/** Largest allocation length READ ELEMENT STATUS can carry (24-bit field). */
const MAX_ALLOCATION = 0xffffff;

/** Reads INQUIRY data. */
export async function readInquiry(transport: ScsiTransport, lun = 0): Promise<StandardInquiry> {
  const r = await executeChecked(transport, { lun, cdb: encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 96 }), allocationLength: 96 });
  if (r.status !== ScsiStatus.GOOD) throw new CommandFailedError('INQUIRY', r);
  return decodeStandardInquiry(r.dataIn);
}

/** Reads mode page 1Dh, Element Address Assignment. */
export async function readElementAddressAssignment(transport: ScsiTransport, lun = 0): Promise<ElementAddressAssignmentPage> {
  const cdb = encodeModeSense6Cdb({ dbd: true, pageControl: 0, pageCode: 0x1d, subpageCode: 0, allocationLength: 136 });
  const r = await executeChecked(transport, { lun, cdb, allocationLength: 136 });
  if (r.status !== ScsiStatus.GOOD) throw new CommandFailedError('MODE SENSE(6) page 1Dh', r);
  const list = decodeModeParameterList6(r.dataIn);
  for (const p of list.pages) {
    if (p.code === 0x1d && 'page' in p) return p.page as ElementAddressAssignmentPage;
  }
  throw new CommandFailedError('MODE SENSE(6) page 1Dh (page missing from the reply)', r);
}

/** Options of {@link readElements}. */
export interface ReadElementsOptions {
  readonly lun?: number;
  readonly voltag?: boolean;
  readonly dvcid?: boolean;
  readonly curdata?: boolean;
}

/** The most bytes {@link zeroFillShortReport} supplies: one page header, what tgt's byte count leaves out. */
const MAX_FILL = 8;

/**
 * A report that ends up to 8 bytes before its own BYTE COUNT OF REPORT AVAILABLE although the allocation length
 * left room, padded with zeros to that count. tgt counts the 8-byte data header instead of the page header, so
 * every one-type reply is 8 bytes short and its last descriptor would be dropped (docs/tgt-quirks.md); mtx reads
 * such replies from a zero-filled buffer, and so does this. Anything else is returned as it is.
 */
export function zeroFillShortReport(data: Buffer, allocationLength: number): Buffer {
  if (data.length < 8 || data.length >= allocationLength) return data;
  const declared = 8 + data.readUIntBE(5, 3);
  if (declared <= data.length || declared - data.length > MAX_FILL || declared > allocationLength) return data;
  return Buffer.concat([data, Buffer.alloc(declared - data.length)]);
}

/**
 * READ ELEMENT STATUS of `count` elements of one type from `first`; retries without VOLTAG, then without DVCID,
 * when the changer rejects them with ILLEGAL REQUEST (as mtx does). A reply a few bytes short of its own byte count
 * is zero-filled first (see {@link zeroFillShortReport}).
 */
export async function readElements(transport: ScsiTransport, elementType: number, first: number, count: number, options: ReadElementsOptions = {}): Promise<ElementDescriptor[]> {
  if (count === 0) return [];
  const lun = options.lun ?? 0;
  let voltag = options.voltag ?? true;
  let dvcid = options.dvcid ?? false;
  for (;;) {
    const cdb = encodeReadElementStatusCdb({
      voltag,
      elementType,
      startingAddress: first,
      numberOfElements: count,
      curdata: options.curdata ?? false,
      dvcid,
      allocationLength: MAX_ALLOCATION,
    });
    const r = await executeChecked(transport, { lun, cdb, allocationLength: MAX_ALLOCATION });
    if (r.status === ScsiStatus.GOOD) {
      const decoded = decodeElementStatus(zeroFillShortReport(r.dataIn, MAX_ALLOCATION));
      return decoded.pages.flatMap((p) => p.descriptors);
    }
    if (r.sense?.key === 0x5 && dvcid) {
      dvcid = false;
      continue;
    }
    if (r.sense?.key === 0x5 && voltag) {
      voltag = false;
      continue;
    }
    throw new CommandFailedError(`READ ELEMENT STATUS type ${elementType} from ${first} count ${count}`, r);
  }
}

/** Reads everything `mtx status` shows, plus the transport elements. */
export async function readInventory(transport: ScsiTransport, lun = 0): Promise<ChangerInventory> {
  const inquiry = await readInquiry(transport, lun);
  const map = await readElementAddressAssignment(transport, lun);
  const storage = await readElements(transport, ElementType.STORAGE, map.firstStorage, map.numberOfStorage, { lun });
  const importExport = await readElements(transport, ElementType.IMPORT_EXPORT, map.firstImportExport, map.numberOfImportExport, { lun });
  const drives = await readElements(transport, ElementType.DATA_TRANSFER, map.firstDataTransfer, map.numberOfDataTransfer, { lun, dvcid: true });
  const transports = await readElements(transport, ElementType.MEDIUM_TRANSPORT, map.firstTransport, map.numberOfTransports, { lun, voltag: false });
  return { inquiry, map, transports, storage, importExport, drives };
}
