/**
 * MOVE MEDIUM (A5h) vectors. Layout: SMC-3 clause 6 / docs/smc-reference.md 1.2: 2-3 MEDIUM TRANSPORT ADDRESS,
 * 4-5 SOURCE, 6-7 DESTINATION, 8-9 reserved, 10 bit 0 INVERT, 11 CONTROL (bits 7-6 vendor: mtx eepos).
 */
import { expect } from 'chai';
import { decodeMoveMediumCdb, encodeMoveMediumCdb } from '../../../../scsi/codec/cdb/move-medium.js';
import { checkVectors } from './cdb-vectors.js';

describe('scsi/codec/cdb MOVE MEDIUM', () => {
  checkVectors(encodeMoveMediumCdb, decodeMoveMediumCdb, [
    {
      // A5h; byte 1 00; transport 0000h (default); source 1000h (4096); dest 0100h (256); 8-9 00; byte 10 00; control 00.
      name: 'load slot 4096 into drive 256 with the default transport',
      hex: 'a5 00 00 00 10 00 01 00 00 00 00 00',
      fields: { transportAddress: 0, sourceAddress: 4096, destinationAddress: 256, invert: false, control: 0 },
      input: { transportAddress: 0, sourceAddress: 4096, destinationAddress: 256 },
    },
    {
      // transport 0001h; source 1005h (4101); dest 0101h (257); byte 10 = INVERT 01h; control 40h (mtx eepos 1).
      name: 'INVERT and a vendor control bit',
      hex: 'a5 00 00 01 10 05 01 01 00 00 01 40',
      fields: { transportAddress: 1, sourceAddress: 4101, destinationAddress: 257, invert: true, control: 0x40 },
    },
    {
      // All-ones addresses: FFFFh each.
      name: 'largest addresses',
      hex: 'a5 00 ff ff ff ff ff ff 00 00 00 00',
      fields: {
        transportAddress: 0xffff,
        sourceAddress: 0xffff,
        destinationAddress: 0xffff,
        invert: false,
        control: 0,
      },
    },
  ]);

  it('range-checks addresses', () => {
    expect(() => encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: 70000, destinationAddress: 1 })).to.throw(
      RangeError,
      /sourceAddress/,
    );
    expect(() => encodeMoveMediumCdb({ transportAddress: -1, sourceAddress: 0, destinationAddress: 1 })).to.throw(
      RangeError,
      /transportAddress/,
    );
    expect(() =>
      encodeMoveMediumCdb({ transportAddress: 0, sourceAddress: 0, destinationAddress: Number.NaN }),
    ).to.throw(RangeError, /destinationAddress/);
  });
});
