/**
 * The fast path of READ ELEMENT STATUS: encodes descriptors straight from the library state into one
 * Buffer.allocUnsafe (every byte written), without descriptor objects, copying each cartridge's 36-byte volume tag
 * and each drive's identifier from bytes encoded once; whole reports are cached per request shape and reused
 * until the state changes ({@link ChangeTracker.version}) or the elements are re-addressed (new sorted lists).
 * After a change (a move changes two elements of 20,000), a report of the same shape and page layout starts from a
 * copy of the last one: every descriptor's first 12 bytes are written again, but a 36-byte volume tag only where
 * the tag at that position is not the one the last report wrote there, and the zeros after it not at all.
 * The answer is byte for byte what reportElement + encodeElementStatus (the reference, kept in
 * sim/commands/read-element-status.ts) produce; where the reference would throw (an unencodable tag or identifier,
 * a report over 24 bits) this path declines and the caller uses the reference.
 * Spec: SMC-3 6.10 READ ELEMENT STATUS; docs/smc-reference.md 1.3 (layouts, byte counts, truncation), 1.6 (pulled
 * magazines, IE station, cleaning cartridges).
 */
import {
  Asc,
  ElementFlag,
  ElementStatusSize,
  MediumType,
  rawReportSize,
  writeRawBytes,
  writeRawDescriptorBase,
  writeRawPageHeader,
  writeRawStatusHeader,
  writeRawZeros,
} from '../../scsi/codec/index.js';
import type { DriveModel, Personality } from '../personality/personality.js';
import { identifierBytes, samePages, volumeTagBytes, type PagePlan } from './element-status-pages.js';
import type { ChangeTracker } from './change-tracker.js';
import { ElementKind, type Cartridge, type ElementState } from './element.js';

/**
 * What the writer reads of a library state: sim/model/library-state.ts's LibraryState fits. Declared here, below
 * the state that owns a writer, so the two modules do not import each other.
 */
export interface ElementStatusSource {
  /** Counts every change of the state: a cached report is reused while it stands still. */
  readonly changes: Pick<ChangeTracker, 'version'>;
  readonly personality: Personality;
  readonly station: { readonly open: boolean };
}

const { HEADER, PAGE_HEADER, DESCRIPTOR_BASE, VOLUME_TAG, IDENTIFIER_HEADER, MAX_BYTE_COUNT } = ElementStatusSize;

/** Cached reports kept per state (distinct request shapes; the oldest goes first). */
const CACHE_ENTRIES = 8;

/** A request for descriptors: `count` elements of `list` (a LibraryState.sorted array) from index `from`. */
export interface ElementStatusRequest {
  /** ELEMENT TYPE CODE of the CDB (0 = all types). */
  readonly elementType: number;
  readonly list: readonly ElementState[];
  readonly from: number;
  readonly count: number;
  readonly voltag: boolean;
  readonly dvcid: boolean;
  readonly allocationLength: number;
}

interface CachedReport {
  readonly list: readonly ElementState[];
  readonly version: number;
  readonly bytes: Buffer;
  readonly pages: readonly PagePlan[];
  /** The volume tag written at each list position (null: zeros), when the report has tags. */
  readonly tags: readonly (Uint8Array | null)[] | undefined;
}

/** Encodes READ ELEMENT STATUS answers of one library state; one instance per state (no module-level state). */
export class ElementStatusWriter {
  private readonly tags = new WeakMap<Cartridge, Uint8Array | null>();
  private readonly identifiers = new WeakMap<DriveModel, Uint8Array>();
  private readonly cache = new Map<string, CachedReport>();
  /** Per position of a sorted list: the cartridge whose tag was last looked up there, and that tag. */
  private memo:
    { list: readonly ElementState[]; cartridges: (Cartridge | undefined)[]; tags: (Uint8Array | null)[] } | undefined;
  /** Tags of this build's elements, by list position (filled by the planning pass). */
  private buildTags: (Uint8Array | null)[] = [];

  constructor(private readonly state: ElementStatusSource) {}

  /**
   * The answer to `request`, or undefined when the reference encoder must answer instead (it will throw). The list
   * must be non-empty from `from` and `count` >= 1. The bytes are a view of the cached report, never written again
   * (a state change builds a new Buffer), so a 1 MB answer costs no copy: the caller may keep them but not change
   * them, as for any data-in of a command.
   */
  answer(request: ElementStatusRequest): Buffer | undefined {
    const report = this.report(request);
    if (!report) return undefined;
    return report.bytes.subarray(0, rawReportSize(report.pages, request.allocationLength));
  }

  /** The whole (untruncated) report for the request, from the cache when the state has not changed. */
  private report(r: ElementStatusRequest): CachedReport | undefined {
    const version = this.state.changes.version;
    const key = `${r.elementType}|${r.from}|${r.count}|${r.voltag ? 1 : 0}|${r.dvcid ? 1 : 0}`;
    const hit = this.cache.get(key);
    if (hit && hit.version === version && hit.list === r.list) return hit;
    const built = this.build(r, version, hit?.list === r.list ? hit : undefined);
    this.cache.delete(key);
    if (built) {
      this.cache.set(key, built);
      if (this.cache.size > CACHE_ENTRIES) {
        const oldest = this.cache.keys().next();
        if (!oldest.done) this.cache.delete(oldest.value);
      }
    }
    return built;
  }

  private tag(c: Cartridge): Uint8Array | null {
    let t = this.tags.get(c);
    if (t === undefined) {
      t = volumeTagBytes(c.volumeTag) ?? null;
      this.tags.set(c, t);
    }
    return t;
  }

  /** The tag of the cartridge at position `i` of `list`, remembered per position while the cartridge stays there. */
  private memoTag(list: readonly ElementState[], i: number, c: Cartridge): Uint8Array | null {
    let m = this.memo;
    if (m?.list !== list) {
      m = {
        list,
        cartridges: new Array<Cartridge | undefined>(list.length).fill(undefined),
        tags: new Array<Uint8Array | null>(list.length).fill(null),
      };
      this.memo = m;
      this.buildTags = new Array<Uint8Array | null>(list.length).fill(null);
    }
    if (m.cartridges[i] === c) return m.tags[i] ?? null;
    const t = this.tag(c);
    m.cartridges[i] = c;
    m.tags[i] = t;
    return t;
  }

  private identifier(d: DriveModel): Uint8Array {
    let id = this.identifiers.get(d);
    if (id === undefined) {
      id = identifierBytes(d);
      this.identifiers.set(d, id);
    }
    return id;
  }

  /**
   * Plans the pages (runs of one type, as the reference groups them), then writes every byte, or, when `last` (the
   * previous report of this shape over the same list) has the same pages, patches a copy of it: see the header.
   */
  private build(r: ElementStatusRequest, version: number, last: CachedReport | undefined): CachedReport | undefined {
    const { list, from, count, voltag, dvcid } = r;
    const end = from + count;
    const plans: PagePlan[] = [];
    let byteCount = 0;
    for (let i = from; i < end;) {
      const type = (list[i] as ElementState).type;
      let j = i;
      let idLength = 0;
      for (; j < end; j++) {
        const e = list[j] as ElementState;
        if (e.type !== type) break;
        if (dvcid && e.drive) {
          const n = this.identifier(e.drive.model).length;
          if (n > 255) return undefined;
          if (n > idLength) idLength = n;
        }
        if (voltag && e.cartridge) {
          const t = this.memoTag(list, j, e.cartridge);
          if (t === null) return undefined;
          this.buildTags[j] = t;
        }
      }
      const descriptorLength = DESCRIPTOR_BASE + (voltag ? VOLUME_TAG : 0) + IDENTIFIER_HEADER + idLength;
      plans.push({ type, start: i, descriptors: j - i, descriptorLength, idLength });
      byteCount += PAGE_HEADER + descriptorLength * (j - i);
      i = j;
    }
    if (byteCount > MAX_BYTE_COUNT) return undefined;
    const tags = voltag ? new Array<Uint8Array | null>(count).fill(null) : undefined;
    const before = last && samePages(last.pages, plans) ? last : undefined;
    // A cached report's bytes are handed out as they are, so a patch goes into a copy.
    const bytes = before ? Buffer.from(before.bytes) : Buffer.allocUnsafe(HEADER + byteCount);
    const patch = before ? { tags: before.tags ?? [], from } : undefined;
    writeRawStatusHeader(bytes, (list[from] as ElementState).address, count, byteCount);
    let off: number = HEADER;
    for (const plan of plans) {
      writeRawPageHeader(
        bytes,
        off,
        plan.type,
        voltag,
        false,
        plan.descriptorLength,
        plan.descriptorLength * plan.descriptors,
      );
      off += PAGE_HEADER;
      for (let i = plan.start; i < plan.start + plan.descriptors; i++) {
        const tag = this.writeDescriptor(bytes, off, list[i] as ElementState, i, voltag, dvcid, plan.idLength, patch);
        if (tags) tags[i - from] = tag;
        off += plan.descriptorLength;
      }
    }
    return { list, version, bytes, pages: plans, tags };
  }

  /**
   * One descriptor, as reportElement describes the element and writeElementDescriptor lays it out. With `patch`,
   * `buf` already holds the last report of the same layout, whose tag at list position i was `patch.tags[i -
   * patch.from]`: a tag that is the same bytes object is not copied again, and the zeros after the tag (or the
   * drive identifier) are already there. Returns the tag written (null: zeros or none).
   */
  private writeDescriptor(
    buf: Buffer,
    off: number,
    e: ElementState,
    i: number,
    voltag: boolean,
    dvcid: boolean,
    idLength: number,
    patch?: { readonly tags: readonly (Uint8Array | null)[]; readonly from: number },
  ): Uint8Array | null {
    const p = this.state.personality;
    const isIe = e.type === ElementKind.IMPORT_EXPORT;
    let flags = 0;
    let asc = 0;
    let ascq = 0;
    let byte9 = 0;
    let source = 0;
    let tag: Uint8Array | null = null;
    if (e.magazine !== undefined && !e.magazine.present) {
      switch (p.pulledMagazineStyle) {
        case 'access-only':
          break;
        case 'except-3b12':
          flags = ElementFlag.EXCEPT;
          ({ asc, ascq } = Asc.MEDIUM_MAGAZINE_REMOVED);
          break;
        case 'ed-3b12':
          flags = ElementFlag.EXCEPT;
          byte9 = 0x08;
          ({ asc, ascq } = Asc.MEDIUM_MAGAZINE_REMOVED);
          break;
        case 'vendor-8302':
          flags = ElementFlag.EXCEPT;
          ({ asc, ascq } = Asc.VENDOR_MAGAZINE_NOT_INSTALLED);
          break;
      }
      if (isIe)
        flags |=
          (p.importExport.inEnab ? ElementFlag.INENAB : 0) |
          (p.importExport.exEnab ? ElementFlag.EXENAB : 0) |
          ElementFlag.OIR;
    } else {
      const c = e.cartridge;
      if (c !== undefined) {
        flags = ElementFlag.FULL;
        if (c.kind === 'cleaning') {
          if (c.spent) flags |= ElementFlag.EXCEPT;
          if (c.spent || p.cleaning.reportCleanerAsc) ({ asc, ascq } = Asc.CLEANING_CARTRIDGE_INSTALLED);
          byte9 = MediumType.CLEANING;
        } else {
          byte9 = MediumType.DATA;
        }
        const last = c.lastStorage;
        if (last !== undefined) {
          byte9 |= 0x80;
          source = last.address;
        }
        if (voltag) tag = this.buildTags[i] ?? null;
      }
      if (e.type !== ElementKind.TRANSPORT && !(isIe && this.state.station.open)) flags |= ElementFlag.ACCESS;
      if (isIe) {
        if (c !== undefined && c.placedByOperator) flags |= ElementFlag.IMPEXP;
        if (p.importExport.inEnab) flags |= ElementFlag.INENAB;
        if (p.importExport.exEnab) flags |= ElementFlag.EXENAB;
        if (this.state.station.open && !p.importExport.closeCommand) flags |= ElementFlag.OIR;
      }
    }
    writeRawDescriptorBase(buf, off, e.address, flags, asc, ascq, 0, 0, byte9, source);
    let q = off + DESCRIPTOR_BASE;
    if (voltag) {
      if (patch && patch.tags[i - patch.from] === tag) {
        // The same tag (or no tag: zeros) is already there.
      } else if (tag) writeRawBytes(buf, q, tag);
      else writeRawZeros(buf, q, VOLUME_TAG);
      q += VOLUME_TAG;
    }
    if (patch && !(dvcid && e.drive)) return tag;
    if (dvcid && e.drive) {
      const id = this.identifier(e.drive.model);
      buf[q] = 2;
      buf[q + 1] = 1;
      buf[q + 2] = 0;
      buf[q + 3] = id.length;
      writeRawBytes(buf, q + IDENTIFIER_HEADER, id);
      writeRawZeros(buf, q + IDENTIFIER_HEADER + id.length, idLength - id.length);
    } else {
      writeRawZeros(buf, q, IDENTIFIER_HEADER + idLength);
    }
    return tag;
  }
}
