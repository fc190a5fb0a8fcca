/**
 * Properties of the READ ELEMENT STATUS codec: round trip of random valid reports, truncation keeps whole
 * descriptors, and the decoder given random or damaged bytes returns a value or throws CodecError.
 * Spec: SMC-3 6.10; docs/smc-reference.md 1.3; contract docs/dev/codec-api.md.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  decodeElementStatus,
  encodeElementStatus,
  type ElementDescriptor,
  type ElementStatusPage,
  type ElementStatusReport,
  type ElementTypeCode,
} from '../../../../scsi/codec/element-status/index.js';
import { valueOrCodecError } from '../fuzz.js';
import { expectedDecode } from './expected-decode.js';
import { ts3100Bytes } from './ts3100-vector.js';

const u16 = fc.integer({ min: 0, max: 0xffff });
const byte = fc.integer({ min: 0, max: 0xff });
const tag = fc.record({ id: fc.stringMatching(/^[A-Z0-9]{0,32}$/), sequence: u16 });
const identifier = fc
  .record({
    codeSet: fc.integer({ min: 0, max: 15 }),
    identifierType: fc.integer({ min: 0, max: 15 }),
    identifier: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
  })
  .filter((id) => id.codeSet !== 0 || id.identifierType !== 0 || id.identifier.length !== 0);

function descriptor(type: ElementTypeCode, pvoltag: boolean, avoltag: boolean): fc.Arbitrary<ElementDescriptor> {
  const common = {
    elementType: fc.constant(type),
    address: u16,
    full: fc.boolean(),
    except: fc.boolean(),
    access: type === 1 ? fc.constant(false) : fc.boolean(),
    asc: byte,
    ascq: byte,
    svalid: fc.boolean(),
    invert: fc.boolean(),
    ed: fc.boolean(),
    mediumType: fc.integer({ min: 0, max: 7 }),
    sourceAddress: u16,
  };
  const ie =
    type === 3
      ? { impExp: fc.boolean(), inEnab: fc.boolean(), exEnab: fc.boolean(), oir: fc.boolean(), cmc: fc.boolean() }
      : {};
  const dt =
    type === 4
      ? {
          notBus: fc.boolean(),
          idValid: fc.boolean(),
          luValid: fc.boolean(),
          lun: fc.integer({ min: 0, max: 7 }),
          scsiBusAddress: byte,
        }
      : {};
  const optional = {
    ...(pvoltag ? { primaryVolumeTag: tag } : {}),
    ...(avoltag ? { alternateVolumeTag: tag } : {}),
    identifier,
  };
  return fc.record(
    { ...common, ...ie, ...dt, ...optional },
    {
      requiredKeys: [...Object.keys(common), ...Object.keys(ie), ...Object.keys(dt)] as never[],
    },
  ) as fc.Arbitrary<ElementDescriptor>;
}

const page: fc.Arbitrary<ElementStatusPage> = fc
  .tuple(fc.constantFrom<ElementTypeCode>(1, 2, 3, 4), fc.boolean(), fc.boolean(), fc.boolean())
  .chain(([elementType, pvoltag, avoltag, dvcid]) =>
    fc.array(descriptor(elementType, pvoltag, avoltag), { maxLength: 6 }).map((descriptors) => ({
      elementType,
      pvoltag,
      avoltag,
      descriptors,
      dvcid: dvcid || descriptors.some((d) => d.identifier !== undefined),
    })),
  );

const report: fc.Arbitrary<ElementStatusReport> = fc.array(page, { maxLength: 5 }).map((pages) => ({ pages }));

function lowest(r: ElementStatusReport): number {
  const all = r.pages.flatMap((p) => p.descriptors.map((d) => d.address));
  return all.length === 0 ? 0 : Math.min(...all);
}

describe('scsi/codec/element-status properties', () => {
  it('decode(encode(x)) equals x for random valid reports', () => {
    fc.assert(
      fc.property(report, (r) => {
        expect(decodeElementStatus(encodeElementStatus(r))).to.deep.equal(expectedDecode(r, lowest(r)));
      }),
      { numRuns: 300 },
    );
  });

  it('a short allocation length yields a prefix of the full reply made of whole descriptors', () => {
    fc.assert(
      fc.property(report, fc.nat(), (r, n) => {
        const full = encodeElementStatus(r);
        const alloc = n % (full.length + 1);
        const cut = encodeElementStatus(r, alloc);
        expect(cut.length).to.be.at.most(alloc);
        expect(Buffer.compare(cut, full.subarray(0, cut.length))).to.equal(0);
        if (alloc < 8) return;
        const d = decodeElementStatus(cut);
        const sent = d.pages.reduce((s, p) => s + 8 + p.descriptors.length * p.descriptorLength, 8);
        expect(sent).to.equal(cut.length);
        expect(d.truncated).to.equal(cut.length < full.length);
      }),
      { numRuns: 300 },
    );
  });

  it('decodeElementStatus on random or damaged bytes returns a value or throws CodecError', () => {
    const damaged = fc
      .tuple(
        fc.nat({ max: ts3100Bytes.length }),
        fc.array(fc.tuple(fc.nat({ max: ts3100Bytes.length - 1 }), byte), { maxLength: 4 }),
      )
      .map(([len, edits]) => {
        const b = Buffer.from(ts3100Bytes.subarray(0, len));
        for (const [i, v] of edits) if (i < b.length) b[i] = v;
        return b;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), damaged), (b) => {
        const d = valueOrCodecError(() => decodeElementStatus(b));
        if (d !== undefined) expect(d.pages.every((p) => p.descriptorLength >= 12)).to.equal(true);
      }),
      { numRuns: 3000 },
    );
  });
});
