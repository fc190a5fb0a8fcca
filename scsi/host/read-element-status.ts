/**
 * The host side's one reader of READ ELEMENT STATUS, used by `changerbench status`, the suite's probe (through
 * read-inventory.ts) and the RSM model (rsm/changer/changer-commands.ts), each sending the commands its own way
 * (an {@link ElementStatusExecutor}). It reads in chunks: a reply holds only the whole descriptors that fit the
 * allocation length (SMC-3 6.10; docs/smc-reference.md 1.3), so a large library is read again from after the last
 * address the previous reply reported, as a host's changer driver does with its fixed-size buffer. It zero-fills
 * a reply that is a page header short of its own byte count (tgt's, docs/tgt-quirks.md), as mtx does. It retries
 * without DVCID, then without VOLTAG, when the changer rejects them with ILLEGAL REQUEST (as mtx does,
 * docs/smc-reference.md 2c "How it reads").
 * Spec: SMC-3 6.10 READ ELEMENT STATUS (element status data header); docs/smc-reference.md 1.3.
 */
import {
  decodeElementStatus,
  encodeReadElementStatusCdb,
  SenseKey,
  type ElementDescriptor,
  type SenseData,
} from '../codec/index.js';
import type { ElementStatusMemo } from './element-status-memo.js';

/** One command's outcome, unit attentions already dealt with by the executor. */
export type ElementStatusOutcome =
  | { readonly ok: true; readonly dataIn: Buffer }
  | { readonly ok: false; readonly status: number; readonly sense: SenseData | undefined };

/** Sends one CDB with this allocation length and resolves to its outcome. */
export type ElementStatusExecutor = (cdb: Buffer, allocationLength: number) => Promise<ElementStatusOutcome>;

/** Options of {@link readElementStatus}. */
export interface ElementStatusOptions {
  /** Ask for volume tags (default true); dropped when the changer rejects it. */
  readonly voltag?: boolean;
  /** Ask for device identifiers (default false); dropped when the changer rejects it. */
  readonly dvcid?: boolean;
  readonly curdata?: boolean;
  /** Allocation length of each command (default and most: 0xFFFFFF, the 24-bit field). */
  readonly allocationLength?: number;
  /** Replies byte for byte as last time are not decoded again (their descriptors are shared: do not change them). */
  readonly memo?: ElementStatusMemo | undefined;
}

/** The descriptors read, or the command that failed with its outcome. */
export type ElementStatusRead =
  | { readonly ok: true; readonly descriptors: ElementDescriptor[] }
  | { readonly ok: false; readonly command: string; readonly outcome: Extract<ElementStatusOutcome, { ok: false }> };

/** Largest allocation length READ ELEMENT STATUS can carry (24-bit field). */
export const MAX_ELEMENT_STATUS_ALLOCATION = 0xffffff;

/** The most bytes {@link zeroFillShortReport} supplies: one page header, what tgt's byte count leaves out. */
const MAX_FILL = 8;

/**
 * A report that ends up to 8 bytes before its own BYTE COUNT OF REPORT AVAILABLE although the allocation length
 * left room, and holds at least one page header, padded with zeros to that count. tgt counts the 8-byte data header instead of the page header, so
 * every one-type reply is 8 bytes short and its last descriptor would be dropped (docs/tgt-quirks.md); mtx reads
 * such replies from a zero-filled buffer, and so does this. Anything else is returned as it is.
 */
export function zeroFillShortReport(data: Buffer, allocationLength: number): Buffer {
  // Only a reply that holds a page header is filled: tgt's reply with no descriptor (a chunk read past the last
  // element) is the bare 8-byte data header claiming 8 more, and filling it would invent a page header of zeros.
  if (data.length < 16 || data.length >= allocationLength) return data;
  const declared = 8 + data.readUIntBE(5, 3);
  if (declared <= data.length || declared - data.length > MAX_FILL || declared > allocationLength) return data;
  return Buffer.concat([data, Buffer.alloc(declared - data.length)]);
}

/**
 * READ ELEMENT STATUS of `count` elements of `elementType` at or after address `first`, in as many chunks as it
 * takes. NUMBER OF ELEMENTS counts elements, not addresses (SMC-3 6.10, docs/smc-reference.md 1.2): addresses of one
 * type may have gaps.
 */
export async function readElementStatus(
  execute: ElementStatusExecutor,
  elementType: number,
  first: number,
  count: number,
  options: ElementStatusOptions = {},
): Promise<ElementStatusRead> {
  const allocationLength = options.allocationLength ?? MAX_ELEMENT_STATUS_ALLOCATION;
  const descriptors: ElementDescriptor[] = [];
  let voltag = options.voltag ?? true;
  let dvcid = options.dvcid ?? false;
  let next = first;
  while (descriptors.length < count) {
    const numberOfElements = count - descriptors.length;
    const cdb = encodeReadElementStatusCdb({
      voltag,
      elementType,
      startingAddress: next,
      numberOfElements,
      curdata: options.curdata ?? false,
      dvcid,
      allocationLength,
    });
    const r = await execute(cdb, allocationLength);
    if (!r.ok) {
      const illegal = r.sense?.key === SenseKey.ILLEGAL_REQUEST;
      if (illegal && descriptors.length === 0 && dvcid) dvcid = false;
      else if (illegal && descriptors.length === 0 && voltag) voltag = false;
      else if (illegal && descriptors.length > 0)
        break; // past the last element of the type
      else
        return {
          ok: false,
          command: `READ ELEMENT STATUS type ${elementType} from ${next} count ${numberOfElements}`,
          outcome: r,
        };
      continue;
    }
    const data = zeroFillShortReport(r.dataIn, allocationLength);
    let chunk = options.memo?.lookup(cdb, data);
    if (!chunk) {
      chunk = decodeElementStatus(data)
        .pages.flatMap((p) => p.descriptors)
        .filter((d) => d.address >= next)
        .slice(0, numberOfElements);
      options.memo?.store(cdb, data, chunk);
    }
    if (chunk.length === 0) break;
    descriptors.push(...chunk);
    next = chunk.reduce((m, d) => Math.max(m, d.address), next) + 1;
  }
  return { ok: true, descriptors };
}
