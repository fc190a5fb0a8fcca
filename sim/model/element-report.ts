/**
 * What one element reports in READ ELEMENT STATUS, computed from the state: FULL, ACCESS, EXCEPT, ED, ASC/ASCQ,
 * the IE bits, SVALID and source address, medium type and volume tag. The RES handler turns it into the codec's
 * descriptor; the control API's status view uses it too.
 * Spec: SMC-3 6.10.5 element descriptors; smc-reference.md 1.3 (flags per type), 1.6 (pulled magazine styles,
 * IE station ACCESS/OIR, cleaning cartridges 30/03), 5.3 and 5.7.
 */
import { Asc } from '../../scsi/codec/sense-codes.js';
import type { PulledMagazineStyle } from '../personality/personality.js';
import { ElementKind, isInPulledMagazine, type ElementKindCode, type ElementState } from './element.js';
import type { LibraryState } from './library-state.js';

/** Medium type codes of descriptor byte 9 bits 2-0 (smc-reference 1.3). */
export const ReportedMediumType = { UNSPECIFIED: 0, DATA: 1, CLEANING: 2 } as const;

/** The fields of one element descriptor, independent of the wire encoding. */
export interface ElementReport {
  readonly type: ElementKindCode;
  readonly address: number;
  readonly full: boolean;
  readonly access: boolean;
  readonly except: boolean;
  /** ED (element disabled, SMC-3): the element is unusable (ed-3b12 style for a pulled magazine). */
  readonly ed: boolean;
  readonly asc: number;
  readonly ascq: number;
  /** IE elements only (false elsewhere). */
  readonly impExp: boolean;
  readonly inEnab: boolean;
  readonly exEnab: boolean;
  readonly oir: boolean;
  readonly svalid: boolean;
  readonly sourceAddress: number;
  readonly mediumType: number;
  /** Primary volume tag; undefined when the element is empty or cannot be seen (pulled magazine). */
  readonly volumeTag: string | undefined;
}

const PULLED: Readonly<Record<PulledMagazineStyle, { except: boolean; ed: boolean; asc: number; ascq: number }>> = {
  'access-only': { except: false, ed: false, asc: 0, ascq: 0 },
  'except-3b12': { except: true, ed: false, ...Asc.MEDIUM_MAGAZINE_REMOVED },
  'ed-3b12': { except: true, ed: true, ...Asc.MEDIUM_MAGAZINE_REMOVED },
  'vendor-8302': { except: true, ed: false, ...Asc.VENDOR_MAGAZINE_NOT_INSTALLED },
};

/**
 * The report of one element. A pulled magazine's elements report FULL=0 and no tag ([I] smc-reference 1.6) with
 * the personality's style. IE elements have ACCESS=0 while the station is open; OIR=1 when only the operator can
 * make them accessible again (pulled magazine, or station open on a product without CLOSE IMPORT/EXPORT).
 * Cleaners report medium type 2; a spent cleaner reports EXCEPT=1 with 30/03 on every product, a usable one
 * 30/03 with EXCEPT=0 only where the product does (IBM/Dell, `reportCleanerAsc`) — see docs/simulator.md.
 */
export function reportElement(state: LibraryState, e: ElementState): ElementReport {
  const p = state.personality;
  const isIe = e.type === ElementKind.IMPORT_EXPORT;
  const ieBits = { impExp: false, inEnab: isIe && p.importExport.inEnab, exEnab: isIe && p.importExport.exEnab };
  if (isInPulledMagazine(e)) {
    return { type: e.type, address: e.address, full: false, access: false, ...PULLED[p.pulledMagazineStyle], ...ieBits, oir: isIe, svalid: false, sourceAddress: 0, mediumType: 0, volumeTag: undefined };
  }
  const c = e.cartridge;
  let access = e.type !== ElementKind.TRANSPORT;
  let oir = false;
  if (isIe && state.station.open) {
    access = false;
    oir = !p.importExport.closeCommand;
  }
  let except = false;
  let asc = 0;
  let ascq = 0;
  if (c?.kind === 'cleaning' && (c.spent || p.cleaning.reportCleanerAsc)) {
    except = c.spent;
    asc = Asc.CLEANING_CARTRIDGE_INSTALLED.asc;
    ascq = Asc.CLEANING_CARTRIDGE_INSTALLED.ascq;
  }
  const source = c?.lastStorage;
  return {
    type: e.type,
    address: e.address,
    full: c !== undefined,
    access,
    except,
    ed: false,
    asc,
    ascq,
    impExp: isIe && c !== undefined && c.placedByOperator,
    inEnab: ieBits.inEnab,
    exEnab: ieBits.exEnab,
    oir,
    svalid: source !== undefined,
    sourceAddress: source?.address ?? 0,
    mediumType: c === undefined ? ReportedMediumType.UNSPECIFIED : c.kind === 'cleaning' ? ReportedMediumType.CLEANING : ReportedMediumType.DATA,
    volumeTag: c?.volumeTag,
  };
}
