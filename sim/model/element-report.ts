/**
 * What one element reports in READ ELEMENT STATUS, computed from the state: FULL, ACCESS, EXCEPT, ED, ASC/ASCQ,
 * the IE bits, SVALID and source address, medium type and volume tag.
 * Spec: SMC-3 6.10 element descriptors; docs/smc-reference.md 1.3 (flags per type), 1.6 (pulled magazine styles,
 * IE station ACCESS/OIR, cleaning cartridges 30/03), 5.3 and 5.7.
 */
import { Asc, MediumType, type DeviceIdentifier, type ElementDescriptor } from '../../scsi/codec/index.js';
import type { PulledMagazineStyle } from '../personality/personality.js';
import { ElementKind, isInPulledMagazine, type ElementState } from './element.js';
import type { LibraryState } from './library-state.js';

const PULLED: Readonly<Record<PulledMagazineStyle, { except: boolean; ed: boolean; asc: number; ascq: number }>> = {
  'access-only': { except: false, ed: false, asc: 0, ascq: 0 },
  'except-3b12': { except: true, ed: false, ...Asc.MEDIUM_MAGAZINE_REMOVED },
  'ed-3b12': { except: true, ed: true, ...Asc.MEDIUM_MAGAZINE_REMOVED },
  'vendor-8302': { except: true, ed: false, ...Asc.VENDOR_MAGAZINE_NOT_INSTALLED },
};

/**
 * The descriptor of one element (built straight into the codec's shape: READ ELEMENT STATUS of 20,000 elements
 * makes one object per element). A pulled magazine's elements report FULL=0 and no tag ([I] docs/smc-reference.md 1.6)
 * with the personality's style. IE elements have ACCESS=0 while the station is open; OIR=1 when only the
 * operator can make them accessible again (pulled magazine, or station open on a product without CLOSE
 * IMPORT/EXPORT). Cleaners report medium type 2; a spent cleaner reports EXCEPT=1 with 30/03 on every product, a
 * usable one 30/03 with EXCEPT=0 only where the product does (IBM/Dell, `reportCleanerAsc`) — see
 * docs/simulator.md. `voltag` adds the primary volume tag of a visible cartridge; `identifier` is the DVCID.
 */
export function reportElement(
  state: LibraryState,
  e: ElementState,
  voltag: boolean,
  identifier?: DeviceIdentifier,
): ElementDescriptor {
  const p = state.personality;
  const isIe = e.type === ElementKind.IMPORT_EXPORT;
  let d: ElementDescriptor;
  if (isInPulledMagazine(e)) {
    const style = PULLED[p.pulledMagazineStyle];
    d = {
      elementType: e.type,
      address: e.address,
      full: false,
      access: false,
      except: style.except,
      ed: style.ed,
      asc: style.asc,
      ascq: style.ascq,
      svalid: false,
      invert: false,
      mediumType: MediumType.UNSPECIFIED,
      sourceAddress: 0,
    };
    if (isIe) {
      d.impExp = false;
      d.inEnab = p.importExport.inEnab;
      d.exEnab = p.importExport.exEnab;
      d.oir = true;
      d.cmc = false;
    }
  } else {
    const c = e.cartridge;
    const cleaner = c?.kind === 'cleaning' && (c.spent || p.cleaning.reportCleanerAsc);
    const source = c?.lastStorage;
    d = {
      elementType: e.type,
      address: e.address,
      full: c !== undefined,
      access: e.type !== ElementKind.TRANSPORT && !(isIe && state.station.open),
      except: cleaner && c.spent,
      ed: false,
      asc: cleaner ? Asc.CLEANING_CARTRIDGE_INSTALLED.asc : 0,
      ascq: cleaner ? Asc.CLEANING_CARTRIDGE_INSTALLED.ascq : 0,
      svalid: source !== undefined,
      invert: false,
      mediumType:
        c === undefined ? MediumType.UNSPECIFIED : c.kind === 'cleaning' ? MediumType.CLEANING : MediumType.DATA,
      sourceAddress: source?.address ?? 0,
    };
    if (isIe) {
      d.impExp = c !== undefined && c.placedByOperator;
      d.inEnab = p.importExport.inEnab;
      d.exEnab = p.importExport.exEnab;
      d.oir = state.station.open && !p.importExport.closeCommand;
      d.cmc = false;
    }
    if (voltag && c) d.primaryVolumeTag = { id: c.volumeTag, sequence: 0 };
  }
  if (identifier) d.identifier = identifier;
  return d;
}
