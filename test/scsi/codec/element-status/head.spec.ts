/**
 * decodeElementStatusHead (scsi/codec/element-status/decode.ts): the first N descriptors decoded, all counted, with
 * the same checks and errors as the full decoder, on the TS3100 byte vector and on truncated and malformed
 * copies of it. Contract: docs/smc-reference.md 1.3 (header and page header layouts, byte counts, truncation).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  decodeElementStatus,
  decodeElementStatusHead,
  encodeElementStatus,
} from '../../../../scsi/codec/element-status/index.js';
import { CodecError } from '../../../../scsi/codec/codec-error.js';
import { valueOrCodecError } from '../fuzz.js';
import { ts3100Bytes, ts3100Report } from './ts3100-vector.js';

const addresses = (d: ReturnType<typeof decodeElementStatus>) =>
  d.pages.map((p) => [p.elementType, p.descriptors.map((x) => x.address)]);

describe('scsi/codec/element-status head decoding', () => {
  it('with room for every descriptor gives what the full decoder gives, and their count', () => {
    const head = decodeElementStatusHead(ts3100Bytes, 100);
    expect(head.status).to.deep.equal(decodeElementStatus(ts3100Bytes));
    expect(head.descriptorCount).to.equal(5);
  });

  it('decodes only the first N descriptors in page order, keeps every page header, and counts them all', () => {
    const head = decodeElementStatusHead(ts3100Bytes, 2);
    const full = decodeElementStatus(ts3100Bytes);
    expect(head.descriptorCount).to.equal(5);
    expect(addresses(head.status)).to.deep.equal([
      [1, [1]],
      [2, [4096]],
      [3, []],
      [4, []],
    ]);
    expect(head.status.pages.map((p) => [p.descriptorLength, p.byteCount])).to.deep.equal(
      full.pages.map((p) => [p.descriptorLength, p.byteCount]),
    );
    expect(head.status.pages[1]?.descriptors[0]).to.deep.equal(full.pages[1]?.descriptors[0]);
    expect(decodeElementStatusHead(ts3100Bytes, 0).status.pages.every((p) => p.descriptors.length === 0)).to.equal(
      true,
    );
  });

  it('counts only the whole descriptors of a reply cut by the allocation length', () => {
    const cut = encodeElementStatus(ts3100Report, 150);
    const head = decodeElementStatusHead(cut, 1);
    expect(head.descriptorCount).to.equal(2);
    expect(head.status.truncated).to.equal(true);
    expect(addresses(head.status)).to.deep.equal([
      [1, [1]],
      [2, []],
    ]);
  });

  it('throws as the full decoder does for a malformed page after the descriptors it decodes', () => {
    const bad = Buffer.from(ts3100Bytes);
    bad[240] = 7; // the DT page header's element type code
    expect(() => decodeElementStatus(bad)).to.throw(CodecError, /element type code 7 is not 1-4/);
    expect(() => decodeElementStatusHead(bad, 1)).to.throw(CodecError, /element type code 7 is not 1-4/);
  });
  it('on random or damaged bytes throws exactly when the full decoder throws, and agrees with it otherwise', () => {
    const damaged = fc
      .tuple(
        fc.nat({ max: ts3100Bytes.length }),
        fc.array(fc.tuple(fc.nat({ max: ts3100Bytes.length - 1 }), fc.integer({ min: 0, max: 0xff })), {
          maxLength: 4,
        }),
      )
      .map(([len, edits]) => {
        const b = Buffer.from(ts3100Bytes.subarray(0, len));
        for (const [i, v] of edits) if (i < b.length) b[i] = v;
        return b;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), damaged), fc.nat({ max: 6 }), (b, max) => {
        const full = valueOrCodecError(() => decodeElementStatus(b));
        const head = valueOrCodecError(() => decodeElementStatusHead(b, max));
        expect(head === undefined).to.equal(full === undefined);
        if (!full || !head) return;
        const all = full.pages.flatMap((p) => p.descriptors);
        expect(head.descriptorCount).to.equal(all.length);
        expect(head.status.pages.flatMap((p) => p.descriptors)).to.deep.equal(all.slice(0, max));
      }),
      { numRuns: 500 },
    );
  });
});
