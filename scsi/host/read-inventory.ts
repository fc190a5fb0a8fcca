/**
 * Reads a changer's identity, element map and element status the way mtx does (docs/smc-reference.md 2c "How it reads"):
 * INQUIRY, MODE SENSE(6) page 1Dh with DBD, then READ ELEMENT STATUS per element type with VOLTAG (retried
 * without VOLTAG when the changer rejects it) and DVCID for drives (retried without DVCID likewise), through the
 * host's one element status reader (read-element-status.ts).
 * Spec: SPC-4 6.6 INQUIRY, 6.13 MODE SENSE(6); SMC-3 6.10 READ ELEMENT STATUS, 7.3 page 1Dh.
 */
import {
  encodeInquiryCdb,
  encodeModeSense6Cdb,
  ElementType,
  decodeStandardInquiry,
  decodeModeParameterList6,
  ScsiStatus,
} from '../codec/index.js';
import type { ElementDescriptor, StandardInquiry, ElementAddressAssignmentPage } from '../codec/index.js';
import type { ScsiTransport } from '../transport/scsi-transport.js';
import { CommandFailedError, executeChecked, type CheckedResult } from './execute-checked.js';
import type { ElementStatusMemo } from './element-status-memo.js';
import { readElementStatus, type ElementStatusExecutor } from './read-element-status.js';

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

/** Reads INQUIRY data. */
export async function readInquiry(transport: ScsiTransport, lun = 0): Promise<StandardInquiry> {
  const r = await executeChecked(transport, {
    lun,
    cdb: encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 96 }),
    allocationLength: 96,
  });
  if (r.status !== ScsiStatus.GOOD) throw new CommandFailedError('INQUIRY', r);
  return decodeStandardInquiry(r.dataIn);
}

/** Reads mode page 1Dh, Element Address Assignment. */
export async function readElementAddressAssignment(
  transport: ScsiTransport,
  lun = 0,
): Promise<ElementAddressAssignmentPage> {
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
  /** Replies byte for byte as last time are not decoded again (read-element-status.ts `memo`). */
  readonly memo?: ElementStatusMemo | undefined;
}

/**
 * READ ELEMENT STATUS of `count` elements of one type from `first` over `transport` (unit attentions retried), read
 * by the one reader of read-element-status.ts: in chunks, short tgt replies zero-filled, retried without DVCID and
 * VOLTAG when the changer rejects them. Throws {@link CommandFailedError} when a command fails otherwise.
 */
export async function readElements(
  transport: ScsiTransport,
  elementType: number,
  first: number,
  count: number,
  options: ReadElementsOptions = {},
): Promise<ElementDescriptor[]> {
  const lun = options.lun ?? 0;
  let last: CheckedResult | undefined;
  const execute: ElementStatusExecutor = async (cdb, allocationLength) => {
    const r = await executeChecked(transport, { lun, cdb, allocationLength });
    last = r;
    return r.status === ScsiStatus.GOOD
      ? { ok: true, dataIn: r.dataIn }
      : { ok: false, status: r.status, sense: r.sense };
  };
  const read = await readElementStatus(execute, elementType, first, count, options);
  if (read.ok) return read.descriptors;
  throw new CommandFailedError(
    read.command,
    last ?? { status: read.outcome.status, dataIn: Buffer.alloc(0), unitAttentions: [] },
  );
}

/** Reads everything `mtx status` shows, plus the transport elements. */
export async function readInventory(transport: ScsiTransport, lun = 0): Promise<ChangerInventory> {
  const inquiry = await readInquiry(transport, lun);
  const map = await readElementAddressAssignment(transport, lun);
  const storage = await readElements(transport, ElementType.STORAGE, map.firstStorage, map.numberOfStorage, { lun });
  const importExport = await readElements(
    transport,
    ElementType.IMPORT_EXPORT,
    map.firstImportExport,
    map.numberOfImportExport,
    { lun },
  );
  const drives = await readElements(
    transport,
    ElementType.DATA_TRANSFER,
    map.firstDataTransfer,
    map.numberOfDataTransfer,
    { lun, dvcid: true },
  );
  const transports = await readElements(
    transport,
    ElementType.MEDIUM_TRANSPORT,
    map.firstTransport,
    map.numberOfTransports,
    { lun, voltag: false },
  );
  return { inquiry, map, transports, storage, importExport, drives };
}
