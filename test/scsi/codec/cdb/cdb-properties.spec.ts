/**
 * Properties of every CDB codec (codec-api.md "CDBs"): decode(encode(x)) = x for random valid fields, and
 * decoders (and describeCdb) never throw on random bytes of random lengths.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { describeCdb } from '../../../../scsi/codec/cdb/index.js';
import { CODEC_CASES } from './cdb-arbitraries.js';

const OPCODES = [...new Set(CODEC_CASES.map((c) => c.opcode))];

/** Random bytes of random length (0-20), with byte 0 often one of the decoded opcodes. */
const randomCdb = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 20 }),
  fc
    .tuple(fc.constantFrom(...OPCODES), fc.uint8Array({ minLength: 0, maxLength: 19 }))
    .map(([op, rest]) => Uint8Array.from([op, ...rest])),
);

describe('scsi/codec/cdb properties', () => {
  for (const c of CODEC_CASES) {
    describe(c.name, () => {
      it('decode(encode(x)) equals x for random valid fields', () => {
        fc.assert(
          fc.property(c.arbitrary, (fields) => {
            const bytes = c.encode(fields);
            expect(bytes.length).to.equal(c.length);
            expect(bytes[0]).to.equal(c.opcode);
            expect(c.decode(bytes)).to.deep.equal({ ok: true, value: fields });
          }),
        );
      });

      it('never throws on random bytes, and a field error points inside the CDB', () => {
        fc.assert(
          fc.property(randomCdb, (bytes) => {
            const r = c.decode(bytes);
            if (r.ok) {
              expect(bytes.length).to.be.at.least(c.length);
              expect(bytes[0]).to.equal(c.opcode);
              // Whatever decodes must re-encode to a CDB that decodes the same (reserved bits dropped).
              expect(c.decode(c.encode(r.value))).to.deep.equal(r);
            } else {
              expect(r.error.byte).to.be.within(0, c.length - 1);
              if (r.error.bit !== undefined) expect(r.error.bit).to.be.within(0, 7);
              expect(r.error.reason).to.be.a('string').and.not.equal('');
            }
          }),
        );
      });
    });
  }

  it('describeCdb never throws on random bytes and always says something', () => {
    fc.assert(
      fc.property(randomCdb, (bytes) => {
        const text = describeCdb(bytes);
        expect(text).to.be.a('string').and.not.equal('');
      }),
    );
  });
});
