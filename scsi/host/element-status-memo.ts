/**
 * A reader's memory of the READ ELEMENT STATUS replies it decoded last: a reply byte for byte the same as the
 * last one to the same request gives the same descriptors, so they are not decoded again (a suite that reads a
 * 20,000-element library before and after every call mostly reads it unchanged). The command is still sent and
 * its reply still compared in full: only the decoding is saved. The descriptors handed out are shared between
 * the reads that hit: the caller must not change them.
 * Spec: SMC-3 6.10 READ ELEMENT STATUS, docs/smc-reference.md 1.3 (the reply layout: same bytes, same descriptors).
 */
import type { ElementDescriptor } from '../codec/index.js';

/** Requests remembered (distinct CDBs); the oldest is forgotten first. */
const ENTRIES = 16;

interface Remembered {
  readonly bytes: Buffer;
  readonly descriptors: readonly ElementDescriptor[];
}

/** The last decoded reply per request (its CDB), for {@link readElementStatus}'s `memo` option. */
export class ElementStatusMemo {
  private readonly replies = new Map<string, Remembered>();

  /** The descriptors decoded from `data` when the last reply to `cdb` had exactly these bytes. */
  lookup(cdb: Uint8Array, data: Uint8Array): readonly ElementDescriptor[] | undefined {
    const hit = this.replies.get(Buffer.from(cdb).toString('hex'));
    return hit && hit.bytes.equals(data) ? hit.descriptors : undefined;
  }

  /** Remembers the descriptors decoded from `data`, the reply to `cdb` (the bytes are copied). */
  store(cdb: Uint8Array, data: Uint8Array, descriptors: readonly ElementDescriptor[]): void {
    const key = Buffer.from(cdb).toString('hex');
    this.replies.delete(key);
    this.replies.set(key, { bytes: Buffer.from(data), descriptors });
    if (this.replies.size > ENTRIES) {
      const oldest = this.replies.keys().next();
      if (!oldest.done) this.replies.delete(oldest.value);
    }
  }
}
