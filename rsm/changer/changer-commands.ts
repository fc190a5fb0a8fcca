/**
 * The SCSI commands the RSM model sends, each built with the shared codecs and sent over a ChangerLink.
 * Spec: SMC-3 6.10 READ ELEMENT STATUS, 6.6 MOVE MEDIUM, OPEN/CLOSE IMPORT/EXPORT ELEMENT, PREVENT ALLOW MEDIUM
 * REMOVAL; SPC-4 6.6 INQUIRY, 6.13 MODE SENSE(6), 6.47 TEST UNIT READY; docs/smc-reference.md 1.2-1.4
 * (mtx reads page 1Dh with DBD and retries READ ELEMENT STATUS without VOLTAG when rejected).
 */
import {
  decodeModeParameterList6,
  decodeStandardInquiry,
  decodeUnitSerialNumberPage,
  describeSense,
  encodeInquiryCdb,
  encodeModeSense6Cdb,
  encodeMoveMediumCdb,
  encodeOpenCloseImportExportElementCdb,
  encodePreventAllowMediumRemovalCdb,
  encodeTestUnitReadyCdb,
  ImportExportAction,
  statusName,
  type ElementAddressAssignmentPage,
  type ElementDescriptor,
  type StandardInquiry,
} from '../../scsi/codec/index.js';
import { readElementStatus } from '../../scsi/host/read-element-status.js';
import type { ChangerLink, CommandOutcome } from './changer-link.js';

/** A command the model needed failed; carries the outcome for the failure mapping. */
export class ChangerCommandError extends Error {
  constructor(
    readonly command: string,
    readonly outcome: Extract<CommandOutcome, { ok: false }>,
  ) {
    const s = outcome.sense;
    super(
      `${command} failed: ${s ? describeSense(s) : `status ${statusName(outcome.status)} (0x${outcome.status.toString(16).padStart(2, '0')})`}`,
    );
    this.name = 'ChangerCommandError';
  }
}

const MAX_ALLOCATION = 0xffff;

/** TEST UNIT READY (used to collect unit attentions while waiting for the operator). */
export function testUnitReady(link: ChangerLink): Promise<CommandOutcome> {
  return link.execute(encodeTestUnitReadyCdb(), 0);
}

/** Standard INQUIRY data. */
export async function inquiry(link: ChangerLink): Promise<StandardInquiry> {
  const r = await link.execute(encodeInquiryCdb({ allocationLength: 96 }), 96);
  if (!r.ok) throw new ChangerCommandError('INQUIRY', r);
  return decodeStandardInquiry(r.dataIn);
}

/** The unit serial number (VPD page 80h), or '' when the changer has none. */
export async function unitSerialNumber(link: ChangerLink): Promise<string> {
  const r = await link.execute(encodeInquiryCdb({ evpd: true, pageCode: 0x80, allocationLength: 252 }), 252);
  if (!r.ok) return '';
  try {
    return decodeUnitSerialNumberPage(r.dataIn).serial.trim();
  } catch {
    return '';
  }
}

/** Mode page 1Dh, Element Address Assignment, read as mtx does (MODE SENSE(6), DBD). */
export async function elementAddressAssignment(link: ChangerLink): Promise<ElementAddressAssignmentPage> {
  const cdb = encodeModeSense6Cdb({ dbd: true, pageControl: 0, pageCode: 0x1d, allocationLength: 255 });
  const r = await link.execute(cdb, 255);
  if (!r.ok) throw new ChangerCommandError('MODE SENSE(6) page 1Dh', r);
  for (const p of decodeModeParameterList6(r.dataIn).pages) {
    if (p.code === 0x1d && 'page' in p) return p.page as ElementAddressAssignmentPage;
  }
  throw new ChangerCommandError('MODE SENSE(6) page 1Dh (no page 1Dh in the reply)', {
    ok: false,
    status: 0,
    sense: undefined,
  });
}

/**
 * READ ELEMENT STATUS of `count` elements of `elementType` from `first`, with volume tags unless the changer
 * rejects VOLTAG (ILLEGAL REQUEST), then without: the host's one reader (scsi/host/read-element-status.ts, which
 * reads in chunks and zero-fills tgt's short replies) over this link.
 */
export async function readElements(
  link: ChangerLink,
  elementType: number,
  first: number,
  count: number,
): Promise<ElementDescriptor[]> {
  const read = await readElementStatus(
    (cdb, allocationLength) => link.execute(cdb, allocationLength),
    elementType,
    first,
    count,
    { allocationLength: MAX_ALLOCATION },
  );
  if (!read.ok) throw new ChangerCommandError(read.command, read.outcome);
  return read.descriptors;
}

/** READ ELEMENT STATUS of one element; undefined when the changer did not report it. */
export async function readElement(
  link: ChangerLink,
  elementType: number,
  address: number,
): Promise<ElementDescriptor | undefined> {
  const found = await readElements(link, elementType, address, 1);
  return found.find((d) => d.address === address);
}

/** MOVE MEDIUM from `source` to `destination` with transport element `transport`. */
export function moveMedium(
  link: ChangerLink,
  transport: number,
  source: number,
  destination: number,
): Promise<CommandOutcome> {
  return link.execute(
    encodeMoveMediumCdb({ transportAddress: transport, sourceAddress: source, destinationAddress: destination }),
    0,
  );
}

/** OPEN IMPORT/EXPORT ELEMENT (1Bh action 00h). */
export function openImportExport(link: ChangerLink, address: number): Promise<CommandOutcome> {
  return link.execute(
    encodeOpenCloseImportExportElementCdb({ elementAddress: address, actionCode: ImportExportAction.OPEN }),
    0,
  );
}

/** CLOSE IMPORT/EXPORT ELEMENT (1Bh action 01h); changers of the TS3100 family do not have it. */
export function closeImportExport(link: ChangerLink, address: number): Promise<CommandOutcome> {
  return link.execute(
    encodeOpenCloseImportExportElementCdb({ elementAddress: address, actionCode: ImportExportAction.CLOSE }),
    0,
  );
}

/** PREVENT (1) or ALLOW (0) MEDIUM REMOVAL: locks or unlocks the door, magazines and IE station. */
export function preventAllowMediumRemoval(link: ChangerLink, prevent: 0 | 1): Promise<CommandOutcome> {
  return link.execute(encodePreventAllowMediumRemovalCdb({ prevent }), 0);
}
